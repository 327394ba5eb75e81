import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Matrix,
  Rng,
  matmul,
  matmulInto,
  matmulPlain,
  matmulTransA,
  matmulTransAInto,
  matmulTransAPlain,
  matmulTransB,
  matmulTransBInto,
  matmulTransBPlain,
  kernelsInUse,
  transpose,
  useKernels,
  type KernelName,
} from "../../src/mlp/index.ts";
import { bitDifference, randomMatrix } from "./helpers.ts";

// (m, n, p): the product is (m×n)·(n×p). Includes 1×n, n×1, odd sizes, and the MNIST shapes.
const shapes: [number, number, number][] = [
  [1, 1, 1],
  [1, 7, 1],
  [1, 9, 5],
  [7, 1, 3],
  [5, 3, 1],
  [3, 1, 1],
  [13, 17, 11],
  [4, 4, 4],
  [9, 33, 2],
  [100, 784, 10],
  [31, 128, 10],
  [300, 20, 7],
  [0, 3, 2],
];

describe.each(["typescript", "wasm"] as KernelName[])("with the %s kernels", (kernels) => {
  const initial = kernelsInUse();
  beforeAll(() => useKernels(kernels));
  afterAll(() => useKernels(initial));
  const rng = new Rng(2024);
  for (const [m, n, p] of shapes) {
    for (const zeros of [0, 0.8]) {
      const A = randomMatrix(rng, m, n, zeros);
      const B = randomMatrix(rng, n, p);
      const label = `(${m}×${n})·(${n}×${p}), ${zeros * 100}% zeros in A`;

      it(`matmul(A, B) equals matmulPlain(A, B) for ${label}`, () => {
        expect(bitDifference(matmul(A, B).data, matmulPlain(A, B).data)).toBe("identical");
      });

      it(`matmulTransA(Aᵀ, B) equals matmulTransAPlain for ${label}`, () => {
        const At = transpose(A); // (n, m): the product is (Atᵀ)·B = A·B
        expect(bitDifference(matmulTransA(At, B).data, matmulTransAPlain(At, B).data)).toBe("identical");
        expect(bitDifference(matmulTransA(At, B).data, matmulPlain(A, B).data)).toBe("identical");
      });

      it(`matmulTransB(A, Bᵀ) equals matmulTransBPlain for ${label}`, () => {
        const Bt = transpose(B); // (p, n)
        expect(bitDifference(matmulTransB(A, Bt).data, matmulTransBPlain(A, Bt).data)).toBe("identical");
        expect(bitDifference(matmulTransB(A, Bt).data, matmulPlain(A, B).data)).toBe("identical");
      });
    }
  }

  it("matmulTransA(X, δ) equals the plain loop on a mostly-zero X with whole zero columns and rows", () => {
    const X = randomMatrix(rng, 37, 50, 0.9);
    for (let i = 0; i < X.rows; i++) X.set(i, 3, 0);
    X.data.fill(0, 5 * 50, 6 * 50);
    const delta = randomMatrix(rng, 37, 19);
    expect(bitDifference(matmulTransA(X, delta).data, matmulTransAPlain(X, delta).data)).toBe("identical");
  });

  it("matmulTransA(A, δ) equals the plain loop when it is made as (δᵀA)ᵀ: a dense A, a narrow δ with zeros", () => {
    const A = randomMatrix(rng, 60, 40);
    const delta = randomMatrix(rng, 60, 3, 0.5);
    delta.data.fill(0, 0, 3); // a whole zero row
    expect(bitDifference(matmulTransA(A, delta).data, matmulTransAPlain(A, delta).data)).toBe("identical");
  });

  it("matmulInto(out, A, B) overwrites what out held", () => {
    const A = randomMatrix(rng, 6, 5, 0.5);
    const B = randomMatrix(rng, 5, 4);
    const out = new Matrix(6, 4);
    out.data.fill(123);
    expect(matmulInto(out, A, B).data).toEqual(matmulPlain(A, B).data);
    const outT = new Matrix(5, 4);
    outT.data.fill(-7);
    const C = randomMatrix(rng, 6, 4);
    expect(matmulTransAInto(outT, A, C).data).toEqual(matmulTransAPlain(A, C).data);
  });
});

describe("products compute the textbook result", () => {
  it("matmul([[1, 2], [3, 4]], [[5, 6], [7, 8]]) is [[19, 22], [43, 50]]", () => {
    const C = matmul(
      Matrix.from([
        [1, 2],
        [3, 4],
      ]),
      Matrix.from([
        [5, 6],
        [7, 8],
      ]),
    );
    expect(C.toArray()).toEqual([
      [19, 22],
      [43, 50],
    ]);
  });
});

describe("products name the op and both shapes when sizes do not fit", () => {
  const A = new Matrix(100, 784);
  const B = new Matrix(100, 64);
  it("matmul(A, B) with inner sizes 784 ≠ 100", () => {
    expect(() => matmul(A, B)).toThrow("matmul: (100×784)·(100×64): inner sizes 784 ≠ 100");
    expect(() => matmulPlain(A, B)).toThrow("matmulPlain: (100×784)·(100×64): inner sizes 784 ≠ 100");
  });
  it("matmulTransA(A, B) compares the row counts", () => {
    expect(() => matmulTransA(new Matrix(3, 2), new Matrix(4, 2))).toThrow(
      "matmulTransA: (3×2)ᵀ·(4×2): inner sizes 3 ≠ 4",
    );
    expect(() => matmulTransAPlain(new Matrix(3, 2), new Matrix(4, 2))).toThrow(
      "matmulTransAPlain: (3×2)ᵀ·(4×2): inner sizes 3 ≠ 4",
    );
  });
  it("matmulTransB(A, B) compares the column counts", () => {
    expect(() => matmulTransB(new Matrix(100, 10), new Matrix(128, 12))).toThrow(
      "matmulTransB: (100×10)·(128×12)ᵀ: inner sizes 10 ≠ 12",
    );
    expect(() => matmulTransBPlain(new Matrix(1, 2), new Matrix(1, 3))).toThrow(
      "matmulTransBPlain: (1×2)·(1×3)ᵀ: inner sizes 2 ≠ 3",
    );
  });
  it("matmulInto(out, A, B) with an out of the wrong shape", () => {
    expect(() => matmulInto(new Matrix(3, 3), new Matrix(2, 4), new Matrix(4, 5))).toThrow(
      "matmulInto: out is (3×3), the result is (2×5)",
    );
    expect(() => matmulTransAInto(new Matrix(2, 2), new Matrix(4, 3), new Matrix(4, 5))).toThrow(
      "matmulTransAInto: out is (2×2), the result is (3×5)",
    );
    expect(() => matmulTransBInto(new Matrix(2, 2), new Matrix(4, 3), new Matrix(5, 3))).toThrow(
      "matmulTransBInto: out is (2×2), the result is (4×5)",
    );
  });
  it("matmulInto(A, A, B) refuses to write over an operand", () => {
    const S = new Matrix(3, 3);
    expect(() => matmulInto(S, S, new Matrix(3, 3))).toThrow(
      "matmulInto: out must be a new matrix, not an operand",
    );
  });
});
