// Images kept as their bytes (one per pixel, 0 … 255) and turned into numbers a minibatch at a time: all of
// MNIST's training images are 47 MB as bytes, 376 MB as float64.
import type { BatchSource } from "../mlp/batch-source.ts";
import type { Matrix } from "../mlp/matrix.ts";

/**
 * m images of n pixels each, stored row after row in `pixels`, as a batch source for train: each gathered row
 * is x = byte / 255 in double precision, the same numbers normalise() gives the whole set at once.
 */
export function pixelRows(pixels: Uint8Array, m: number, n: number): BatchSource {
  if (!(pixels instanceof Uint8Array)) {
    throw new Error(
      `pixelRows: pixels must be a Uint8Array of bytes, got ${pixels === null ? "null" : typeof pixels}`,
    );
  }
  if (!Number.isInteger(m) || !Number.isInteger(n) || m < 0 || n < 1 || pixels.length !== m * n) {
    throw new Error(`pixelRows: ${pixels.length} bytes are not ${m} images of ${n} pixels (${m * n} bytes)`);
  }
  return {
    rows: m,
    cols: n,
    gather(out: Matrix, order: Int32Array, from: number): void {
      if (out.cols !== n) throw new Error(`pixelRows.gather: out has ${out.cols} columns, the images ${n}`);
      const dst = out.data;
      for (let r = 0; r < out.rows; r++) {
        const s = order[from + r]! * n;
        const d = r * n;
        for (let j = 0; j < n; j++) dst[d + j] = pixels[s + j]! / 255; // (m_b, n)
      }
    },
  };
}
