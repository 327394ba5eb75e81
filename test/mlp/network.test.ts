import { describe, expect, it } from "vitest";
import {
  Dense,
  MLP,
  Matrix,
  Rng,
  glorotUniform,
  heUniform,
  oneHot,
  sigmoid,
  softmax,
  tanh,
  type MLPJSON,
} from "../../src/mlp/index.ts";
import { randomMatrix } from "./helpers.ts";

describe("new MLP(options)", () => {
  it("new MLP({ sizes: [2, 8, 2] }) builds one Dense layer per pair of sizes", () => {
    const net = new MLP({ sizes: [2, 8, 3, 2], hidden: "tanh", seed: 1 });
    expect(net.layers.map((l) => l.W.shape)).toEqual([
      [2, 8],
      [8, 3],
      [3, 2],
    ]);
    expect(net.layers.map((l) => l.b.shape)).toEqual([
      [1, 8],
      [1, 3],
      [1, 2],
    ]);
    expect(net.layers.map((l) => l.activation.name)).toEqual(["tanh", "tanh", "softmax"]);
    expect(net.lossName).toBe("crossEntropy");
    expect(net.layers.every((l) => l.b.data.every((v) => v === 0))).toBe(true);
  });

  it("draws W_0, W_1, … in order from Rng(seed): He into a ReLU layer, Glorot elsewhere by default", () => {
    const net = new MLP({ sizes: [5, 4, 3], hidden: "relu", seed: 9 });
    const rng = new Rng(9);
    expect(net.layers[0]!.W.data).toEqual(heUniform(rng, 5, 4).data);
    expect(net.layers[1]!.W.data).toEqual(glorotUniform(rng, 4, 3).data);
  });

  it('init "glorot", "he" and { std } choose the initialisation', () => {
    const rng = () => new Rng(3);
    expect(new MLP({ sizes: [3, 2], output: "identity", init: "he", seed: 3 }).layers[0]!.W.data).toEqual(
      heUniform(rng(), 3, 2).data,
    );
    const g = new MLP({ sizes: [3, 2, 2], hidden: "relu", init: "glorot", seed: 3 });
    expect(g.layers[0]!.W.data).toEqual(glorotUniform(rng(), 3, 2).data);
    const n = new MLP({ sizes: [3, 2], init: { std: 0.01 }, rng: rng() });
    const r = rng();
    expect(Array.from(n.layers[0]!.W.data)).toEqual(Array.from({ length: 6 }, () => r.normal(0, 0.01)));
  });

  it("init { std, biasStd } draws every b_l from N(0, biasStd²) first, then every W_l from N(0, std²)", () => {
    const net = new MLP({ sizes: [3, 2, 4], init: { std: 2, biasStd: 0.01 }, seed: 5 });
    const r = new Rng(5);
    const draw = (n: number, std: number) => Array.from({ length: n }, () => r.normal(0, std));
    const [b0, b1, W0, W1] = [draw(2, 0.01), draw(4, 0.01), draw(6, 2), draw(8, 2)];
    expect(Array.from(net.layers[0]!.b.data)).toEqual(b0);
    expect(Array.from(net.layers[1]!.b.data)).toEqual(b1);
    expect(Array.from(net.layers[0]!.W.data)).toEqual(W0);
    expect(Array.from(net.layers[1]!.W.data)).toEqual(W1);
    expect(new MLP({ sizes: [3, 2], init: { std: 1 } }).layers[0]!.b.data.every((v) => v === 0)).toBe(true);
    expect(() => new MLP({ sizes: [3, 2], init: { std: 1, biasStd: -1 } })).toThrow(
      "MLP: init.biasStd must be a number ≥ 0, got -1; leave it out for zero biases",
    );
  });

  it("the same seed gives the same weights; another seed others", () => {
    const a = new MLP({ sizes: [4, 5, 2], seed: 12 }).toJSON();
    expect(new MLP({ sizes: [4, 5, 2], seed: 12 }).toJSON()).toEqual(a);
    expect(new MLP({ sizes: [4, 5, 2], seed: 13 }).toJSON()).not.toEqual(a);
  });

  it("bad sizes, names and pairings are refused with what to do instead", () => {
    expect(() => new MLP({ sizes: [3] })).toThrow(
      "MLP: sizes must list two or more positive integers, inputs first (e.g. [2, 8, 2]), got [3]",
    );
    expect(() => new MLP({ sizes: [3, 0, 2] })).toThrow("MLP: sizes must list two or more positive integers");
    expect(() => new MLP({ sizes: [2, 2], hidden: "sigmod" as "sigmoid" })).toThrow(
      'MLP: unknown hidden activation "sigmod"; use one of sigmoid, tanh, relu, identity',
    );
    expect(() => new MLP({ sizes: [2, 2], output: "softplus" as "sigmoid" })).toThrow(
      'MLP: unknown output activation "softplus"; use one of softmax, sigmoid, identity, tanh, relu',
    );
    expect(() => new MLP({ sizes: [2, 2], loss: "hinge" as "mse" })).toThrow(
      'MLP: unknown loss "hinge"; use one of crossEntropy, mse',
    );
    expect(() => new MLP({ sizes: [2, 2], hidden: "softmax" })).toThrow(
      'MLP: hidden layers cannot use "softmax" (its derivative is not element-wise); use relu or tanh',
    );
    expect(() => new MLP({ sizes: [2, 2], output: "softmax", loss: "mse" })).toThrow(
      'MLP: output "softmax" pairs with loss "crossEntropy", not "mse"; use loss "crossEntropy", or output "sigmoid" or "identity" with "mse"',
    );
    expect(() => new MLP({ sizes: [2, 2], output: "identity", loss: "crossEntropy" })).toThrow(
      'MLP: loss "crossEntropy" needs output "softmax" (probabilities that sum to 1) or "sigmoid" (one probability per output), got "identity"; use one of those, or loss "mse"',
    );
    expect(() => new MLP({ sizes: [2, 2], init: "lecun" as "he" })).toThrow(
      'MLP: unknown init "lecun"; use "glorot", "he" or { std, biasStd? }',
    );
  });

  it("given W and b of the wrong shapes, says which and what sizes need", () => {
    expect(() => new MLP({ sizes: [3, 2], W: [new Matrix(2, 3)], b: [new Matrix(1, 2)] })).toThrow(
      "MLP: W[0] is (2×3), sizes [3,2] need (3×2)",
    );
    expect(() => new MLP({ sizes: [3, 2], W: [new Matrix(3, 2)], b: [new Matrix(2, 1)] })).toThrow(
      "MLP: b[0] is (2×1), sizes [3,2] need (1×2)",
    );
    expect(() => new MLP({ sizes: [3, 2, 2], W: [new Matrix(3, 2)] })).toThrow(
      "MLP: sizes [3,2,2] make 2 layers, got 1 W and 2 b",
    );
  });
});

