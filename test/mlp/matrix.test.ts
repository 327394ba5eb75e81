import { describe, expect, it } from "vitest";
import {
  Matrix,
  add,
  addInto,
  addRowVector,
  addRowVectorInto,
  argmaxRows,
  colSums,
  colSumsInto,
  hadamard,
  hadamardInto,
  map,
  scale,
  scaleInto,
  shapeOf,
  sub,
  subInto,
  transpose,
} from "../../src/mlp/index.ts";

const A = Matrix.from([
  [1, 2, 3],
  [4, 5, 6],
]);
const B = Matrix.from([
  [10, 20, 30],
  [40, 50, 60],
]);

describe("Matrix", () => {
  it("Matrix.from(rows) stores row-major and get(i, j) reads it back", () => {
    expect(Array.from(A.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(A.get(1, 0)).toBe(4);
    expect(A.shape).toEqual([2, 3]);
    expect(shapeOf(A)).toBe("(2×3)");
  });
  it("set(i, j, v) writes one entry; clone() copies the values", () => {
    const C = A.clone();
    C.set(0, 2, -1);
    expect(C.get(0, 2)).toBe(-1);
    expect(A.get(0, 2)).toBe(3);
  });
  it("toJSON() and Matrix.fromJSON() round-trip", () => {
    expect(Matrix.fromJSON(JSON.parse(JSON.stringify(A))).toArray()).toEqual(A.toArray());
  });
  it("new Matrix(r, c) rejects a bad shape or a data array of the wrong length", () => {
    expect(() => new Matrix(-1, 2)).toThrow("Matrix: shape (-1×2) must be two non-negative integers");
    expect(() => new Matrix(2, 1.5)).toThrow("Matrix: shape (2×1.5) must be two non-negative integers");
    expect(() => new Matrix(2, 2, new Float64Array(3))).toThrow("Matrix: (2×2) needs 4 values, got 3");
  });
  it("Matrix.from() rejects ragged rows", () => {
    expect(() => Matrix.from([[1, 2], [3]])).toThrow("Matrix.from: row 1 has 1 values, row 0 has 2");
  });
  it("Matrix.fromJSON() says what is wrong with the shape or the data", () => {
    expect(() => Matrix.fromJSON({ shape: [2], data: [1, 2] }, "W[0]")).toThrow(
      "W[0]: shape must be [rows, cols] of non-negative integers, got [2]",
    );
    expect(() => Matrix.fromJSON({ shape: [2, 2], data: [1, 2, 3] })).toThrow(
      "matrix: shape (2×2) needs 4 numbers, got 3 entries",
    );
    expect(() => Matrix.fromJSON({ shape: [1, 1], data: ["x"] })).toThrow(
      'matrix: entry 0 (row 0, column 0) is "x" (a string); entries must be finite numbers',
    );
  });
});

describe("element-wise ops", () => {
  it("add, sub, hadamard, scale and map work entry by entry", () => {
    expect(add(A, B).toArray()).toEqual([
      [11, 22, 33],
      [44, 55, 66],
    ]);
    expect(sub(B, A).toArray()).toEqual([
      [9, 18, 27],
      [36, 45, 54],
    ]);
    expect(hadamard(A, B).toArray()).toEqual([
      [10, 40, 90],
      [160, 250, 360],
    ]);
    expect(scale(A, -2).toArray()).toEqual([
      [-2, -4, -6],
      [-8, -10, -12],
    ]);
    expect(map(A, (x) => x * x).toArray()).toEqual([
      [1, 4, 9],
      [16, 25, 36],
    ]);
  });
  it("addInto(A, A, B) may write over an operand", () => {
    const C = A.clone();
    addInto(C, C, B);
    expect(C.toArray()).toEqual(add(A, B).toArray());
    subInto(C, C, B);
    hadamardInto(C, C, C);
    scaleInto(C, C, 0.5);
    expect(C.toArray()).toEqual([
      [0.5, 2, 4.5],
      [8, 12.5, 18],
    ]);
  });
  it("addRowVector(A, b) adds b to every row", () => {
    expect(addRowVector(A, Matrix.from([[1, 0, -1]])).toArray()).toEqual([
      [2, 2, 2],
      [5, 5, 5],
    ]);
  });
  it("colSums(A) sums the rows into a (1×n) row", () => {
    expect(colSums(A).toArray()).toEqual([[5, 7, 9]]);
    const out = new Matrix(1, 3);
    out.data.fill(99);
    expect(colSumsInto(out, A).toArray()).toEqual([[5, 7, 9]]);
  });
  it("transpose(A) swaps rows and columns", () => {
    expect(transpose(A).toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
  });
  it("argmaxRows(A) gives each row's largest column, the first one on ties", () => {
    const M = Matrix.from([
      [0.1, 0.7, 0.2],
      [5, 5, 1],
      [-3, -2, -1],
    ]);
    expect(Array.from(argmaxRows(M))).toEqual([1, 0, 2]);
  });
});

describe("element-wise ops name the op and both shapes", () => {
  const C = new Matrix(3, 2);
  it("add, sub and hadamard of different shapes", () => {
    expect(() => add(A, C)).toThrow("add: (2×3)+(3×2): shapes differ");
    expect(() => sub(A, C)).toThrow("sub: (2×3)−(3×2): shapes differ");
    expect(() => hadamard(A, C)).toThrow("hadamard: (2×3)⊙(3×2): shapes differ");
    expect(() => addInto(A, A, C)).toThrow("addInto: (2×3)+(3×2): shapes differ");
  });
  it("addRowVector(A, b) with b not (1×n)", () => {
    expect(() => addRowVector(A, new Matrix(1, 2))).toThrow("addRowVector: (2×3)+(1×2): b must be (1×3)");
    expect(() => addRowVectorInto(A, A, new Matrix(2, 3))).toThrow(
      "addRowVectorInto: (2×3)+(2×3): b must be (1×3)",
    );
  });
  it("*Into with an out of the wrong shape", () => {
    expect(() => scaleInto(C, A, 2)).toThrow("scaleInto: out is (3×2), the result is (2×3)");
    expect(() => colSumsInto(new Matrix(1, 2), A)).toThrow("colSumsInto: out is (1×2), the result is (1×3)");
  });
});
