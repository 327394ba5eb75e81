import { describe, expect, it } from "vitest";
import {
  MLP,
  Matrix,
  Rng,
  gradCheck,
  oneHot,
  type ActivationName,
  type Gradients,
} from "../../src/mlp/index.ts";

const pairings = [
  ["softmax", "crossEntropy"],
  ["sigmoid", "crossEntropy"],
  ["sigmoid", "mse"],
  ["identity", "mse"],
] as const;

/** A seeded network with random biases, and a batch: one-hot targets, or normal ones for identity. */
function problem(
  seed: number,
  sizes: number[],
  hidden: ActivationName,
  output: ActivationName,
  loss: "crossEntropy" | "mse",
) {
  const rng = new Rng(seed * 100);
  const normal = (r: number, c: number) => {
    const M = new Matrix(r, c);
    for (let q = 0; q < M.data.length; q++) M.data[q] = rng.normal();
    return M;
  };
  const net = new MLP({ sizes, hidden, output, loss, seed });
  for (const layer of net.layers) layer.b.data.forEach((_, q) => (layer.b.data[q] = rng.normal(0, 0.3)));
  const m = 7;
  const K = sizes[sizes.length - 1]!;
  const X = normal(m, sizes[0]!);
  const Y =
    output === "identity"
      ? normal(m, K)
      : oneHot(
          Array.from({ length: m }, () => rng.int(K)),
          K,
        );
  return { net, X, Y };
}

describe("backward's gradients agree with central differences", () => {
  for (const hidden of ["sigmoid", "tanh", "relu", "identity"] as const) {
    for (const [output, loss] of pairings) {
      it(`gradCheck(net, X, Y, { stencil: 4 }) < 1e-7 for hidden ${hidden}, output ${output} + ${loss}`, () => {
        for (const [seed, sizes] of [
          [1, [4, 6, 5, 3]],
          [2, [3, 5, 4, 4, 2]],
          [3, [2, 3]],
        ] as const) {
          const { net, X, Y } = problem(seed, [...sizes], hidden, output, loss);
          const result = gradCheck(net, X, Y, { stencil: 4 });
          const total = net.params().reduce((n, p) => n + p.data.length, 0);
          expect(result.checked + result.kinks).toBe(total);
          expect(result.checked).toBeGreaterThan(0.9 * total);
          expect(result.maxRelError, JSON.stringify(result)).toBeLessThan(1e-7);
        }
      });
    }
  }

  it("gradCheck(net, X, Y) with the 2-point default stays under 1e-5", () => {
    const { net, X, Y } = problem(4, [4, 6, 5, 3], "tanh", "softmax", "crossEntropy");
    const result = gradCheck(net, X, Y);
    expect(result.maxRelError).toBeLessThan(1e-5);
    expect(result.checked).toBe(net.params().reduce((n, p) => n + p.data.length, 0));
  });

  it("gradCheck leaves the weights as they were", () => {
    const { net, X, Y } = problem(5, [3, 4, 2], "sigmoid", "softmax", "crossEntropy");
    const before = JSON.stringify(net.toJSON());
    gradCheck(net, X, Y, { stencil: 4 });
    expect(JSON.stringify(net.toJSON())).toBe(before);
  });
});

describe("gradCheck finds a wrong gradient and says where", () => {
  it("a dW[1] entry off by 1% is reported with its layer, param and index", () => {
    const { net, X, Y } = problem(6, [3, 5, 4, 2], "tanh", "softmax", "crossEntropy");
    const backward = net.backward.bind(net);
    net.backward = (X: Matrix, Y: Matrix): Gradients => {
      const g = backward(X, Y);
      g.dW[1]!.set(2, 3, g.dW[1]!.get(2, 3) * 1.01);
      return g;
    };
    const result = gradCheck(net, X, Y, { stencil: 4 });
    expect(result.where).toEqual({ layer: 1, param: "W", i: 2, j: 3 });
    expect(result.maxRelError).toBeCloseTo(0.01 / 1.01, 6);
    expect(result.analytic).toBeCloseTo(result.numeric * 1.01, 12);
  });

  it("a wrong sign in db[0] is found", () => {
    const { net, X, Y } = problem(7, [3, 5, 2], "sigmoid", "sigmoid", "mse");
    const backward = net.backward.bind(net);
    net.backward = (X: Matrix, Y: Matrix): Gradients => {
      const g = backward(X, Y);
      g.db[0]!.data[4] = -g.db[0]!.data[4]!;
      return g;
    };
    const result = gradCheck(net, X, Y);
    expect(result.where).toEqual({ layer: 0, param: "b", i: 0, j: 4 });
    expect(result.maxRelError).toBeCloseTo(2, 3);
  });

  it("steps that move a ReLU input across 0 are counted as kinks, not compared", () => {
    const net = new MLP({
      sizes: [1, 1, 1],
      hidden: "relu",
      output: "identity",
      W: [Matrix.from([[1]]), Matrix.from([[1]])],
      b: [Matrix.from([[-0.9999999]]), Matrix.from([[0]])],
    });
    const X = Matrix.from([[1]]); // S_0 = W_0·x + b_0 sits 1e-7 from the kink
    const result = gradCheck(net, X, Matrix.from([[1]]));
    expect(result.kinks).toBe(2); // W_0 and b_0 cross it; W_1 and b_1 do not
    expect(result.checked).toBe(2);
  });
});

describe("gradCheck's options", () => {
  const { net, X, Y } = problem(8, [2, 2], "tanh", "softmax", "crossEntropy");
  it("refuses a bad h, stencil or floor", () => {
    expect(() => gradCheck(net, X, Y, { h: 0 })).toThrow("gradCheck: h must be a positive step, got 0");
    expect(() => gradCheck(net, X, Y, { stencil: 3 as 2 })).toThrow(
      "gradCheck: stencil must be 2 or 4 (points), got 3",
    );
    expect(() => gradCheck(net, X, Y, { floor: 0 })).toThrow("gradCheck: floor must be positive, got 0");
  });
});
