// The matrices of one forward and backward pass, made once for batches of m rows and reused every step.

import { Matrix } from "./matrix.ts";

/** Values of one forward pass: S_l and A_l = f(S_l) for every layer l (X itself is not included). */
export interface Pass {
  S: Matrix[];
  A: Matrix[];
}

/** One backward pass: the loss, the forward values, δ_l = ∂L/∂S_l, dW_l = ∂L/∂W_l, db_l = ∂L/∂b_l. */
export interface Gradients extends Pass {
  loss: number;
  delta: Matrix[];
  dW: Matrix[];
  db: Matrix[];
}

/** Preallocated matrices for batches of m rows: reused across steps, so training allocates nothing. */
export class Workspace implements Gradients {
  readonly m: number;
  loss = NaN;
  readonly S: Matrix[];
  readonly A: Matrix[];
  readonly delta: Matrix[];
  readonly dW: Matrix[];
  readonly db: Matrix[];

  constructor(sizes: readonly number[], m: number) {
    const out = sizes.slice(1);
    this.m = m;
    this.S = out.map((n) => new Matrix(m, n)); // (m, n_l)
    this.A = out.map((n) => new Matrix(m, n)); // (m, n_l)
    this.delta = out.map((n) => new Matrix(m, n)); // (m, n_l)
    this.dW = out.map((n, l) => new Matrix(sizes[l]!, n)); // (n_{l-1}, n_l)
    this.db = out.map((n) => new Matrix(1, n)); // (1, n_l)
  }
}
