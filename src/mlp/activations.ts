// Activation functions, each with its derivative beside it. A layer computes A = f(S) element-wise, and the
// backward pass needs f'(S) to turn ∂L/∂A into δ = ∂L/∂S = ∂L/∂A ⊙ f'(S). Where f' is simplest in terms
// of the output a = f(s) (sigmoid, tanh), it is written that way: the forward pass already computed A.

import { exp, tanh as tanhOf } from "./elementary.ts";
import { wasmSigmoid } from "./fast/sigmoid-wasm.ts";
import { kernelsInUse } from "./matmul.ts";
import { Matrix, shapeOf } from "./matrix.ts";
import { shiftedExpsInto } from "./softmax-exps.ts";

/** The activations a layer can use: f in A = f(S). */
export type ActivationName = "sigmoid" | "tanh" | "relu" | "identity" | "softmax";

/** An activation f with its derivative beside it: A = f(S) forward, δ = ∂L/∂A ⊙ f'(S) backward. */
export interface Activation {
  readonly name: ActivationName;
  /** a = f(s) for one number (softmax has none: it needs the whole row). */
  readonly value: (s: number) => number;
  /** f'(s) for one number, given s and a = f(s). */
  readonly derivative: (s: number, a: number) => number;
  /** A = f(S). */
  f(S: Matrix): Matrix;
  /** f'(S), element-wise, given S and A = f(S). */
  df(S: Matrix, A: Matrix): Matrix;
  /** out = f(S); out may be S. */
  fInto(out: Matrix, S: Matrix): Matrix;
  /** G ← G ⊙ f'(S), in place: from ∂L/∂A to δ = ∂L/∂S. */
  mulDerivativeInto(G: Matrix, S: Matrix, A: Matrix): Matrix;
}

function check(op: string, out: Matrix, S: Matrix, A?: Matrix): void {
  for (const M of A ? [out, A] : [out]) {
    if (M.rows !== S.rows || M.cols !== S.cols) {
      throw new Error(`${op}: ${shapeOf(M)} and S ${shapeOf(S)} differ`);
    }
  }
}

/**
 * The loops of one activation over whole arrays: the same formulas as value and derivative, written out.
 * Why not one generic loop calling value(s[q])? The generic loop is shared by every activation, so V8 sees
 * several functions at its call and cannot inline any: a call per element made the sigmoid of a training
 * step 2–3× slower (npm run bench). A loop of its own per activation compiles to straight arithmetic.
 */
interface Loops {
  /** a[q] = f(s[q]) for every q. */
  f(a: Float64Array, s: Float64Array): void;
  /** g[q] = g[q]·f'(s[q]) for every q, with a = f(s). */
  mulDerivative(g: Float64Array, s: Float64Array, a: Float64Array): void;
}

function elementwise(
  name: ActivationName,
  value: (s: number) => number,
  derivative: (s: number, a: number) => number,
  loops: Loops,
): Activation {
  const activation: Activation = {
    name,
    value,
    derivative,
    f: (S) => activation.fInto(new Matrix(S.rows, S.cols), S),
    df(S, A) {
      check(`${name}.df`, A, S);
      const out = new Matrix(S.rows, S.cols);
      for (let q = 0; q < out.data.length; q++) out.data[q] = derivative(S.data[q]!, A.data[q]!);
      return out;
    },
    fInto(out, S) {
      check(`${name}.fInto`, out, S);
      loops.f(out.data, S.data);
      return out;
    },
    mulDerivativeInto(G, S, A) {
      check(`${name}.mulDerivativeInto`, G, S, A);
      loops.mulDerivative(G.data, S.data, A.data);
      return G;
    },
  };
  return activation;
}

/**
 * σ(s) = 1 / (1 + e^(−s)), squashing into (0, 1).  σ'(s) = σ(s)·(1 − σ(s)) = a(1 − a), at most 1/4.
 * With useKernels("wasm") (the default where WebAssembly SIMD exists) both loops run in fast/sigmoid-wasm.ts,
 * which gives these loops' numbers bit for bit, faster.
 */