describe("Dense", () => {
  const rng = new Rng(4);
  const layer = new Dense(randomMatrix(rng, 3, 2), randomMatrix(rng, 1, 2), tanh);
  const Aprev = randomMatrix(rng, 5, 3);

  it("layer.forward(A_prev) is S = A_prev·W + b, A = f(S)", () => {
    const { S, A } = layer.forward(Aprev);
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 2; j++) {
        let s = layer.b.get(0, j);
        for (let k = 0; k < 3; k++) s += Aprev.get(i, k) * layer.W.get(k, j);
        expect(S.get(i, j)).toBeCloseTo(s, 14);
        expect(A.get(i, j)).toBe(Math.tanh(S.get(i, j)));
      }
    }
  });

  it("layer.backward(A_prev, δ) is dW = A_prevᵀ·δ, db = Σ_i δ_i, dA_prev = δ·Wᵀ", () => {
    const delta = randomMatrix(rng, 5, 2);
    const { dW, db, dAprev } = layer.backward(Aprev, delta);
    let sum = 0;
    for (let i = 0; i < 5; i++) sum += Aprev.get(i, 2) * delta.get(i, 1);
    expect(dW.get(2, 1)).toBeCloseTo(sum, 14);
    expect(db.get(0, 0)).toBeCloseTo(
      [0, 1, 2, 3, 4].reduce((s, i) => s + delta.get(i, 0), 0),
      14,
    );
    expect(dAprev.get(3, 2)).toBeCloseTo(
      delta.get(3, 0) * layer.W.get(2, 0) + delta.get(3, 1) * layer.W.get(2, 1),
      14,
    );
  });

  it("forward names the layer and both shapes when A_prev does not have one column per row of W", () => {
    expect(() => layer.forward(new Matrix(4, 2))).toThrow(
      "Dense.forward: A_prev is (4×2) but W is (3×2): A_prev needs 3 columns, one per input of the layer",
    );
  });

  it("new Dense(W, b) refuses a b that does not fit W", () => {
    expect(() => new Dense(new Matrix(3, 2), new Matrix(1, 3), sigmoid)).toThrow(
      "Dense: W is (3×2), so b must be (1×2), got (1×3)",
    );
  });
});

