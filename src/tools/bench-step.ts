// `npm run bench -- --parts`: what one training step of the benchmark network (784-128-10 sigmoid, batch 100)
// spends in each of its parts, in µs per call, on a shuffled MNIST batch after one epoch of training (so the
// weights and deltas look like a run's), without a profiler's overhead. Each part is timed alone, repeatedly,
// on the same numbers each call, so it finds its data in cache more than in a step; the whole step is timed
// too (its parts add up to a little less).

import {
  MLP,
  Matrix,
  Rng,
  addRowVectorInto,
  colSumsInto,
  gatherRows,
  matmulInto,
  matmulTransAInto,
  matmulTransBInto,
  sgd,
  sigmoid,
  softmax,
  softmaxCrossEntropy,
  softmaxCrossEntropyDeltaInto,
  train,
  withNonzerosOf,
} from "../mlp/index.ts";

interface Data {
  train: { X: Matrix; y: Int32Array };
}

/** µs per call of each part of a training step; `timeIt(f)` gives the seconds one call of f takes. */
export async function benchStepParts(
  data: Data,
  timeIt: (f: () => void) => number,
): Promise<Record<string, number>> {
  const { X, y } = data.train;
  const net = new MLP({ sizes: [784, 128, 10], hidden: "sigmoid", output: "softmax", seed: 42 });
  await train(net, X, y, {
    epochs: 1,
    batchSize: 100,
    optimizer: sgd({ eta: 0.1 }),
    seed: 43,
    yieldEveryMs: Infinity,
  });
  const order = new Rng(44).permutation(X.rows);
  const [Xb, Yb, ws] = [new Matrix(100, 784), new Matrix(100, 10), net.workspace(100)];
  gatherRows(Xb, X, order, 0);
  for (let i = 0; i < 100; i++) Yb.data[i * 10 + y[order[i]!]!] = 1;
  withNonzerosOf(Xb, () => net.backwardPrechecked(Xb, Yb, ws));
  const [W1, W2] = [net.layers[0]!.W, net.layers[1]!.W];
  const params = net.params();
  const grads = ws.dW.flatMap((dW, l) => [dW, ws.db[l]!]);
  // where a part would write what other parts read: so each meets the same numbers at every call
  const scratch = new Matrix(100, 128);
  const tiny = sgd({ eta: 1e-300 }); // moves nothing a step could see, so each call meets the same numbers
  let from = 0;
  const nextBatch = () => {
    gatherRows(Xb, X, order, from);
    from = (from + 100) % (X.rows - 100);
  };
  const parts: Record<string, () => void> = {
    "gather a batch": nextBatch,
    "X·W₁ and Xᵀ·δ₁, the nonzeros listed once": () =>
      withNonzerosOf(Xb, () => {
        matmulInto(ws.S[0]!, Xb, W1);
        matmulTransAInto(ws.dW[0]!, Xb, ws.delta[0]!);
      }),
    "A₁·W₂": () => matmulInto(ws.S[1]!, ws.A[0]!, W2),
    "A₁ᵀ·δ₂": () => matmulTransAInto(ws.dW[1]!, ws.A[0]!, ws.delta[1]!),
    "δ₂·W₂ᵀ": () => matmulTransBInto(scratch, ws.delta[1]!, W2),
    "S₁ + b₁": () => addRowVectorInto(scratch, ws.S[0]!, net.layers[0]!.b),
    "sigmoid forward": () => sigmoid.fInto(scratch, ws.S[0]!),
    // in place on what it is given: a fresh copy of ∂L/∂A₁ each call (a copy of 100×128 is ~3 µs of it)
    "sigmoid backward, after copying its input": () => {
      scratch.data.set(ws.delta[0]!.data);
      sigmoid.mulDerivativeInto(scratch, ws.S[0]!, ws.A[0]!);
    },
    "softmax, loss and δ₂": () => {
      softmax.fInto(ws.A[1]!, ws.S[1]!);
      softmaxCrossEntropy(ws.S[1]!, Yb);
      softmaxCrossEntropyDeltaInto(ws.delta[1]!, ws.A[1]!, Yb);
    },
    "db₁ = Σ δ₁": () => colSumsInto(ws.db[0]!, ws.delta[0]!),
    "SGD step": () => tiny.step(params, grads),
    "whole step (gather, forward, backward, SGD)": () => {
      nextBatch();
      withNonzerosOf(Xb, () => net.backwardPrechecked(Xb, Yb, ws));
      tiny.step(params, grads);
    },
  };
  return Object.fromEntries(Object.entries(parts).map(([name, f]) => [name, 1e6 * timeIt(f)]));
}
