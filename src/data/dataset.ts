import type { Matrix } from "../mlp/matrix.ts";

/** A labelled data set: X holds one example per row (m×n), y the class of each row (m labels, 0 … K−1). */
export interface Dataset {
  X: Matrix;
  y: Int32Array;
}