describe("forward, backward, predict", () => {
  const net = new MLP({ sizes: [3, 4, 2], hidden: "sigmoid", seed: 2 });
  const X = randomMatrix(new Rng(1), 6, 3);
  const Y = oneHot([0, 1, 1, 0, 1, 0], 2);

  it("net.forward(X) keeps S and A of every layer, the last A a softmax", () => {
    const { S, A } = net.forward(X);
    expect(S.map((M) => M.shape)).toEqual([
      [6, 4],
      [6, 2],
    ]);
    expect(A[0]!.data).toEqual(sigmoid.f(S[0]!).data);
    expect(A[1]!.data).toEqual(softmax.f(S[1]!).data);
  });

  it("net.backward(X, Y) returns loss, S, A, and delta, dW, db for every layer", () => {
    const g = net.backward(X, Y);
    expect(g.delta.map((M) => M.shape)).toEqual([
      [6, 4],
      [6, 2],
    ]);
    expect(g.dW.map((M) => M.shape)).toEqual([
      [3, 4],
      [4, 2],
    ]);
    expect(g.loss).toBe(net.loss(X, Y));
  });

  it("net.backward(X, Y, workspace) writes into the workspace and gives the same numbers", () => {
    const ws = net.workspace(6);
    const g = net.backward(X, Y, ws);
    expect(g).toBe(ws);
    expect(ws.dW[0]!.data).toEqual(net.backward(X, Y).dW[0]!.data);
  });

  it("net.predict(X) is the argmax of the outputs, or a ≥ 0.5 for one output", () => {
    const P = net.outputs(X);
    expect(Array.from(net.predict(X))).toEqual(P.toArray().map((row) => (row[1]! > row[0]! ? 1 : 0)));
    const binary = new MLP({ sizes: [3, 1], output: "sigmoid", seed: 1 });
    const a = binary.outputs(X).data;
    expect(Array.from(binary.predict(X))).toEqual(Array.from(a, (v) => (v >= 0.5 ? 1 : 0)));
  });

  it("net.predict(X, workspace) computes in the workspace and gives the same answers", () => {
    const ws = net.workspace(6);
    expect(Array.from(net.predict(X, ws))).toEqual(Array.from(net.predict(X)));
    expect(net.outputs(X, ws)).toBe(ws.A[ws.A.length - 1]);
  });

  it("mismatched X, Y or workspace get errors that name the shapes", () => {
    expect(() => net.forward(new Matrix(6, 2))).toThrow(
      "MLP.forward: X is (6×2), but the network takes 3 inputs (sizes[0])",
    );
    expect(() => net.backward(X, oneHot([0, 1], 2))).toThrow(
      "MLP.backward: X has 6 rows but Y has 2; they must pair up",
    );
    expect(() => net.backward(X, new Matrix(6, 3))).toThrow(
      "MLP.backward: Y is (6×3), but the network has 2 outputs",
    );
    expect(() => net.loss(X, [0, 1] as unknown as Matrix)).toThrow(
      "MLP.loss: Y must be a Matrix (m×2), got an array; for class labels use oneHot(labels, 2)",
    );
    expect(() => net.forward([[1, 2, 3]] as unknown as Matrix)).toThrow(
      "MLP.forward: X must be a Matrix (m×3)",
    );
    expect(() => net.backward(X, Y, net.workspace(5))).toThrow(
      "MLP.backward: the workspace is for 5 rows, X has 6",
    );
  });
});

describe("toJSON and fromJSON", () => {
  const net = new MLP({ sizes: [3, 5, 4, 2], hidden: "relu", output: "sigmoid", seed: 3 });
  const X = randomMatrix(new Rng(2), 4, 3);

  it("MLP.fromJSON(JSON.parse(JSON.stringify(net))) computes the same outputs bit for bit", () => {
    const copy = MLP.fromJSON(JSON.parse(JSON.stringify(net)));
    expect(copy.toJSON()).toEqual(net.toJSON());
    expect(copy.outputs(X).data).toEqual(net.outputs(X).data);
    expect([copy.hidden, copy.output, copy.lossName]).toEqual(["relu", "sigmoid", "mse"]);
  });

  const json = (): MLPJSON => JSON.parse(JSON.stringify(net)) as MLPJSON;

  it("MLP.fromJSON refuses a W that does not fit sizes", () => {
    const j = json();
    j.W[1] = { shape: [4, 5], data: new Array(20).fill(0) };
    expect(() => MLP.fromJSON(j)).toThrow("MLP.fromJSON: W[1] is (4×5), sizes [3,5,4,2] need (5×4)");
  });

  it("MLP.fromJSON refuses a wrong number of layers, missing keys, bad data and unknown names", () => {
    const j = json();
    j.b.pop();
    expect(() => MLP.fromJSON(j)).toThrow('MLP.fromJSON: sizes [3,5,4,2] make 3 layers, but "b" has 2');
    expect(() => MLP.fromJSON({ ...json(), W: undefined })).toThrow(
      'MLP.fromJSON: "W" must be an array, got undefined',
    );
    expect(() => MLP.fromJSON(null)).toThrow("MLP.fromJSON: expected an object from toJSON()");
    const k = json();
    k.W[0]!.data.pop();
    expect(() => MLP.fromJSON(k)).toThrow("MLP.fromJSON: W[0]: shape (3×5) needs 15 numbers, got 14 entries");
    expect(() => MLP.fromJSON({ ...json(), hidden: "swish" })).toThrow(
      'MLP: unknown hidden activation "swish"',
    );
    expect(() => MLP.fromJSON({ ...json(), sizes: [3] })).toThrow(
      "MLP.fromJSON: sizes must list two or more positive integers",
    );
    expect(() => MLP.fromJSON({ ...json(), loss: 1 })).toThrow(
      'MLP.fromJSON: "loss" must be a name, got number',
    );
  });
});
