// The three matrix products a network needs: A·B forward, AᵀB for dW = A_prevᵀ·δ, ABᵀ for δ·Wᵀ. Each comes
// twice: a plain triple loop that reads like the equation, and a fast form (fast/kernels.ts) that gives the
// same numbers bit for bit without forming a transpose. The *Into forms write into a matrix you keep.

import { gemmNN, gemmNT, gemmTN, sharingNonzeros, useListing } from "./fast/kernels.ts";
import { wasmKernels } from "./fast/kernels-wasm.ts";
import { wasmListing } from "./fast/nonzeros-wasm.ts";
import { Matrix, checkOut, shapeOf } from "./matrix.ts";

/** The inner loops matrix products can use: "wasm" (WebAssembly SIMD) or "typescript". */
export type KernelName = "wasm" | "typescript";

const typescriptKernels = { gemmNN, gemmTN, gemmNT };
let kernels = wasmKernels ?? typescriptKernels;
useListing(kernels === wasmKernels ? wasmListing : null); // the lists of nonzeros, made the same fast way

/**
 * Which inner loops matmulInto, matmulTransAInto and matmulTransBInto (and sigmoid's, in activations.ts) use:
 * "wasm" (WebAssembly SIMD, the default where the runtime has it) or "typescript" (fast/kernels.ts, the plain
 * loops). Both give the same numbers; wasm is faster. "typescript" is what a runtime without SIMD runs.
 */
export function useKernels(name: KernelName): void {
  if (name === "wasm" && !wasmKernels) {
    throw new Error('useKernels: this runtime has no WebAssembly SIMD; use "typescript"');
  }
  if (name !== "wasm" && name !== "typescript") {
    throw new Error(`useKernels: unknown kernels "${String(name)}"; use "wasm" or "typescript"`);
  }
  kernels = name === "wasm" ? wasmKernels! : typescriptKernels;
  useListing(name === "wasm" ? wasmListing : null);
}

/** Which inner loops matmul and its variants (and sigmoid) use now: "wasm" or "typescript". */
export function kernelsInUse(): KernelName {
  return kernels === typescriptKernels ? "typescript" : "wasm";
}

/**
 * Runs f, listing the nonzeros of A once for all the products in f that have A on the left (A·B, AᵀB).
 * A must not change while f runs. The numbers are the same; a backward pass saves one scan of X.
 */
export function withNonzerosOf<T>(A: Matrix, f: () => T): T {
  return sharingNonzeros(A.data, A.rows, A.cols, f);
}

function checkInner(op: string, left: string, right: string, a: number, b: number): void {
  if (a !== b) throw new Error(`${op}: ${left}·${right}: inner sizes ${a} ≠ ${b}`);
}

/** C = A·B, C_ij = Σ_k A_ik B_kj. */
export function matmulPlain(A: Matrix, B: Matrix): Matrix {
  checkInner("matmulPlain", shapeOf(A), shapeOf(B), A.cols, B.rows);
  const C = new Matrix(A.rows, B.cols);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < B.cols; j++) {
      let sum = 0;
      for (let k = 0; k < A.cols; k++) sum += A.get(i, k) * B.get(k, j);
      C.set(i, j, sum);
    }
  }
  return C;
}

/** C = AᵀB, C_ij = Σ_k A_ki B_kj (A is m×n, B is m×p, C is n×p). */
export function matmulTransAPlain(A: Matrix, B: Matrix): Matrix {
  checkInner("matmulTransAPlain", `${shapeOf(A)}ᵀ`, shapeOf(B), A.rows, B.rows);
  const C = new Matrix(A.cols, B.cols);
  for (let i = 0; i < A.cols; i++) {
    for (let j = 0; j < B.cols; j++) {
      let sum = 0;
      for (let k = 0; k < A.rows; k++) sum += A.get(k, i) * B.get(k, j);
      C.set(i, j, sum);
    }
  }
  return C;
}

/** C = ABᵀ, C_ij = Σ_k A_ik B_jk (A is m×n, B is p×n, C is m×p). */
export function matmulTransBPlain(A: Matrix, B: Matrix): Matrix {
  checkInner("matmulTransBPlain", shapeOf(A), `${shapeOf(B)}ᵀ`, A.cols, B.cols);
  const C = new Matrix(A.rows, B.rows);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < B.rows; j++) {
      let sum = 0;
      for (let k = 0; k < A.cols; k++) sum += A.get(i, k) * B.get(j, k);
      C.set(i, j, sum);
    }
  }
  return C;
}

/** out = A·B, the fast form of matmulPlain. */
export function matmulInto(out: Matrix, A: Matrix, B: Matrix): Matrix {
  checkInner("matmulInto", shapeOf(A), shapeOf(B), A.cols, B.rows);
  checkOut("matmulInto", out, A.rows, B.cols, A, B);
  kernels.gemmNN(out.data, A.data, B.data, A.rows, A.cols, B.cols);
  return out;
}

/** out = AᵀB without forming Aᵀ, the fast form of matmulTransAPlain. */
export function matmulTransAInto(out: Matrix, A: Matrix, B: Matrix): Matrix {
  checkInner("matmulTransAInto", `${shapeOf(A)}ᵀ`, shapeOf(B), A.rows, B.rows);
  checkOut("matmulTransAInto", out, A.cols, B.cols, A, B);
  kernels.gemmTN(out.data, A.data, B.data, A.rows, A.cols, B.cols);
  return out;
}

/** out = ABᵀ without forming Bᵀ, the fast form of matmulTransBPlain. */
export function matmulTransBInto(out: Matrix, A: Matrix, B: Matrix): Matrix {
  checkInner("matmulTransBInto", shapeOf(A), `${shapeOf(B)}ᵀ`, A.cols, B.cols);
  checkOut("matmulTransBInto", out, A.rows, B.rows, A, B);
  kernels.gemmNT(out.data, A.data, B.data, A.rows, A.cols, B.rows);
  return out;
}

/** A·B: (m, n)·(n, p) → (m, p). */
export function matmul(A: Matrix, B: Matrix): Matrix {
  checkInner("matmul", shapeOf(A), shapeOf(B), A.cols, B.rows);
  return matmulInto(new Matrix(A.rows, B.cols), A, B);
}

/** AᵀB without forming Aᵀ: (m, n)ᵀ·(m, p) → (n, p), as in dW = A_prevᵀ·δ. */
export function matmulTransA(A: Matrix, B: Matrix): Matrix {
  checkInner("matmulTransA", `${shapeOf(A)}ᵀ`, shapeOf(B), A.rows, B.rows);
  return matmulTransAInto(new Matrix(A.cols, B.cols), A, B);
}

/** ABᵀ without forming Bᵀ: (m, n)·(p, n)ᵀ → (m, p), as in δ·Wᵀ. */
export function matmulTransB(A: Matrix, B: Matrix): Matrix {
  checkInner("matmulTransB", shapeOf(A), `${shapeOf(B)}ᵀ`, A.cols, B.cols);
  return matmulTransBInto(new Matrix(A.rows, B.rows), A, B);
}
