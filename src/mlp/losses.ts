// Losses and the deltas they start backpropagation with. The scaling is PyTorch's and Keras's: mse is the
// mean over all m·K entries, cross-entropy the mean over the m examples of −Σ_k y_k log p_k (with sigmoid
// outputs, each output is a probability of its own: −Σ_k [y_k log a_k + (1 − y_k) log(1 − a_k)]).

import { exp, log, log1p } from "./elementary.ts";
import { Matrix, shapeOf } from "./matrix.ts";
import { rowMax, shiftedExpsInto } from "./softmax-exps.ts";

/** The losses an MLP can use: "mse" or "crossEntropy". */
export type LossName = "mse" | "crossEntropy";

function checkPair(op: string, A: Matrix, Y: Matrix, out?: Matrix): void {
  if (A.rows !== Y.rows || A.cols !== Y.cols) {
    throw new Error(`${op}: prediction ${shapeOf(A)} and target Y ${shapeOf(Y)} differ`);
  }
  if (out && (out.rows !== A.rows || out.cols !== A.cols)) {
    throw new Error(`${op}: out is ${shapeOf(out)}, the result is ${shapeOf(A)}`);
  }
}

/** L = (1/(m·K)) Σ_i Σ_k (a_ik − y_ik)². */
export function mse(A: Matrix, Y: Matrix): number {
  checkPair("mse", A, Y);
  let sum = 0;
  for (let q = 0; q < A.data.length; q++) {
    const e = A.data[q]! - Y.data[q]!;
    sum += e * e;
  }
  return sum / A.data.length;
}

/** ∂L/∂A = 2(A − Y)/(m·K) for L = mse(A, Y); out may be A. */
export function mseGradInto(out: Matrix, A: Matrix, Y: Matrix): Matrix {
  checkPair("mseGradInto", A, Y, out);
  const c = 2 / A.data.length;
  for (let q = 0; q < A.data.length; q++) out.data[q] = c * (A.data[q]! - Y.data[q]!);
  return out;
}

/** ∂L/∂A = 2(A − Y)/(m·K) for L = mse(A, Y): (m, K). */
export function mseGrad(A: Matrix, Y: Matrix): Matrix {
  checkPair("mseGrad", A, Y);
  return mseGradInto(new Matrix(A.rows, A.cols), A, Y);
}

/** L = −(1/m) Σ_i Σ_k y_ik log p_ik. Terms with y = 0 are skipped (0·log 0 counts as 0). */
export function crossEntropy(P: Matrix, Y: Matrix): number {
  checkPair("crossEntropy", P, Y);
  let sum = 0;
  for (let q = 0; q < P.data.length; q++) {
    const y = Y.data[q]!;
    if (y !== 0) sum += y * log(P.data[q]!);
  }
  return sum === 0 ? 0 : -sum / P.rows; // not −0
}

let E = new Float64Array(0); // softmaxCrossEntropy's e^(s − max), kept: a training step allocates nothing

/**
 * The same cross-entropy computed from the scores S, with P = softmax(S): log p_k = s_k − max − log Σ_j
 * e^(s_j − max). It stays finite where P would round to 0, and it is what the network reports.
 */
export function softmaxCrossEntropy(S: Matrix, Y: Matrix): number {
  checkPair("softmaxCrossEntropy", S, Y);
  const s = S.data,
    y = Y.data,
    n = S.cols;
  if (E.length < s.length) E = new Float64Array(s.length);
  shiftedExpsInto(E, S); // e^(s − max), row by row
  let sum = 0;
  for (let i = 0; i < S.rows; i++) {
    const r = i * n;
    const max = rowMax(S, i);
    let z = 0;
    for (let j = 0; j < n; j++) z += E[r + j]!;
    const logZ = log(z);
    for (let j = 0; j < n; j++) if (y[r + j] !== 0) sum += y[r + j]! * (s[r + j]! - max - logZ);
  }
  return sum === 0 ? 0 : -sum / S.rows;
}

/** δ = ∂L/∂S = (P − Y)/m for P = softmax(S) and L = crossEntropy(P, Y): the softmax Jacobian cancels. */
export function softmaxCrossEntropyDeltaInto(out: Matrix, P: Matrix, Y: Matrix): Matrix {
  checkPair("softmaxCrossEntropyDeltaInto", P, Y, out);
  const m = P.rows;
  for (let q = 0; q < P.data.length; q++) out.data[q] = (P.data[q]! - Y.data[q]!) / m;
  return out;
}

/** δ = ∂L/∂S = (P − Y)/m for P = softmax(S) and L = crossEntropy(P, Y): (m, K). */
export function softmaxCrossEntropyDelta(P: Matrix, Y: Matrix): Matrix {
  checkPair("softmaxCrossEntropyDelta", P, Y);
  return softmaxCrossEntropyDeltaInto(new Matrix(P.rows, P.cols), P, Y);
}

/** log(1 + e^x) without overflow: x + log(1 + e^−x) for x > 0. */
function softplus(x: number): number {
  return x > 0 ? x + log1p(exp(-x)) : log1p(exp(x));
}

/**
 * L = −(1/m) Σ_i Σ_k [y_ik log a_ik + (1 − y_ik) log(1 − a_ik)] for A = σ(S), computed from the scores:
 * −log σ(s) = softplus(−s) and −log(1 − σ(s)) = softplus(s), finite where σ(s) rounds to 0 or 1.
 */
export function sigmoidCrossEntropy(S: Matrix, Y: Matrix): number {
  checkPair("sigmoidCrossEntropy", S, Y);
  let sum = 0;
  for (let q = 0; q < S.data.length; q++) {
    const [s, y] = [S.data[q]!, Y.data[q]!];
    sum += y * softplus(-s) + (1 - y) * softplus(s);
  }
  return sum / S.rows;
}

/** δ = ∂L/∂S = (A − Y)/m for A = σ(S) and L = sigmoidCrossEntropy(S, Y): σ' = a(1 − a) cancels. */
export function sigmoidCrossEntropyDeltaInto(out: Matrix, A: Matrix, Y: Matrix): Matrix {
  checkPair("sigmoidCrossEntropyDeltaInto", A, Y, out);
  const m = A.rows;
  for (let q = 0; q < A.data.length; q++) out.data[q] = (A.data[q]! - Y.data[q]!) / m;
  return out;
}

/** δ = ∂L/∂S = (A − Y)/m for A = σ(S) and L = sigmoidCrossEntropy(S, Y): (m, K). */
export function sigmoidCrossEntropyDelta(A: Matrix, Y: Matrix): Matrix {
  checkPair("sigmoidCrossEntropyDelta", A, Y);
  return sigmoidCrossEntropyDeltaInto(new Matrix(A.rows, A.cols), A, Y);
}
