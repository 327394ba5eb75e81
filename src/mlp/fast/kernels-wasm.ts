// A·B, AᵀB and ABᵀ with the inner loop in WebAssembly SIMD (wasm-accumulate.ts): about twice as fast as the
// TypeScript loop and equal to it bit for bit. The lists of nonzeros come from kernels.ts; B and the lists
// are copied into the module's memory and C is copied out, for each product (or block of rows).
// Where WebAssembly SIMD is missing, wasmKernels is null and matmul.ts keeps the TypeScript kernels.

import { forEachRowBlock, productTNLists, transposeInto, type Terms } from "./kernels.ts";
import { accumulateBlockedWasm, accumulateRowsWasm } from "./wasm-accumulate.ts";

/** One of wasm-accumulate.ts's loops: byte addresses in its memory, then the count of lists and p. */
export type Accumulate = (
  c: number,
  b: number,
  index: number,
  values: number,
  starts: number,
  rows: number,
  p: number,
) => void;

/** Where B, C and the lists live in the module's memory (byte addresses), with views onto them. */
interface Layout {
  size: [nB: number, nC: number, capacity: number, lists: number];
  B: Float64Array;
  C: Float64Array;
  terms: Terms;
  at: { b: number; c: number; index: number; values: number; starts: number };
}

/**
 * Lists shorter than this on average (and rows of C at least BLOCKED_MIN_P wide) go to the register-blocked
 * loop; longer ones to the groups of four, which read B's rows whole (wasm-accumulate.ts has the figures).
 */
const BLOCKED_BELOW = 48;
const BLOCKED_MIN_P = 32;

/** The two loops' compiled modules (1–2 KB each: fine to compile synchronously), or null without SIMD. */
function compile(): WebAssembly.Module[] | null {
  try {
    if (typeof WebAssembly !== "object" || !WebAssembly.validate(accumulateRowsWasm)) return null;
    return [accumulateRowsWasm, accumulateBlockedWasm].map((bytes) => new WebAssembly.Module(bytes));
  } catch {
    return null; // e.g. a Content-Security-Policy without 'wasm-unsafe-eval'
  }
}

/** A memory of `pages` × 64 KB with both loops running on it. */
function instantiate(modules: WebAssembly.Module[], pages: number) {
  const memory = new WebAssembly.Memory({ initial: pages });
  const [grouped, blocked] = modules.map(
    (module) => new WebAssembly.Instance(module, { env: { memory } }).exports.accumulateRows as Accumulate,
  );
  return { memory, grouped: grouped!, blocked: blocked! };
}

