// The fast inner loops of the products A·B and AᵀB on raw row-major arrays (matmul.ts checks shapes and
// calls them; its plain triple loops say the same thing slowly, and the tests hold all of them equal).
//
// Both products are "sparse left operand × dense right operand": each row r of C is a sum of rows of B,
// weighted by the nonzeros of A that row r picks. So the work splits in two:
// 1. List, for each row of C, the nonzeros of A it needs (value, and where the row of B starts), in the
//    order the plain loop would add them: nonzerosByRow for A·B, nonzerosByColumn for AᵀB.
// 2. accumulateRows: C_r = Σ_t values[t]·B[offsets[t] …], four terms per pass over the row.
//
// Why this is fast, and why it still gives the plain loops' numbers bit for bit:
// - Exact zeros of A are skipped (MNIST pixels are ~81% zeros). Adding 0·b to a sum leaves it unchanged,
//   so only a B holding ±Infinity or NaN could tell the difference.
// - C[j] = C[j] + a0·b0[j] + a1·b1[j] + a2·b2[j] + a3·b3[j] loads and stores C once for four products, and
//   JavaScript adds left to right, so every sum is built term by term in the plain loop's order.
// - No allocation: the lists live in scratch arrays that grow once and are reused.
// kernels-wasm.ts runs step 2 as WebAssembly SIMD, two columns at a time, with the same arithmetic.

/** For each row r of C: terms starts[r] … starts[r+1]−1, each a value of A and an offset into B. */
export interface Terms {
  offsets: Int32Array;
  values: Float64Array;
  starts: Int32Array;
}

let scratch: Terms = { offsets: new Int32Array(0), values: new Float64Array(0), starts: new Int32Array(0) };

/** The TypeScript scratch lists, grown to hold `terms` terms for `rows` rows. */
function reserve(terms: number, rows: number): Terms {
  if (scratch.values.length < terms) {
    scratch = { ...scratch, offsets: new Int32Array(terms), values: new Float64Array(terms) };
  }
  if (scratch.starts.length < rows + 1) scratch = { ...scratch, starts: new Int32Array(rows + 1) };
  return scratch;
}

/**
 * For C = A·B, A (m×n), B (n×p), rows i0 … i1−1 of C: row i needs A_ik·(row k of B) for each nonzero A_ik,
 * k ascending. The rows are numbered from 0 in `out`.
 */
export function nonzerosByRow(
  A: Float64Array,
  i0: number,
  i1: number,
  n: number,
  p: number,
  out: Terms,
): void {
  const { offsets, values, starts } = out;
  let t = 0;
  for (let i = i0; i < i1; i++) {
    starts[i - i0] = t;
    for (let k = 0, a0 = i * n; k < n; k++) {
      const a = A[a0 + k]!;
      if (a !== 0) {
        offsets[t] = k * p;
        values[t++] = a;
      }
    }
  }
  starts[i1 - i0] = t;
}

let rowsOfA: Terms = { offsets: new Int32Array(0), values: new Float64Array(0), starts: new Int32Array(0) };

/**
 * All nonzeros of A (m×n), row by row: starts[i] … starts[i+1]−1 hold row i's, with their column k in
 * offsets (nonzerosByRow with p = 1). The scratch grows as needed, so its size follows the nonzeros.
 */
export function nonzerosOf(A: Float64Array, m: number, n: number): Terms {
  if (rowsOfA.starts.length < m + 1) rowsOfA = { ...rowsOfA, starts: new Int32Array(m + 1) };
  let t = 0;
  for (let i = 0; i < m; i++) {
    if (rowsOfA.values.length < t + n) {
      const size = Math.max(2 * rowsOfA.values.length, t + n);
      const grown = { offsets: new Int32Array(size), values: new Float64Array(size), starts: rowsOfA.starts };
      grown.offsets.set(rowsOfA.offsets.subarray(0, t));
      grown.values.set(rowsOfA.values.subarray(0, t));
      rowsOfA = grown;
    }
    const { offsets, values, starts } = rowsOfA;
    starts[i] = t;
    for (let k = 0, a0 = i * n; k < n; k++) {
      const a = A[a0 + k]!;
      if (a !== 0) {
        offsets[t] = k;
        values[t++] = a;
      }
    }
  }
  rowsOfA.starts[m] = t;
  return rowsOfA;
}

