import { describe, expect, it } from "vitest";
import {
  DivergenceError,
  MLP,
  Matrix,
  Rng,
  adam,
  momentum,
  oneHot,
  sgd,
  train,
  type EpochInfo,
  type StepInfo,
} from "../../src/mlp/index.ts";
import { randomMatrix } from "./helpers.ts";

const XOR = Matrix.from([
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
]);
const xorLabels = [0, 1, 1, 0];

/** A small seeded classification problem: 3 classes by the sign pattern of two features. */
function blobs(m: number, seed: number) {
  const rng = new Rng(seed);
  const X = randomMatrix(rng, m, 2);
  const y = Array.from({ length: m }, (_, i) => (X.get(i, 0) > 0 ? (X.get(i, 1) > 0 ? 2 : 1) : 0));
  return { X, y };
}

describe("XOR", () => {
  it("train(net, X, y) solves XOR with 4 tanh units and softmax (full batch, sgd)", async () => {
    const net = new MLP({ sizes: [2, 4, 2], hidden: "tanh", seed: 1 });
    const history = await train(net, XOR, xorLabels, {
      epochs: 300,
      batchSize: 4,
      optimizer: sgd({ eta: 0.5 }),
    });
    expect(Array.from(net.predict(XOR))).toEqual(xorLabels);
    expect(history.accuracy.at(-1)).toBe(1);
    expect(history.loss.at(-1)).toBeLessThan(0.05);
    expect(history.loss[0]).toBeGreaterThan(0.5);
  });

  it("train(net, X, y) solves XOR with the classic 2-2-1 sigmoid net, one example per step", async () => {
    const net = new MLP({ sizes: [2, 2, 1], hidden: "sigmoid", output: "sigmoid", seed: 1 });
    const history = await train(net, XOR, xorLabels, {
      epochs: 3000,
      batchSize: 1,
      optimizer: sgd({ eta: 2 }),
      seed: 1,
    });
    expect(Array.from(net.predict(XOR))).toEqual(xorLabels);
    expect(history.loss.at(-1)).toBeLessThan(0.01);
  });
});

describe("minibatches and shuffling", () => {
  const { X, y } = blobs(10, 3);
  const Y = oneHot(y, 3);

  it("batchSize 4 over 10 examples takes steps of 4, 4 and 2; the epoch loss weighs each by its size", async () => {
    const steps: StepInfo[] = [];
    const net = new MLP({ sizes: [2, 5, 3], hidden: "tanh", seed: 2 });
    const h = await train(net, X, Y, {
      epochs: 1,
      batchSize: 4,
      optimizer: sgd({ eta: 0.1 }),
      onStep: (s) => void steps.push(s),
    });
    expect(steps.map((s) => [s.epoch, s.step, s.steps])).toEqual([
      [1, 1, 3],
      [1, 2, 3],
      [1, 3, 3],
    ]);
    const [a, b, c] = h.stepLoss as [number, number, number];
    expect(h.loss[0]).toBeCloseTo((4 * a + 4 * b + 2 * c) / 10, 15);
  });

  it("batchSize 1 is one step per example; batchSize ≥ m is one full-batch step", async () => {
    const net = () => new MLP({ sizes: [2, 3, 3], seed: 5 });
    expect(
      (await train(net(), X, Y, { epochs: 2, batchSize: 1, optimizer: sgd({ eta: 0.1 }) })).stepLoss,
    ).toHaveLength(20);
    expect(
      (await train(net(), X, Y, { epochs: 2, batchSize: 10, optimizer: sgd({ eta: 0.1 }) })).stepLoss,
    ).toHaveLength(2);
    expect(
      (await train(net(), X, Y, { epochs: 2, batchSize: 64, optimizer: sgd({ eta: 0.1 }) })).stepLoss,
    ).toHaveLength(2);
  });

  it("train visits rows in the order Rng(seed).permutation(m), a fresh one per epoch (as common.py make_perms)", async () => {
    const net = new MLP({ sizes: [2, 4, 3], hidden: "relu", seed: 8 });
    const manual = MLP.fromJSON(net.toJSON());
    const h = await train(net, X, Y, {
      epochs: 3,
      batchSize: 3,
      optimizer: momentum({ eta: 0.2 }),
      seed: 43,
    });
    const rng = new Rng(43);
    const opt = momentum({ eta: 0.2 });
    const losses: number[] = [];
    for (let e = 0; e < 3; e++) {
      const order = rng.permutation(10);
      for (let from = 0; from < 10; from += 3) {
        const rows = Array.from(order.subarray(from, from + 3));
        const Xb = Matrix.from(rows.map((r) => X.toArray()[r]!));
        const Yb = Matrix.from(rows.map((r) => Y.toArray()[r]!));
        const g = manual.backward(Xb, Yb);
        losses.push(g.loss);
        opt.step(
          manual.params(),
          g.dW.flatMap((dW, l) => [dW, g.db[l]!]),
        );
      }
    }
    expect(h.stepLoss).toEqual(losses);
    expect(net.toJSON()).toEqual(manual.toJSON());
  });

  it("shuffle: false visits the rows in their order every epoch", async () => {
    const a = new MLP({ sizes: [2, 3, 3], seed: 1 });
    const b = new MLP({ sizes: [2, 3, 3], seed: 1 });
    const opts = { epochs: 2, batchSize: 5, shuffle: false } as const;
    const h1 = await train(a, X, Y, { ...opts, optimizer: sgd({ eta: 0.1 }), seed: 1 });
    const h2 = await train(b, X, Y, { ...opts, optimizer: sgd({ eta: 0.1 }), seed: 2 });
    expect(h1.stepLoss).toEqual(h2.stepLoss);
  });
});

