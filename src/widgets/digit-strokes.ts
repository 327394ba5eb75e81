// Sample digits for readers who cannot draw with a pointer (keyboard, screen reader): each digit is a few
// pen strokes, rasterised as the pad draws (a round pen, white on black) and then read like a drawing.

type Point = readonly [number, number];
/** A stroke: points in the unit square, x to the right, y down. */
export type Stroke = readonly Point[];

/** Points along an ellipse from angle `from` to `to` (degrees; 0 = right, 90 = down, as on a screen). */
function arc(cx: number, cy: number, rx: number, ry: number, from: number, to: number, n = 24): Point[] {
  return Array.from({ length: n + 1 }, (_, i) => {
    const t = ((from + ((to - from) * i) / n) * Math.PI) / 180;
    return [cx + rx * Math.cos(t), cy + ry * Math.sin(t)] as const;
  });
}

/** The digits 0–9, written the way most MNIST writers did (open 4, no bar on the 7, plain 1). */
export const DIGIT_STROKES: readonly (readonly Stroke[])[] = [
  [arc(0.5, 0.5, 0.26, 0.38, -90, 270, 36)],
  [
    [
      [0.56, 0.12],
      [0.46, 0.88],
    ],
  ],
  [[...arc(0.5, 0.33, 0.22, 0.2, 200, 360 + 25), [0.26, 0.86], [0.78, 0.86]]],
  [[...arc(0.47, 0.3, 0.2, 0.18, -160, 95), ...arc(0.47, 0.69, 0.23, 0.2, -95, 155)]],
  [
    [
      [0.34, 0.12],
      [0.22, 0.58],
      [0.8, 0.58],
    ],
    [
      [0.66, 0.24],
      [0.64, 0.9],
    ],
  ],
  [[[0.74, 0.13], [0.34, 0.13], [0.3, 0.45], ...arc(0.5, 0.65, 0.24, 0.22, -125, 150)]],
  [[[0.66, 0.12], [0.45, 0.32], [0.3, 0.6], ...arc(0.5, 0.68, 0.2, 0.19, 180, 540)]],
  [
    [
      [0.22, 0.15],
      [0.78, 0.15],
      [0.42, 0.9],
    ],
  ],
  [arc(0.5, 0.3, 0.17, 0.17, 90, 450), arc(0.5, 0.68, 0.21, 0.2, -90, 270)],
  [[...arc(0.5, 0.32, 0.2, 0.19, 0, 360), [0.68, 0.6], [0.62, 0.9]]],
];

function segmentDistance(px: number, py: number, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/**
 * Strokes drawn with a round pen `pen` pixels wide on a `size`×`size` black square: grey levels in [0, 1],
 * row-major, the stroke's edge anti-aliased over one pixel.
 */
export function rasterize(strokes: readonly Stroke[], size: number, pen: number): Float64Array {
  const image = new Float64Array(size * size);
  const scaled = (p: Point): Point => [p[0] * size, p[1] * size];
  const segments = strokes.flatMap((s) => s.slice(1).map((p, i) => [scaled(s[i]!), scaled(p)] as const));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let d = Infinity;
      for (const [a, b] of segments) d = Math.min(d, segmentDistance(x + 0.5, y + 0.5, a, b));
      image[y * size + x] = Math.max(0, Math.min(1, pen / 2 + 0.5 - d));
    }
  }
  return image;
}
