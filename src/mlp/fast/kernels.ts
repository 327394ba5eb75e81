// The fast inner loops of the products A·B, AᵀB and ABᵀ on raw row-major arrays (matmul.ts checks shapes
// and calls them; its plain triple loops say the same thing slowly, and the tests hold all of them equal).
// ABᵀ (δ·Wᵀ) is a dot product per entry, four entries sharing each load of A's row (gemmNT, at the end).
//
// A·B and AᵀB are "sparse left operand × dense right operand": each row r of C is a sum of rows of B,
// weighted by the nonzeros of A that row r picks. So the work splits in two:
// 1. List, for each row of C, the nonzeros of A it needs (the value, and which row of B it scales), in the
//    order the plain loop adds them: nonzerosByRow for A·B, nonzerosByColumn for AᵀB.
// 2. accumulateRows: C_r = Σ_t values[t]·B_{index[t]}, four terms per pass over the row.
//
// Why this is fast, and why it still gives the plain loops' numbers bit for bit:
// - Exact zeros of A are skipped (MNIST pixels are ~81% zeros). Adding 0·b to a sum leaves it unchanged,
//   so only a B holding ±Infinity or NaN could tell the difference.
// - C[j] = C[j] + a0·b0[j] + a1·b1[j] + a2·b2[j] + a3·b3[j] loads and stores C once for four products, and
//   JavaScript adds left to right, so every sum is built term by term in the plain loop's order.
// - No allocation: the lists live in scratch arrays that grow once and are reused.
// - A backward pass reads X twice (X·W₁, then Xᵀ·δ₁); sharingNonzeros lets it list X's nonzeros once.
// - AᵀB can also be made the other way round, Cᵀ = BᵀA (B's nonzeros by column, adding rows of A), then
//   transposed: less work when A is dense and B narrow, as a hidden layer's dW = Aᵀ·δ often is. The sums are
//   the same (the terms still come in the order i = 0, 1, …, and a·b = b·a exactly); that way skips B's
//   zeros instead of A's.
// kernels-wasm.ts runs step 2 as WebAssembly SIMD, two columns at a time, with the same arithmetic;
// nonzeros-wasm.ts makes step 1's lists in WebAssembly, the same lists entry for entry (useListing).

/** Lists of terms: list r holds entries starts[r] … starts[r+1]−1, each a value of A and an index into B. */
export interface Terms {
  index: Int32Array;
  values: Float64Array;
  starts: Int32Array;
}

const empty = (): Terms => ({
  index: new Int32Array(0),
  values: new Float64Array(0),
  starts: new Int32Array(1),
});

/** `terms` with room for `size` entries (keeping the first `keep`) and `lists` lists. */
export function grow(terms: Terms, size: number, lists: number, keep = 0): Terms {
  if (terms.values.length >= size && terms.starts.length >= lists + 1) return terms;
  let { index, values, starts } = terms;
  if (values.length < size) {
    const capacity = Math.max(size, 2 * values.length);
    [index, values] = [new Int32Array(capacity), new Float64Array(capacity)];
    index.set(terms.index.subarray(0, keep));
    values.set(terms.values.subarray(0, keep));
  }
  if (starts.length < lists + 1) starts = new Int32Array(lists + 1);
  return { index, values, starts };
}

/**
 * The nonzeros of rows i0 … i1−1 of A (m×n), row by row: list i − i0 holds A_ik with index k, k ascending.
 * For C = A·B, row i of C = Σ_k A_ik·B_k over them. Written into `into`, or into larger arrays it returns.
 */
export function nonzerosByRow(A: Float64Array, i0: number, i1: number, n: number, into: Terms): Terms {
  let byRow = grow(into, 0, i1 - i0);
  let t = 0;
  for (let i = i0; i < i1; i++) {
    if (byRow.values.length < t + n) byRow = grow(byRow, t + n, i1 - i0, t);
    const { index, values, starts } = byRow;
    starts[i - i0] = t;
    for (let k = 0, a0 = i * n; k < n; k++) {
      const a = A[a0 + k]!;
      if (a !== 0) {
        index[t] = k;
        values[t++] = a;
      }
    }
  }
  byRow.starts[i1 - i0] = t;
  return byRow;
}

/**
 * The same nonzeros regrouped column by column: list k holds A_ik with index i, i ascending. For C = AᵀB,
 * row k of C = Σ_i A_ik·B_i over them. Reads nonzerosByRow's lists for all m rows, not A itself.
 */
