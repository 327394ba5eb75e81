// The WebAssembly listing must give nonzerosByRow's and nonzerosByColumn's lists entry for entry (the products
// that read them are then unchanged bit for bit): property tests over shapes, ranges of rows, scratch lists
// and the values that a `!== 0` test treats apart (−0, NaN, ±Infinity, denormals).
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { nonzerosByColumn, nonzerosByRow, type Terms } from "../../../src/mlp/fast/kernels.ts";
import {
  CHUNK_VALUES,
  MAX_SLOTS,
  SLOT_VALUES,
  createWasmListing,
  wasmListing,
} from "../../../src/mlp/fast/nonzeros-wasm.ts";
import { Rng, kernelsInUse, matmul, matmulTransA, useKernels } from "../../../src/mlp/index.ts";
import { bitDifference, randomMatrix } from "../helpers.ts";

const SEED = 17;

const empty = (): Terms => ({
  index: new Int32Array(0),
  values: new Float64Array(0),
  starts: new Int32Array(1),
});

/** Where two sets of `lists` lists first differ (values compared with Object.is), or "identical". */
function listDifference(actual: Terms, expected: Terms, lists: number): string {
  for (let r = 0; r <= lists; r++) {
    if (actual.starts[r] !== expected.starts[r])
      return `starts[${r}]: ${actual.starts[r]} ≠ ${expected.starts[r]}`;
  }
  for (let t = 0; t < expected.starts[lists]!; t++) {
    if (actual.index[t] !== expected.index[t])
      return `index[${t}]: ${actual.index[t]} ≠ ${expected.index[t]}`;
    if (!Object.is(actual.values[t], expected.values[t])) {
      return `values[${t}]: ${actual.values[t]} ≠ ${expected.values[t]}`;
    }
  }
  return "identical";
}

/** What `a !== 0` sorts apart, and plain numbers; zeros weighted so that rows hold runs of them. */
const special = [-0, NaN, Infinity, -Infinity, 5e-324, -5e-324, 2.2250738585072014e-308, 1, -1];
const value = (zeros: number) =>
  fc.oneof(
    { arbitrary: fc.constant(0), weight: zeros },
    { arbitrary: fc.constantFrom(...special), weight: 1 },
    { arbitrary: fc.double(), weight: 10 - zeros },
  );

/** A (m×n) with m ≤ 12 and n ≤ 40 (below, between and beyond blocks of eight), and rows i0 … i1−1 of it. */
const matrices = fc
  .record({
    m: fc.integer({ min: 0, max: 12 }),
    n: fc.integer({ min: 0, max: 40 }),
    zeros: fc.constantFrom(0, 5, 9, 10),
  })
  .chain(({ m, n, zeros }) =>
    fc.record({
      m: fc.constant(m),
      n: fc.constant(n),
      A: fc.array(value(zeros), { minLength: m * n, maxLength: m * n }).map((a) => Float64Array.from(a)),
      rows: fc.tuple(fc.nat(m), fc.nat(m)).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const),
      scratch: fc.nat(60), // how many entries the reused lists already have room for
    }),
  );

const noZeros = Float64Array.from({ length: 27 }, (_, q) => q + 0.5);

/** Scratch lists of some size holding leftovers from an earlier call, as the kernels' are. */
function scratch(size: number, lists: number): Terms {
  const t = {
    index: new Int32Array(size),
    values: new Float64Array(size),
    starts: new Int32Array(lists + 1),
  };
  t.index.fill(-7);
  t.values.fill(NaN);
  t.starts.fill(99);
  return t;
}

