// The training loop: shuffle, cut into minibatches, and for each batch one backward pass and one optimiser
// step. Batch size 1 is per-example SGD; batch size m is full-batch gradient descent. It allocates nothing
// per step, yields to the event loop every few milliseconds so a page stays responsive, reports through
// callbacks, and stops with a DivergenceError when the loss stops being a number.

import { gatherRows, matrixSource, type BatchSource } from "./batch-source.ts";
import { describeValue, isNumberList } from "./describe.ts";
import { withNonzerosOf } from "./matmul.ts";
import { Matrix, argmaxRows } from "./matrix.ts";
import type { MLP } from "./network.ts";
import { checkX, checkY } from "./network-config.ts";
import type { Workspace } from "./workspace.ts";
import { oneHot } from "./onehot.ts";
import type { Optimizer } from "./optimizers.ts";
import { Rng } from "./random.ts";

/** What onStep receives after each minibatch step: the epoch, the step in it, and the batch's loss L. */
export interface StepInfo {
  epoch: number; // 1, 2, …
  step: number; // 1, 2, … within the epoch
  steps: number; // steps per epoch
  loss: number; // the loss on this batch, before the update
  seconds: number; // since training started
}

/** What onEpoch receives after each epoch: its mean loss L and accuracy over the epoch's examples. */
export interface EpochInfo {
  epoch: number; // 1, 2, …
  loss: number; // mean loss over the epoch's examples, each measured before its batch's update
  accuracy: number; // fraction of the epoch's examples classified right, likewise
  seconds: number; // time this epoch took, without the callbacks
}

/** train's options: epochs, batch size B, the optimizer, and the seed of the shuffles. */
export interface TrainOptions {
  epochs: number;
  batchSize: number;
  optimizer: Optimizer;
  /** Seed of the shuffles (default 0): each epoch visits the examples in the order rng.permutation(m). */
  seed?: number;
  /** false visits the examples in their given order every epoch. */
  shuffle?: boolean;
  onStep?: (info: StepInfo) => void | Promise<void>;
  onEpoch?: (info: EpochInfo) => void | Promise<void>;
  /** Aborting stops training after the current step; the network keeps what it learned. */
  signal?: AbortSignal;
  /** Yield to the event loop when this many milliseconds passed since the last yield (default 16). */
  yieldEveryMs?: number;
}

/** What train returns: the loss L and accuracy per epoch, the loss per step, and the time taken. */
export interface History {
  loss: number[]; // per epoch
  accuracy: number[]; // per epoch
  stepLoss: number[]; // per step
  seconds: number;
  aborted: boolean;
}

/** The loss became NaN or ±Infinity: the steps grew until the numbers overflowed. */
export class DivergenceError extends Error {
  readonly epoch: number;
  readonly step: number;
  readonly loss: number;
  readonly history: History;

  constructor(info: StepInfo, eta: number, history: History) {
    super(
      `training diverged at epoch ${info.epoch}, step ${info.step}: loss is ${info.loss}. ` +
        `The steps overshoot; try a smaller learning rate (eta = ${eta} now, try ${eta / 10}).`,
    );
    this.name = "DivergenceError";
    this.epoch = info.epoch;
    this.step = info.step;
    this.loss = info.loss;
    this.history = history;
  }
}

