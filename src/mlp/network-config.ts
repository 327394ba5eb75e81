// What a network is made of, and the checks that keep a bad configuration from getting that far: sizes,
// activation and loss names and their pairing, weight shapes, the JSON form, and the initial weights.

import type { ActivationName } from "./activations.ts";
import { glorotUniform, heUniform, normalInit } from "./init.ts";
import type { LossName } from "./losses.ts";
import { describeValue } from "./describe.ts";
import { Matrix, checkFinite, shapeOf, type MatrixJSON } from "./matrix.ts";
import { Rng } from "./random.ts";

/** Weights Glorot, He, or N(0, std²); biases 0, or N(0, biasStd²) when biasStd is given. */
export type Init = "glorot" | "he" | { std: number; biasStd?: number };

/** new MLP(options): sizes [n_0, …, n_D], hidden and output activations, the loss, and the seed or weights. */
export interface MLPOptions {
  /** Units per layer, inputs first: [2, 8, 2] is 2 inputs, 8 hidden units, 2 outputs. */
  sizes: readonly number[];
  /** Activation of every hidden layer (default "relu"). */
  hidden?: ActivationName;
  /** Activation of the output layer (default "softmax"; "sigmoid" for a single output unit). */
  output?: ActivationName;
  /** "crossEntropy" goes with output "softmax" (the default there) or "sigmoid", "mse" with any but softmax. */
  loss?: LossName;
  /** Seed of the initial weights (default 1); or pass rng. */
  seed?: number;
  rng?: Rng;
  /** Default: He for layers into a ReLU, Glorot for the others (as the numpy baseline does), biases 0. */
  init?: Init;
  /** Start from these weights and biases instead of drawing them (they are used, not copied). */
  W?: readonly Matrix[];
  b?: readonly Matrix[];
}

/** An MLP as JSON (net.toJSON(), MLP.fromJSON): its sizes, names, and every W_l and b_l. */
export interface MLPJSON {
  sizes: number[];
  hidden: ActivationName;
  output: ActivationName;
  loss: LossName;
  W: MatrixJSON[];
  b: MatrixJSON[];
}

function pick<T extends string>(what: string, name: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(name)) return name as T;
  throw new Error(`MLP: unknown ${what} "${name}"; use one of ${allowed.join(", ")}`);
}

const HIDDEN = ["sigmoid", "tanh", "relu", "identity"] as const;
const OUTPUT = ["softmax", "sigmoid", "identity", "tanh", "relu"] as const;
const LOSS = ["crossEntropy", "mse"] as const;

/**
 * The names in the options, checked: known activations and loss, and an output that pairs with the loss.
 * A single output unit defaults to sigmoid: softmax over one unit is 1 whatever its input, so it learns nothing.
 */
export function resolveNames(options: Pick<MLPOptions, "sizes" | "hidden" | "output" | "loss">): {
  hidden: ActivationName;
  output: ActivationName;
  loss: LossName;
} {
  if (options.hidden === "softmax") {
    throw new Error(
      'MLP: hidden layers cannot use "softmax" (its derivative is not element-wise); use relu or tanh',
    );
  }
  const hidden = pick("hidden activation", options.hidden ?? "relu", HIDDEN);
  const K = options.sizes[options.sizes.length - 1];
  const output = pick("output activation", options.output ?? (K === 1 ? "sigmoid" : "softmax"), OUTPUT);
  if (output === "softmax" && K === 1) {
    throw new Error(
      'MLP: output "softmax" over 1 unit is always 1 and learns nothing; use output "sigmoid" for one output (with loss "mse" or "crossEntropy"), or sizes ending in 2',
    );
  }
  const loss = pick("loss", options.loss ?? (output === "softmax" ? "crossEntropy" : "mse"), LOSS);
  if (output === "softmax" && loss !== "crossEntropy") {
    throw new Error(
      `MLP: output "softmax" pairs with loss "crossEntropy", not "${loss}"; use loss "crossEntropy", or output "sigmoid" or "identity" with "mse"`,
    );
  }
  if (loss === "crossEntropy" && output !== "softmax" && output !== "sigmoid") {
    throw new Error(
      `MLP: loss "crossEntropy" needs output "softmax" (probabilities that sum to 1) or "sigmoid" (one probability per output), got "${output}"; use one of those, or loss "mse"`,
    );
  }
  return { hidden, output, loss };
}

