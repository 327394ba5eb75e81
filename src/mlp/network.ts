// A multi-layer perceptron: a stack of Dense layers, hidden ones sharing one activation, and an output
// layer whose activation pairs with the loss. forward keeps S and A of every layer; backward keeps the
// delta δ_l = ∂L/∂S_l of every layer, so a chapter can show each one.

import { activationByName, type Activation, type ActivationName } from "./activations.ts";
import { glorotUniform, heUniform, normalInit } from "./init.ts";
import { Dense } from "./layer.ts";
import {
  mseGradInto,
  softmaxCrossEntropy,
  mse,
  softmaxCrossEntropyDeltaInto,
  type LossName,
} from "./losses.ts";
import { Matrix, argmaxRows, shapeOf, type MatrixJSON } from "./matrix.ts";
import { Rng } from "./random.ts";

export type Init = "glorot" | "he" | { std: number };

export interface MLPOptions {
  /** Units per layer, inputs first: [2, 8, 2] is 2 inputs, 8 hidden units, 2 outputs. */
  sizes: readonly number[];
  /** Activation of every hidden layer (default "relu"). */
  hidden?: ActivationName;
  /** Activation of the output layer (default "softmax"). */
  output?: ActivationName;
  /** "crossEntropy" goes with output "softmax" (the default there), "mse" with any other output. */
  loss?: LossName;
  /** Seed of the initial weights (default 1); or pass rng. */
  seed?: number;
  rng?: Rng;
  /** Default: He for layers into a ReLU, Glorot for the others (as the numpy baseline does). */
  init?: Init;
  /** Start from these weights and biases instead of drawing them (they are used, not copied). */
  W?: readonly Matrix[];
  b?: readonly Matrix[];
}

export interface MLPJSON {
  sizes: number[];
  hidden: ActivationName;
  output: ActivationName;
  loss: LossName;
  W: MatrixJSON[];
  b: MatrixJSON[];
}

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

function pick<T extends string>(what: string, name: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(name)) return name as T;
  throw new Error(`MLP: unknown ${what} "${name}"; use one of ${allowed.join(", ")}`);
}

const HIDDEN = ["sigmoid", "tanh", "relu", "identity"] as const;
const OUTPUT = ["softmax", "sigmoid", "identity", "tanh", "relu"] as const;
const LOSS = ["crossEntropy", "mse"] as const;

export class MLP {
  readonly sizes: readonly number[];
  readonly hidden: ActivationName;
  readonly output: ActivationName;
  readonly lossName: LossName;
  readonly layers: readonly Dense[];

  constructor(options: MLPOptions) {
    const { sizes } = options;
    checkSizes("MLP", sizes);
    this.sizes = [...sizes];
    if (options.hidden === "softmax") {
      throw new Error(
        'MLP: hidden layers cannot use "softmax" (its derivative is not element-wise); use relu or tanh',
      );
    }
    this.hidden = pick("hidden activation", options.hidden ?? "relu", HIDDEN);
    this.output = pick("output activation", options.output ?? "softmax", OUTPUT);
    this.lossName = pick("loss", options.loss ?? (this.output === "softmax" ? "crossEntropy" : "mse"), LOSS);
    if (this.output === "softmax" && this.lossName !== "crossEntropy") {
      throw new Error(
        `MLP: output "softmax" pairs with loss "crossEntropy", not "${this.lossName}"; use loss "crossEntropy", or output "sigmoid" or "identity" with "mse"`,
      );
    }
    if (this.lossName === "crossEntropy" && this.output !== "softmax") {
      throw new Error(
        `MLP: loss "crossEntropy" needs output "softmax" (probabilities that sum to 1), got "${this.output}"; use output "softmax", or loss "mse"`,
      );
    }
    const L = this.sizes.length - 1;
    const f = (l: number): Activation => activationByName(l === L - 1 ? this.output : this.hidden);
    const W = options.W ?? drawWeights(this.sizes, options, (l) => f(l).name);
    const b = options.b ?? this.sizes.slice(1).map((n) => new Matrix(1, n));
    checkWeights("MLP", this.sizes, W, b);
    this.layers = W.map((Wl, l) => new Dense(Wl, b[l]!, f(l)));
  }

  /** The parameters in the order optimisers see them: W_0, b_0, W_1, b_1, … */
  params(): Matrix[] {
    return this.layers.flatMap((layer) => [layer.W, layer.b]);
  }

