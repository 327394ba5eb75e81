// MNIST as a data set: 28×28 grey images (bytes 0 … 255) flattened to rows of 784 values in [0, 1].
import { Matrix } from "../mlp/matrix.ts";
import { oneHot } from "../mlp/onehot.ts";
import type { Dataset } from "./dataset.ts";
import type { Idx } from "./idx.ts";

/** K = 10: the digits 0 … 9. */
export const MNIST_CLASSES = 10;

/** Pixel bytes to [0, 1]: x = byte / 255, computed in double precision. */
export function normalise(pixels: Uint8Array): Float64Array {
  const out = new Float64Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i]! / 255;
  return out;
}

/**
 * Parsed IDX images (u8, dims [m, rows, cols]) and labels (u8, dims [m]) as a data set: X is
 * (m × rows·cols), each image flattened row by row and normalised to [0, 1]; y holds the digits.
 */
export function toDataset(images: Idx, labels: Idx): Dataset {
  if (images.dtype !== "u8" || images.dims.length !== 3) {
    throw new Error(
      `toDataset: images must be u8 with dims [m, rows, cols], found ${images.dtype} with dims [${images.dims.join(", ")}]`,
    );
  }
  if (labels.dtype !== "u8" || labels.dims.length !== 1) {
    throw new Error(
      `toDataset: labels must be u8 with dims [m], found ${labels.dtype} with dims [${labels.dims.join(", ")}]`,
    );
  }
  const [m, rows, cols] = images.dims as [number, number, number];
  if (labels.dims[0] !== m) throw new Error(`toDataset: ${m} images but ${labels.dims[0]} labels`);
  const X = new Matrix(m, rows * cols, normalise(images.data as Uint8Array)); // (m, 784)
  return { X, y: Int32Array.from(labels.data) };
}

/** The digits as one-hot rows, the targets Y (m×10) for a softmax output. */
export function oneHotDigits(y: ArrayLike<number>): Matrix {
  return oneHot(y, MNIST_CLASSES);
}
