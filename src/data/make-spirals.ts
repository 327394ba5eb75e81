import { cos, sin } from "../mlp/elementary.ts";
import { Matrix } from "../mlp/matrix.ts";
import type { Dataset } from "./dataset.ts";
import { checkInt, checkNumber, checkOptions } from "./check.ts";
import { linspace } from "./linspace.ts";
import { rngFrom, type Seed } from "./rng-from.ts";

/** makeSpirals' options: K = classes spiral arms of pointsPerClass points each, with noise on the angle. */
export interface SpiralsOptions {
  pointsPerClass?: number;
  classes?: number;
  /** Standard deviation of the Gaussian noise on each point's angle, in radians. */
  noise?: number;
  seed?: Seed;
}

/**
 * CS231n's spiral set: arm j (the class) has radius r = linspace(0, 1, N) and angle
 * t = linspace(4j, 4(j+1), N) + noise·randn, and its points are X = [r sin t, r cos t].
 * Rows come arm by arm, unshuffled, as in the original.
 */
export function makeSpirals(options: SpiralsOptions = {}): Dataset {
  const where = "makeSpirals";
  checkOptions(where, options, ["pointsPerClass", "classes", "noise", "seed"]);
  const { pointsPerClass: N = 100, classes: K = 3, noise = 0.2, seed = 0 } = options;
  checkInt(where, "pointsPerClass", N, 1);
  checkInt(where, "classes", K, 2);
  checkNumber(where, "noise", noise, 0);
  const rng = rngFrom(where, seed);
  const X = new Matrix(N * K, 2); // (N·K, 2)
  const y = new Int32Array(N * K);
  const r = linspace(0, 1, N);
  for (let j = 0; j < K; j++) {
    const t = linspace(j * 4, (j + 1) * 4, N);
    for (let i = 0; i < N; i++) {
      const row = N * j + i;
      const theta = t[i]! + rng.normal(0, noise);
      X.set(row, 0, r[i]! * sin(theta));
      X.set(row, 1, r[i]! * cos(theta));
      y[row] = j;
    }
  }
  return { X, y };
}
