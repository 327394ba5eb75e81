import { describe, expect, it } from "vitest";
import { makeMoons } from "../../src/data/make-moons.ts";
import { Rng } from "../../src/mlp/random.ts";
import { bits, classCounts, mean, rowsOf, std } from "./helpers.ts";

describe("makeMoons", () => {
  it("makeMoons({ n: 101 }) gives 101×2 points, 50 of class 0 and 51 of class 1", () => {
    const { X, y } = makeMoons({ n: 101 });
    expect(X.shape).toEqual([101, 2]);
    expect(y.length).toBe(101);
    expect(classCounts(y, 2)).toEqual([50, 51]);
  });

  it("without noise, class 0 lies on the upper unit half circle and class 1 on the lower one centred at (1, 0.5)", () => {
    const ds = makeMoons({ n: 200 });
    for (const [a, b] of rowsOf(ds, 0)) {
      expect(Math.hypot(a!, b!)).toBeCloseTo(1, 12);
      expect(b).toBeGreaterThanOrEqual(-1e-12);
    }
    for (const [a, b] of rowsOf(ds, 1)) {
      expect(Math.hypot(a! - 1, b! - 0.5)).toBeCloseTo(1, 12);
      expect(b).toBeLessThanOrEqual(0.5 + 1e-12);
    }
    const xs = rowsOf(ds, 0).map((r) => r[0]!);
    expect(Math.min(...xs)).toBeCloseTo(-1, 12);
    expect(Math.max(...xs)).toBeCloseTo(1, 12);
  });

  it("with noise 0.1, each moon's radius spreads by about 0.1 around 1", () => {
    const ds = makeMoons({ n: 4000, noise: 0.1, seed: 3 });
    const r0 = rowsOf(ds, 0).map(([a, b]) => Math.hypot(a!, b!));
    const r1 = rowsOf(ds, 1).map(([a, b]) => Math.hypot(a! - 1, b! - 0.5));
    for (const r of [r0, r1]) {
      expect(Math.abs(mean(r) - 1)).toBeLessThan(0.02);
      expect(Math.abs(std(r) - 0.1)).toBeLessThan(0.015);
    }
  });

  it("shuffles the rows unless shuffle: false", () => {
    expect(Array.from(makeMoons({ n: 10, shuffle: false }).y)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(Array.from(makeMoons({ n: 10, seed: 1 }).y)).not.toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  });

  it("the same seed gives the same numbers bit for bit; another seed other numbers", () => {
    const a = makeMoons({ n: 300, noise: 0.2, seed: 42 });
    expect(bits(makeMoons({ n: 300, noise: 0.2, seed: 42 }))).toEqual(bits(a));
    expect(bits(makeMoons({ n: 300, noise: 0.2, seed: new Rng(42) }))).toEqual(bits(a));
    expect(bits(makeMoons({ n: 300, noise: 0.2, seed: 43 }))).not.toEqual(bits(a));
  });

  it("rejects bad arguments with a message naming the option", () => {
    expect(() => makeMoons({ n: 1.5 })).toThrow("makeMoons: n must be an integer ≥ 2, got 1.5");
    expect(() => makeMoons({ n: 1 })).toThrow("makeMoons: n must be an integer ≥ 2, got 1");
    expect(() => makeMoons({ noise: -0.1 })).toThrow("makeMoons: noise must be a number ≥ 0, got -0.1");
    expect(() => makeMoons({ noise: NaN })).toThrow("makeMoons: noise must be a number ≥ 0, got NaN");
    expect(() => makeMoons({ seed: 0.5 })).toThrow(
      "makeMoons: seed must be an integer in 0 … 4294967295 or an Rng, got 0.5",
    );
    expect(() => makeMoons({ nSamples: 100 } as object)).toThrow(
      'makeMoons: unknown option "nSamples" (the options are n, noise, shuffle, seed)',
    );
  });
});
