import { cos, sin } from "../mlp/elementary.ts";
import { Matrix } from "../mlp/matrix.ts";
import type { Dataset } from "./dataset.ts";
import { checkInt, checkNumber, checkOptions } from "./check.ts";
import { linspace } from "./linspace.ts";
import { rngFrom, type Seed } from "./rng-from.ts";
import { shuffleRows } from "./shuffle-rows.ts";

/** makeMoons' options: n points on two interleaved half circles (classes 0 and 1), with noise. */
export interface MoonsOptions {
  /** Number of points; ⌊n/2⌋ on the upper moon (class 0), the rest on the lower one (class 1). */
  n?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate. */
  noise?: number;
  shuffle?: boolean;
  seed?: Seed;
}

/**
 * Two interleaving half circles, like scikit-learn's make_moons: class 0 on the unit circle's upper half
 * (cos t, sin t), class 1 on the lower half of the unit circle centred at (1, 0.5): (1 − cos t, 0.5 − sin t),
 * t evenly spaced in [0, π]; shuffled, then noise added.
 */
export function makeMoons(options: MoonsOptions = {}): Dataset {
  const where = "makeMoons";
  checkOptions(where, options, ["n", "noise", "shuffle", "seed"]);
  const { n = 100, noise = 0, shuffle = true, seed = 0 } = options;
  checkInt(where, "n", n, 2);
  checkNumber(where, "noise", noise, 0);
  const rng = rngFrom(where, seed);
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  const X = new Matrix(n, 2); // (n, 2)
  const y = new Int32Array(n);
  linspace(0, Math.PI, nOut).forEach((t, i) => {
    X.set(i, 0, cos(t));
    X.set(i, 1, sin(t));
  });
  linspace(0, Math.PI, nIn).forEach((t, i) => {
    X.set(nOut + i, 0, 1 - cos(t));
    X.set(nOut + i, 1, 0.5 - sin(t));
    y[nOut + i] = 1;
  });
  const ds = shuffle ? shuffleRows({ X, y }, rng) : { X, y };
  if (noise > 0) for (let i = 0; i < ds.X.data.length; i++) ds.X.data[i]! += rng.normal(0, noise);
  return ds;
}
