// One dense layer: every output unit sees every input. Forward S = A_prev·W + b, A = f(S); backward, given
// δ = ∂L/∂S, the gradients dW = A_prevᵀ·δ and db = Σ_i δ_i, and ∂L/∂A_prev = δ·Wᵀ for the layer below.

import type { Activation } from "./activations.ts";
import { matmulInto, matmulTransAInto, matmulTransBInto } from "./matmul.ts";
import { Matrix, addRowVectorInto, colSumsInto, shapeOf } from "./matrix.ts";

/** A dense layer: S = A_prev·W + b, A = f(S); W (n_in, n_out), b (1, n_out). */
export class Dense {
  /** (n_in, n_out): column j holds the weights into unit j. */
  readonly W: Matrix;
  /** (1, n_out): one bias per unit. */
  readonly b: Matrix;
  readonly activation: Activation;

  constructor(W: Matrix, b: Matrix, activation: Activation) {
    if (b.rows !== 1 || b.cols !== W.cols) {
      throw new Error(`Dense: W is ${shapeOf(W)}, so b must be (1×${W.cols}), got ${shapeOf(b)}`);
    }
    this.W = W;
    this.b = b;
    this.activation = activation;
  }

  get nIn(): number {
    return this.W.rows;
  }

  get nOut(): number {
    return this.W.cols;
  }

  /** S = A_prev·W + b and A = f(S), into S and A (m×n_out) that the caller keeps. */
  forwardInto(S: Matrix, A: Matrix, Aprev: Matrix): void {
    if (Aprev.cols !== this.nIn) {
      throw new Error(
        `Dense.forward: A_prev is ${shapeOf(Aprev)} but W is ${shapeOf(this.W)}: ` +
          `A_prev needs ${this.nIn} columns, one per input of the layer`,
      );
    }
    matmulInto(S, Aprev, this.W); // (m, n_out)
    addRowVectorInto(S, S, this.b); // (m, n_out)
    this.activation.fInto(A, S); // (m, n_out)
  }

  forward(Aprev: Matrix): { S: Matrix; A: Matrix } {
    const S = new Matrix(Aprev.rows, this.nOut);
    const A = new Matrix(Aprev.rows, this.nOut);
    this.forwardInto(S, A, Aprev);
    return { S, A };
  }

  /** dW = A_prevᵀ·δ, db = Σ_i δ_i and, unless dAprev is null, dAprev = δ·Wᵀ. */
  backwardInto(dW: Matrix, db: Matrix, dAprev: Matrix | null, Aprev: Matrix, delta: Matrix): void {
    matmulTransAInto(dW, Aprev, delta); // (n_in, n_out)
    colSumsInto(db, delta); // (1, n_out)
    if (dAprev) matmulTransBInto(dAprev, delta, this.W); // (m, n_in)
  }

  backward(Aprev: Matrix, delta: Matrix): { dW: Matrix; db: Matrix; dAprev: Matrix } {
    const dW = new Matrix(this.nIn, this.nOut);
    const db = new Matrix(1, this.nOut);
    const dAprev = new Matrix(Aprev.rows, this.nIn);
    this.backwardInto(dW, db, dAprev, Aprev, delta);
    return { dW, db, dAprev };
  }
}
