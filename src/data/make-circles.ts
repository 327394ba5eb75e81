import { cos, sin } from "../mlp/elementary.ts";
import { Matrix } from "../mlp/matrix.ts";
import type { Dataset } from "./dataset.ts";
import { checkInt, checkNumber, checkOptions } from "./check.ts";
import { rngFrom, type Seed } from "./rng-from.ts";
import { shuffleRows } from "./shuffle-rows.ts";

/** makeCircles' options: n points on two concentric circles (classes 0 and 1), with noise. */
export interface CirclesOptions {
  /** Number of points; ⌊n/2⌋ on the outer circle (class 0), the rest on the inner one (class 1). */
  n?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate. */
  noise?: number;
  /** Radius of the inner circle relative to the outer one (radius 1), in [0, 1). */
  factor?: number;
  shuffle?: boolean;
  seed?: Seed;
}

/**
 * A circle inside a circle, like scikit-learn's make_circles: class 0 at (cos t, sin t), class 1 at
 * factor·(cos t, sin t), t evenly spaced in [0, 2π) on each; shuffled, then noise added.
 */
export function makeCircles(options: CirclesOptions = {}): Dataset {
  const where = "makeCircles";
  checkOptions(where, options, ["n", "noise", "factor", "shuffle", "seed"]);
  const { n = 100, noise = 0, factor = 0.8, shuffle = true, seed = 0 } = options;
  checkInt(where, "n", n, 2);
  checkNumber(where, "noise", noise, 0);
  checkNumber(where, "factor", factor, 0, 1, true);
  const rng = rngFrom(where, seed);
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  const X = new Matrix(n, 2); // (n, 2)
  const y = new Int32Array(n);
  for (let i = 0; i < nOut; i++) {
    const t = (2 * Math.PI * i) / nOut;
    X.set(i, 0, cos(t));
    X.set(i, 1, sin(t));
  }
  for (let i = 0; i < nIn; i++) {
    const t = (2 * Math.PI * i) / nIn;
    X.set(nOut + i, 0, factor * cos(t));
    X.set(nOut + i, 1, factor * sin(t));
    y[nOut + i] = 1;
  }
  const ds = shuffle ? shuffleRows({ X, y }, rng) : { X, y };
  if (noise > 0) for (let i = 0; i < ds.X.data.length; i++) ds.X.data[i]! += rng.normal(0, noise);
  return ds;
}
