import { describe, expect, it } from "vitest";
import { makeBlobs } from "../../src/data/make-blobs.ts";
import { bits, classCounts, mean, rowsOf, std } from "./helpers.ts";

describe("makeBlobs", () => {
  it("makeBlobs({ n: 100 }) gives 3 blobs in 2-D: 34, 33 and 33 points", () => {
    const { X, y } = makeBlobs({ n: 100 });
    expect(X.shape).toEqual([100, 2]);
    expect(classCounts(y, 3)).toEqual([34, 33, 33]);
  });

  it("given centres and stds, each class has its centre as mean and its std as spread", () => {
    const centers = [
      [0, 0],
      [5, -3],
    ];
    const ds = makeBlobs({ n: 6000, centers, std: [0.5, 2], seed: 4 });
    centers.forEach((c, k) => {
      const rows = rowsOf(ds, k);
      for (let j = 0; j < 2; j++) {
        const values = rows.map((r) => r[j]!);
        expect(Math.abs(mean(values) - c[j]!)).toBeLessThan(0.1 * (k + 1));
        expect(Math.abs(std(values) - [0.5, 2][k]!)).toBeLessThan(0.06 * (k + 1));
      }
    });
  });

  it("random centres lie in centerBox, in nFeatures dimensions", () => {
    const ds = makeBlobs({ n: 500, centers: 4, nFeatures: 3, std: 0.01, centerBox: [2, 3], seed: 8 });
    expect(ds.X.shape).toEqual([500, 3]);
    for (const v of ds.X.data) {
      expect(v).toBeGreaterThan(1.9);
      expect(v).toBeLessThan(3.1);
    }
  });

  it("the same seed gives the same numbers bit for bit; another seed other numbers", () => {
    expect(bits(makeBlobs({ seed: 1 }))).toEqual(bits(makeBlobs({ seed: 1 })));
    expect(bits(makeBlobs({ seed: 1 }))).not.toEqual(bits(makeBlobs({ seed: 2 })));
  });

  it("rejects bad arguments", () => {
    expect(() => makeBlobs({ centers: 0 })).toThrow("makeBlobs: centers must be an integer ≥ 1, got 0");
    expect(() => makeBlobs({ centers: [[0, 0], [1]] })).toThrow(
      "makeBlobs: centers[1] has 1 coordinates, centers[0] has 2",
    );
    expect(() => makeBlobs({ centers: [] })).toThrow("makeBlobs: centers must hold at least one centre");
    expect(() => makeBlobs({ std: [1, 2] })).toThrow("makeBlobs: std has 2 values for 3 centers");
    expect(() => makeBlobs({ std: -1 })).toThrow("makeBlobs: std[0] must be a number ≥ 0, got -1");
    expect(() => makeBlobs({ centerBox: [1, 0] })).toThrow(
      "makeBlobs: centerBox[1] must be a number ≥ 1, got 0",
    );
  });
});
