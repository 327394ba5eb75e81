// The 28×28 digit pad of components/CellInput.astro (kind "digit"): a canvas to draw on with a mouse, a
// finger or a pen (pointer events), sample digits for the keyboard, Clear, and a preview of what the
// network will read (digit-image.ts: MNIST's own preprocessing).
import { padDigit, SIDE } from "./digit-image.ts";
import { DIGIT_STROKES, rasterize } from "./digit-strokes.ts";

/** Pen width in canvas pixels: on the 280-pixel pad a digit drawn to full height gets MNIST's ~2-pixel strokes. */
const PEN = 22;

function need<T extends Element>(root: Element, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`CellInput digit pad: missing ${selector}`);
  return found;
}

export class DigitPad {
  readonly #canvas: HTMLCanvasElement;
  readonly #ctx: CanvasRenderingContext2D;
  readonly #preview: CanvasRenderingContext2D;
  #last: { x: number; y: number } | null = null;
  #value: Float64Array | null = null;
  /** Called after each stroke, sample or Clear with the new value (null: nothing drawn). */
  onChange: (value: Float64Array | null) => void = () => {};

  constructor(root: HTMLElement) {
    this.#canvas = need<HTMLCanvasElement>(root, "canvas[data-digit-canvas]");
    this.#ctx = this.#canvas.getContext("2d", { willReadFrequently: true })!;
    this.#preview = need<HTMLCanvasElement>(root, "canvas[data-digit-preview]").getContext("2d")!;
    this.clear();
    this.#listen();
    const sample = need<HTMLSelectElement>(root, "select[data-digit-sample]");
    need<HTMLButtonElement>(root, "button[data-digit-draw]").addEventListener("click", () =>
      this.drawSample(Number(sample.value)),
    );
    need<HTMLButtonElement>(root, "button[data-digit-clear]").addEventListener("click", () => this.clear());
  }

  /** The drawing as 784 values in [0, 1] (28×28, white on black), or null when the pad is empty. */
  get value(): Float64Array | null {
    return this.#value;
  }

  clear(): void {
    const { width, height } = this.#canvas;
    this.#ctx.fillStyle = "#000";
    this.#ctx.fillRect(0, 0, width, height);
    this.#changed();
  }

  /** Draws sample digit `d` (0–9) as if by hand, over a cleared pad. */
  drawSample(d: number): void {
    const strokes = DIGIT_STROKES[d];
    if (!strokes) return;
    const { width } = this.#canvas;
    const gray = rasterize(strokes, width, PEN);
    const image = this.#ctx.createImageData(width, width);
    gray.forEach((v, i) => {
      image.data.fill(Math.round(v * 255), 4 * i, 4 * i + 3);
      image.data[4 * i + 3] = 255;
    });
    this.#ctx.putImageData(image, 0, 0);
    this.#changed();
  }

  #changed(): void {
    const { width, height } = this.#canvas;
    this.#value = padDigit(this.#ctx.getImageData(0, 0, width, height).data, width, height);
    this.#showPreview();
    this.onChange(this.#value);
  }

  #showPreview(): void {
    const image = this.#preview.createImageData(SIDE, SIDE);
    for (let i = 0; i < SIDE * SIDE; i++) {
      image.data.fill(Math.round((this.#value?.[i] ?? 0) * 255), 4 * i, 4 * i + 3);
      image.data[4 * i + 3] = 255;
    }
    this.#preview.putImageData(image, 0, 0);
  }

  /** A pointer position in canvas pixels (the canvas may be drawn smaller than its 280 pixels). */
  #point(event: PointerEvent): { x: number; y: number } {
    const rect = this.#canvas.getBoundingClientRect();
    return {
      x: ((event.clientX - rect.left) * this.#canvas.width) / rect.width,
      y: ((event.clientY - rect.top) * this.#canvas.height) / rect.height,
    };
  }

  #line(to: { x: number; y: number }): void {
    const ctx = this.#ctx;
    const from = this.#last ?? to;
    ctx.strokeStyle = "#fff";
    ctx.lineWidth = PEN;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    this.#last = to;
  }

  #listen(): void {
    const canvas = this.#canvas;
    canvas.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      event.preventDefault();
      canvas.setPointerCapture(event.pointerId);
      this.#last = null;
      this.#line(this.#point(event)); // a dot, for a tap
    });
    canvas.addEventListener("pointermove", (event) => {
      if (this.#last === null) return;
      const events = event.getCoalescedEvents?.() ?? [];
      for (const e of events.length > 0 ? events : [event]) this.#line(this.#point(e));
    });
    const end = (): void => {
      if (this.#last === null) return;
      this.#last = null;
      this.#changed();
    };
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointercancel", end);
  }
}
