// nonzerosByRow and nonzerosByColumn run by WebAssembly SIMD (wasm-nonzeros.ts): the same lists, entry for
// entry, in the same Terms, so every product that reads them is unchanged. A (or the row lists) is copied
// into the module's memory and the lists are copied out: copies are block moves, far cheaper than the
// TypeScript loop's branch per value. Null where WebAssembly SIMD is missing; kernels.ts's loops then run.

import { grow, nonzerosByColumn, type Terms } from "./kernels.ts";
import { listByColumnWasm, listByRowWasm } from "./wasm-nonzeros.ts";

/** Values of A listed per call of the module: a batch of 100 MNIST rows in one, about 2.5 MB of memory. */
export const CHUNK_VALUES = 1 << 17;

/** Beyond this many nonzeros the column lists are regrouped in TypeScript (the module's memory stays small). */
const MAX_COLUMN_TERMS = 1 << 22;

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

function instantiate() {
  try {
    if (typeof WebAssembly !== "object") return null;
    if (!WebAssembly.validate(listByRowWasm) || !WebAssembly.validate(listByColumnWasm)) return null;
    const memory = new WebAssembly.Memory({ initial: 1 });
    const exported = (bytes: Uint8Array<ArrayBuffer>) =>
      new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports; // ~1 KB each
    return {
      memory,
      listByRow: exported(listByRowWasm).listByRow as ListByRow,
      listByColumn: exported(listByColumnWasm).listByColumn as ListByColumn,
    };
  } catch {
    return null; // e.g. a Content-Security-Policy without 'wasm-unsafe-eval'
  }
}

/** Byte addresses one after another, each a multiple of 8 (so a Float64Array can view it). */
function addresses(bytes: number[]): number[] {
  const at: number[] = [];
  let next = 0;
  for (const b of bytes) {
    at.push(next);
    next += Math.ceil(b / 8) * 8;
  }
  at.push(next); // the end
  return at;
}

function createWasmListing() {
  const wasm = instantiate();
  if (!wasm) return null;
  const { memory, listByRow, listByColumn } = wasm;

  /** The module's memory, grown to at least `bytes`. */
  function buffer(bytes: number): ArrayBuffer {
    const have = memory.buffer.byteLength;
    if (bytes > have) memory.grow(Math.ceil((bytes - have) / 65536));
    return memory.buffer;
  }

  return {
    /** nonzerosByRow of kernels.ts: the nonzeros of rows i0 … i1−1 of A (m×n), row by row. */
    byRow(A: Float64Array, i0: number, i1: number, n: number, into: Terms): Terms {
      let lists = grow(into, 0, i1 - i0);
      let t = 0;
      const chunk = Math.max(1, Math.floor(CHUNK_VALUES / Math.max(n, 1)));
      for (let r0 = i0; r0 < i1; r0 += chunk) {
        const rows = Math.min(chunk, i1 - r0),
          size = rows * n;
        // two places past the last value: listByRow writes values two at a time, keeping the nonzeros
        const [a, values, index, starts, end] = addresses([
          8 * size,
          8 * (size + 2),
          4 * (size + 2),
          4 * (rows + 1),
        ]);
        const memoryBuffer = buffer(end!);
        new Float64Array(memoryBuffer, a, size).set(A.subarray(r0 * n, r0 * n + size));
        listByRow(a!, rows, n, index!, values!, starts!);
        const rowStarts = new Int32Array(memoryBuffer, starts, rows + 1),
          count = rowStarts[rows]!;
        lists = grow(lists, t + count, i1 - i0, t);
        lists.index.set(new Int32Array(memoryBuffer, index, count), t);
        lists.values.set(new Float64Array(memoryBuffer, values, count), t);
        for (let r = 0; r < rows; r++) lists.starts[r0 - i0 + r] = t + rowStarts[r]!;
        t += count;
      }
      lists.starts[i1 - i0] = t;
      return lists;
    },

    /** nonzerosByColumn of kernels.ts: the row lists of A (m×n) regrouped column by column. */
    byColumn(rows: Terms, m: number, n: number, into: Terms): Terms {
      const count = rows.starts[m]!;
      if (count > MAX_COLUMN_TERMS) return nonzerosByColumn(rows, m, n, into);
      const [column, value, rowStart, index, values, starts, end] = addresses([
        4 * count,
        8 * count,
        4 * (m + 1),
        4 * count,
        8 * count,
        4 * (n + 2),
      ]);
      const memoryBuffer = buffer(end!);
      new Int32Array(memoryBuffer, column, count).set(rows.index.subarray(0, count));
      new Float64Array(memoryBuffer, value, count).set(rows.values.subarray(0, count));
      new Int32Array(memoryBuffer, rowStart, m + 1).set(rows.starts.subarray(0, m + 1));
      listByColumn(column!, value!, rowStart!, m, n, index!, values!, starts!);
      const lists = grow(into, count, n);
      lists.index.set(new Int32Array(memoryBuffer, index, count));
      lists.values.set(new Float64Array(memoryBuffer, values, count));
      lists.starts.set(new Int32Array(memoryBuffer, starts, n + 1));
      return lists;
    },
  };
}

/** The WebAssembly listing, or null where WebAssembly SIMD is not available. */
export const wasmListing = createWasmListing();
