// What a network is made of, and the checks that keep a bad configuration from getting that far: sizes,
// activation and loss names and their pairing, weight shapes, the JSON form, and the initial weights.

import type { ActivationName } from "./activations.ts";
import { glorotUniform, heUniform, normalInit } from "./init.ts";
import type { LossName } from "./losses.ts";
import { Matrix, shapeOf, type MatrixJSON } from "./matrix.ts";
import { Rng } from "./random.ts";

/** Weights Glorot, He, or N(0, std²); biases 0, or N(0, biasStd²) when biasStd is given. */
export type Init = "glorot" | "he" | { std: number; biasStd?: number };

/** new MLP(options): sizes [n_0, …, n_D], hidden and output activations, the loss, and the seed or weights. */
export interface MLPOptions {
  /** Units per layer, inputs first: [2, 8, 2] is 2 inputs, 8 hidden units, 2 outputs. */
  sizes: readonly number[];
  /** Activation of every hidden layer (default "relu"). */
  hidden?: ActivationName;
  /** Activation of the output layer (default "softmax"). */
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

/** The names in the options, checked: known activations and loss, and an output that pairs with the loss. */
export function resolveNames(options: Pick<MLPOptions, "hidden" | "output" | "loss">): {
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
  const output = pick("output activation", options.output ?? "softmax", OUTPUT);
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
