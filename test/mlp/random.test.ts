import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Rng, glorotUniform, heUniform, normalInit, uniformInit } from "../../src/mlp/index.ts";

// Known answers from the numpy baseline's own mulberry32 (made by fixtures/make_mulberry32.py).
const known = JSON.parse(
  readFileSync(new URL("fixtures/mulberry32.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

describe("Rng", () => {
  for (const seed of [0, 1, 42, 4294967295]) {
    it(`new Rng(${seed}).uniform() gives common.py's mulberry32(${seed}) stream`, () => {
      const rng = new Rng(seed);
      expect(Array.from({ length: 8 }, () => rng.uniform())).toEqual(known[`uniform_seed_${seed}`]);
    });
  }

  it("rng.permutation(n) per epoch from Rng(seed + 1) gives common.py's make_perms", () => {
    const rng = new Rng(43);
    const perms = Array.from({ length: 3 }, () => Array.from(rng.permutation(10)));
    expect(perms).toEqual(known.make_perms_10_3_seed_42);
  });

  it("rng.shuffle(array) shuffles in place, keeping every element", () => {
    const a = ["a", "b", "c", "d", "e", "f"];
    const same = new Rng(5).shuffle(a);
    expect(same).toBe(a);
    expect([...a].sort()).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(a).not.toEqual(["a", "b", "c", "d", "e", "f"]);
  });

  it("rng.normal(mean, std) has that mean and standard deviation", () => {
    const rng = new Rng(9);
    const xs = Array.from({ length: 40000 }, () => rng.normal(3, 2));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean - 3)).toBeLessThan(0.03);
    expect(Math.abs(sd - 2)).toBeLessThan(0.03);
    expect(xs.filter((x) => Math.abs(x - 3) < 2).length / xs.length).toBeCloseTo(0.6827, 2);
  });

  it("rng.normal() is Box–Muller on two uniforms, using both outputs", () => {
    const u = new Rng(11);
    const [u1, u2] = [u.uniform(), u.uniform()];
    const r = Math.sqrt(-2 * Math.log(1 - u1));
    const rng = new Rng(11);
    expect(rng.normal()).toBe(r * Math.cos(2 * Math.PI * u2));
    expect(rng.normal()).toBe(r * Math.sin(2 * Math.PI * u2));
  });

  it("rng.int(n) covers 0 … n−1 evenly", () => {
    const rng = new Rng(3);
    const counts = [0, 0, 0, 0, 0];
    for (let t = 0; t < 10000; t++) counts[rng.int(5)]!++;
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(150);
  });

  it("rng.choice(array) picks elements of the array", () => {
    const rng = new Rng(4);
    const picks = new Set(Array.from({ length: 200 }, () => rng.choice(["x", "y", "z"])));
    expect([...picks].sort()).toEqual(["x", "y", "z"]);
  });

  it("the same seed gives the same numbers, bit for bit", () => {
    const draw = (rng: Rng) => [
      rng.uniform(),
      rng.normal(),
      rng.int(1000),
      ...rng.permutation(20),
      rng.normal(1, 5),
    ];
    expect(draw(new Rng(77))).toEqual(draw(new Rng(77)));
    expect(draw(new Rng(77))).not.toEqual(draw(new Rng(78)));
  });

  it("bad arguments say what was expected", () => {
    const rng = new Rng(1);
    expect(() => new Rng(NaN)).toThrow("Rng: seed must be an integer 0 … 4294967295 (2³²−1), got NaN");
    expect(() => rng.int(0)).toThrow("Rng.int: n must be a positive integer, got 0");
    expect(() => rng.int(2.5)).toThrow("Rng.int: n must be a positive integer, got 2.5");
    expect(() => rng.permutation(-1)).toThrow("Rng.permutation: n must be an integer ≥ 0, got -1");
    expect(() => rng.choice([])).toThrow("Rng.choice: the array is empty; there is nothing to choose");
  });
});

describe("initialisation", () => {
  /** The baseline's checksum(): Σ_q a_q·((q mod 7) + 1). */
  const checksum = (data: Float64Array) => data.reduce((s, a, q) => s + a * ((q % 7) + 1), 0);
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.abs(b);

  for (const act of ["sigmoid", "relu"] as const) {
    it(`W1 then W2 from Rng(42) match common.py's init_params("${act}")`, () => {
      const { checksum: sums, W1_first, W2_last } = known[`init_${act}_seed_42`] as Record<string, number[]>;
      const rng = new Rng(42);
      const W1 = act === "relu" ? heUniform(rng, 784, 128) : glorotUniform(rng, 784, 128);
      const W2 = glorotUniform(rng, 128, 10);
      expect(Array.from(W1.data.subarray(0, 5))).toEqual(W1_first);
      expect(Array.from(W2.data.subarray(W2.data.length - 5))).toEqual(W2_last);
      expect(close(checksum(W1.data), sums![0]!), `${checksum(W1.data)} vs ${sums![0]}`).toBe(true);
      expect(close(checksum(W2.data), sums![1]!)).toBe(true);
    });
  }

  it("glorotUniform(rng, nIn, nOut) stays within ±√(6/(nIn+nOut)) and fills it", () => {
    const W = glorotUniform(new Rng(1), 50, 30);
    const limit = Math.sqrt(6 / 80);
    expect(W.shape).toEqual([50, 30]);
    expect(Math.max(...W.data.map(Math.abs))).toBeLessThan(limit);
    expect(Math.max(...W.data.map(Math.abs))).toBeGreaterThan(0.95 * limit);
  });

  it("heUniform(rng, nIn, nOut) stays within ±√(6/nIn)", () => {
    const W = heUniform(new Rng(2), 20, 100);
    expect(Math.max(...W.data.map(Math.abs))).toBeLessThan(Math.sqrt(6 / 20));
    expect(Math.max(...W.data.map(Math.abs))).toBeGreaterThan(0.95 * Math.sqrt(6 / 20));
  });

  it("normalInit(rng, nIn, nOut, std) draws rng.normal(0, std) row by row", () => {
    const W = normalInit(new Rng(3), 4, 5, 0.1);
    const rng = new Rng(3);
    expect(Array.from(W.data)).toEqual(Array.from({ length: 20 }, () => rng.normal(0, 0.1)));
  });

  it("bad sizes and std are refused with the reason", () => {
    expect(() => glorotUniform(new Rng(1), 0, 3)).toThrow(
      "glorotUniform: nIn and nOut must be positive integers, got 0 and 3",
    );
    expect(() => heUniform(new Rng(1), 3, 1.5)).toThrow(
      "heUniform: nIn and nOut must be positive integers, got 3 and 1.5",
    );
    expect(() => normalInit(new Rng(1), 2, 2, -1)).toThrow("normalInit: std must be a number ≥ 0, got -1");
    expect(() => uniformInit(new Rng(1), 2, -2, 1)).toThrow(
      "uniformInit: nIn and nOut must be positive integers",
    );
  });
});
