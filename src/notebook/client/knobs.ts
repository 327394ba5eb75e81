// A cell's knobs in the page (render-knob.ts makes the controls, knobs.ts says what they are): the reader's
// settings restored from localStorage as the page opens, saved as they change, sent to the kernel under
// knobKey(cell, n), and put back to the built values by Reset. The notebook decides what runs (dependents.ts).
import { knobKey } from "../knobs.ts";
import type { Output } from "../protocol.ts";
import { knobShape, readKnob, renderKnob, showKnobValue, writeKnob } from "../render-knob.ts";
import type { CellView } from "./cell-view.ts";
import { loadKnobs, saveKnobs, type KnobSetting } from "./knob-store.ts";

type KnobOutput = Extract<Output, { kind: "knob" }>;

export interface KnobEvents {
  /** A setting changed: give it to the kernel (null: the knob's own value again). */
  input(key: string, value: KnobSetting | null): void;
  /** The reader moved a knob; `released`: the drag (or key press) ended. */
  moved(released: boolean): void;
  /** The reader is about to move a knob: the cells above can start running now. */
  prepare(): void;
}

export class CellKnobs {
  readonly #view: CellView;
  readonly #chapter: string;
  readonly #events: KnobEvents;
  /** The values the build showed, by knob number: what Reset returns to. */
  readonly #built = new Map<number, KnobSetting>();
  /** The reader's settings, by knob number (saved). */
  readonly #settings: Map<number, KnobSetting>;

  constructor(view: CellView, chapter: string, events: KnobEvents) {
    this.#view = view;
    this.#chapter = chapter;
    this.#events = events;
    for (const box of this.#boxes()) {
      const built = readKnob(box, { built: true });
      if (built !== null) this.#built.set(Number(box.dataset.knob), built);
    }
    this.#settings = loadKnobs(chapter, view.id, view.hash);
    const { knobs } = view;
    knobs.addEventListener("input", (event) => this.#changed(event, false));
    knobs.addEventListener("change", (event) => this.#changed(event, true));
    for (const type of ["pointerdown", "focusin"]) knobs.addEventListener(type, () => events.prepare());
  }

  #boxes(): HTMLElement[] {
    return Array.from(this.#view.knobs.querySelectorAll<HTMLElement>("[data-knob]"));
  }

  #box(n: number): HTMLElement | undefined {
    return this.#boxes().find((b) => b.dataset.knob === String(n));
  }

  /** The cell has knobs the reader set away from their built values. */
  get changed(): boolean {
    return [...this.#settings].some(([n, v]) => this.#built.get(n) !== v);
  }

  /** Every saved setting as the kernel keys it. */
  entries(): [string, KnobSetting][] {
    return [...this.#settings].map(([n, v]) => [knobKey(this.#view.id, n), v]);
  }

  /** Puts the saved settings in the controls (as the page opens); true when one differs from the build's. */
  restore(): boolean {
    for (const [n, v] of this.#settings) {
      const box = this.#box(n);
      if (box) writeKnob(box, v);
    }
    return this.changed;
  }

  #changed(event: Event, released: boolean): void {
    const box = (event.target as Element).closest<HTMLElement>("[data-knob]");
    if (!box) return;
    showKnobValue(box);
    const value = readKnob(box);
    if (value === null) return;
    const n = Number(box.dataset.knob);
    if (this.#settings.get(n) === value && !released) return;
    this.#settings.set(n, value);
    saveKnobs(this.#chapter, this.#view.id, this.#view.hash, this.#settings);
    this.#events.input(knobKey(this.#view.id, n), value);
    this.#events.moved(released);
  }

  /** A run declared knob n: its control is made, or remade if the code now asks for another one. */
  place(output: KnobOutput): void {
    const old = this.#box(output.n);
    if (old && old.dataset.knobShape === knobShape(output.knob)) {
      // The reader's control stays as it is (it may be mid-drag); one they never set shows the value used.
      if (!this.#settings.has(output.n)) writeKnob(old, output.knob.value);
      return;
    }
    const box = renderKnob(this.#view.root.ownerDocument, output, this.#view.id);
    if (old) old.replaceWith(box);
    else {
      const after = this.#boxes().find((b) => Number(b.dataset.knob) > output.n);
      if (after) after.before(box);
      else this.#view.knobs.append(box);
    }
  }

  /** After a run without error: the controls of knobs the code no longer declares go. */
  prune(seen: ReadonlySet<number>): void {
    for (const box of this.#boxes()) if (!seen.has(Number(box.dataset.knob))) box.remove();
  }

  /** Back to the built values; true when a knob moved. */
  reset(): boolean {
    const moved = this.changed;
    for (const n of this.#settings.keys()) {
      const box = this.#box(n);
      const built = this.#built.get(n);
      if (box && built !== undefined) writeKnob(box, built);
      this.#events.input(knobKey(this.#view.id, n), null);
    }
    this.#settings.clear();
    saveKnobs(this.#chapter, this.#view.id, this.#view.hash, this.#settings);
    return moved;
  }
}