  /** A workspace for batches of m rows, to pass to forward and backward in a training loop. */
  workspace(m: number): Workspace {
    return new Workspace(this.sizes, m);
  }

  /** S_l = A_{l−1}·W_l + b_l and A_l = f_l(S_l), layer by layer, with A_{−1} = X. */
  forward(X: Matrix, workspace?: Workspace): Pass {
    const ws = this.checkX("forward", X, workspace);
    let Aprev = X;
    this.layers.forEach((layer, l) => {
      layer.forwardInto(ws.S[l]!, ws.A[l]!, Aprev); // (m, n_l)
      Aprev = ws.A[l]!;
    });
    return ws;
  }

  /**
   * Forward, then the deltas from the top: δ_L = (P − Y)/m for softmax with cross-entropy, else
   * 2(A − Y)/(m·K) ⊙ f'(S_L) for mse; then δ_{l−1} = (δ_l·W_lᵀ) ⊙ f'(S_{l−1}), dW_l = A_{l−1}ᵀ·δ_l, db_l = Σ_i δ_l.
   * With a workspace the results live in it (and are overwritten by its next use).
   */
  backward(X: Matrix, Y: Matrix, workspace?: Workspace): Gradients {
    const ws = this.checkX("backward", X, workspace);
    this.checkY("backward", X, Y);
    this.forward(X, ws);
    const L = this.layers.length - 1;
    const top = this.layers[L]!;
    const { S, A, delta } = ws;
    if (this.lossName === "crossEntropy") {
      ws.loss = softmaxCrossEntropy(S[L]!, Y);
      softmaxCrossEntropyDeltaInto(delta[L]!, A[L]!, Y); // (m, K)
    } else {
      ws.loss = mse(A[L]!, Y);
      mseGradInto(delta[L]!, A[L]!, Y); // (m, K)
      top.activation.mulDerivativeInto(delta[L]!, S[L]!, A[L]!);
    }
    for (let l = L; l >= 0; l--) {
      const layer = this.layers[l]!;
      const below = l > 0 ? delta[l - 1]! : null;
      layer.backwardInto(ws.dW[l]!, ws.db[l]!, below, l > 0 ? A[l - 1]! : X, delta[l]!);
      if (below) this.layers[l - 1]!.activation.mulDerivativeInto(below, S[l - 1]!, A[l - 1]!); // (m, n_{l−1})
    }
    return ws;
  }

  /** The loss of the network on (X, Y). */
  loss(X: Matrix, Y: Matrix): number {
    this.checkX("loss", X);
    this.checkY("loss", X, Y);
    const { S, A } = this.forward(X);
    const L = this.layers.length - 1;
    return this.lossName === "crossEntropy" ? softmaxCrossEntropy(S[L]!, Y) : mse(A[L]!, Y);
  }

  /** The network's output A_L for X. */
  outputs(X: Matrix): Matrix {
    return this.forward(X).A[this.layers.length - 1]!;
  }

  /** The predicted class of each row of X: the argmax of the outputs (a ≥ 0.5 for a single output). */
  predict(X: Matrix): Int32Array {
    const out = this.outputs(X);
    return out.cols === 1 ? Int32Array.from(out.data, (a) => (a >= 0.5 ? 1 : 0)) : argmaxRows(out);
  }

  toJSON(): MLPJSON {
    return {
      sizes: [...this.sizes],
      hidden: this.hidden,
      output: this.output,
      loss: this.lossName,
      W: this.layers.map((layer) => layer.W.toJSON()),
      b: this.layers.map((layer) => layer.b.toJSON()),
    };
  }

