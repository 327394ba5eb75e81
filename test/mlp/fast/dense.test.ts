import { describe, expect, it, vi } from "vitest";
import { gemmNN, gemmNT, gemmTN } from "../../../src/mlp/fast/kernels.ts";
import { denseIsCheaper, wasmKernels } from "../../../src/mlp/fast/kernels-wasm.ts";
import { accumulateDenseWasm } from "../../../src/mlp/fast/wasm-dense.ts";
import { Rng } from "../../../src/mlp/index.ts";
import { bitDifference, numberDifference, randomMatrix } from "../helpers.ts";

type AccumulateDense = (...bytes: number[]) => void;

/** A value: mostly ordinary, sometimes 0, −0, a subnormal, ±Infinity, NaN or a huge number. */
function oddValue(rng: Rng): number {
  const u = rng.uniform();
  if (u < 0.85) return rng.uniform() * 4 - 2;
  return [0, -0, 5e-324, -2.5e-310, Infinity, -Infinity, NaN, 1e308, -1e-300][Math.floor(rng.uniform() * 9)]!;
}

/**
 * Runs the dense module in a fresh memory: C (rows×p) = Σ_k A(r, k)·B_k, with A(r, k) = get(r, k) stored
 * row by row (`byColumns` false) or column by column, and B (n×p) row by row.
 */
function runDense(
  A: (r: number, k: number) => number,
  B: Float64Array,
  rows: number,
  n: number,
  p: number,
  byColumns: boolean,
) {
  const [a, b] = [0, rows * n];
  const c = b + n * p;
  const memory = new WebAssembly.Memory({ initial: Math.ceil((8 * (c + rows * p)) / 65536) + 1 });
  const f = new WebAssembly.Instance(new WebAssembly.Module(accumulateDenseWasm), { env: { memory } }).exports
    .accumulateDense as AccumulateDense;
  const heap = new Float64Array(memory.buffer);
  for (let r = 0; r < rows; r++)
    for (let k = 0; k < n; k++) heap[a + (byColumns ? k * rows + r : r * n + k)] = A(r, k);
  heap.set(B, b);
  heap.fill(7, c, c + rows * p); // whatever C held is overwritten
  const [rowStride, termStride] = byColumns ? [1, rows] : [n, 1];
  f(8 * c, 8 * a, 8 * b, rows, n, p, 8 * rowStride, 8 * termStride);
  return heap.slice(c, c + rows * p);
}

describe("the dense WebAssembly loop (wasm-dense.ts)", () => {
  const rng = new Rng(77);
  // p: one column, pairs, the two-row widths (≤ 11), blocks of 16 columns and what is left beside them
  for (const p of [1, 2, 3, 5, 9, 10, 11, 12, 16, 17, 31, 32, 33, 128, 130]) {
    for (const [rows, n] of [
      [1, 0],
      [1, 5],
      [2, 1],
      [3, 33],
      [7, 10],
    ] as const) {
      it(`adds every term in order, as the plain sum does: ${rows}×${n} by ${n}×${p}, odd values included, A read by rows and by columns`, () => {
        const Avalues = Float64Array.from({ length: rows * n }, () => oddValue(rng));
        const A = (r: number, k: number) => Avalues[r * n + k]!;
        const B = Float64Array.from({ length: n * p }, () => oddValue(rng));
        const expected = new Float64Array(rows * p);
        for (let r = 0; r < rows; r++) {
          for (let j = 0; j < p; j++) {
            let s = 0;
            for (let k = 0; k < n; k++) s += A(r, k) * B[k * p + j]!;
            expected[r * p + j] = s;
          }
        }
        expect(numberDifference(runDense(A, B, rows, n, p, false), expected)).toBe("identical");
        expect(numberDifference(runDense(A, B, rows, n, p, true), expected)).toBe("identical");
      });
    }
  }
});