export function nonzerosByColumn(rows: Terms, m: number, n: number, into: Terms): Terms {
  const { index: column, values: value, starts: rowStart } = rows;
  const byColumn = grow(into, rowStart[m]!, n);
  const { index, values, starts } = byColumn;
  starts.fill(0, 0, n + 1);
  for (let t = 0; t < rowStart[m]!; t++) starts[column[t]! + 1]!++; // count per column
  for (let k = 0; k < n; k++) starts[k + 1]! += starts[k]!; // counts → where each column's list starts
  for (let i = 0; i < m; i++) {
    for (let t = rowStart[i]!; t < rowStart[i + 1]!; t++) {
      const next = starts[column[t]!]!++; // the next free place in that column's list
      index[next] = i;
      values[next] = value[t]!;
    }
  }
  for (let k = n; k > 0; k--) starts[k] = starts[k - 1]!; // each start moved to the next list's: undo
  starts[0] = 0;
  return byColumn;
}

/** C_{r0+r} = Σ_t values[t]·B_{index[t]} (rows of p values) for each of the first `count` lists, in order. */
export function accumulateRows(
  C: Float64Array,
  r0: number,
  B: Float64Array,
  p: number,
  lists: Terms,
  count: number,
): void {
  const { index, values, starts } = lists;
  for (let r = 0; r < count; r++) {
    const c0 = (r0 + r) * p,
      cEnd = c0 + p,
      t1 = starts[r + 1]!;
    C.fill(0, c0, cEnd);
    let t = starts[r]!;
    for (; t + 4 <= t1; t += 4) {
      const v0 = values[t]!,
        v1 = values[t + 1]!,
        v2 = values[t + 2]!,
        v3 = values[t + 3]!;
      const d0 = index[t]! * p - c0, // B_k[j − c0] is B[d + j]
        d1 = index[t + 1]! * p - c0,
        d2 = index[t + 2]! * p - c0,
        d3 = index[t + 3]! * p - c0;
      for (let j = c0; j < cEnd; j++) {
        C[j] = C[j]! + v0 * B[d0 + j]! + v1 * B[d1 + j]! + v2 * B[d2 + j]! + v3 * B[d3 + j]!;
      }
    }
    for (; t < t1; t++) {
      const v = values[t]!,
        d = index[t]! * p - c0;
      for (let j = c0; j < cEnd; j++) C[j] = C[j]! + v * B[d + j]!;
    }
  }
}

// ---- which lists a product uses -----------------------------------------------------------------------

/** A way to list nonzeros: these loops, or nonzeros-wasm.ts's (faster, and the same lists entry for entry). */
export interface Listing {
  byRow: typeof nonzerosByRow;
  byColumn: typeof nonzerosByColumn;
}

const typescriptListing: Listing = { byRow: nonzerosByRow, byColumn: nonzerosByColumn };
let listing = typescriptListing;

// Scratch lists, reused from call to call: for a block of rows, for columns, for a shared A.
let blockLists = empty();
let columnScratch = empty();
let sharedLists = empty();

/** Which listing the products use from now on: `null` for this file's loops. matmul.ts's useKernels sets it. */
export function useListing(fast: Listing | null): void {
  listing = fast ?? typescriptListing;
  [blockLists, columnScratch, sharedLists] = [empty(), empty(), empty()]; // one listing's scratch is its own
}
let shared: { A: Float64Array; m: number; n: number; rows: Terms } | null = null;

/**
 * Runs f with the nonzeros of A (m×n) listed once, for every product in f whose left operand is this A.
 * A must not change while f runs (a backward pass does not change its X).
 */
export function sharingNonzeros<T>(A: Float64Array, m: number, n: number, f: () => T): T {
  const outer = shared;
  const rows = listing.byRow(A, 0, m, n, outer ? empty() : sharedLists); // nested: its own lists
  if (!outer) sharedLists = rows;
  shared = { A, m, n, rows };
  try {
    return f();
  } finally {
    shared = outer;
  }
}

const sharedFor = (A: Float64Array, m: number, n: number): Terms | null =>
  shared !== null && shared.A === A && shared.m === m && shared.n === n ? shared.rows : null;

/** Rows of A·B listed per pass when not shared, so the lists stay small (and in cache) for any m. */
export const BLOCK_ROWS = 128;

/** Calls visit(i0, i1, lists) for blocks of rows of A (m×n) that together cover it, lists numbered from i0. */
export function forEachRowBlock(
  A: Float64Array,
  m: number,
  n: number,
  visit: (i0: number, i1: number, lists: Terms) => void,
): void {
  const rows = sharedFor(A, m, n);
  if (rows) return visit(0, m, rows);
  for (let i0 = 0; i0 < m; i0 += BLOCK_ROWS) {
    const i1 = Math.min(m, i0 + BLOCK_ROWS);
    blockLists = listing.byRow(A, i0, i1, n, blockLists);
    visit(i0, i1, blockLists);
  }
}

/**
 * Roughly what listing one nonzero (and regrouping it by column) costs, in multiply-adds: MNIST timings put
 * it between 10 and 30. It only decides which way round is faster; the numbers are the same either way.
 */
const LIST_COST = 16;