describe("the WebAssembly listing (nonzeros-wasm.ts)", () => {
  it("is available in Node (WebAssembly SIMD)", () => {
    expect(wasmListing).not.toBeNull();
  });
  const listing = wasmListing!;

  it("byRow gives nonzerosByRow's lists for any A, range of rows and scratch lists (either loop)", () => {
    fc.assert(
      fc.property(matrices, ({ n, A, rows: [i0, i1], scratch: size }) => {
        const expected = nonzerosByRow(A, i0, i1, n, empty());
        const actual = listing.byRow(A, i0, i1, n, scratch(size, i1 - i0));
        expect(listDifference(actual, expected, i1 - i0)).toBe("identical");
        // lists made last from an A without zeros: these go through the loop for rows without zeros
        const afterDense = listing.byRow(A, i0, i1, n, listing.byRow(noZeros, 0, 3, 9, empty()));
        expect(listDifference(afterDense, expected, i1 - i0)).toBe("identical");
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it("byColumn gives nonzerosByColumn's lists for any A and scratch lists", () => {
    fc.assert(
      fc.property(matrices, ({ m, n, A, scratch: size }) => {
        const rows = nonzerosByRow(A, 0, m, n, empty());
        const expected = nonzerosByColumn(rows, m, n, empty());
        const actual = listing.byColumn(rows, m, n, scratch(size, n));
        expect(listDifference(actual, expected, n)).toBe("identical");
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it("gives the same lists for MNIST-sized batches, one call after another into the same scratch", () => {
    const rng = new Rng(21);
    let [rows, columns] = [empty(), empty()];
    for (const zeros of [0.81, 0, 1, 0.5, 0.81]) {
      const A = randomMatrix(rng, 100, 784, zeros).data;
      rows = listing.byRow(A, 0, 100, 784, rows);
      const expected = nonzerosByRow(A, 0, 100, 784, empty());
      expect(listDifference(rows, expected, 100)).toBe("identical");
      columns = listing.byColumn(rows, 100, 784, columns);
      expect(listDifference(columns, nonzerosByColumn(expected, 100, 784, empty()), 784)).toBe("identical");
    }
  });

  it("lists a large A a chunk of rows at a time (one row a call, then two), into plain arrays", () => {
    const rng = new Rng(22);
    const small = randomMatrix(rng, 30, 40, 0.5).data;
    for (const [n, m, i0] of [
      [CHUNK_VALUES + 3, 4, 1],
      [Math.floor(CHUNK_VALUES / 2) - 5, 5, 0],
    ] as const) {
      expect((m - i0) * n).toBeGreaterThan(SLOT_VALUES);
      const A = randomMatrix(rng, m, n, 0.9).data;
      const expected = nonzerosByRow(A, i0, m, n, empty());
      const slot = listing.byRow(small, 0, 30, 40, empty()); // lists in the module's memory…
      const lists = listing.byRow(A, i0, m, n, slot); // …given up as `into` for the large A
      listing.byRow(small, 0, 30, 40, slot); // and written into again: `lists` must not share them
      expect(listDifference(lists, expected, m - i0)).toBe("identical");
    }
  });

  it("regroups more than a slot's worth of nonzeros in TypeScript, with the same lists", () => {
    const A = randomMatrix(new Rng(23), 600, 500).data;
    const rows = nonzerosByRow(A, 0, 600, 500, empty());
    expect(rows.starts[600]).toBeGreaterThan(SLOT_VALUES);
    const expected = nonzerosByColumn(rows, 600, 500, empty());
    expect(listDifference(listing.byColumn(rows, 600, 500, empty()), expected, 500)).toBe("identical");
  });

  it("regroups row lists it made itself (read where they lie) the same as plain ones", () => {
    const rng = new Rng(24);
    let [rows, columns] = [empty(), empty()];
    for (const [m, n] of [
      [7, 30],
      [100, 784],
      [3, 5],
    ] as const) {
      const A = randomMatrix(rng, m, n, 0.6).data;
      rows = listing.byRow(A, 0, m, n, rows);
      columns = listing.byColumn(rows, m, n, columns);
      const expected = nonzerosByColumn(nonzerosByRow(A, 0, m, n, empty()), m, n, empty());
      expect(listDifference(columns, expected, n)).toBe("identical");
    }
  });

  it("keeps every list it handed out readable: past MAX_SLOTS lists at once, and in a larger memory", () => {
    const listing = createWasmListing()!; // a memory of its own: 64 KB to start with
    const rng = new Rng(25);
    const made: { lists: Terms; expected: Terms; m: number }[] = [];
    for (let q = 0; q < MAX_SLOTS + 3; q++) {
      const m = 2 + q;
      const A = randomMatrix(rng, m, 11, 0.5).data;
      made.push({
        lists: listing.byRow(A, 0, m, 11, empty()),
        expected: nonzerosByRow(A, 0, m, 11, empty()),
        m,
      });
    }
    // a large A needs a larger memory, which replaces the old one (never detached: see kernels-wasm.ts)
    const before = listing.buffer();
    const big = randomMatrix(rng, 500, 500, 0.5).data;
    const bigLists = listing.byRow(big, 0, 500, 500, empty());
    expect(listing.buffer().byteLength).toBeGreaterThan(before.byteLength);
    expect(before.detached).toBe(false);
    expect(listDifference(bigLists, nonzerosByRow(big, 0, 500, 500, empty()), 500)).toBe("identical");
    for (const { lists, expected, m } of made) expect(listDifference(lists, expected, m)).toBe("identical");
  });

  it("reuses the memory of the lists it lets go: new scratch lists each call do not grow it", () => {
    const listing = createWasmListing()!;
    const rng = new Rng(26);
    const A = randomMatrix(rng, 100, 784, 0.81).data;
    const bytes = () => listing.buffer().byteLength;
    const listBoth = () => listing.byColumn(listing.byRow(A, 0, 100, 784, empty()), 100, 784, empty());
    for (let q = 0; q < 2 * MAX_SLOTS; q++) listBoth(); // every slot now has room for either list
    const before = bytes();
    for (let q = 0; q < 50; q++) listBoth();
    expect(bytes()).toBe(before);
  });

  it('makes the lists of the products under useKernels("wasm"); useKernels("typescript") lists with kernels.ts', () => {
    const initial = kernelsInUse();
    const [byRow, byColumn] = [vi.spyOn(listing, "byRow"), vi.spyOn(listing, "byColumn")];
    try {
      const rng = new Rng(27);
      const [A, B, D] = [
        randomMatrix(rng, 20, 30, 0.8),
        randomMatrix(rng, 30, 40),
        randomMatrix(rng, 20, 40),
      ];
      useKernels("typescript");
      const typescript = [matmul(A, B), matmulTransA(A, D)];
      expect(byRow).not.toHaveBeenCalled();
      expect(byColumn).not.toHaveBeenCalled();
      useKernels("wasm");
      const wasm = [matmul(A, B), matmulTransA(A, D)];
      expect(byRow).toHaveBeenCalled();
      expect(byColumn).toHaveBeenCalled();
      [0, 1].forEach((q) => expect(bitDifference(wasm[q]!.data, typescript[q]!.data)).toBe("identical"));
    } finally {
      useKernels(initial);
      vi.restoreAllMocks();
    }
  });
});
