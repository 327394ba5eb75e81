// The fast inner loops of the three matrix products, on raw row-major arrays. matrix.ts checks shapes and
// calls these; its plain triple loops say the same thing more slowly, and the tests hold both equal.
//
// Why they are fast, and why they still give the plain loops' numbers bit for bit:
// - Loop order i-k-j: the innermost loop walks rows of B and C contiguously.
// - Exact zeros of the left operand are skipped (MNIST pixels are ~81% zeros). Adding 0·b to a sum leaves
//   it unchanged, so only a B holding ±Infinity or NaN could tell the difference.
// - Four terms per pass: C[j] = C[j] + a0·b0[j] + a1·b1[j] + a2·b2[j] + a3·b3[j] loads and stores C once
//   for four products, and JavaScript adds left to right, so every sum keeps the plain loop's order.
// - No allocation: the lists of nonzeros live in scratch arrays that grow once and are reused.

let offsets = new Int32Array(1024); // row offsets into B of the nonzeros being gathered
let values = new Float64Array(1024); // their values from A
let columnStart = new Int32Array(1025); // for AᵀB: where each column's nonzeros begin in offsets/values

function reserve(nonzeros: number, columns: number): void {
  if (offsets.length < nonzeros) {
    offsets = new Int32Array(nonzeros);
    values = new Float64Array(nonzeros);
  }
  if (columnStart.length < columns + 1) columnStart = new Int32Array(columns + 1);
}

// C (n_c values from c0) = Σ_t values[t]·B[offsets[t] …], t from t0 to t1, in order: the shared inner loop.
function accumulate(C: Float64Array, c0: number, B: Float64Array, p: number, t0: number, t1: number): void {
  const cEnd = c0 + p;
  C.fill(0, c0, cEnd);
  let t = t0;
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
    const v = values[t]!;
    const d = offsets[t]! - c0;
    for (let j = c0; j < cEnd; j++) C[j] = C[j]! + v * B[d + j]!;
  }
}

/** C (m×p) = A (m×n) · B (n×p). */
export function gemmNN(
  C: Float64Array,
  A: Float64Array,
  B: Float64Array,
  m: number,
  n: number,
  p: number,
): void {
  reserve(n, 0);
  for (let i = 0; i < m; i++) {
    const a0 = i * n;
    let nnz = 0;
    for (let k = 0; k < n; k++) {
      const a = A[a0 + k]!;
      if (a !== 0) {
        offsets[nnz] = k * p;
        values[nnz++] = a;
      }
    }
    accumulate(C, i * p, B, p, 0, nnz);
  }
}

/** C (n×p) = Aᵀ · B, with A (m×n) and B (m×p): each row k of C sums the rows of B that column k of A picks. */
export function gemmTN(
  C: Float64Array,
  A: Float64Array,
  B: Float64Array,
  m: number,
  n: number,
  p: number,
): void {
  let nnz = 0;
  for (let q = 0; q < m * n; q++) if (A[q] !== 0) nnz++;
  reserve(nnz, n);
  // Gather A's nonzeros column by column (compressed sparse columns), rows ascending within each column.
  columnStart.fill(0, 0, n + 1);
  for (let i = 0; i < m; i++) {
    for (let k = 0, a0 = i * n; k < n; k++) if (A[a0 + k] !== 0) columnStart[k + 1]!++;
  }
  for (let k = 0; k < n; k++) columnStart[k + 1]! += columnStart[k]!;
  for (let i = 0; i < m; i++) {
    const a0 = i * n;
    for (let k = 0; k < n; k++) {
      const a = A[a0 + k]!;
      if (a !== 0) {
        const t = columnStart[k]!++;
        offsets[t] = i * p;
        values[t] = a;
      }
    }
  }
  // The fill pass moved each start to the next column's start: column k now spans [start(k−1), start(k)).
  for (let k = 0; k < n; k++) accumulate(C, k * p, B, p, k === 0 ? 0 : columnStart[k - 1]!, columnStart[k]!);
}

/** C (m×p) = A (m×n) · Bᵀ, with B (p×n): each entry is the dot product of a row of A and a row of B. */
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
