// A·B, AᵀB and ABᵀ with the inner loop in WebAssembly SIMD (wasm-accumulate.ts): about twice as fast as the
// TypeScript loop and equal to it bit for bit. The lists of nonzeros come from kernels.ts; B and the lists
// are copied into the module's memory and C is copied out, for each product (or block of rows).
// A left operand with few zeros (a sigmoid layer's A, a δ) skips the lists: A itself is copied in and
// wasm-dense.ts adds every term (denseIsCheaper says when; that file says why the numbers are the same).
// Where WebAssembly SIMD is missing, wasmKernels is null and matmul.ts keeps the TypeScript kernels.

import {
  BLOCK_ROWS,
  forEachRowBlock,
  nonzerosOf,
  productTNLists,
  transposeInto,
  type Terms,
} from "./kernels.ts";
import { accumulateBlockedWasm, accumulateRowsWasm } from "./wasm-accumulate.ts";
import { accumulateDenseWasm } from "./wasm-dense.ts";

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

/** wasm-dense.ts's loop: C (rows×p) = Σ_k A(r, k)·B_k, A(r, k) at a + r·rowStride + k·termStride. */
type AccumulateDense = (
  c: number,
  a: number,
  b: number,
  rows: number,
  n: number,
  p: number,
  rowStride: number,
  termStride: number,
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

/**
 * A·B, AᵀB and ABᵀ take the dense loop when A's nonzeros, each listed at the cost of ~DENSE_LIST_COST
 * multiply-adds and then scaling a row of p, would cost more than all m·n·p terms. Measured on batches of 100
 * of 784-128-10 mid-training: for p = 10 the dense loop is faster down to 20% nonzeros (with none: A₁·W₂
 * 37 → 16.5 µs, A₁ᵀ·δ₂ 28 → 19 µs), for p = 128 only above ~80% (δ₂·W₂ᵀ 21 → 18.5 µs with none; with half
 * 13.5 µs listed against 20 dense).
 */
const DENSE_LIST_COST = 32;

/** Whether A (m×n) with `nonzeros` is better added whole (wasm-dense.ts) than listed, for rows of C of p. */
export function denseIsCheaper(nonzeros: number, m: number, n: number, p: number): boolean {
  return nonzeros * (p + DENSE_LIST_COST) >= m * n * p;
}

/** The loops' compiled modules (1–3 KB each: fine to compile synchronously), or null without SIMD. */
function compile(): WebAssembly.Module[] | null {
  try {
    const all = [accumulateRowsWasm, accumulateBlockedWasm, accumulateDenseWasm];
    if (typeof WebAssembly !== "object" || !all.every((bytes) => WebAssembly.validate(bytes))) return null;
    return all.map((bytes) => new WebAssembly.Module(bytes));
  } catch {
    return null; // e.g. a Content-Security-Policy without 'wasm-unsafe-eval'
  }
}

/** A memory of `pages` × 64 KB with the loops running on it. */
function instantiate(modules: WebAssembly.Module[], pages: number) {
  const memory = new WebAssembly.Memory({ initial: pages });
  const [grouped, blocked, dense] = modules.map(
    (module) => new WebAssembly.Instance(module, { env: { memory } }).exports,
  );
  return {
    memory,
    grouped: grouped!.accumulateRows as Accumulate,
    blocked: blocked!.accumulateRows as Accumulate,
    dense: dense!.accumulateDense as AccumulateDense,
  };
}

/** into[at + k·p + j] = B[j·n + k]: Bᵀ (n×p) of B (p×n). */
function writeTransposed(into: Float64Array, at: number, B: Float64Array, n: number, p: number): void {
  for (let j = 0; j < p; j++) for (let k = 0; k < n; k++) into[at + k * p + j] = B[j * n + k]!;
}

/** Whether any entry of C is NaN. */
function hasNaN(C: Float64Array): boolean {
  for (let q = 0; q < C.length; q++) if (C[q] !== C[q]) return true;
  return false;
}

function createWasmKernels() {
  const compiled = compile();
  if (!compiled) return null;
  const modules = compiled;
  let { memory, grouped, blocked, dense: accumulateDense } = instantiate(modules, 1);
  let heap = new Float64Array(memory.buffer);
  let layouts: Layout[] = []; // the last few, reused while their sizes repeat (a training loop's do)

  /** Makes the memory at least `bytes` long. */
  function room(bytes: number): void {
    if (bytes <= memory.buffer.byteLength) return;
    // A larger memory, made anew rather than by memory.grow: growing detaches the old ArrayBuffer, and one
    // detached ArrayBuffer anywhere in the program makes V8 check every typed-array access for it from then
    // on (its "ArrayBufferDetaching" protector), which made every loop of the library over a Float64Array
    // slower: a whole training epoch ~10% (src/tools/bench.ts). The contents come along, as grow keeps them.
    const old = new Uint8Array(memory.buffer);
    ({
      memory,
      grouped,
      blocked,
      dense: accumulateDense,
    } = instantiate(modules, Math.ceil((2 * bytes) / 65536)));
    new Uint8Array(memory.buffer).set(old);
    heap = new Float64Array(memory.buffer);
    layouts = []; // views onto the old memory
  }

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
    room(starts + 4 * (lists + 1));
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

  /**
   * C (rows×p) = Σ_k A(r, k)·B_k over all n terms (wasm-dense.ts): A (all of it) copied in at address 0, B
   * (n×p) written by writeB after it. With lookForNaN, false if a sum came out NaN (C holds the sums anyway).
   */
  function dense(
    C: Float64Array,
    A: Float64Array,
    [rows, n, p]: [number, number, number],
    [rowStride, termStride]: [number, number],
    writeB: (into: Float64Array, at: number) => void,
    lookForNaN: boolean,
  ): boolean {
    const [a, b] = [0, A.length];
    const c = b + n * p;
    room(8 * (c + rows * p));
    heap.set(A, a);
    writeB(heap, b);
    accumulateDense(8 * c, 8 * a, 8 * b, rows, n, p, 8 * rowStride, 8 * termStride);
    const sums = heap.subarray(c, c + rows * p);
    C.set(sums);
    return !lookForNaN || !hasNaN(sums);
  }

  /**
   * dense for C = A·B with A (m×n) row-major, BLOCK_ROWS rows of A and C at a time (as the lists are made),
   * so the memory holds a block of A, not all of it, for a forward pass over 10 000 examples.
   */
  function denseRows(
    C: Float64Array,
    A: Float64Array,
    [m, n, p]: [number, number, number],
    writeB: (into: Float64Array, at: number) => void,
    lookForNaN: boolean,
  ): boolean {
    let finite = true;
    for (let i0 = 0; i0 < m; i0 += BLOCK_ROWS) {
      const i1 = Math.min(m, i0 + BLOCK_ROWS);
      const [Ablock, Cblock] = [A.subarray(i0 * n, i1 * n), C.subarray(i0 * p, i1 * p)];
      // B sits right after A's block: written again for a shorter last block, else once
      const write = i0 === 0 || i1 - i0 < BLOCK_ROWS ? writeB : () => {};
      finite = dense(Cblock, Ablock, [i1 - i0, n, p], [n, 1], write, lookForNaN) && finite;
    }
    return finite;
  }

  /** Writes B as it is. */
  const asIs = (B: Float64Array) => (into: Float64Array, at: number) => into.set(B, at);

  return {
    /** The memory the loops work in now (a larger one replaces it as needed; none is ever detached). */
    buffer: (): ArrayBuffer => memory.buffer,

    /** C (m×p) = A (m×n)·B (n×p). */
    gemmNN(C: Float64Array, A: Float64Array, B: Float64Array, m: number, n: number, p: number): void {
      if (denseIsCheaper(nonzerosOf(A, m, n), m, n, p)) {
        // a NaN may be a 0·∞ that the lists leave out (wasm-dense.ts): then they decide
        if (denseRows(C, A, [m, n, p], asIs(B), true)) return;
      }
      productNN(C, A, [m, n, p], B.length, (into) => into.set(B));
    },

    /** C (n×p) = AᵀB, with A (m×n) and B (m×p). */
    gemmTN(C: Float64Array, A: Float64Array, B: Float64Array, m: number, n: number, p: number): void {
      if (denseIsCheaper(nonzerosOf(A, m, n), m, n, p)) {
        // row k of C: Σ_i A_ik·B_i. A NaN may be a 0·∞ that the lists (of A's or B's nonzeros) leave out:
        // then they decide
        if (dense(C, A, [n, m, p], [1, n], asIs(B), true)) return;
      }
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
      if (denseIsCheaper(nonzerosOf(A, m, n), m, n, p)) {
        // every term, as kernels.ts's dot products add them (so no NaN to look for); Bᵀ (n×p) goes in
        denseRows(C, A, [m, n, p], (into, at) => writeTransposed(into, at, B, n, p), false);
        return;
      }
      productNN(C, A, [m, n, p], n * p, (into) => writeTransposed(into, 0, B, n, p));
    },
  };
}

/** The WebAssembly kernels, or null where WebAssembly SIMD is not available. */
export const wasmKernels = createWasmKernels();