/** MLPOptions from toJSON's output, every shape checked against sizes. */
export function optionsFromJSON(json: unknown): MLPOptions {
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
  const D = sizes.length - 1;
  for (const key of ["W", "b"] as const) {
    const n = (j[key] as unknown[]).length;
    if (n !== D) {
      throw new Error(`MLP.fromJSON: sizes ${JSON.stringify(sizes)} make ${D} layers, but "${key}" has ${n}`);
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
  return { ...(names as Pick<MLPJSON, "hidden" | "output" | "loss">), sizes, W, b };
}

/**
 * The initial W_0, W_1, … and b_0, b_1, …, all from one Rng: He into a ReLU layer and Glorot elsewhere unless
 * init says, biases 0. With init.biasStd every b_l is drawn first, then every W_l: the order in which
 * Nielsen's network.py and other numpy tutorials call randn.
 */
export function drawParams(
  sizes: readonly number[],
  options: MLPOptions,
  activation: (l: number) => string,
): { W: Matrix[]; b: Matrix[] } {
  const rng = options.rng ?? new Rng(options.seed ?? 1);
  const init = options.init;
  const biasStd = typeof init === "object" ? init.biasStd : undefined;
  if (biasStd !== undefined && !(biasStd >= 0 && Number.isFinite(biasStd))) {
    throw new Error(`MLP: init.biasStd must be a number ≥ 0, got ${biasStd}; leave it out for zero biases`);
  }
  const b = sizes
    .slice(1)
    .map((nOut) => (biasStd === undefined ? new Matrix(1, nOut) : normalInit(rng, 1, nOut, biasStd)));
  const W = sizes.slice(1).map((nOut, l) => {
    const nIn = sizes[l]!;
    if (typeof init === "object") return normalInit(rng, nIn, nOut, init.std);
    if (init !== undefined && init !== "glorot" && init !== "he") {
      throw new Error(`MLP: unknown init ${JSON.stringify(init)}; use "glorot", "he" or { std, biasStd? }`);
    }
    const he = init === "he" || (init === undefined && activation(l) === "relu");
    return he ? heUniform(rng, nIn, nOut) : glorotUniform(rng, nIn, nOut);
  });
  return { W, b };
}

export function checkSizes(op: string, sizes: unknown): void {
  if (!Array.isArray(sizes) || sizes.length < 2 || !sizes.every((n) => Number.isInteger(n) && n >= 1)) {
    throw new Error(
      `${op}: sizes must list two or more positive integers, inputs first (e.g. [2, 8, 2]), got ${JSON.stringify(sizes)}`,
    );
  }
}

export function checkWeights(
  op: string,
  sizes: readonly number[],
  W: readonly Matrix[],
  b: readonly Matrix[],
): void {
  const D = sizes.length - 1;
  if (W.length !== D || b.length !== D) {
    throw new Error(
      `${op}: sizes ${JSON.stringify(sizes)} make ${D} layers, got ${W.length} W and ${b.length} b`,
    );
  }
  for (let l = 0; l < D; l++) {
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

/** Throws unless X is a Matrix of finite numbers with one column per input (sizes[0]). */
export function checkX(op: string, sizes: readonly number[], X: Matrix): void {
  if (!(X instanceof Matrix)) {
    throw new Error(
      `${op}: X must be a Matrix (m×${sizes[0]}), got ${describeValue(X)}; use Matrix.from(rows)`,
    );
  }
  if (X.cols !== sizes[0]) {
    throw new Error(`${op}: X is ${shapeOf(X)}, but the network takes ${sizes[0]} inputs (sizes[0])`);
  }
  checkFinite(op, "X", X, "input");
}

/** Throws unless Y is a Matrix of finite targets, one row per row of X and one column per output. */
export function checkY(op: string, sizes: readonly number[], X: { rows: number }, Y: Matrix): void {
  const K = sizes[sizes.length - 1]!;
  if (!(Y instanceof Matrix)) {
    throw new Error(
      `${op}: Y must be a Matrix (m×${K}), got ${describeValue(Y)}; for class labels use oneHot(labels, ${K})`,
    );
  }
  if (Y.rows !== X.rows) {
    throw new Error(`${op}: X has ${X.rows} rows but Y has ${Y.rows}; they must pair up`);
  }
  if (Y.cols !== K) throw new Error(`${op}: Y is ${shapeOf(Y)}, but the network has ${K} outputs`);
  checkFinite(op, "Y", Y, "target");
}