describe("the WebAssembly products with a dense left operand", () => {
  it("take the dense loop for 784-128-10's small products, and the lists for MNIST's X and a half-zero δ·Wᵀ", () => {
    expect(denseIsCheaper(100 * 128, 100, 128, 10)).toBe(true); // A₁·W₂, and A₁ᵀ·δ₂ (n and m swap roles)
    expect(denseIsCheaper(100 * 10, 100, 10, 128)).toBe(true); // δ₂·W₂ᵀ
    expect(denseIsCheaper(0.19 * 100 * 784, 100, 784, 128)).toBe(false); // X·W₁
    expect(denseIsCheaper(0.5 * 100 * 10, 100, 10, 128)).toBe(false); // a ReLU layer's δ·Wᵀ
  });

  const rng = new Rng(12);
  it("give the lists' numbers when B holds ±Infinity or NaN where A is 0 (the dense sum's NaN sends them to the lists)", () => {
    const [m, n, p] = [20, 12, 10];
    const A = randomMatrix(rng, m, n).data;
    A[3 * n + 5] = 0; // row 3 skips B's row 5 in the lists…
    const B = randomMatrix(rng, n, p).data;
    B[5 * p + 2] = Infinity; // …where 0·∞ would be NaN
    B[5 * p + 7] = NaN;
    const [C1, C2] = [new Float64Array(m * p), new Float64Array(m * p)];
    gemmNN(C1, A, B, m, n, p);
    wasmKernels!.gemmNN(C2, A, B, m, n, p);
    expect(Number.isFinite(C1[3 * p + 2])).toBe(true);
    expect(bitDifference(C2, C1)).toBe("identical");
    // AᵀB lists the nonzeros of A or of D, whichever is less work: a 0·∞ each way, one of them left out
    const D = randomMatrix(rng, m, p).data;
    D[3 * p + 4] = -Infinity; // × A₃,₅ = 0 → C₅,₄
    D[7 * p + 2] = 0;
    A[7 * n + 9] = Infinity; // × D₇,₂ = 0 → C₉,₂
    const [G1, G2] = [new Float64Array(n * p), new Float64Array(n * p)];
    gemmTN(G1, A, D, m, n, p);
    wasmKernels!.gemmTN(G2, A, D, m, n, p);
    expect([G1[5 * p + 4], G1[9 * p + 2]].filter(Number.isFinite)).toHaveLength(1);
    expect(numberDifference(G2, G1)).toBe("identical");
  });

  it("gemmNT adds every term, as kernels.ts's dot products do: a 0·∞ is NaN in both", () => {
    const [m, n, p] = [9, 10, 40];
    const A = randomMatrix(rng, m, n).data;
    A[2 * n + 6] = 0;
    const B = randomMatrix(rng, p, n).data; // C = A·Bᵀ
    B[33 * n + 6] = Infinity;
    const [C1, C2] = [new Float64Array(m * p), new Float64Array(m * p)];
    gemmNT(C1, A, B, m, n, p);
    wasmKernels!.gemmNT(C2, A, B, m, n, p);
    expect(C1[2 * p + 33]).toBeNaN();
    expect(bitDifference(C2, C1)).toBe("identical");
  });

  it("hold a block of rows of A in memory at a time, not all of A (a forward pass over 10 000 examples)", async () => {
    vi.resetModules(); // a fresh module: its memory starts small
    const fresh = (await import("../../../src/mlp/fast/kernels-wasm.ts")).wasmKernels!;
    const [m, n, p] = [5000, 200, 10]; // A is 8 MB
    const A = randomMatrix(rng, m, n).data;
    const B = randomMatrix(rng, n, p).data;
    const [C1, C2] = [new Float64Array(m * p), new Float64Array(m * p)];
    gemmNN(C1, A, B, m, n, p);
    fresh.gemmNN(C2, A, B, m, n, p);
    expect(bitDifference(C2, C1)).toBe("identical");
    expect(fresh.buffer().byteLength).toBeLessThan(1 << 20);
  });
});
