import { afterAll, describe, expect, it } from "vitest";
import { gemmNN, gemmNT, gemmTN, BLOCK_ROWS, productTNLists } from "../../../src/mlp/fast/kernels.ts";
import { wasmKernels } from "../../../src/mlp/fast/kernels-wasm.ts";
import {
  Matrix,
  Rng,
  kernelsInUse,
  matmul,
  matmulPlain,
  matmulTransA,
  useKernels,
  withNonzerosOf,
  type KernelName,
} from "../../../src/mlp/index.ts";
import { bitDifference, randomMatrix } from "../helpers.ts";

// (m, n, p) with A (m×n): odd p (a last column outside the SIMD pairs), p = 1, m beyond one block of rows,
// and wider rows of C (p = 16, 35, 130).
const shapes: [number, number, number][] = [
  [1, 1, 1],
  [1, 5, 2],
  [3, 1, 7],
  [7, 9, 1],
  [5, 16, 3],
  [11, 13, 17],
  [6, 9, 16],
  [4, 21, 35],
  [3, 8, 130],
  [100, 784, 128],
  [100, 128, 10],
  [BLOCK_ROWS + 37, 30, 9],
  [2 * BLOCK_ROWS, 6, 4],
];

describe("the WebAssembly kernels", () => {
  it("are available in Node (WebAssembly SIMD)", () => {
    expect(wasmKernels).not.toBeNull();
  });

  const rng = new Rng(31);
  for (const [m, n, p] of shapes) {
    for (const zeros of [0, 0.81, 1]) {
      it(`wasm gemmNN, gemmTN and gemmNT equal the TypeScript ones bit for bit: A (${m}×${n}), p ${p}, ${zeros * 100}% zeros`, () => {
        const A = randomMatrix(rng, m, n, zeros).data;
        const B = randomMatrix(rng, n, p).data;
        const [C1, C2] = [new Float64Array(m * p), new Float64Array(m * p).fill(7)];
        gemmNN(C1, A, B, m, n, p);
        wasmKernels!.gemmNN(C2, A, B, m, n, p);
        expect(bitDifference(C2, C1)).toBe("identical");
        const D = randomMatrix(rng, m, p).data;
        const [G1, G2] = [new Float64Array(n * p), new Float64Array(n * p).fill(7)];
        gemmTN(G1, A, D, m, n, p);
        wasmKernels!.gemmTN(G2, A, D, m, n, p);
        expect(bitDifference(G2, G1)).toBe("identical");
        const E = randomMatrix(rng, p, n).data; // C = A·Eᵀ
        const [H1, H2] = [new Float64Array(m * p), new Float64Array(m * p).fill(7)];
        gemmNT(H1, A, E, m, n, p);
        wasmKernels!.gemmNT(H2, A, E, m, n, p);
        expect(bitDifference(H2, H1)).toBe("identical");
      });
    }
  }

  it("never detach an ArrayBuffer when they need more memory (V8 would check every typed array for it after)", () => {
    const before = wasmKernels!.buffer();
    const rng = new Rng(8);
    const [m, n, p] = [300, before.byteLength / 8 / 64 + 64, 70]; // B alone is larger than the memory was
    const A = randomMatrix(rng, m, n, 0.5).data;
    const B = randomMatrix(rng, n, p).data;
    const [C1, C2] = [new Float64Array(m * p), new Float64Array(m * p)];
    gemmNN(C1, A, B, m, n, p);
    wasmKernels!.gemmNN(C2, A, B, m, n, p);
    expect(bitDifference(C2, C1)).toBe("identical");
    const after = wasmKernels!.buffer();
    expect(after.byteLength).toBeGreaterThan(before.byteLength);
    expect(before.detached).toBe(false);
    expect(before.byteLength).toBeGreaterThan(0);
  });

  it("give the same numbers when one kernel instance serves many shapes in turn (reused layouts)", () => {
    const rng = new Rng(5);
    for (let round = 0; round < 3; round++) {
      for (const [m, n, p] of [
        [4, 6, 3],
        [300, 20, 5],
        [4, 6, 3],
        [9, 2, 11],
      ] as const) {
        const A = randomMatrix(rng, m, n, 0.5).data;
        const B = randomMatrix(rng, n, p).data;
        const [C1, C2] = [new Float64Array(m * p), new Float64Array(m * p)];
        gemmNN(C1, A, B, m, n, p);
        wasmKernels!.gemmNN(C2, A, B, m, n, p);
        expect(bitDifference(C2, C1)).toBe("identical");
      }
    }
  });
});

