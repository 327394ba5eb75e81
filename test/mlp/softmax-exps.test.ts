// softmax and the softmax cross-entropy take their e^(s − max) from softmax-exps.ts, in WebAssembly SIMD or
// in TypeScript: both give the plain formulas' numbers (written out here with Node's Math.exp and Math.log)
// bit for bit, extreme rows included.
import { afterAll, describe, expect, it } from "vitest";
import { Matrix, Rng, kernelsInUse, softmax, softmaxCrossEntropy, useKernels } from "../../src/mlp/index.ts";
import { bitDifference } from "./helpers.ts";

/** softmax row by row, as activations.ts wrote it before it shared its exps. */
function plainSoftmax(S: Matrix): Float64Array {
  const a = new Float64Array(S.data.length);
  for (let i = 0; i < S.rows; i++) {
    const row = S.data.subarray(i * S.cols, (i + 1) * S.cols);
    const max = row.reduce((m, v) => Math.max(m, v), -Infinity);
    let sum = 0;
    for (let j = 0; j < S.cols; j++) sum += a[i * S.cols + j] = Math.exp(row[j]! - max);
    for (let j = 0; j < S.cols; j++) a[i * S.cols + j] = a[i * S.cols + j]! / sum;
  }
  return a;
}

/** −(1/m) Σ y (s − max − log Σ e^(s − max)), as losses.ts wrote it. */
function plainCrossEntropy(S: Matrix, Y: Matrix): number {
  let sum = 0;
  for (let i = 0; i < S.rows; i++) {
    const row = S.data.subarray(i * S.cols, (i + 1) * S.cols);
    const max = row.reduce((m, v) => Math.max(m, v), -Infinity);
    let z = 0;
    for (const s of row) z += Math.exp(s - max);
    const logZ = Math.log(z);
    for (let j = 0; j < S.cols; j++) {
      const y = Y.data[i * S.cols + j]!;
      if (y !== 0) sum += y * (row[j]! - max - logZ);
    }
  }
  return sum === 0 ? 0 : -sum / S.rows;
}

describe("softmax's exps (softmax-exps.ts), with WebAssembly and with TypeScript", () => {
  const initial = kernelsInUse();
  afterAll(() => useKernels(initial));
  const rng = new Rng(11);

  for (const [m, K, scale] of [
    [1, 1, 1],
    [3, 5, 10],
    [100, 10, 30],
    [257, 67, 400],
  ] as const) {
    it(`softmax.f and softmaxCrossEntropy equal the plain formulas bit for bit (${m}×${K}, scores ~${scale})`, () => {
      const S = new Matrix(
        m,
        K,
        Float64Array.from({ length: m * K }, () => scale * rng.normal()),
      );
      if (m > 2) S.data.set([1000, -1000, 0, -0, 1e-300], 0); // a row with exps that underflow, tiny and 1
      if (m > 2) S.data[K] = -Infinity; // a score of −∞: its p is 0
      const Y = new Matrix(m, K);
      for (let i = 0; i < m; i++) Y.data[i * K + ((i * 7) % K)] = 1;
      if (m > 2) Y.data.fill(0, K, 2 * K); // the row holding −∞ has no target there (its log p is −∞)
      for (const kernels of ["wasm", "typescript"] as const) {
        useKernels(kernels);
        expect(bitDifference(softmax.f(S).data, plainSoftmax(S))).toBe("identical");
        const inPlace = new Matrix(m, K, S.data.slice());
        expect(bitDifference(softmax.fInto(inPlace, inPlace).data, plainSoftmax(S))).toBe("identical");
        expect(Object.is(softmaxCrossEntropy(S, Y), plainCrossEntropy(S, Y))).toBe(true);
      }
    });
  }
});
