import { describe, expect, it } from "vitest";
import { makeSpirals } from "../../src/data/make-spirals.ts";
import { bits, mean } from "./helpers.ts";

// Wraps an angle difference into (−π, π].
const wrap = (a: number): number => a - 2 * Math.PI * Math.round(a / (2 * Math.PI));

describe("makeSpirals", () => {
  it("makeSpirals() is CS231n's set: 300×2, arms of 100 points labelled 0, 1, 2 in order", () => {
    const { X, y } = makeSpirals();
    expect(X.shape).toEqual([300, 2]);
    for (let i = 0; i < 300; i++) expect(y[i]).toBe(Math.floor(i / 100));
  });

  it("point i of every arm has radius i/(N−1), whatever the noise", () => {
    const N = 50;
    const { X } = makeSpirals({ pointsPerClass: N, classes: 4, seed: 2 });
    for (let row = 0; row < 4 * N; row++) {
      expect(Math.hypot(X.get(row, 0), X.get(row, 1))).toBeCloseTo((row % N) / (N - 1), 12);
    }
  });

  it("arm j turns from angle 4j to 4(j+1), off by Gaussian noise of std 0.2 (X = [r sin t, r cos t])", () => {
    const N = 1000;
    const { X } = makeSpirals({ pointsPerClass: N, seed: 7 });
    const offsets: number[] = [];
    for (let j = 0; j < 3; j++) {
      for (let i = 1; i < N; i++) {
        const row = j * N + i;
        const t = j * 4 + (4 * i) / (N - 1);
        offsets.push(wrap(Math.atan2(X.get(row, 0), X.get(row, 1)) - t));
      }
    }
    expect(Math.abs(mean(offsets))).toBeLessThan(0.02);
    expect(Math.abs(Math.sqrt(mean(offsets.map((d) => d * d))) - 0.2)).toBeLessThan(0.01);
    expect(Math.max(...offsets.map(Math.abs))).toBeLessThan(1.2);
  });

  it("noise: 0 puts every point exactly on its arm", () => {
    const { X } = makeSpirals({ pointsPerClass: 10, noise: 0 });
    const t = 4 + (4 * 3) / 9; // arm 1, point 3
    expect(X.get(13, 0)).toBeCloseTo((3 / 9) * Math.sin(t), 14);
    expect(X.get(13, 1)).toBeCloseTo((3 / 9) * Math.cos(t), 14);
  });

  it("the same seed gives the same numbers bit for bit; another seed other numbers", () => {
    expect(bits(makeSpirals({ seed: 11 }))).toEqual(bits(makeSpirals({ seed: 11 })));
    expect(bits(makeSpirals({ seed: 11 }))).not.toEqual(bits(makeSpirals({ seed: 12 })));
  });

  it("rejects bad arguments", () => {
    expect(() => makeSpirals({ classes: 1 })).toThrow("makeSpirals: classes must be an integer ≥ 2, got 1");
    expect(() => makeSpirals({ pointsPerClass: 0 })).toThrow(
      "makeSpirals: pointsPerClass must be an integer ≥ 1, got 0",
    );
    expect(() => makeSpirals({ noise: -1 })).toThrow("makeSpirals: noise must be a number ≥ 0, got -1");
  });
});
