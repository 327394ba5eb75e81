// Inputs the library must refuse, each with a message that says what was passed and what is expected.
// Every case here was once accepted silently (a wrong number, a NaN weight, a stack overflow) or refused
// with an internal message; the audit of issue 13 found them.
import { describe, expect, it } from "vitest";
import {
  MLP,
  Matrix,
  Rng,
  accuracy,
  adam,
  confusionMatrix,
  momentum,
  oneHot,
  sgd,
  train,
} from "../../src/mlp/index.ts";

const X = Matrix.from([
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
]);
const labels = [0, 1, 1, 0];

describe("a single output unit", () => {
  it("is a sigmoid with mse by default, so it learns (softmax over one unit is always 1)", async () => {
    const net = new MLP({ sizes: [2, 8, 1] });
    expect([net.output, net.lossName]).toEqual(["sigmoid", "mse"]);
    expect(net.loss(X, Matrix.from([[0], [1], [1], [0]]))).toBeGreaterThan(0);
    const history = await train(net, X, labels, {
      epochs: 200,
      batchSize: 4,
      optimizer: adam({ eta: 0.05 }),
    });
    expect(history.loss.at(-1)!).toBeLessThan(history.loss[0]!);
  });

  it("refuses an explicit softmax over one unit, saying what to use", () => {
    expect(() => new MLP({ sizes: [2, 8, 1], output: "softmax" })).toThrow(
      'MLP: output "softmax" over 1 unit is always 1 and learns nothing; use output "sigmoid" for one output (with loss "mse" or "crossEntropy"), or sizes ending in 2',
    );
  });

  it("refuses labels other than 0 and 1 for a sigmoid output", async () => {
    const net = new MLP({ sizes: [2, 4, 1] });
    await expect(
      train(net, X, [0, 2, 5, 0], { epochs: 1, batchSize: 4, optimizer: sgd({ eta: 0.1 }) }),
    ).rejects.toThrow(
      "train: label 2 at index 1: a single sigmoid output learns labels 0 and 1 only; for K classes use sizes ending in K (softmax)",
    );
  });
});

describe("non-finite numbers in X or Y", () => {
  const net = new MLP({ sizes: [2, 3, 2], seed: 1 });
  const Xnan = Matrix.from([
    [0, 0],
    [0, NaN],
  ]);
  const Y = oneHot([0, 1], 2);

  it("forward, loss, outputs and predict name the matrix, row and column", () => {
    expect(() => net.forward(Xnan)).toThrow(
      "MLP.forward: X[1, 1] is NaN; every input must be a finite number (look for a missing or broken value in the data)",
    );
    expect(() => net.loss(Xnan, Y)).toThrow("MLP.loss: X[1, 1] is NaN");
    expect(() => net.predict(Xnan)).toThrow("MLP.forward: X[1, 1] is NaN");
    expect(() => net.loss(X.clone(), oneHot(labels, 2).clone())).not.toThrow();
    const Yinf = oneHot(labels, 2);
    Yinf.set(2, 0, Infinity);
    expect(() => net.loss(X, Yinf)).toThrow(
      "MLP.loss: Y[2, 0] is Infinity; every target must be a finite number",
    );
    expect(() => net.backward(X, Yinf)).toThrow("MLP.backward: Y[2, 0] is Infinity");
  });

  it("train blames the data, not the learning rate, before any step", async () => {
    const before = net.params().map((p) => p.clone());
    const Xbad = X.clone();
    Xbad.set(3, 0, -Infinity);
    const options = { epochs: 1, batchSize: 2, optimizer: sgd({ eta: 0.1 }) };
    await expect(train(net, Xbad, labels, options)).rejects.toThrow(
      "train: X[3, 0] is -Infinity; every input must be a finite number",
    );
    const Ybad = oneHot(labels, 2);
    Ybad.set(0, 1, NaN);
    await expect(train(net, X, Ybad, options)).rejects.toThrow("train: Y[0, 1] is NaN");
    await expect(train(net, X, [0, NaN, 1, 0], options)).rejects.toThrow("oneHot: label NaN at index 1");
    net.params().forEach((p, i) => expect(Array.from(p.data)).toEqual(Array.from(before[i]!.data)));
  });

  it("train checks each batch a BatchSource gathers, and names the bad number", async () => {
    const source = {
      rows: 4,
      cols: 2,
      gather(out: Matrix, order: Int32Array, from: number) {
        for (let r = 0; r < out.rows; r++) {
          const i = order[from + r]!;
          out.set(r, 0, i === 2 ? NaN : X.get(i, 0));
          out.set(r, 1, X.get(i, 1));
        }
      },
    };
    const options = { epochs: 1, batchSize: 4, optimizer: sgd({ eta: 0.1 }), shuffle: false };
    await expect(train(net, source, labels, options)).rejects.toThrow(
      "MLP.backward: X[2, 0] is NaN; every input must be a finite number",
    );
  });
});

describe("the learning rate", () => {
  it.each([
    ["sgd", () => sgd({ eta: 0.1 })],
    ["momentum", () => momentum({ eta: 0.1 })],
    ["adam", () => adam()],
  ])("of %s is checked whenever it is set", (name, make) => {
    const opt = make();
    for (const bad of [NaN, -5, 0, Infinity, "0.1" as unknown as number]) {
      expect(() => {
        opt.eta = bad;
      }).toThrow(`${name}: eta must be a positive number, got ${String(bad)}`);
    }
    opt.eta = 0.02;
    expect(opt.eta).toBe(0.02);
  });
});

