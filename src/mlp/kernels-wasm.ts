// A·B and AᵀB with the inner loop in WebAssembly SIMD (wasm-accumulate.ts), about twice as fast as the
// TypeScript loop and equal to it bit for bit. The lists of nonzeros are made by the same TypeScript as in
// kernels.ts, written straight into the module's memory; B is copied in and C copied out for each product.
// Where WebAssembly SIMD is missing, wasmKernels is null and matmul.ts keeps the TypeScript kernels.

import { BLOCK_ROWS, nonzerosByColumn, nonzerosByRow, nonzerosOf, type Terms } from "./kernels.ts";
import { accumulateRowsWasm } from "./wasm-accumulate.ts";

type Accumulate = (
  c: number,
  b: number,
  offsets: number,
  values: number,
  starts: number,
  rows: number,
  p: number,
) => void;

/** Where B, C and the lists live in the module's memory for one product (byte addresses), with views. */
interface Layout {
  size: [nB: number, nC: number, count: number, rows: number];
  B: Float64Array;
  C: Float64Array;
  terms: Terms;
  at: { b: number; c: number; offsets: number; values: number; starts: number };
}

function instantiate(): { memory: WebAssembly.Memory; accumulate: Accumulate } | null {
  try {
    if (typeof WebAssembly !== "object" || !WebAssembly.validate(accumulateRowsWasm)) return null;
    const memory = new WebAssembly.Memory({ initial: 1 });
    const module = new WebAssembly.Module(accumulateRowsWasm); // 1 KB: fine to compile synchronously
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    return { memory, accumulate: instance.exports.accumulateRows as Accumulate };
  } catch {
    return null;
  }
}

function createWasmKernels() {
  const wasm = instantiate();
  if (!wasm) return null;
  const { memory, accumulate } = wasm;
  let layouts: Layout[] = []; // the last few, reused while their shapes repeat (a training loop's do)

  /** Room for B (nB doubles), C (nC), `count` terms and `rows` rows, growing the memory if needed. */
  function layout(nB: number, nC: number, count: number, rows: number): Layout {
    for (const l of layouts) {
      const s = l.size;
      if (s[0] === nB && s[1] === nC && s[2] === count && s[3] === rows) return l;
    }
    const b = 0,
      c = b + 8 * nB,
      values = c + 8 * nC,
      offsets = values + 8 * count,
      starts = offsets + 4 * count;
    const bytes = starts + 4 * (rows + 1);
    if (bytes > memory.buffer.byteLength) {
      memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
      layouts = []; // growing detached the old views
    }
    const buffer = memory.buffer;
    const made: Layout = {
      size: [nB, nC, count, rows],
      B: new Float64Array(buffer, b, nB),
      C: new Float64Array(buffer, c, nC),
      terms: {
        offsets: new Int32Array(buffer, offsets, count),
        values: new Float64Array(buffer, values, count),
        starts: new Int32Array(buffer, starts, rows + 1),
      },
      at: { b, c, offsets, values, starts },
    };
    layouts = [made, ...layouts.slice(0, 7)];
    return made;
  }

  const run = (l: Layout, rows: number, p: number): void =>
    accumulate(l.at.c, l.at.b, l.at.offsets, l.at.values, l.at.starts, rows, p);

  return {
    /** C (m×p) = A (m×n)·B (n×p). */
    gemmNN(C: Float64Array, A: Float64Array, B: Float64Array, m: number, n: number, p: number): void {
      const block = Math.min(m, BLOCK_ROWS);
      const l = layout(B.length, block * p, block * n, block);
      l.B.set(B);
      for (let i0 = 0; i0 < m; i0 += block) {
        const i1 = Math.min(m, i0 + block);
        nonzerosByRow(A, i0, i1, n, p, l.terms);
        run(l, i1 - i0, p);
        C.set(i1 - i0 === block ? l.C : l.C.subarray(0, (i1 - i0) * p), i0 * p);
      }
    },

    /** C (n×p) = AᵀB, with A (m×n) and B (m×p). */
    gemmTN(C: Float64Array, A: Float64Array, B: Float64Array, m: number, n: number, p: number): void {
      const rows = nonzerosOf(A, m, n);
      // Room for a power of two of terms: batches whose nonzeros differ a little share one layout.
      const l = layout(B.length, n * p, 2 ** Math.ceil(Math.log2(Math.max(1024, rows.starts[m]!))), n);
      l.B.set(B);
      nonzerosByColumn(rows, m, n, p, l.terms);
      run(l, n, p);
      C.set(l.C);
    },
  };
}

/** The WebAssembly kernels, or null where WebAssembly SIMD is not available. */
export const wasmKernels = createWasmKernels();