describe("productTNLists(A, B, m, n, p)", () => {
  const rng = new Rng(3);
  it("makes a dense A₁ᵀ·δ₂ of 784-128-10 as (δ₂ᵀA₁)ᵀ, and MNIST's Xᵀ·δ₁ (81% zeros) as it is", () => {
    const [A1, delta2] = [randomMatrix(rng, 100, 128).data, randomMatrix(rng, 100, 10).data];
    expect(productTNLists(A1, delta2, 100, 128, 10).transposed).toBe(true);
    const [X, delta1] = [randomMatrix(rng, 100, 784, 0.81).data, randomMatrix(rng, 100, 128).data];
    expect(productTNLists(X, delta1, 100, 784, 128).transposed).toBe(false);
    const shared = withNonzerosOf(new Matrix(100, 784, X), () => productTNLists(X, delta1, 100, 784, 128));
    expect(shared.transposed).toBe(false);
  });
});

describe("the TypeScript kernels", () => {
  it("gemmNT(C, A, B) equals the plain dot products bit for bit, p not a multiple of 4", () => {
    const rng = new Rng(8);
    const A = randomMatrix(rng, 6, 5);
    const B = randomMatrix(rng, 7, 5);
    const C = new Float64Array(6 * 7);
    gemmNT(C, A.data, B.data, 6, 5, 7);
    const expected = new Float64Array(42);
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 7; j++) {
        let s = 0;
        for (let k = 0; k < 5; k++) s += A.get(i, k) * B.get(j, k);
        expected[i * 7 + j] = s;
      }
    }
    expect(bitDifference(C, expected)).toBe("identical");
  });

  it("skipping exact zeros differs from the plain loop only where B holds ±Infinity or NaN", () => {
    const A = Matrix.from([[0, 1]]);
    const B = Matrix.from([[Infinity], [2]]);
    expect(matmulPlain(A, B).data[0]).toBeNaN(); // 0·∞ = NaN in the plain sum
    expect(matmul(A, B).data[0]).toBe(2); // the zero of A is skipped
  });
});

describe.each(["typescript", "wasm"] as KernelName[])("withNonzerosOf with the %s kernels", (kernels) => {
  it("withNonzerosOf(A, f): products on A inside f equal those outside; other products are untouched", () => {
    const initial = kernelsInUse();
    useKernels(kernels);
    try {
      const rng = new Rng(40);
      const A = randomMatrix(rng, 2 * BLOCK_ROWS + 3, 30, 0.8); // more rows than one block
      const other = randomMatrix(rng, A.rows, 30, 0.5);
      const B = randomMatrix(rng, 30, 7);
      const D = randomMatrix(rng, A.rows, 5);
      const outside = [matmul(A, B), matmulTransA(A, D), matmul(other, B), matmulTransA(other, D)];
      const inside = withNonzerosOf(A, () => [
        matmul(A, B),
        matmulTransA(A, D),
        matmul(other, B),
        withNonzerosOf(other, () => matmulTransA(other, D)), // nested
        matmulTransA(A, D),
      ]);
      [0, 1, 2, 3].forEach((q) => expect(bitDifference(inside[q]!.data, outside[q]!.data)).toBe("identical"));
      expect(bitDifference(inside[4]!.data, outside[1]!.data)).toBe("identical");
    } finally {
      useKernels(initial);
    }
  });
});

describe("useKernels", () => {
  const initial = kernelsInUse();
  afterAll(() => useKernels(initial));

  it('useKernels("typescript") and useKernels("wasm") switch matmul, with the same results', () => {
    expect(initial).toBe("wasm");
    const rng = new Rng(12);
    const A = randomMatrix(rng, 50, 40, 0.7);
    const B = randomMatrix(rng, 40, 9);
    const D = randomMatrix(rng, 50, 9);
    useKernels("typescript");
    expect(kernelsInUse()).toBe("typescript");
    const [C1, G1] = [matmul(A, B), matmulTransA(A, D)];
    useKernels("wasm");
    expect(kernelsInUse()).toBe("wasm");
    expect(bitDifference(matmul(A, B).data, C1.data)).toBe("identical");
    expect(bitDifference(matmulTransA(A, D).data, G1.data)).toBe("identical");
  });

  it("useKernels(name) refuses an unknown name", () => {
    expect(() => useKernels("gpu" as "wasm")).toThrow(
      'useKernels: unknown kernels "gpu"; use "wasm" or "typescript"',
    );
  });
});
