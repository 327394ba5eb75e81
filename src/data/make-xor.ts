import { Matrix } from "../mlp/matrix.ts";
import type { Dataset } from "./dataset.ts";
import { checkInt, checkNumber, checkOptions } from "./check.ts";
import { rngFrom, type Seed } from "./rng-from.ts";

/** makeXor's options: copies of the four corners of the XOR square, with noise. */
export interface XorOptions {
  /** Copies of each corner; with noise, a small cloud around each. */
  pointsPerCorner?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate of each copy. */
  noise?: number;
  seed?: Seed;
}

const corners = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
] as const;

/**
 * The XOR problem: the corners of the unit square, class x₁ XOR x₂. With no options, the four points
 * (0,0)→0, (0,1)→1, (1,0)→1, (1,1)→0 in that order; with pointsPerCorner and noise, clouds around them.
 */
export function makeXor(options: XorOptions = {}): Dataset {
  const where = "makeXor";
  checkOptions(where, options, ["pointsPerCorner", "noise", "seed"]);
  const { pointsPerCorner = 1, noise = 0, seed = 0 } = options;
  checkInt(where, "pointsPerCorner", pointsPerCorner, 1);
  checkNumber(where, "noise", noise, 0);
  const rng = rngFrom(where, seed);
  const X = new Matrix(4 * pointsPerCorner, 2); // (4·p, 2)
  const y = new Int32Array(4 * pointsPerCorner);
  let row = 0;
  for (let p = 0; p < pointsPerCorner; p++) {
    for (const [a, b] of corners) {
      X.set(row, 0, noise > 0 ? a + rng.normal(0, noise) : a);
      X.set(row, 1, noise > 0 ? b + rng.normal(0, noise) : b);
      y[row++] = a ^ b;
    }
  }
  return { X, y };
}
