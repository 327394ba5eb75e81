// A drawing as MNIST's digits were made (LeCun et al.): the ink's bounding box scaled, keeping its aspect
// ratio, to fit a 20×20 box (grey levels by area averaging, as their anti-aliasing gave), then placed in a
// 28×28 field so that its centre of mass sits at the field's centre. White ink on black, values in [0, 1].
// Pure: the digit pad (digit-pad.ts) feeds it a canvas's pixels; the tests feed it arrays.

export const SIDE = 28;
const BOX = 20;
/** A pixel darker than this is background: faint anti-aliasing at the edge of a stroke does not widen the box. */
const INK = 0.1;

/** The smallest rectangle holding every pixel with ink, or null for a blank image. */
export function inkBounds(
  gray: ArrayLike<number>,
  width: number,
  height: number,
): { x: number; y: number; w: number; h: number } | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (gray[y * width + x]! <= INK) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/**
 * Resizes one axis by area averaging: output cell i covers input [i·n/m, (i+1)·n/m), each input cell weighted
 * by how much of it lies inside.
 */
function resampleAxis(src: Float64Array, n: number, m: number, count: number, stride: number, step: number) {
  const out = new Float64Array(m * count);
  const scale = n / m;
  for (let line = 0; line < count; line++) {
    for (let i = 0; i < m; i++) {
      const a = i * scale;
      const b = a + scale;
      let sum = 0;
      for (let k = Math.floor(a); k < Math.min(Math.ceil(b), n); k++) {
        sum += src[line * stride + k * step]! * (Math.min(b, k + 1) - Math.max(a, k));
      }
      out[line * m + i] = sum / scale; // (count, m), row-major by line
    }
  }
  return out;
}

/** Crops `gray` to (x, y, w, h) and resizes it to (tw, th) by area averaging. */
export function resample(
  gray: ArrayLike<number>,
  width: number,
  box: { x: number; y: number; w: number; h: number },
  tw: number,
  th: number,
): Float64Array {
  const crop = new Float64Array(box.w * box.h);
  for (let y = 0; y < box.h; y++) {
    for (let x = 0; x < box.w; x++) crop[y * box.w + x] = gray[(box.y + y) * width + box.x + x]!;
  }
  const rows = resampleAxis(crop, box.w, tw, box.h, box.w, 1); // (h, tw): each row narrowed
  const cols = resampleAxis(rows, box.h, th, tw, 1, tw); // (tw, th): each column shortened, transposed
  const out = new Float64Array(tw * th);
  for (let x = 0; x < tw; x++) for (let y = 0; y < th; y++) out[y * tw + x] = cols[x * th + y]!;
  return out;
}

/** Centre of mass (x, y) of an image, in pixel-index coordinates; null when it is all zero. */
export function centreOfMass(
  image: ArrayLike<number>,
  width: number,
  height: number,
): { x: number; y: number } | null {
  let mass = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = image[y * width + x]!;
      mass += v;
      sx += v * x;
      sy += v * y;
    }
  }
  return mass > 0 ? { x: sx / mass, y: sy / mass } : null;
}

/**
 * A grey image (`width`×`height`, values in [0, 1], ink bright) as a 28×28 MNIST-style digit: 784 values in
 * [0, 1], row-major. Null when nothing is drawn.
 */
export function toMnist(gray: ArrayLike<number>, width: number, height: number): Float64Array | null {
  const box = inkBounds(gray, width, height);
  if (!box) return null;
  const scale = BOX / Math.max(box.w, box.h);
  const tw = Math.max(1, Math.round(box.w * scale));
  const th = Math.max(1, Math.round(box.h * scale));
  const small = resample(gray, width, box, tw, th);
  const com = centreOfMass(small, tw, th) ?? { x: (tw - 1) / 2, y: (th - 1) / 2 };
  // Where the small image's top-left goes so its centre of mass lands on the field's centre (index 14,
  // as the usual MNIST preprocessing rounds it), clipped at the edges.
  const left = Math.round(SIDE / 2 - com.x);
  const top = Math.round(SIDE / 2 - com.y);
  const out = new Float64Array(SIDE * SIDE);
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) {
      const X = left + x;
      const Y = top + y;
      if (X < 0 || Y < 0 || X >= SIDE || Y >= SIDE) continue;
      out[Y * SIDE + X] = Math.min(1, Math.max(0, small[y * tw + x]!));
    }
  }
  return out;
}

/**
 * What the pad hands the network: a canvas's RGBA pixels (white ink on black; the red channel read as grey)
 * through toMnist. Null when nothing is drawn.
 */
export function padDigit(rgba: ArrayLike<number>, width: number, height: number): Float64Array | null {
  const gray = new Float64Array(width * height);
  for (let i = 0; i < gray.length; i++) gray[i] = rgba[4 * i]! / 255;
  return toMnist(gray, width, height);
}
