import { Matrix } from "../mlp/matrix.ts";
import type { Rng } from "../mlp/random.ts";
import type { Dataset } from "./dataset.ts";
import { checkInt, checkNumber, checkOptions } from "./check.ts";
import { hypercubeVertices } from "./hypercube.ts";
import { rngFrom, type Seed } from "./rng-from.ts";
import { shuffleRows } from "./shuffle-rows.ts";

/** makeClassification's options, as scikit-learn's make_classification: clusters on hypercube vertices. */
export interface ClassificationOptions {
  nSamples?: number;
  nFeatures?: number;
  /** Features that carry the classes: the clusters sit on vertices of a hypercube in this many dimensions. */
  nInformative?: number;
  /** Random linear combinations of the informative features (default: 2, or as many as fit). */
  nRedundant?: number;
  nClasses?: number;
  nClustersPerClass?: number;
  /** Half the side of the hypercube: larger spreads the clusters apart and makes the task easier. */
  classSep?: number;
  /** Fraction of labels replaced by a random class (label noise). */
  flipY?: number;
  /** Shuffle the rows and the order of the features. */
  shuffle?: boolean;
  seed?: Seed;
}

const OPTIONS = [
  "nSamples",
  "nFeatures",
  "nInformative",
  "nRedundant",
  "nClasses",
  "nClustersPerClass",
  "classSep",
  "flipY",
  "shuffle",
  "seed",
];

/**
 * A random classification problem, after scikit-learn's make_classification (same options and defaults,
 * not the same random numbers). Each class is nClustersPerClass Gaussian clusters, each centred on its own
 * vertex of the hypercube [−classSep, classSep]^nInformative and given a random covariance; then come
 * nRedundant random linear combinations of the informative features, and unit-normal noise features to
 * make nFeatures. Clusters get nSamples / (nClasses·nClustersPerClass) points each, so classes are balanced
 * (before flipY relabels a fraction at random).
 */
export function makeClassification(options: ClassificationOptions = {}): Dataset {
  const where = "makeClassification";
  checkOptions(where, options, OPTIONS);
  const { nSamples: m = 100, nFeatures = 20, nClasses = 2, nClustersPerClass = 2 } = options;
  const { classSep = 1, flipY = 0.01, shuffle = true, seed = 0 } = options;
  checkInt(where, "nSamples", m, 1);
  checkInt(where, "nFeatures", nFeatures, 1);
  const nInf = checkInt(where, "nInformative", options.nInformative ?? Math.min(2, nFeatures), 1, nFeatures);
  const nRed = checkInt(where, "nRedundant", options.nRedundant ?? Math.min(2, nFeatures - nInf), 0);
  checkInt(where, "nClasses", nClasses, 2);
  checkInt(where, "nClustersPerClass", nClustersPerClass, 1);
  checkNumber(where, "classSep", classSep, 0);
  checkNumber(where, "flipY", flipY, 0, 1);
  if (nInf + nRed > nFeatures) {
    throw new Error(
      `${where}: nInformative + nRedundant = ${nInf} + ${nRed} = ${nInf + nRed} features, more than nFeatures = ${nFeatures}`,
    );
  }
  const nClusters = nClasses * nClustersPerClass;
  if (nClusters > 2 ** nInf) {
    throw new Error(
      `${where}: nClasses × nClustersPerClass = ${nClusters} clusters need as many hypercube vertices, ` +
        `but nInformative = ${nInf} gives only 2^${nInf} = ${2 ** nInf}`,
    );
  }
  const rng = rngFrom(where, seed);
  const n = nFeatures;

  // Centroids on distinct vertices of [−classSep, classSep]^nInf.
  const centroids = hypercubeVertices(nClusters, nInf, rng).map((v) =>
    v.map((bit) => (2 * bit - 1) * classSep),
  );

  // Informative features: unit normal, then per cluster a random linear map A (covariance) and a shift.
  const X = new Matrix(m, n); // (m, n)
  const y = new Int32Array(m);
  const Z = new Matrix(m, nInf); // (m, nInf)
  for (let i = 0; i < Z.data.length; i++) Z.data[i] = rng.normal();
  let start = 0;
  for (let k = 0; k < nClusters; k++) {
    const size = Math.floor(m / nClusters) + (k < m % nClusters ? 1 : 0);
    const A = randomSigned(nInf, nInf, rng); // (nInf, nInf)
    for (let i = start; i < start + size; i++) {
      y[i] = k % nClasses;
      for (let j = 0; j < nInf; j++) {
        let s = centroids[k]![j]!;
        for (let l = 0; l < nInf; l++) s += Z.get(i, l) * A.get(l, j);
        X.set(i, j, s);
      }
    }
    start += size;
  }

  // Redundant features: X[:, nInf : nInf+nRed] = X[:, :nInf] · B.
  if (nRed > 0) {
    const B = randomSigned(nInf, nRed, rng); // (nInf, nRed)
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < nRed; j++) {
        let s = 0;
        for (let l = 0; l < nInf; l++) s += X.get(i, l) * B.get(l, j);
        X.set(i, nInf + j, s);
      }
    }
  }
  // Useless features: unit-normal noise.
  for (let i = 0; i < m; i++) for (let j = nInf + nRed; j < n; j++) X.set(i, j, rng.normal());

  // Label noise: each label, with probability flipY, is replaced by a class drawn uniformly.
  const flip = Array.from({ length: m }, () => rng.uniform() < flipY);
  flip.forEach((f, i) => {
    if (f) y[i] = rng.int(nClasses);
  });

  if (!shuffle) return { X, y };
  const rows = shuffleRows({ X, y }, rng);
  const order = rng.permutation(n);
  const Xs = new Matrix(m, n); // (m, n)
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) Xs.set(i, j, rows.X.get(i, order[j]!));
  return { X: Xs, y: rows.y };
}

/** A (r×c) matrix of uniform values in [−1, 1). */
function randomSigned(r: number, c: number, rng: Rng): Matrix {
  const M = new Matrix(r, c);
  for (let i = 0; i < M.data.length; i++) M.data[i] = 2 * rng.uniform() - 1;
  return M;
}
