// One-hot targets: label c among K classes becomes the row with a 1 in column c and 0 elsewhere.

import { checkLabelList } from "./describe.ts";
import { Matrix } from "./matrix.ts";

/** Y (m×K) with Y_ic = 1 where c = labels[i]. */
export function oneHot(labels: ArrayLike<number>, K: number): Matrix {
  checkLabelList("oneHot", "labels", labels);
  if (!Number.isInteger(K) || K < 1) {
    throw new Error(`oneHot: K (the number of classes) must be a positive integer, got ${K}`);
  }
  const Y = new Matrix(labels.length, K); // (m, K)
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    if (!Number.isInteger(c) || c < 0 || c >= K) {
      throw new Error(
        `oneHot: label ${c} at index ${i} is not a class 0…${K - 1} (K = ${K}); check the labels or raise K`,
      );
    }
    Y.data[i * K + c] = 1;
  }
  return Y;
}
