import type { Dataset } from "../../src/data/dataset.ts";

/** How many labels of each class 0 … K−1. */
export function classCounts(y: ArrayLike<number>, K: number): number[] {
  const counts = Array.from({ length: K }, () => 0);
  for (let i = 0; i < y.length; i++) counts[y[i]!]!++;
  return counts;
}

/** The data set's bytes, for bit-for-bit comparisons (NaN, −0 and all). */
export function bits({ X, y }: Dataset): number[] {
  return [X.rows, X.cols, ...new Uint8Array(X.data.buffer, X.data.byteOffset, X.data.byteLength), ...y];
}

/** Rows of X with label c. */
export function rowsOf({ X, y }: Dataset, c: number): number[][] {
  return X.toArray().filter((_, i) => y[i] === c);
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export function std(values: readonly number[]): number {
  const mu = mean(values);
  return Math.sqrt(mean(values.map((v) => (v - mu) ** 2)));
}
