import { describe, expect, it } from "vitest";
import { makeCircles } from "../../src/data/make-circles.ts";
import { bits, classCounts, mean, rowsOf } from "./helpers.ts";

describe("makeCircles", () => {
  it("makeCircles({ n: 99 }) gives 99×2 points, 49 outer (class 0) and 50 inner (class 1)", () => {
    const { X, y } = makeCircles({ n: 99 });
    expect(X.shape).toEqual([99, 2]);
    expect(classCounts(y, 2)).toEqual([49, 50]);
  });

  it("without noise, class 0 has radius 1 and class 1 radius factor", () => {
    const ds = makeCircles({ n: 200, factor: 0.3 });
    for (const [a, b] of rowsOf(ds, 0)) expect(Math.hypot(a!, b!)).toBeCloseTo(1, 12);
    for (const [a, b] of rowsOf(ds, 1)) expect(Math.hypot(a!, b!)).toBeCloseTo(0.3, 12);
  });

  it("the points of each circle are evenly spaced in angle", () => {
    const ds = makeCircles({ n: 16, shuffle: false });
    const angles = rowsOf(ds, 0).map(([a, b]) => Math.atan2(b!, a!));
    angles.forEach((t, i) => expect(Math.cos(t)).toBeCloseTo(Math.cos((2 * Math.PI * i) / 8), 12));
  });

  it("with noise, the mean radius of each class stays near 1 and factor (default 0.8)", () => {
    const ds = makeCircles({ n: 4000, noise: 0.05, seed: 9 });
    expect(Math.abs(mean(rowsOf(ds, 0).map(([a, b]) => Math.hypot(a!, b!))) - 1)).toBeLessThan(0.01);
    expect(Math.abs(mean(rowsOf(ds, 1).map(([a, b]) => Math.hypot(a!, b!))) - 0.8)).toBeLessThan(0.01);
  });

  it("the same seed gives the same numbers bit for bit; another seed other numbers", () => {
    const a = makeCircles({ n: 100, noise: 0.1, seed: 5 });
    expect(bits(makeCircles({ n: 100, noise: 0.1, seed: 5 }))).toEqual(bits(a));
    expect(bits(makeCircles({ n: 100, noise: 0.1, seed: 6 }))).not.toEqual(bits(a));
  });

  it("rejects a factor outside [0, 1) and other bad arguments", () => {
    expect(() => makeCircles({ factor: 1 })).toThrow("makeCircles: factor must be a number in [0, 1), got 1");
    expect(() => makeCircles({ factor: -0.2 })).toThrow(
      "makeCircles: factor must be a number in [0, 1), got -0.2",
    );
    expect(() => makeCircles({ n: 0 })).toThrow("makeCircles: n must be an integer ≥ 2, got 0");
    expect(() => makeCircles({ noise: Infinity })).toThrow(
      "makeCircles: noise must be a number ≥ 0, got Infinity",
    );
  });
});
