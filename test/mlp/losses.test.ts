import { describe, expect, it } from "vitest";
import {
  Matrix,
  Rng,
  crossEntropy,
  mse,
  mseGrad,
  oneHot,
  sigmoid,
  sigmoidCrossEntropy,
  sigmoidCrossEntropyDelta,
  softmax,
  softmaxCrossEntropy,
  softmaxCrossEntropyDelta,
} from "../../src/mlp/index.ts";
import { randomMatrix } from "./helpers.ts";

const rng = new Rng(5);
const A = randomMatrix(rng, 4, 3);
const Y = randomMatrix(rng, 4, 3);
const S = randomMatrix(rng, 4, 3);
const T = oneHot([0, 2, 1, 2], 3);

/** Central differences of loss(M) with respect to each entry of M. */
function numericGrad(M: Matrix, loss: (M: Matrix) => number, h = 1e-6): number[] {
  return Array.from(M.data, (v, q) => {
    const P = M.clone();
    P.data[q] = v + h;
    const up = loss(P);
    P.data[q] = v - h;
    return (up - loss(P)) / (2 * h);
  });
}

describe("mse", () => {
  it("mse(A, Y) is the mean over all m·K entries of (a − y)²", () => {
    expect(
      mse(
        Matrix.from([
          [1, 2],
          [3, 4],
        ]),
        Matrix.from([
          [1, 0],
          [0, 4],
        ]),
      ),
    ).toBe((0 + 4 + 9 + 0) / 4);
  });
  it("mseGrad(A, Y) = 2(A − Y)/(m·K) matches central differences of mse", () => {
    const numeric = numericGrad(A, (M) => mse(M, Y));
    mseGrad(A, Y).data.forEach((g, q) => expect(Math.abs(g - numeric[q]!)).toBeLessThan(1e-9));
  });
});

describe("cross-entropy", () => {
  it("crossEntropy(P, Y) is −(1/m) Σ y log p", () => {
    const P = Matrix.from([
      [0.7, 0.2, 0.1],
      [0.1, 0.1, 0.8],
    ]);
    const Y2 = oneHot([0, 2], 3);
    expect(crossEntropy(P, Y2)).toBeCloseTo(-(Math.log(0.7) + Math.log(0.8)) / 2, 15);
  });
  it("crossEntropy(P, Y) treats 0·log 0 as 0", () => {
    expect(crossEntropy(Matrix.from([[1, 0]]), Matrix.from([[1, 0]]))).toBe(0);
  });
  it("softmaxCrossEntropy(S, Y) equals crossEntropy(softmax(S), Y)", () => {
    expect(softmaxCrossEntropy(S, T)).toBeCloseTo(crossEntropy(softmax.f(S), T), 14);
  });
  it("softmaxCrossEntropy(S, Y) stays finite where softmax(S) rounds to 0", () => {
    const big = Matrix.from([[0, 800]]);
    expect(crossEntropy(softmax.f(big), Matrix.from([[1, 0]]))).toBe(Infinity);
    expect(softmaxCrossEntropy(big, Matrix.from([[1, 0]]))).toBe(800);
  });
  it("softmaxCrossEntropyDelta(P, Y) = (P − Y)/m matches central differences of cross-entropy in S", () => {
    const numeric = numericGrad(S, (M) => crossEntropy(softmax.f(M), T));
    softmaxCrossEntropyDelta(softmax.f(S), T).data.forEach((d, q) => {
      expect(Math.abs(d - numeric[q]!)).toBeLessThan(1e-9);
    });
  });
});

describe("sigmoid cross-entropy (one probability per output)", () => {
  const Y01 = Matrix.from([
    [1, 0, 1],
    [0, 0, 1],
    [1, 1, 0],
    [0, 1, 0],
  ]); // (4, 3)
  it("sigmoidCrossEntropy(S, Y) is −(1/m) Σ [y log a + (1 − y) log(1 − a)] with A = σ(S)", () => {
    const a = sigmoid.f(S).data;
    let sum = 0;
    Y01.data.forEach((y, q) => (sum += y * Math.log(a[q]!) + (1 - y) * Math.log(1 - a[q]!)));
    expect(sigmoidCrossEntropy(S, Y01)).toBeCloseTo(-sum / S.rows, 14);
    // one hand-worked entry: s = 0 gives a = ½ and a loss of log 2 whatever y is
    expect(sigmoidCrossEntropy(Matrix.from([[0]]), Matrix.from([[1]]))).toBeCloseTo(Math.LN2, 15);
  });
  it("sigmoidCrossEntropy(S, Y) stays finite where σ(S) rounds to 0 or 1", () => {
    const big = Matrix.from([[800, -800]]);
    expect(sigmoidCrossEntropy(big, Matrix.from([[0, 1]]))).toBe(1600);
    expect(sigmoidCrossEntropy(big, Matrix.from([[1, 0]]))).toBe(0);
  });
  it("sigmoidCrossEntropyDelta(A, Y) = (A − Y)/m matches central differences of the loss in S", () => {
    const numeric = numericGrad(S, (M) => sigmoidCrossEntropy(M, Y01));
    sigmoidCrossEntropyDelta(sigmoid.f(S), Y01).data.forEach((d, q) => {
      expect(Math.abs(d - numeric[q]!)).toBeLessThan(1e-9);
    });
  });
});

describe("losses name the op and both shapes", () => {
  const B = new Matrix(4, 2);
  it("mse, crossEntropy and their gradients with mismatched shapes", () => {
    expect(() => mse(A, B)).toThrow("mse: prediction (4×3) and target Y (4×2) differ");
    expect(() => mseGrad(A, B)).toThrow("mseGrad: prediction (4×3) and target Y (4×2) differ");
    expect(() => crossEntropy(A, B)).toThrow("crossEntropy: prediction (4×3) and target Y (4×2) differ");
    expect(() => softmaxCrossEntropy(A, B)).toThrow(
      "softmaxCrossEntropy: prediction (4×3) and target Y (4×2) differ",
    );
    expect(() => softmaxCrossEntropyDelta(A, B)).toThrow(
      "softmaxCrossEntropyDelta: prediction (4×3) and target Y (4×2) differ",
    );
    expect(() => sigmoidCrossEntropy(A, B)).toThrow(
      "sigmoidCrossEntropy: prediction (4×3) and target Y (4×2) differ",
    );
    expect(() => sigmoidCrossEntropyDelta(A, B)).toThrow(
      "sigmoidCrossEntropyDelta: prediction (4×3) and target Y (4×2) differ",
    );
  });
});
