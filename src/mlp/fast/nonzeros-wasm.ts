// nonzerosByRow and nonzerosByColumn run by WebAssembly SIMD (wasm-nonzeros.ts): the same lists, entry for
// entry, so every product that reads them is unchanged. A (or the row lists) is copied into the module's
// memory, a block move far cheaper than the TypeScript loop's branch per value.
//
// The lists themselves stay in the module's memory: the Terms handed back are views onto a "slot" there,
// and a slot handed back as `into` is listed into again, so nothing is copied out, and byColumn reads row
// lists that are a slot where they lie. What keeps this safe:
// - A slot is written only when its Terms is passed as `into`, which (as for nonzerosByRow) gives its old
//   lists up. Beyond MAX_SLOTS, the least recently used slot is let go: its lists are first copied into
//   plain arrays of the same Terms, so whoever still holds them reads the same numbers.
// - A larger memory replaces the old one when needed: each slot's Terms then gets new views onto the same
//   places in it (Terms are read afresh at each use by kernels.ts and kernels-wasm.ts).
// Null where WebAssembly SIMD is missing; kernels.ts's loops then run.

import { grow, nonzerosByColumn, type Terms } from "./kernels.ts";
import { listByColumnWasm, listByRowWasm, listDenseRowsWasm } from "./wasm-nonzeros.ts";

/**
 * Lists of at most this many values of A (or nonzeros, for byColumn: a batch of 334 MNIST images) are made
 * in a slot; larger ones are listed CHUNK_VALUES values at a time and copied out into plain arrays, so the
 * memory stays under about 30 MB.
 */
export const SLOT_VALUES = 1 << 18;
export const CHUNK_VALUES = 1 << 17;

/** Slots kept at once: kernels.ts has three long-lived lists (a block's rows, columns, a shared A's rows). */
export const MAX_SLOTS = 4;

type ListByRow = (a: number, rows: number, n: number, index: number, values: number, starts: number) => void;
type ListByColumn = (
  column: number,
  value: number,
  rowStart: number,
  m: number,
  n: number,
  index: number,
  values: number,
  starts: number,
) => void;

/** The two modules, compiled (about 1 KB each: fine to compile synchronously), or null without SIMD. */
function compile(): WebAssembly.Module[] | null {
  try {
    if (typeof WebAssembly !== "object") return null;
    const all = [listByRowWasm, listDenseRowsWasm, listByColumnWasm];
    if (!all.every((bytes) => WebAssembly.validate(bytes))) return null;
    return all.map((bytes) => new WebAssembly.Module(bytes));
  } catch {
    return null; // e.g. a Content-Security-Policy without 'wasm-unsafe-eval'
  }
}

/** A memory of `pages` × 64 KB with the loops running on it. */
function instantiate([byRow, denseRows, byColumn]: WebAssembly.Module[], pages: number) {
  const memory = new WebAssembly.Memory({ initial: pages });
  const exported = (module: WebAssembly.Module) =>
    new WebAssembly.Instance(module, { env: { memory } }).exports;
  return {
    memory,
    listByRow: exported(byRow!).listByRow as ListByRow,
    listDenseRows: exported(denseRows!).listByRow as ListByRow,
    listByColumn: exported(byColumn!).listByColumn as ListByColumn,
  };
}

/** Byte offsets one after another, each a multiple of 8 (so a Float64Array can view it). */
function offsets(bytes: number[]): number[] {
  const at: number[] = [];
  let next = 0;
  for (const b of bytes) {
    at.push(next);
    next += Math.ceil(b / 8) * 8;
  }
  at.push(next); // the end
  return at;
}

/**
 * Lists living in the module's memory: `terms` views `capacity` entries and `lists` + 2 starts there.
 * `dense`: the last A listed into it had no zeros, so the next (likely the same layer's) goes to listDenseRows.
 */
interface Slot {
  terms: Terms;
  capacity: number;
  lists: number;
  dense: boolean;
  at: { index: number; values: number; starts: number };
}

const power2 = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(n, 1024))); // nearby sizes share a slot