describe("determinism", () => {
  it("two runs with the same seeds give the same history and weights, bit for bit", async () => {
    const { X, y } = blobs(60, 4);
    const run = async (shuffleSeed: number) => {
      const net = new MLP({ sizes: [2, 8, 3], hidden: "relu", seed: 21 });
      const h = await train(net, X, y, {
        epochs: 4,
        batchSize: 7,
        optimizer: adam({ eta: 0.01 }),
        seed: shuffleSeed,
      });
      return { stepLoss: h.stepLoss, loss: h.loss, accuracy: h.accuracy, weights: net.toJSON() };
    };
    const first = await run(5);
    expect(await run(5)).toEqual(first);
    expect((await run(6)).stepLoss).not.toEqual(first.stepLoss);
  });
});

describe("callbacks", () => {
  it("onEpoch gets each epoch's loss and accuracy as the history records them, and async callbacks are awaited", async () => {
    const { X, y } = blobs(30, 6);
    const epochs: EpochInfo[] = [];
    const order: string[] = [];
    const net = new MLP({ sizes: [2, 6, 3], hidden: "tanh", seed: 3 });
    const h = await train(net, X, y, {
      epochs: 3,
      batchSize: 10,
      optimizer: sgd({ eta: 0.3 }),
      onStep: async ({ epoch, step }) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        order.push(`step ${epoch}.${step}`);
      },
      onEpoch: (info) => {
        epochs.push(info);
        order.push(`epoch ${info.epoch}`);
      },
    });
    expect(epochs.map((e) => e.loss)).toEqual(h.loss);
    expect(epochs.map((e) => e.accuracy)).toEqual(h.accuracy);
    expect(epochs.every((e) => e.seconds >= 0)).toBe(true);
    expect(order.slice(0, 4)).toEqual(["step 1.1", "step 1.2", "step 1.3", "epoch 1"]);
    expect(order).toHaveLength(12);
  });

  it("the accuracy is the share of the epoch's examples whose predicted class was right", async () => {
    const { X, y } = blobs(40, 7);
    const net = new MLP({ sizes: [2, 6, 3], hidden: "tanh", seed: 3 });
    const snapshot = MLP.fromJSON(net.toJSON());
    const h = await train(net, X, y, { epochs: 1, batchSize: 40, optimizer: sgd({ eta: 0.1 }) });
    const before = snapshot.predict(X); // one full batch: measured before its only update
    expect(h.accuracy[0]).toBe(before.filter((p, i) => p === y[i]).length / 40);
  });
});

describe("yielding and stopping", () => {
  it("with yieldEveryMs: 0 a timer set before training fires during it; with Infinity it waits until the end", async () => {
    const fired = async (yieldEveryMs: number) => {
      let flag = false;
      let seenDuring = false;
      setTimeout(() => (flag = true), 0);
      const net = new MLP({ sizes: [2, 4, 2], hidden: "tanh", seed: 1 });
      await train(net, XOR, xorLabels, {
        epochs: 400,
        batchSize: 1,
        optimizer: sgd({ eta: 0.1 }),
        yieldEveryMs,
        onStep: () => void (seenDuring ||= flag),
      });
      return seenDuring;
    };
    expect(await fired(0)).toBe(true);
    expect(await fired(Infinity)).toBe(false);
  });

  it("aborting the signal stops after the current step and keeps what was learned", async () => {
    const controller = new AbortController();
    const net = new MLP({ sizes: [2, 4, 2], hidden: "tanh", seed: 1 });
    const before = JSON.stringify(net.toJSON());
    const h = await train(net, XOR, xorLabels, {
      epochs: 5,
      batchSize: 1,
      optimizer: sgd({ eta: 0.1 }),
      signal: controller.signal,
      onStep: ({ epoch, step }) => {
        if (epoch === 2 && step === 2) controller.abort();
      },
    });
    expect(h.aborted).toBe(true);
    expect(h.stepLoss).toHaveLength(6);
    expect(h.loss).toHaveLength(1); // the second epoch was not finished
    expect(JSON.stringify(net.toJSON())).not.toBe(before);
  });

  it("an already aborted signal trains nothing", async () => {
    const net = new MLP({ sizes: [2, 4, 2], seed: 1 });
    const h = await train(net, XOR, xorLabels, {
      epochs: 5,
      batchSize: 2,
      optimizer: sgd({ eta: 0.1 }),
      signal: AbortSignal.abort(),
    });
    expect([h.aborted, h.stepLoss.length, h.loss.length]).toEqual([true, 0, 0]);
  });
});