describe("values of the wrong type", () => {
  it("Matrix.from names the entry that is not a number", () => {
    expect(() => Matrix.from([[1, "a" as unknown as number]])).toThrow(
      'Matrix.from: row 0, column 1 is "a" (a string), expected a number',
    );
    expect(() => Matrix.from([[1, 2], 3 as unknown as number[]])).toThrow(
      "Matrix.from: row 1 is 3 (a number), expected an array of numbers",
    );
    expect(() => Matrix.from("12" as unknown as number[][])).toThrow(
      'Matrix.from: expected an array of rows (arrays of numbers), got "12" (a string)',
    );
  });

  it("new Matrix refuses data that is not a Float64Array", () => {
    expect(() => new Matrix(1, 2, [1, 2] as unknown as Float64Array)).toThrow(
      "Matrix: data must be a Float64Array of 2 values, got an array; use Matrix.from([[…], …]) for nested arrays",
    );
  });

  it("train says X must be a Matrix when given an array", async () => {
    const net = new MLP({ sizes: [2, 2], seed: 1 });
    await expect(
      train(net, X.toArray() as unknown as Matrix, labels, {
        epochs: 1,
        batchSize: 4,
        optimizer: sgd({ eta: 0.1 }),
      }),
    ).rejects.toThrow(
      "train: X must be a Matrix (m×2) or a BatchSource ({ rows, cols, gather }), got an array; use Matrix.from(rows)",
    );
    await expect(
      train(net, X, "0110" as unknown as number[], { epochs: 1, batchSize: 4, optimizer: sgd({ eta: 0.1 }) }),
    ).rejects.toThrow('train: Y must be a Matrix (m×2) or a list of class labels, got "0110" (a string)');
  });

  it("oneHot, accuracy and confusionMatrix say a Matrix is not a list of labels", () => {
    const Y = oneHot(labels, 2);
    expect(() => oneHot(Y as unknown as number[], 2)).toThrow(
      "oneHot: labels must be a list of class numbers (an array or Int32Array), got a Matrix (4×2); for one-hot rows use argmaxRows(Y)",
    );
    expect(() => accuracy([0, 1, 1, 0], Y as unknown as number[])).toThrow(
      "accuracy: labels must be a list of class numbers (an array or Int32Array), got a Matrix (4×2); for one-hot rows use argmaxRows(Y)",
    );
    expect(() => accuracy(Y as unknown as number[], labels)).toThrow(
      "accuracy: predicted must be a list of class numbers",
    );
    expect(() => confusionMatrix([0], { length: 1 } as unknown as number[], 2)).toThrow(
      "confusionMatrix: labels must be a list of class numbers (an array or Int32Array), got an object",
    );
  });
});

describe("seeds", () => {
  it("are integers 0 … 2³²−1, each its own stream", () => {
    for (const bad of [1.7, -1, 2 ** 32, NaN, "1" as unknown as number]) {
      expect(() => new Rng(bad)).toThrow(
        `Rng: seed must be an integer 0 … 4294967295 (2³²−1), got ${typeof bad === "string" ? '"1"' : String(bad)}`,
      );
    }
    const first = (seed: number) => new Rng(seed).uniform();
    const seeds = [0, 1, 2, 2 ** 31, 2 ** 32 - 1];
    expect(new Set(seeds.map(first)).size).toBe(seeds.length);
    expect(() => new MLP({ sizes: [2, 2], seed: 1.5 })).toThrow("Rng: seed must be an integer");
  });
});

describe("the public accessors", () => {
  const M = Matrix.from([
    [1, 2],
    [3, 4],
  ]);
  it("refuse an index outside the matrix instead of reading the next row", () => {
    expect(() => M.get(0, 2)).toThrow(
      "Matrix.get: (0, 2) is outside the (2×2) matrix; rows are 0 … 1, columns 0 … 1",
    );
    expect(() => M.get(-1, 0)).toThrow("Matrix.get: (-1, 0) is outside");
    expect(() => M.get(0.5, 0)).toThrow("Matrix.get: (0.5, 0) is outside");
    expect(() => M.set(2, 0, 9)).toThrow("Matrix.set: (2, 0) is outside the (2×2) matrix");
    expect(M.get(1, 1)).toBe(4);
    M.set(1, 1, 5);
    expect(M.get(1, 1)).toBe(5);
  });
});

describe("train options", () => {
  it.each([NaN, -1, "16"])("refuse yieldEveryMs %s", async (bad) => {
    const net = new MLP({ sizes: [2, 2], seed: 1 });
    await expect(
      train(net, X, labels, {
        epochs: 1,
        batchSize: 4,
        optimizer: sgd({ eta: 0.1 }),
        yieldEveryMs: bad as number,
      }),
    ).rejects.toThrow(`train: yieldEveryMs must be a number of milliseconds ≥ 0, got ${String(bad)}`);
  });
});

describe("weights as JSON", () => {
  const net = new MLP({ sizes: [2, 3, 2], seed: 1 });

  it("loads finite numbers only, naming the matrix and the entry", () => {
    const text = JSON.stringify(net).replace(/"data":\[([-0-9.e]+),/, '"data":[1e999,');
    expect(() => MLP.fromJSON(JSON.parse(text))).toThrow(
      "MLP.fromJSON: W[0]: entry 0 (row 0, column 0) is Infinity; entries must be finite numbers",
    );
  });

  it("refuses to save a network holding NaN, and says why", () => {
    const broken = MLP.fromJSON(JSON.parse(JSON.stringify(net)));
    broken.layers[1]!.b.data[1] = NaN;
    expect(() => JSON.stringify(broken)).toThrow(
      "MLP.toJSON: b[1] entry 1 (row 0, column 1) is NaN; a network holding NaN or ±Infinity cannot be saved (its training diverged: train it again with a smaller learning rate)",
    );
  });
});
