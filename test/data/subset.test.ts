import { describe, expect, it } from "vitest";
import { subset, subsetIndices } from "../../src/data/subset.ts";
import { Matrix } from "../../src/mlp/matrix.ts";
import { classCounts } from "./helpers.ts";

// 100 labels: 50 of class 0, 30 of class 1, 20 of class 2, interleaved.
const y = Int32Array.from({ length: 100 }, (_, i) => (i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : 2));

describe("subsetIndices / subset", () => {
  it("subsetIndices(y, n) without a seed is the first n rows", () => {
    expect(Array.from(subsetIndices(y, 4))).toEqual([0, 1, 2, 3]);
  });

  it("subsetIndices(y, n, seed) keeps each class's share of n, in increasing row order", () => {
    const rows = subsetIndices(y, 10, 1);
    expect(
      classCounts(
        Array.from(rows, (r) => y[r]!),
        3,
      ),
    ).toEqual([5, 3, 2]);
    expect(Array.from(rows)).toEqual([...rows].sort((a, b) => a - b));
    expect(new Set(rows).size).toBe(10);
  });

  it("rounds shares by largest remainder: n = 7 of 50/30/20 gives 4, 2, 1", () => {
    // Shares 3.5, 2.1, 1.4: floors 3, 2, 1 and the one left goes to the largest remainder, class 0.
    expect(
      classCounts(
        Array.from(subsetIndices(y, 7, 0), (r) => y[r]!),
        3,
      ),
    ).toEqual([4, 2, 1]);
  });

  it("is deterministic per seed and differs between seeds", () => {
    expect(Array.from(subsetIndices(y, 20, 3))).toEqual(Array.from(subsetIndices(y, 20, 3)));
    expect(Array.from(subsetIndices(y, 20, 3))).not.toEqual(Array.from(subsetIndices(y, 20, 4)));
  });

  it("n = m keeps every row", () => {
    expect(Array.from(subsetIndices(y, 100, 5))).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it("subset(ds, n, seed) takes the rows of X and y together", () => {
    const X = new Matrix(
      100,
      2,
      Float64Array.from({ length: 200 }, (_, k) => k),
    );
    const part = subset({ X, y }, 10, 2);
    const rows = subsetIndices(y, 10, 2);
    rows.forEach((r, i) => {
      expect(part.X.get(i, 0)).toBe(2 * r);
      expect(part.X.get(i, 1)).toBe(2 * r + 1);
      expect(part.y[i]).toBe(y[r]);
    });
  });

  it("rejects n larger than the data set, or not an integer", () => {
    expect(() => subsetIndices(y, 101)).toThrow(
      "subset: n must be an integer in 0 … 100 (the number of examples), got 101",
    );
    expect(() => subsetIndices(y, 2.5, 1)).toThrow(
      "subset: n must be an integer in 0 … 100 (the number of examples), got 2.5",
    );
  });
});