/**
 * Whether C = AᵀB (A m×n with `nonzerosOfA`, B m×p) is less work as Cᵀ = BᵀA: at most m·p nonzeros of B,
 * each scaling a row of n, against A's nonzeros each scaling a row of p (with their listing). 784-128-10's
 * A₁ᵀ·δ₂ goes that way (a dense A₁, p = 10); Xᵀ·δ₁ over MNIST's mostly-zero X does not.
 */
export function transposedIsCheaper(nonzerosOfA: number, m: number, n: number, p: number): boolean {
  return m * p * (n + LIST_COST) < nonzerosOfA * (p + LIST_COST);
}

/** out (n×p) = Cᵀ, C (p×n). */
export function transposeInto(out: Float64Array, C: Float64Array, p: number, n: number): void {
  for (let j = 0; j < p; j++) for (let k = 0; k < n; k++) out[k * p + j] = C[j * n + k]!;
}

/** The lists for AᵀB, A (m×n): one per column of A. */
export function columnLists(A: Float64Array, m: number, n: number): Terms {
  let rows = sharedFor(A, m, n);
  if (!rows) rows = blockLists = listing.byRow(A, 0, m, n, blockLists);
  return (columnScratch = listing.byColumn(rows, m, n, columnScratch));
}

/** Rows of A that nonzerosOf reads when A's nonzeros are not listed yet. */
const SAMPLE_ROWS = 8;

/**
 * How many nonzeros A (m×n) holds: exact when they are listed already (sharingNonzeros), else estimated from
 * its first rows (for a batch of 100, an eighth of the work of counting all). It only picks the faster way.
 */
export function nonzerosOf(A: Float64Array, m: number, n: number): number {
  const rows = sharedFor(A, m, n);
  if (rows) return rows.starts[m]!;
  const sample = Math.min(m, SAMPLE_ROWS);
  let nonzeros = 0;
  for (let q = 0; q < sample * n; q++) if (A[q] !== 0) nonzeros++;
  return (nonzeros * m) / sample;
}

/**
 * The lists for C = AᵀB (A m×n, B m×p), and which way round: A's nonzeros by column, to scale rows of B
 * (`transposed` false), or B's, to scale rows of A into Cᵀ (transposedIsCheaper).
 */
export function productTNLists(
  A: Float64Array,
  B: Float64Array,
  m: number,
  n: number,
  p: number,
): { lists: Terms; transposed: boolean } {
  const transposed = transposedIsCheaper(nonzerosOf(A, m, n), m, n, p);
  return { lists: transposed ? columnLists(B, m, p) : columnLists(A, m, n), transposed };
}

// ---- the products -----------------------------------------------------------------------------------

/** C (m×p) = A (m×n)·B (n×p). */
export function gemmNN(
  C: Float64Array,
  A: Float64Array,
  B: Float64Array,
  m: number,
  n: number,
  p: number,
): void {
  forEachRowBlock(A, m, n, (i0, i1, lists) => accumulateRows(C, i0, B, p, lists, i1 - i0));
}

let Ct = new Float64Array(0); // Cᵀ, for gemmTN made the other way round

/** C (n×p) = AᵀB, with A (m×n) and B (m×p). */
export function gemmTN(
  C: Float64Array,
  A: Float64Array,
  B: Float64Array,
  m: number,
  n: number,
  p: number,
): void {
  const { lists, transposed } = productTNLists(A, B, m, n, p);
  if (!transposed) return accumulateRows(C, 0, B, p, lists, n);
  if (Ct.length < p * n) Ct = new Float64Array(p * n);
  accumulateRows(Ct, 0, A, n, lists, p); // Cᵀ = BᵀA, (p, n)
  transposeInto(C, Ct, p, n);
}

/** C (m×p) = A (m×n)·Bᵀ, with B (p×n): each entry is the dot product of a row of A and a row of B. */
export function gemmNT(
  C: Float64Array,
  A: Float64Array,
  B: Float64Array,
  m: number,
  n: number,
  p: number,
): void {
  for (let i = 0; i < m; i++) {
    const a0 = i * n,
      c0 = i * p;
    let j = 0;
    for (; j + 4 <= p; j += 4) {
      // four dot products share each load of A's row; each sum still runs k = 0, 1, … in order
      const b0 = j * n,
        b1 = b0 + n,
        b2 = b1 + n,
        b3 = b2 + n;
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0;
      for (let k = 0; k < n; k++) {
        const a = A[a0 + k]!;
        s0 += a * B[b0 + k]!;
        s1 += a * B[b1 + k]!;
        s2 += a * B[b2 + k]!;
        s3 += a * B[b3 + k]!;
      }
      C[c0 + j] = s0;
      C[c0 + j + 1] = s1;
      C[c0 + j + 2] = s2;
      C[c0 + j + 3] = s3;
    }
    for (; j < p; j++) {
      const b0 = j * n;
      let s = 0;
      for (let k = 0; k < n; k++) s += A[a0 + k]! * B[b0 + k]!;
      C[c0 + j] = s;
    }
  }
}
