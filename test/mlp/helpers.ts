// Shared by the mlp tests: seeded random matrices.
import { Matrix, Rng } from "../../src/mlp/index.ts";

/** Entries uniform on (−1, 1), or exactly 0 with probability `zeros` (MNIST-like sparsity). */
export function randomMatrix(rng: Rng, rows: number, cols: number, zeros = 0): Matrix {
  const M = new Matrix(rows, cols);
  for (let q = 0; q < M.data.length; q++) M.data[q] = rng.uniform() < zeros ? 0 : 2 * rng.uniform() - 1;
  return M;
}