function createWasmKernels() {
  const compiled = compile();
  if (!compiled) return null;
  const modules = compiled;
  let { memory, grouped, blocked } = instantiate(modules, 1);
  let layouts: Layout[] = []; // the last few, reused while their sizes repeat (a training loop's do)

  /** Room for B (nB doubles) at address 0, C (nC), and `lists` lists of `count` terms in all. */
  function layout(nB: number, nC: number, count: number, lists: number): Layout {
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(1024, count))); // nearby counts share a layout
    for (const l of layouts) {
      const s = l.size;
      if (s[0] === nB && s[1] === nC && s[2] === capacity && s[3] === lists) return l;
    }
    const b = 0,
      c = b + 8 * nB,
      values = c + 8 * nC,
      index = values + 8 * capacity,
      starts = index + 4 * capacity;
    const bytes = starts + 4 * (lists + 1);
    if (bytes > memory.buffer.byteLength) {
      // A larger memory, made anew rather than by memory.grow: growing detaches the old ArrayBuffer, and one
      // detached ArrayBuffer anywhere in the program makes V8 check every typed-array access for it from then
      // on (its "ArrayBufferDetaching" protector), which made every loop of the library over a Float64Array
      // slower: a whole training epoch ~10% (src/tools/bench.ts). The contents come along, as grow keeps them.
      const old = new Uint8Array(memory.buffer);
      ({ memory, grouped, blocked } = instantiate(modules, Math.ceil((2 * bytes) / 65536)));
      new Uint8Array(memory.buffer).set(old);
      layouts = []; // views onto the old memory
    }
    const buffer = memory.buffer;
    const made: Layout = {
      size: [nB, nC, capacity, lists],
      B: new Float64Array(buffer, b, nB),
      C: new Float64Array(buffer, c, nC),
      terms: {
        index: new Int32Array(buffer, index, capacity),
        values: new Float64Array(buffer, values, capacity),
        starts: new Int32Array(buffer, starts, lists + 1),
      },
      at: { b, c, index, values, starts },
    };
    layouts = [made, ...layouts.slice(0, 7)];
    return made;
  }

  /** C_r = Σ_t values[t]·B_{index[t]} for the `count` lists, in the module: C comes back in l.C. */
  function accumulateRows(l: Layout, lists: Terms, count: number, p: number): void {
    const terms = lists.starts[count]!;
    l.terms.index.set(lists.index.subarray(0, terms));
    l.terms.values.set(lists.values.subarray(0, terms));
    l.terms.starts.set(lists.starts.subarray(0, count + 1));
    const accumulate = terms < BLOCKED_BELOW * count && p >= BLOCKED_MIN_P ? blocked : grouped;
    accumulate(l.at.c, l.at.b, l.at.index, l.at.values, l.at.starts, count, p);
  }

  /** C (m×p) = A (m×n)·B, where writeB puts B (n×p, nB doubles) into the module's memory. */
  function productNN(
    C: Float64Array,
    A: Float64Array,
    [m, n, p]: [number, number, number],
    nB: number,
    writeB: (into: Float64Array) => void,
  ): void {
    forEachRowBlock(A, m, n, (i0, i1, lists) => {
      const rows = i1 - i0;
      const l = layout(nB, rows * p, lists.starts[rows]!, rows);
      if (i0 === 0) writeB(l.B); // B sits at address 0 in every layout: once is enough
      accumulateRows(l, lists, rows, p);
      C.set(l.C, i0 * p);
    });
  }

  return {
    /** The memory the loops work in now (a larger one replaces it as needed; none is ever detached). */
    buffer: (): ArrayBuffer => memory.buffer,

    /** C (m×p) = A (m×n)·B (n×p). */
    gemmNN(C: Float64Array, A: Float64Array, B: Float64Array, m: number, n: number, p: number): void {
      productNN(C, A, [m, n, p], B.length, (into) => into.set(B));
    },

    /** C (n×p) = AᵀB, with A (m×n) and B (m×p). */
    gemmTN(C: Float64Array, A: Float64Array, B: Float64Array, m: number, n: number, p: number): void {
      const { lists, transposed } = productTNLists(A, B, m, n, p);
      if (transposed) {
        const l = layout(A.length, p * n, lists.starts[p]!, p);
        l.B.set(A);
        accumulateRows(l, lists, p, n); // Cᵀ = BᵀA, (p, n)
        return transposeInto(C, l.C, p, n);
      }
      const l = layout(B.length, n * p, lists.starts[n]!, n);
      l.B.set(B);
      accumulateRows(l, lists, n, p);
      C.set(l.C);
    },

    /**
     * C (m×p) = A (m×n)·Bᵀ, with B (p×n): written into the module as Bᵀ (n×p), then the A·B loop. Row i of C
     * is Σ_k A_ik·(row k of Bᵀ), k ascending: each entry the same sum as the dot product of gemmNT.
     */
    gemmNT(C: Float64Array, A: Float64Array, B: Float64Array, m: number, n: number, p: number): void {
      productNN(C, A, [m, n, p], n * p, (into) => {
        for (let j = 0; j < p; j++) for (let k = 0; k < n; k++) into[k * p + j] = B[j * n + k]!;
      });
    },
  };
}

/** The WebAssembly kernels, or null where WebAssembly SIMD is not available. */
export const wasmKernels = createWasmKernels();
