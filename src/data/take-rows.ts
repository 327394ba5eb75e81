import { Matrix } from "../mlp/matrix.ts";
import type { Dataset } from "./dataset.ts";

/** The examples at the given row indices, in that order: X[rows], y[rows]. */
export function takeRows({ X, y }: Dataset, rows: ArrayLike<number>): Dataset {
  const n = X.cols;
  const Xs = new Matrix(rows.length, n); // (rows.length, n)
  const ys = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const from = rows[i]!;
    if (!Number.isInteger(from) || from < 0 || from >= X.rows) {
      throw new Error(`takeRows: row index ${from} is outside 0 … ${X.rows - 1}`);
    }
    Xs.data.set(X.data.subarray(from * n, (from + 1) * n), i * n);
    ys[i] = y[from]!;
  }
  return { X: Xs, y: ys };
}
