import { describe, expect, it } from "vitest";
import {
  Matrix,
  Rng,
  activationByName,
  activations,
  identity,
  relu,
  sigmoid,
  softmax,
  tanh,
} from "../../src/mlp/index.ts";
import { randomMatrix } from "./helpers.ts";

const S = Matrix.from([
  [-3, -0.5, 0.25],
  [0.7, 2, 9],
]);

describe("element-wise activations", () => {
  it("sigmoid.f(S) is 1/(1 + e^(−s)), tanh.f is Math.tanh, relu.f is max(0, s), identity.f is s", () => {
    S.data.forEach((s, q) => {
      expect(sigmoid.f(S).data[q]).toBe(1 / (1 + Math.exp(-s)));
      expect(tanh.f(S).data[q]).toBe(Math.tanh(s));
      expect(relu.f(S).data[q]).toBe(Math.max(0, s));
      expect(identity.f(S).data[q]).toBe(s);
    });
  });

  for (const act of [sigmoid, tanh, relu, identity]) {
    it(`${act.name}.df(S, A) matches central differences of ${act.name}.f`, () => {
      const X = randomMatrix(new Rng(1), 6, 7);
      X.data.forEach((s, q) => (X.data[q] = 3 * s + (s > 0 ? 0.01 : -0.01))); // keep relu off its kink
      const D = act.df(X, act.f(X));
      const h = 1e-6;
      X.data.forEach((s, q) => {
        const numeric = (act.value(s + h) - act.value(s - h)) / (2 * h);
        expect(Math.abs(D.data[q]! - numeric)).toBeLessThan(1e-8);
      });
    });

    it(`${act.name}.mulDerivativeInto(G, S, A) multiplies G by f'(S) in place`, () => {
      const rng = new Rng(2);
      const X = randomMatrix(rng, 3, 4);
      const G = randomMatrix(rng, 3, 4);
      const expected = G.data.map((g, q) => g * act.df(X, act.f(X)).data[q]!);
      act.mulDerivativeInto(G, X, act.f(X));
      expect(Array.from(G.data)).toEqual(Array.from(expected));
    });
  }

  it("relu'(0) is 0, as numpy's (s > 0) makes it", () => {
    expect(relu.derivative(0, 0)).toBe(0);
    expect(relu.derivative(1e-300, 1e-300)).toBe(1);
  });

  it("sigmoid.f(S) stays in [0, 1] for huge |s|, without NaN", () => {
    const A = sigmoid.f(Matrix.from([[-1000, 1000]]));
    expect(Array.from(A.data)).toEqual([0, 1]);
  });

  it("sigmoid.fInto(out, S) checks the shapes", () => {
    expect(() => sigmoid.fInto(new Matrix(1, 3), S)).toThrow("sigmoid.fInto: (1×3) and S (2×3) differ");
    expect(() => tanh.df(S, new Matrix(2, 2))).toThrow("tanh.df: (2×2) and S (2×3) differ");
  });
});

describe("softmax", () => {
  it("softmax.f(S) makes each row positive and sum to 1, largest score largest", () => {
    const P = softmax.f(S);
    for (let i = 0; i < P.rows; i++) {
      const row = P.toArray()[i]!;
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
      expect(row.every((p) => p > 0)).toBe(true);
      expect(row.indexOf(Math.max(...row))).toBe(S.toArray()[i]!.indexOf(Math.max(...S.toArray()[i]!)));
    }
  });

  it("softmax.f(S) is e^(s_k)/Σ e^(s_j)", () => {
    const row = [0.5, -1, 2];
    const z = row.reduce((a, s) => a + Math.exp(s), 0);
    const P = softmax.f(Matrix.from([row]));
    row.forEach((s, k) => expect(P.data[k]).toBeCloseTo(Math.exp(s) / z, 15));
  });

  it("softmax.f(S + c) equals softmax.f(S), even for scores that would overflow e^s", () => {
    const P = softmax.f(Matrix.from([[1, 2, 3]]));
    const Q = softmax.f(Matrix.from([[1001, 1002, 1003]]));
    Q.data.forEach((q, k) => expect(q).toBeCloseTo(P.data[k]!, 14));
  });

  it("softmax.df() explains that softmax goes with cross-entropy", () => {
    expect(() => softmax.df(S, S)).toThrow(
      "softmax: its derivative is a Jacobian, not element-wise; pair softmax with crossEntropy, whose delta is (P − Y)/m",
    );
    expect(() => softmax.value(1)).toThrow("softmax: needs a whole row, not one number; call softmax.f(S)");
  });
});

describe("activations by name", () => {
  it('activationByName("tanh") is tanh, and every activation is listed', () => {
    expect(activationByName("tanh")).toBe(tanh);
    expect(Object.keys(activations)).toEqual(["sigmoid", "tanh", "relu", "identity", "softmax"]);
  });
  it('activationByName("tahn") lists the names it knows', () => {
    expect(() => activationByName("tahn")).toThrow(
      'unknown activation "tahn"; use one of sigmoid, tanh, relu, identity, softmax',
    );
    expect(() => activationByName("toString")).toThrow('unknown activation "toString"');
  });
});