/**
 * For C = AᵀB, A (m×n), B (m×p): row k of C needs A_ik·(row i of B) for each nonzero A_ik, i ascending,
 * regrouped from nonzerosOf(A)'s lists (which hold far fewer entries than A when A is mostly zeros).
 */
export function nonzerosByColumn(rows: Terms, m: number, n: number, p: number, out: Terms): void {
  const { offsets: column, values: value, starts: rowStart } = rows;
  const { offsets, values, starts } = out;
  starts.fill(0, 0, n + 1);
  for (let t = 0; t < rowStart[m]!; t++) starts[column[t]! + 1]!++; // count per column
  for (let k = 0; k < n; k++) starts[k + 1]! += starts[k]!; // counts → where each column's list starts
  for (let i = 0; i < m; i++) {
    for (let t = rowStart[i]!; t < rowStart[i + 1]!; t++) {
      const next = starts[column[t]!]!++; // the next free place in that column's list
      offsets[next] = i * p;
      values[next] = value[t]!;
    }
  }
  for (let k = n; k > 0; k--) starts[k] = starts[k - 1]!; // each start moved to the next list's: undo
  starts[0] = 0;
}

/** C_r = Σ_t values[t]·B[offsets[t] … +p] for `rows` rows of C (p columns) from row r0, terms in order. */
export function accumulateRows(
  C: Float64Array,
  r0: number,
  B: Float64Array,
  p: number,
  rows: number,
  terms: Terms,
): void {
  const { offsets, values, starts } = terms;
  for (let r = 0; r < rows; r++) {
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
      const d0 = offsets[t]! - c0,
        d1 = offsets[t + 1]! - c0,
        d2 = offsets[t + 2]! - c0,
        d3 = offsets[t + 3]! - c0;
      for (let j = c0; j < cEnd; j++) {
        C[j] = C[j]! + v0 * B[d0 + j]! + v1 * B[d1 + j]! + v2 * B[d2 + j]! + v3 * B[d3 + j]!;
      }
    }
    for (; t < t1; t++) {
      const v = values[t]!,
        d = offsets[t]! - c0;
      for (let j = c0; j < cEnd; j++) C[j] = C[j]! + v * B[d + j]!;
    }
  }
}

/** Rows of A·B done per pass, so the lists of nonzeros stay small (and in cache) for any m. */
export const BLOCK_ROWS = 128;

/** C (m×p) = A (m×n)·B (n×p). */
export function gemmNN(
  C: Float64Array,
  A: Float64Array,
  B: Float64Array,
  m: number,
  n: number,
  p: number,
): void {
  const terms = reserve(Math.min(m, BLOCK_ROWS) * n, BLOCK_ROWS);
  for (let i0 = 0; i0 < m; i0 += BLOCK_ROWS) {
    const i1 = Math.min(m, i0 + BLOCK_ROWS);
    nonzerosByRow(A, i0, i1, n, p, terms);
    accumulateRows(C, i0, B, p, i1 - i0, terms);
  }
}

/** C (n×p) = AᵀB, with A (m×n) and B (m×p). */
export function gemmTN(
  C: Float64Array,
  A: Float64Array,
  B: Float64Array,
  m: number,
  n: number,
  p: number,
): void {
  const rows = nonzerosOf(A, m, n);
  const terms = reserve(rows.starts[m]!, n);
  nonzerosByColumn(rows, m, n, p, terms);
  accumulateRows(C, 0, B, p, n, terms);
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