/** A macrotask boundary: lets the page paint and handle input (or Node its I/O) before training goes on. */
function nextTask(): Promise<void> {
  if (typeof setImmediate === "function") return new Promise((resolve) => setImmediate(resolve));
  if (typeof MessageChannel === "function") {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function checkOptions(net: MLP, X: BatchSource, Y: Matrix, options: TrainOptions): void {
  const { epochs, batchSize } = options;
  if (!Number.isInteger(epochs) || epochs < 0) {
    throw new Error(`train: epochs must be an integer ≥ 0, got ${epochs}`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error(
      `train: batchSize must be a positive integer (1 for per-example SGD, m for full batch), got ${batchSize}`,
    );
  }
  if (!options.optimizer || typeof options.optimizer.step !== "function") {
    throw new Error("train: options.optimizer is missing; pass e.g. sgd({ eta: 0.1 })");
  }
  if (X.cols !== net.sizes[0]) {
    throw new Error(
      `train: X is (${X.rows}×${X.cols}), but the network takes ${net.sizes[0]} inputs (sizes[0])`,
    );
  }
  const { yieldEveryMs = 16 } = options;
  if (typeof yieldEveryMs !== "number" || !(yieldEveryMs >= 0)) {
    throw new Error(`train: yieldEveryMs must be a number of milliseconds ≥ 0, got ${String(yieldEveryMs)}`);
  }
  checkY("train", net.sizes, X, Y); // finite targets: a NaN would otherwise look like a too-large η
  if (X.rows === 0) throw new Error("train: X has no rows; there is nothing to learn from");
}

function checkSource(X: BatchSource, n: number): BatchSource {
  const s = X as Partial<BatchSource> | null;
  if (!s || typeof s.gather !== "function" || !Number.isInteger(s.rows) || !Number.isInteger(s.cols)) {
    const hint = Array.isArray(X) ? "; use Matrix.from(rows)" : "";
    throw new Error(
      `train: X must be a Matrix (m×${n}) or a BatchSource ({ rows, cols, gather }), got ${describeValue(X)}${hint}`,
    );
  }
  return X;
}

/**
 * Counts rows where the output's class (argmax, or a ≥ 0.5 for one column) equals the target's; `classes`
 * holds one Int32Array per matrix, one entry per row, reused from step to step.
 */
function countCorrect(A: Matrix, Y: Matrix, classes: [Int32Array, Int32Array]): number {
  let right = 0;
  if (A.cols === 1) {
    for (let i = 0; i < A.rows; i++) if (A.data[i]! >= 0.5 === Y.data[i]! >= 0.5) right++;
    return right;
  }
  const [predicted, target] = [argmaxRows(A, classes[0]), argmaxRows(Y, classes[1])];
  for (let i = 0; i < A.rows; i++) if (predicted[i] === target[i]) right++;
  return right;
}

/**
 * Trains net on (X, Y) in place. X is a Matrix, one example per row, or a BatchSource that gathers each
 * minibatch as numbers (the same rows in the same order give the same steps). Y is one target row per example,
 * or class labels (one-hot encoded here; for a network with a single output, the labels are the targets).
 * Returns the history: loss and accuracy per epoch, loss per step, and the seconds it all took.
 */
export async function train(
  net: MLP,
  X: Matrix | BatchSource,
  Y: Matrix | ArrayLike<number>,
  options: TrainOptions,
): Promise<History> {
  const K = net.sizes[net.sizes.length - 1]!;
  if (X instanceof Matrix) checkX("train", net.sizes, X); // finite inputs: a NaN would look like a too-large η
  const source = X instanceof Matrix ? matrixSource(X) : checkSource(X, net.sizes[0]!);
  if (!(Y instanceof Matrix) && !isNumberList(Y)) {
    throw new Error(`train: Y must be a Matrix (m×${K}) or a list of class labels, got ${describeValue(Y)}`);
  }
  if (K === 1 && !(Y instanceof Matrix) && net.output === "sigmoid") {
    const i = Array.prototype.findIndex.call(Y, (c: number) => c !== 0 && c !== 1);
    if (i >= 0) {
      throw new Error(
        `train: label ${Y[i]} at index ${i}: a single sigmoid output learns labels 0 and 1 only; for K classes use sizes ending in K (softmax)`,
      );
    }
  }
  // Labels become one-hot rows, or with a single output unit, a column of the labels themselves (0 or 1).
  const T = Y instanceof Matrix ? Y : K === 1 ? new Matrix(Y.length, 1, Float64Array.from(Y)) : oneHot(Y, K);
  checkOptions(net, source, T, options);
  const { epochs, optimizer, signal, onStep, onEpoch } = options;
  const m = X.rows;
  const batch = Math.min(options.batchSize, m);
  const steps = Math.ceil(m / batch);
  const yieldEveryMs = options.yieldEveryMs ?? 16;
  const rng = new Rng(options.seed ?? 0);
  const history: History = { loss: [], accuracy: [], stepLoss: [], seconds: 0, aborted: false };
  const start = performance.now();
  let lastYield = start;

  // One set of buffers per batch size (the last batch may be smaller), made once.
  type Buffers = {
    Xb: Matrix;
    Yb: Matrix;
    ws: Workspace;
    grads: Matrix[];
    classes: [Int32Array, Int32Array];
  };
  const buffers = new Map<number, Buffers>();
  const buffersFor = (rows: number) => {
    let b = buffers.get(rows);
    if (!b) {
      const ws = net.workspace(rows);
      const grads = ws.dW.flatMap((dW, l) => [dW, ws.db[l]!]); // the order of net.params()
      const classes: Buffers["classes"] = [new Int32Array(rows), new Int32Array(rows)];
      b = { Xb: new Matrix(rows, X.cols), Yb: new Matrix(rows, T.cols), ws, grads, classes };
      buffers.set(rows, b);
    }
    return b;
  };
  // A Matrix X was checked whole above (and T always is): its batches need no second look. A source's
  // batches are numbers only once gathered, so backward checks each of them.
  const prechecked = X instanceof Matrix;
  const params = net.params();
  const identity = Int32Array.from({ length: m }, (_, i) => i);

  for (let epoch = 1; epoch <= epochs && !history.aborted; epoch++) {
    const order = options.shuffle === false ? identity : rng.permutation(m);
    const epochStart = performance.now();
    let callbackSeconds = 0;
    let lossSum = 0,
      right = 0,
      seen = 0;
    for (let step = 1; step <= steps; step++) {
      if (signal?.aborted) {
        history.aborted = true;
        break;
      }
      const from = (step - 1) * batch;
      const { Xb, Yb, ws, grads, classes } = buffersFor(Math.min(batch, m - from));
      source.gather(Xb, order, from); // (m_b, n_0)
      gatherRows(Yb, T, order, from); // (m_b, K)
      // X·W₀ and Xᵀ·δ₀ both read the batch's nonzeros: the fast kernels list them once for the two
      const { loss } = withNonzerosOf(Xb, () =>
        prechecked ? net.backwardPrechecked(Xb, Yb, ws) : net.backward(Xb, Yb, ws),
      );
      const info: StepInfo = { epoch, step, steps, loss, seconds: (performance.now() - start) / 1000 };
      history.stepLoss.push(loss);
      if (!Number.isFinite(loss)) {
        history.seconds = info.seconds;
        throw new DivergenceError(info, optimizer.eta, history);
      }
      optimizer.step(params, grads);
      lossSum += loss * Xb.rows;
      right += countCorrect(ws.A[ws.A.length - 1]!, Yb, classes);
      seen += Xb.rows;
      if (onStep) {
        const t = performance.now();
        await onStep(info);
        callbackSeconds += (performance.now() - t) / 1000;
      }
      const now = performance.now();
      if (now - lastYield >= yieldEveryMs) {
        await nextTask();
        lastYield = performance.now();
      }
    }
    if (history.aborted && seen < m) break; // a partial epoch has no epoch figures
    history.loss.push(lossSum / seen);
    history.accuracy.push(right / seen);
    const seconds = (performance.now() - epochStart) / 1000 - callbackSeconds;
    await onEpoch?.({ epoch, loss: lossSum / seen, accuracy: right / seen, seconds });
  }
  history.seconds = (performance.now() - start) / 1000;
  return history;
}