/** A listing with a memory of its own (wasmListing is the one the products use), or null without SIMD. */
export function createWasmListing() {
  const modules = compile();
  if (!modules) return null;
  let { memory, listByRow, listDenseRows, listByColumn } = instantiate(modules, 1);
  let end = 0; // memory is handed out from address 0 up and not given back (sizes repeat in training)
  let work = { at: 0, bytes: 0 }; // where A, or row lists that are not a slot, are copied in
  let slots: Slot[] = []; // the most recently used first

  function view(slot: Slot): void {
    const { buffer } = memory;
    slot.terms.index = new Int32Array(buffer, slot.at.index, slot.capacity);
    slot.terms.values = new Float64Array(buffer, slot.at.values, slot.capacity);
    slot.terms.starts = new Int32Array(buffer, slot.at.starts, slot.lists + 2);
  }

  /** Byte address of `bytes` fresh bytes. */
  function allocate(bytes: number): number {
    const at = end;
    end += Math.ceil(bytes / 8) * 8;
    if (end > memory.buffer.byteLength) {
      // A larger memory made anew, not memory.grow: growing detaches the old ArrayBuffer, and one detached
      // ArrayBuffer makes V8 check every typed-array access of the program for it from then on (see
      // kernels-wasm.ts). The contents come along; the slots' Terms get views onto the new memory.
      const used = new Uint8Array(memory.buffer, 0, at);
      ({ memory, listByRow, listDenseRows, listByColumn } = instantiate(
        modules!,
        Math.ceil((2 * end) / 65536),
      ));
      new Uint8Array(memory.buffer).set(used);
      slots.forEach(view);
    }
    return at;
  }

  /** Byte address of the copy-in area, with room for `bytes`. */
  function workspace(bytes: number): number {
    if (work.bytes < bytes) work = { at: allocate(power2(bytes)), bytes: power2(bytes) };
    return work.at;
  }

  /** The slot that `into` views, or a new one for it; with room for `capacity` entries and `lists` lists. */
  function slotFor(into: Terms, capacity: number, lists: number): Slot {
    let slot = slots.find((s) => s.terms === into);
    if (!slot) {
      slot = {
        terms: { ...into },
        capacity: 0,
        lists: -1,
        dense: false,
        at: { index: 0, values: 0, starts: 0 },
      };
      if (slots.length === MAX_SLOTS) {
        const old = slots.pop()!; // its lists go to plain arrays: a holder of its Terms reads the same
        old.terms.index = old.terms.index.slice();
        old.terms.values = old.terms.values.slice();
        old.terms.starts = old.terms.starts.slice();
        Object.assign(slot, { capacity: old.capacity, lists: old.lists, at: { ...old.at } }); // its place, reused
        view(slot);
      }
    }
    slots = [slot, ...slots.filter((s) => s !== slot)];
    if (slot.capacity < capacity) {
      const c = power2(capacity);
      Object.assign(slot.at, { values: allocate(8 * c), index: allocate(4 * c) });
      slot.capacity = c;
      view(slot);
    }
    if (slot.lists < lists) {
      slot.at.starts = allocate(4 * (lists + 2));
      slot.lists = lists;
      view(slot);
    }
    return slot;
  }

  /** `into`, or new lists if it is a slot's: lists in plain arrays must not share a slot's memory. */
  const plain = (into: Terms): Terms =>
    slots.some((s) => s.terms === into)
      ? { index: new Int32Array(0), values: new Float64Array(0), starts: new Int32Array(1) }
      : into;

  /** byRow for a large A: CHUNK_VALUES values at a time, the lists copied out into plain arrays. */
  function byRowInChunks(A: Float64Array, i0: number, i1: number, n: number, into: Terms): Terms {
    let lists = grow(plain(into), 0, i1 - i0);
    let t = 0;
    const chunk = Math.max(1, Math.floor(CHUNK_VALUES / Math.max(n, 1)));
    for (let r0 = i0; r0 < i1; r0 += chunk) {
      const rows = Math.min(chunk, i1 - r0),
        size = rows * n;
      // two places past the last value: listByRow writes values two at a time, keeping the nonzeros
      const bytes = [8 * size, 8 * (size + 2), 4 * (size + 2), 4 * (rows + 1)];
      const [a, values, index, starts, last] = offsets(bytes);
      const from = workspace(last!);
      const { buffer } = memory;
      new Float64Array(buffer, from + a!, size).set(A.subarray(r0 * n, r0 * n + size));
      listByRow(from + a!, rows, n, from + index!, from + values!, from + starts!);
      const rowStarts = new Int32Array(buffer, from + starts!, rows + 1),
        count = rowStarts[rows]!;
      lists = grow(lists, t + count, i1 - i0, t);
      lists.index.set(new Int32Array(buffer, from + index!, count), t);
      lists.values.set(new Float64Array(buffer, from + values!, count), t);
      for (let r = 0; r < rows; r++) lists.starts[r0 - i0 + r] = t + rowStarts[r]!;
      t += count;
    }
    lists.starts[i1 - i0] = t;
    return lists;
  }

  return {
    /** The memory the loops work in now (a larger one replaces it as needed; none is ever detached). */
    buffer: (): ArrayBuffer => memory.buffer,

    /** nonzerosByRow of kernels.ts: the nonzeros of rows i0 … i1−1 of A (m×n), row by row. */
    byRow(A: Float64Array, i0: number, i1: number, n: number, into: Terms): Terms {
      const rows = i1 - i0,
        size = rows * n;
      if (size > SLOT_VALUES) return byRowInChunks(A, i0, i1, n, into);
      const slot = slotFor(into, size + 2, rows); // two past the last: values are written two at a time
      const a = workspace(8 * size);
      new Float64Array(memory.buffer, a, size).set(A.subarray(i0 * n, i1 * n));
      (slot.dense ? listDenseRows : listByRow)(a, rows, n, slot.at.index, slot.at.values, slot.at.starts);
      slot.dense = slot.terms.starts[rows] === size; // either way the same lists; this one is faster next time
      return slot.terms;
    },

    /** nonzerosByColumn of kernels.ts: the row lists of A (m×n) regrouped column by column. */
    byColumn(rows: Terms, m: number, n: number, into: Terms): Terms {
      const count = rows.starts[m]!;
      if (count > SLOT_VALUES) return nonzerosByColumn(rows, m, n, plain(into));
      const slot = slotFor(into, count, n);
      let source = slots.find((s) => s.terms === rows)?.at; // row lists in a slot are read where they lie
      if (!source) {
        const [index, values, starts, last] = offsets([4 * count, 8 * count, 4 * (m + 1)]);
        const from = workspace(last!);
        source = { index: from + index!, values: from + values!, starts: from + starts! };
        const { buffer } = memory;
        new Int32Array(buffer, source.index, count).set(rows.index.subarray(0, count));
        new Float64Array(buffer, source.values, count).set(rows.values.subarray(0, count));
        new Int32Array(buffer, source.starts, m + 1).set(rows.starts.subarray(0, m + 1));
      }
      const { at } = slot;
      listByColumn(source.index, source.values, source.starts, m, n, at.index, at.values, at.starts);
      return slot.terms;
    },
  };
}

/** The WebAssembly listing, or null where WebAssembly SIMD is not available. */
export const wasmListing = createWasmListing();