describe("divergence", () => {
  it("a too-large eta throws DivergenceError naming the epoch and step and suggesting a smaller eta", async () => {
    const rng = new Rng(1);
    const X = randomMatrix(rng, 20, 3);
    const Y = randomMatrix(rng, 20, 1);
    const net = new MLP({ sizes: [3, 8, 1], hidden: "identity", output: "identity", seed: 1 });
    const error = await train(net, X, Y, { epochs: 50, batchSize: 5, optimizer: sgd({ eta: 50 }) }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(DivergenceError);
    const e = error as DivergenceError;
    const stepsBefore = (e.epoch - 1) * 4 + e.step;
    expect(e.history.stepLoss).toHaveLength(stepsBefore);
    expect(Number.isFinite(e.history.stepLoss.at(-2))).toBe(true);
    expect(e.message).toBe(
      `training diverged at epoch ${e.epoch}, step ${e.step}: loss is ${e.loss}. ` +
        "The steps overshoot; try a smaller learning rate (eta = 50 now, try 5).",
    );
    expect(e.message).toMatch(/loss is (NaN|Infinity)\./);
  });
});

describe("bad arguments to train are refused with what to do", () => {
  const net = new MLP({ sizes: [2, 3, 2], seed: 1 });
  const opt = sgd({ eta: 0.1 });
  it("non-positive or fractional batch sizes, negative epochs, no optimizer", async () => {
    await expect(train(net, XOR, xorLabels, { epochs: 1, batchSize: 0, optimizer: opt })).rejects.toThrow(
      "train: batchSize must be a positive integer (1 for per-example SGD, m for full batch), got 0",
    );
    await expect(train(net, XOR, xorLabels, { epochs: 1, batchSize: 2.5, optimizer: opt })).rejects.toThrow(
      "train: batchSize must be a positive integer (1 for per-example SGD, m for full batch), got 2.5",
    );
    await expect(train(net, XOR, xorLabels, { epochs: -1, batchSize: 2, optimizer: opt })).rejects.toThrow(
      "train: epochs must be an integer ≥ 0, got -1",
    );
    await expect(
      train(net, XOR, xorLabels, { epochs: 1, batchSize: 2 } as unknown as Parameters<typeof train>[3]),
    ).rejects.toThrow("train: options.optimizer is missing; pass e.g. sgd({ eta: 0.1 })");
  });
  it("X and Y that do not pair up, X of the wrong width, labels out of range, no rows", async () => {
    await expect(train(net, XOR, [0, 1, 1], { epochs: 1, batchSize: 2, optimizer: opt })).rejects.toThrow(
      "train: X has 4 rows but Y has 3; they must pair up",
    );
    await expect(
      train(net, new Matrix(4, 3), xorLabels, { epochs: 1, batchSize: 2, optimizer: opt }),
    ).rejects.toThrow("train: X is (4×3), but the network takes 2 inputs (sizes[0])");
    await expect(train(net, XOR, [0, 1, 2, 0], { epochs: 1, batchSize: 2, optimizer: opt })).rejects.toThrow(
      "oneHot: label 2 at index 2 is not a class 0…1 (K = 2); check the labels or raise K",
    );
    await expect(
      train(net, XOR, new Matrix(4, 3), { epochs: 1, batchSize: 2, optimizer: opt }),
    ).rejects.toThrow("train: Y is (4×3), but the network has 2 outputs");
    await expect(
      train(net, new Matrix(0, 2), [], { epochs: 1, batchSize: 2, optimizer: opt }),
    ).rejects.toThrow("train: X has no rows; there is nothing to learn from");
    await expect(
      train(net, [[0, 1]] as unknown as Matrix, [0], { epochs: 1, batchSize: 2, optimizer: opt }),
    ).rejects.toThrow(
      "train: X must be a Matrix (m×2) or a BatchSource ({ rows, cols, gather }), got an array; use Matrix.from(rows)",
    );
  });
});
