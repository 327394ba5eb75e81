// Shared by the mlp tests: seeded random matrices.
import { Matrix, Rng } from "../../src/mlp/index.ts";

/** Entries uniform on (−1, 1), or exactly 0 with probability `zeros` (MNIST-like sparsity). */
export function randomMatrix(rng: Rng, rows: number, cols: number, zeros = 0): Matrix {
  const M = new Matrix(rows, cols);
  for (let q = 0; q < M.data.length; q++) M.data[q] = rng.uniform() < zeros ? 0 : 2 * rng.uniform() - 1;
  return M;
}

/**
 * Where two arrays of doubles first differ as bit patterns (so −0 ≠ 0, and NaN = NaN of the same bits), or
 * "identical"; a readable message for expect(…).toBe("identical").
 */
export function bitDifference(actual: Float64Array, expected: Float64Array): string {
  if (actual.length !== expected.length) return `lengths ${actual.length} ≠ ${expected.length}`;
  const a = new BigUint64Array(actual.buffer, actual.byteOffset, actual.length);
  const e = new BigUint64Array(expected.buffer, expected.byteOffset, expected.length);
  for (let q = 0; q < a.length; q++) {
    if (a[q] !== e[q]) return `[${q}]: ${actual[q]} ≠ ${expected[q]}`;
  }
  return "identical";
}

/**
 * The first entry where C differs from the expected numbers (Object.is: +0 and −0 differ, every NaN is NaN),
 * or "identical". NaN's bits are not compared: x86 gives a NaN the payload of one of two NaN operands, and
 * which one may differ between two compilations of the same sum.
 */
export function numberDifference(actual: Float64Array, expected: Float64Array): string {
  const q = expected.findIndex((e, i) => !Object.is(actual[i], e));
  return q < 0 ? "identical" : `[${q}]: ${actual[q]} ≠ ${expected[q]}`;
}