export const sigmoid = elementwise(
  "sigmoid",
  (s) => 1 / (1 + exp(-s)),
  (_s, a) => a * (1 - a),
  {
    f(a, s) {
      if (wasmSigmoid && kernelsInUse() === "wasm") return wasmSigmoid.f(a, s);
      for (let q = 0; q < a.length; q++) a[q] = 1 / (1 + exp(-s[q]!));
    },
    mulDerivative(g, _s, a) {
      if (wasmSigmoid && kernelsInUse() === "wasm") return wasmSigmoid.mulDerivative(g, a);
      for (let q = 0; q < g.length; q++) g[q] = g[q]! * (a[q]! * (1 - a[q]!));
    },
  },
);

/** tanh(s) = (e^s − e^(−s)) / (e^s + e^(−s)), into (−1, 1).  tanh'(s) = 1 − tanh²(s) = 1 − a². */
export const tanh = elementwise("tanh", tanhOf, (_s, a) => 1 - a * a, {
  f(a, s) {
    for (let q = 0; q < a.length; q++) a[q] = tanhOf(s[q]!);
  },
  mulDerivative(g, _s, a) {
    for (let q = 0; q < g.length; q++) g[q] = g[q]! * (1 - a[q]! * a[q]!);
  },
});

/** relu(s) = max(0, s).  relu'(s) = 1 for s > 0, else 0 (at the kink s = 0 we take 0, as numpy's s > 0 does). */
export const relu = elementwise(
  "relu",
  (s) => (s > 0 ? s : 0),
  (s) => (s > 0 ? 1 : 0),
  {
    f(a, s) {
      for (let q = 0; q < a.length; q++) a[q] = s[q]! > 0 ? s[q]! : 0;
    },
    mulDerivative(g, s) {
      for (let q = 0; q < g.length; q++) g[q] = g[q]! * (s[q]! > 0 ? 1 : 0);
    },
  },
);

/** identity(s) = s, for regression outputs.  identity'(s) = 1. */
export const identity = elementwise(
  "identity",
  (s) => s,
  () => 1,
  {
    f(a, s) {
      a.set(s);
    },
    mulDerivative() {}, // g·1 = g
  },
);

/**
 * softmax(s)_k = e^(s_k) / Σ_j e^(s_j), row by row: each row becomes a probability distribution. We subtract
 * the row's maximum first (softmax(s − c) = softmax(s)), so e^x never overflows. Its derivative is a
 * Jacobian, ∂a_k/∂s_j = a_k(δ_kj − a_j), not an element-wise f'(s); paired with cross-entropy it collapses
 * to the delta (P − Y)/m (losses.ts), which is how the network uses it.
 */
export const softmax: Activation = {
  name: "softmax",
  value: () => {
    throw new Error("softmax: needs a whole row, not one number; call softmax.f(S)");
  },
  derivative: () => softmaxHasNoElementwiseDerivative(),
  f: (S) => softmax.fInto(new Matrix(S.rows, S.cols), S),
  df: () => softmaxHasNoElementwiseDerivative(),
  fInto(out, S) {
    check("softmax.fInto", out, S);
    const a = out.data,
      n = S.cols;
    shiftedExpsInto(a, S); // a = e^(s − max), row by row
    for (let i = 0; i < S.rows; i++) {
      const r = i * n;
      let sum = 0;
      for (let j = 0; j < n; j++) sum += a[r + j]!;
      for (let j = 0; j < n; j++) a[r + j] = a[r + j]! / sum;
    }
    return out;
  },
  mulDerivativeInto: () => softmaxHasNoElementwiseDerivative(),
};

function softmaxHasNoElementwiseDerivative(): never {
  throw new Error(
    "softmax: its derivative is a Jacobian, not element-wise; pair softmax with crossEntropy, whose delta is (P − Y)/m",
  );
}

/** Every activation by name, for options like { hidden: "tanh" }. */
export const activations: Readonly<Record<ActivationName, Activation>> = {
  sigmoid,
  tanh,
  relu,
  identity,
  softmax,
};

/** The activation called `name`, or an error that lists the known names. */
export function activationByName(name: string): Activation {
  if (Object.hasOwn(activations, name)) return activations[name as ActivationName];
  throw new Error(`unknown activation "${name}"; use one of ${Object.keys(activations).join(", ")}`);
}
