import { Matrix } from "../mlp/matrix.ts";
import type { Dataset } from "./dataset.ts";
import { checkInt, checkNumber, checkOptions } from "./check.ts";
import type { Rng } from "../mlp/random.ts";
import { rngFrom, type Seed } from "./rng-from.ts";
import { shuffleRows } from "./shuffle-rows.ts";

/** makeBlobs' options: n points in Gaussian blobs around the centres, one class per centre. */
export interface BlobsOptions {
  /** Number of points, shared as evenly as possible among the centres (the first ones get one more). */
  n?: number;
  /** How many centres to draw at random in centerBox, or the centres themselves (one row per class). */
  centers?: number | readonly (readonly number[])[];
  /** Dimension of each point when the centres are drawn at random. */
  nFeatures?: number;
  /** Standard deviation of each blob: one for all, or one per centre. */
  std?: number | readonly number[];
  /** [low, high): the box in which random centres are drawn. */
  centerBox?: readonly [number, number];
  shuffle?: boolean;
  seed?: Seed;
}

/** Gaussian blobs, like scikit-learn's make_blobs: class k is normal around centre k with std[k]. */
export function makeBlobs(options: BlobsOptions = {}): Dataset {
  const where = "makeBlobs";
  checkOptions(where, options, ["n", "centers", "nFeatures", "std", "centerBox", "shuffle", "seed"]);
  const {
    n = 100,
    centers = 3,
    nFeatures = 2,
    std = 1,
    centerBox = [-10, 10],
    shuffle = true,
    seed = 0,
  } = options;
  checkInt(where, "n", n, 1);
  const rng = rngFrom(where, seed);
  const C = blobCenters(where, centers, nFeatures, centerBox, rng); // (k, d)
  const k = C.rows;
  const d = C.cols;
  const stds = typeof std === "number" ? Array.from({ length: k }, () => std) : [...std];
  if (stds.length !== k) throw new Error(`${where}: std has ${stds.length} values for ${k} centers`);
  stds.forEach((s, c) => checkNumber(where, `std[${c}]`, s, 0));
  const X = new Matrix(n, d); // (n, d)
  const y = new Int32Array(n);
  let row = 0;
  for (let c = 0; c < k; c++) {
    const count = Math.floor(n / k) + (c < n % k ? 1 : 0);
    for (let i = 0; i < count; i++, row++) {
      for (let j = 0; j < d; j++) X.set(row, j, rng.normal(C.get(c, j), stds[c]!));
      y[row] = c;
    }
  }
  return shuffle ? shuffleRows({ X, y }, rng) : { X, y };
}

function blobCenters(
  where: string,
  centers: number | readonly (readonly number[])[],
  nFeatures: number,
  box: readonly [number, number],
  rng: Rng,
): Matrix {
  if (typeof centers === "number") {
    checkInt(where, "centers", centers, 1);
    checkInt(where, "nFeatures", nFeatures, 1);
    const [low, high] = box;
    checkNumber(where, "centerBox[0]", low);
    checkNumber(where, "centerBox[1]", high, low);
    const C = new Matrix(centers, nFeatures); // (k, d)
    for (let i = 0; i < C.data.length; i++) C.data[i] = low + (high - low) * rng.uniform();
    return C;
  }
  if (centers.length === 0) throw new Error(`${where}: centers must hold at least one centre`);
  const d = centers[0]!.length;
  centers.forEach((c, i) => {
    if (c.length !== d)
      throw new Error(`${where}: centers[${i}] has ${c.length} coordinates, centers[0] has ${d}`);
    c.forEach((v, j) => checkNumber(where, `centers[${i}][${j}]`, v));
  });
  if (d < 1) throw new Error(`${where}: each centre needs at least one coordinate`);
  return Matrix.from(centers);
}
