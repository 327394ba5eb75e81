import { describe, expect, it } from "vitest";
import { makeXor } from "../../src/data/make-xor.ts";
import { bits, classCounts, mean, rowsOf } from "./helpers.ts";

describe("makeXor", () => {
  it("makeXor() is the four corners with y = x₁ XOR x₂", () => {
    const { X, y } = makeXor();
    expect(X.toArray()).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    expect(Array.from(y)).toEqual([0, 1, 1, 0]);
  });

  it("with pointsPerCorner and noise, clouds around the corners keep the XOR labels", () => {
    const ds = makeXor({ pointsPerCorner: 500, noise: 0.1, seed: 1 });
    expect(ds.X.shape).toEqual([2000, 2]);
    expect(classCounts(ds.y, 2)).toEqual([1000, 1000]);
    // Class 1 sits around (0, 1) and (1, 0): its mean is (0.5, 0.5), and x₁ + x₂ ≈ 1 on average.
    const ones = rowsOf(ds, 1);
    expect(Math.abs(mean(ones.map((r) => r[0]! + r[1]!)) - 1)).toBeLessThan(0.02);
    const zeros = rowsOf(ds, 0);
    expect(Math.abs(mean(zeros.map((r) => Math.abs(r[0]! - r[1]!))))).toBeLessThan(0.15);
  });

  it("the same seed gives the same numbers bit for bit", () => {
    const a = makeXor({ pointsPerCorner: 20, noise: 0.3, seed: 2 });
    expect(bits(makeXor({ pointsPerCorner: 20, noise: 0.3, seed: 2 }))).toEqual(bits(a));
    expect(bits(makeXor({ pointsPerCorner: 20, noise: 0.3, seed: 3 }))).not.toEqual(bits(a));
  });

  it("rejects bad arguments", () => {
    expect(() => makeXor({ pointsPerCorner: 0 })).toThrow(
      "makeXor: pointsPerCorner must be an integer ≥ 1, got 0",
    );
    expect(() => makeXor({ noise: -1 })).toThrow("makeXor: noise must be a number ≥ 0, got -1");
  });
});
