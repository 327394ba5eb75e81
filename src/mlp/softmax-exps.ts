// e^(s − max) along each row of S: the exponentials softmax (activations.ts) and its cross-entropy
// (losses.ts) share. Subtracting the row's maximum first keeps every power ≤ 1, so none overflows. A
// training step computes 2·m·K of them; with useKernels("wasm") those of all rows run in one call of the
// WebAssembly SIMD exp (fast/sigmoid-wasm.ts), the same bits as elementary.ts's exp, faster.

import { exp } from "./elementary.ts";
import { wasmSigmoid } from "./fast/sigmoid-wasm.ts";
import { kernelsInUse } from "./matmul.ts";
import type { Matrix } from "./matrix.ts";

/** The largest entry of row i of S (−Infinity for an empty row). */
export function rowMax(S: Matrix, i: number): number {
  let max = -Infinity;
  for (let j = 0; j < S.cols; j++) max = Math.max(max, S.data[i * S.cols + j]!);
  return max;
}

/** E[i, j] = e^(S[i, j] − max_j S[i, j]) for the m·K entries of S, row-major into E (which may be S.data). */
export function shiftedExpsInto(E: Float64Array, S: Matrix): void {
  const s = S.data,
    n = S.cols;
  for (let i = 0; i < S.rows; i++) {
    const max = rowMax(S, i);
    for (let j = 0; j < n; j++) E[i * n + j] = s[i * n + j]! - max;
  }
  const x = E.subarray(0, s.length);
  if (wasmSigmoid && kernelsInUse() === "wasm") return wasmSigmoid.exp(x, x);
  for (let q = 0; q < x.length; q++) x[q] = exp(x[q]!);
}
