import { describe, expect, it } from "vitest";
import { accumulateRows, type Terms } from "../../../src/mlp/fast/kernels.ts";
import type { Accumulate } from "../../../src/mlp/fast/kernels-wasm.ts";
import { accumulateBlockedWasm, accumulateRowsWasm } from "../../../src/mlp/fast/wasm-accumulate.ts";
import { Rng } from "../../../src/mlp/index.ts";
import { numberDifference } from "../helpers.ts";

/** Runs one accumulate module on B and the lists in a fresh memory; returns C (count×p). */
function runModule(
  bytes: Uint8Array<ArrayBuffer>,
  B: Float64Array,
  lists: Terms,
  count: number,
  p: number,
): Float64Array {
  const terms = lists.starts[count]!;
  const [b, c] = [0, 8 * B.length];
  const values = c + 8 * count * p;
  const index = values + 8 * terms;
  const starts = index + 4 * terms;
  const memory = new WebAssembly.Memory({ initial: Math.ceil((starts + 4 * (count + 1)) / 65536) + 1 });
  const accumulate = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports
    .accumulateRows as Accumulate;
  new Float64Array(memory.buffer, b, B.length).set(B);
  new Float64Array(memory.buffer, c, count * p).fill(7); // whatever C held before is overwritten
  new Float64Array(memory.buffer, values, terms).set(lists.values.subarray(0, terms));
  new Int32Array(memory.buffer, index, terms).set(lists.index.subarray(0, terms));
  new Int32Array(memory.buffer, starts, count + 1).set(lists.starts.subarray(0, count + 1));
  accumulate(c, b, index, values, starts, count, p);
  return new Float64Array(memory.buffer, c, count * p).slice();
}

/** A value of A or B: mostly ordinary, sometimes −0, a subnormal, ±Infinity, NaN or a huge number. */
function oddValue(rng: Rng): number {
  const u = rng.uniform();
  if (u < 0.9) return rng.uniform() * 4 - 2;
  return [-0, 5e-324, -2.5e-310, Infinity, -Infinity, NaN, 1e308, -1e-300][Math.floor(rng.uniform() * 8)]!;
}

/** `count` lists of random lengths up to maxLength over rows of a B with `rowsOfB` rows. */
function randomLists(rng: Rng, count: number, maxLength: number, rowsOfB: number): Terms {
  const lengths = Array.from({ length: count }, () => Math.floor(rng.uniform() * (maxLength + 1)));
  const total = lengths.reduce((a, b) => a + b, 0);
  const lists: Terms = {
    index: new Int32Array(total),
    values: new Float64Array(total),
    starts: new Int32Array(count + 1),
  };
  let t = 0;
  lengths.forEach((length, r) => {
    lists.starts[r] = t;
    for (let q = 0; q < length; q++, t++) {
      lists.index[t] = Math.floor(rng.uniform() * rowsOfB);
      lists.values[t] = oddValue(rng);
    }
  });
  lists.starts[count] = t;
  return lists;
}

describe("the two WebAssembly accumulate loops", () => {
  const rng = new Rng(2026);
  // p: single columns, one pair, blocks of 2, 8 and 16 columns and what is left beside them
  for (const p of [1, 2, 3, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 47, 128, 130]) {
    for (const maxLength of [0, 3, 18, 150]) {
      it(`give kernels.ts's accumulateRows's numbers: p ${p}, lists of 0…${maxLength} terms, odd values included`, () => {
        const count = 9,
          rowsOfB = 23;
        const B = Float64Array.from({ length: rowsOfB * p }, () => oddValue(rng));
        const lists = randomLists(rng, count, maxLength, rowsOfB);
        const expected = new Float64Array(count * p);
        accumulateRows(expected, 0, B, p, lists, count);
        expect(numberDifference(runModule(accumulateRowsWasm, B, lists, count, p), expected)).toBe(
          "identical",
        );
        expect(numberDifference(runModule(accumulateBlockedWasm, B, lists, count, p), expected)).toBe(
          "identical",
        );
      });
    }
  }
});