  /** Rebuilds a network from toJSON's output, checking every shape against sizes. */
  static fromJSON(json: unknown): MLP {
    if (typeof json !== "object" || json === null) {
      throw new Error("MLP.fromJSON: expected an object from toJSON()");
    }
    const j = json as Partial<Record<keyof MLPJSON, unknown>>;
    for (const key of ["sizes", "W", "b"] as const) {
      if (!Array.isArray(j[key])) {
        throw new Error(`MLP.fromJSON: "${key}" must be an array, got ${typeof j[key]}`);
      }
    }
    const sizes = j.sizes as number[];
    checkSizes("MLP.fromJSON", sizes);
    const L = sizes.length - 1;
    for (const key of ["W", "b"] as const) {
      const n = (j[key] as unknown[]).length;
      if (n !== L) {
        throw new Error(
          `MLP.fromJSON: sizes ${JSON.stringify(sizes)} make ${L} layers, but "${key}" has ${n}`,
        );
      }
    }
    const W = (j.W as unknown[]).map((m, l) => Matrix.fromJSON(m, `MLP.fromJSON: W[${l}]`));
    const b = (j.b as unknown[]).map((m, l) => Matrix.fromJSON(m, `MLP.fromJSON: b[${l}]`));
    checkWeights("MLP.fromJSON", sizes, W, b);
    const names = { hidden: j.hidden, output: j.output, loss: j.loss };
    for (const [key, value] of Object.entries(names)) {
      if (typeof value !== "string") {
        throw new Error(`MLP.fromJSON: "${key}" must be a name, got ${typeof value}`);
      }
    }
    return new MLP({ ...(names as Pick<MLPJSON, "hidden" | "output" | "loss">), sizes, W, b });
  }

  private checkX(op: string, X: Matrix, ws?: Workspace): Workspace {
    if (!(X instanceof Matrix)) throw new Error(`MLP.${op}: X must be a Matrix (m×${this.sizes[0]})`);
    if (X.cols !== this.sizes[0]) {
      throw new Error(
        `MLP.${op}: X is ${shapeOf(X)}, but the network takes ${this.sizes[0]} inputs (sizes[0])`,
      );
    }
    if (ws && ws.m !== X.rows) {
      throw new Error(`MLP.${op}: the workspace is for ${ws.m} rows, X has ${X.rows}`);
    }
    return ws ?? this.workspace(X.rows);
  }

  private checkY(op: string, X: Matrix, Y: Matrix): void {
    const K = this.sizes[this.sizes.length - 1]!;
    if (!(Y instanceof Matrix)) {
      throw new Error(`MLP.${op}: Y must be a Matrix (m×${K}); for class labels use oneHot(labels, ${K})`);
    }
    if (Y.rows !== X.rows) {
      throw new Error(`MLP.${op}: X has ${X.rows} rows but Y has ${Y.rows}; they must pair up`);
    }
    if (Y.cols !== K) throw new Error(`MLP.${op}: Y is ${shapeOf(Y)}, but the network has ${K} outputs`);
  }
}

function drawWeights(
  sizes: readonly number[],
  options: MLPOptions,
  activation: (l: number) => string,
): Matrix[] {
  const rng = options.rng ?? new Rng(options.seed ?? 1);
  const init = options.init;
  return sizes.slice(1).map((nOut, l) => {
    const nIn = sizes[l]!;
    if (typeof init === "object") return normalInit(rng, nIn, nOut, init.std);
    if (init !== undefined && init !== "glorot" && init !== "he") {
      throw new Error(`MLP: unknown init ${JSON.stringify(init)}; use "glorot", "he" or { std }`);
    }
    const he = init === "he" || (init === undefined && activation(l) === "relu");
    return he ? heUniform(rng, nIn, nOut) : glorotUniform(rng, nIn, nOut);
  });
}

function checkSizes(op: string, sizes: unknown): void {
  if (!Array.isArray(sizes) || sizes.length < 2 || !sizes.every((n) => Number.isInteger(n) && n >= 1)) {
    throw new Error(
      `${op}: sizes must list two or more positive integers, inputs first (e.g. [2, 8, 2]), got ${JSON.stringify(sizes)}`,
    );
  }
}

function checkWeights(
  op: string,
  sizes: readonly number[],
  W: readonly Matrix[],
  b: readonly Matrix[],
): void {
  const L = sizes.length - 1;
  if (W.length !== L || b.length !== L) {
    throw new Error(
      `${op}: sizes ${JSON.stringify(sizes)} make ${L} layers, got ${W.length} W and ${b.length} b`,
    );
  }
  for (let l = 0; l < L; l++) {
    const [nIn, nOut] = [sizes[l]!, sizes[l + 1]!];
    if (W[l]!.rows !== nIn || W[l]!.cols !== nOut) {
      throw new Error(
        `${op}: W[${l}] is ${shapeOf(W[l]!)}, sizes ${JSON.stringify(sizes)} need (${nIn}×${nOut})`,
      );
    }
    if (b[l]!.rows !== 1 || b[l]!.cols !== nOut) {
      throw new Error(`${op}: b[${l}] is ${shapeOf(b[l]!)}, sizes ${JSON.stringify(sizes)} need (1×${nOut})`);
    }
  }
}
