import { describe, expect, it } from "vitest";
import { makeClassification } from "../../src/data/make-classification.ts";
import { bits, classCounts, mean, rowsOf } from "./helpers.ts";

describe("makeClassification", () => {
  it("makeClassification({ nSamples: 10, nFeatures: 4, nClasses: 2 }) gives a 10×4 X with 5 of each class", () => {
    const { X, y } = makeClassification({ nSamples: 10, nFeatures: 4, nClasses: 2, flipY: 0, seed: 0 });
    expect(X.shape).toEqual([10, 4]);
    expect(classCounts(y, 2)).toEqual([5, 5]);
    expect(X.data.every(Number.isFinite)).toBe(true);
  });

  it("balances 3 classes × 2 clusters over 600 samples: 200 each", () => {
    const { y } = makeClassification({
      nSamples: 600,
      nFeatures: 5,
      nInformative: 3,
      nClasses: 3,
      flipY: 0,
      seed: 1,
    });
    expect(classCounts(y, 3)).toEqual([200, 200, 200]);
  });

  it("puts the clusters on distinct vertices of [−classSep, classSep]^nInformative", () => {
    const ds = makeClassification({
      nSamples: 4000,
      nFeatures: 2,
      nInformative: 2,
      nRedundant: 0,
      nClasses: 4,
      nClustersPerClass: 1,
      classSep: 5,
      flipY: 0,
      shuffle: false,
      seed: 3,
    });
    const vertices = [0, 1, 2, 3].map((k) => {
      const rows = rowsOf(ds, k);
      return [0, 1].map((j) => mean(rows.map((r) => r[j]!)));
    });
    for (const v of vertices) for (const c of v) expect(Math.abs(Math.abs(c) - 5)).toBeLessThan(0.2);
    const signs = new Set(vertices.map((v) => v.map(Math.sign).join(",")));
    expect(signs.size).toBe(4);
  });

  it("redundant features are linear combinations of the informative ones (unshuffled: columns 2, 3 of 0, 1)", () => {
    const { X } = makeClassification({
      nSamples: 50,
      nFeatures: 5,
      nInformative: 2,
      nRedundant: 2,
      shuffle: false,
      seed: 4,
    });
    // Solve [x0 x1] B = [x2 x3] from rows 0 and 1, then check every row.
    const [a, b, c, d] = [X.get(0, 0), X.get(0, 1), X.get(1, 0), X.get(1, 1)];
    const det = a * d - b * c;
    for (const k of [2, 3]) {
      const b0 = (X.get(0, k) * d - b * X.get(1, k)) / det;
      const b1 = (a * X.get(1, k) - X.get(0, k) * c) / det;
      for (let i = 0; i < 50; i++) expect(X.get(i, k)).toBeCloseTo(b0 * X.get(i, 0) + b1 * X.get(i, 1), 9);
    }
    // Column 4 is noise: not such a combination.
    const b0 = (X.get(0, 4) * d - b * X.get(1, 4)) / det;
    const b1 = (a * X.get(1, 4) - X.get(0, 4) * c) / det;
    expect(Math.abs(X.get(2, 4) - (b0 * X.get(2, 0) + b1 * X.get(2, 1)))).toBeGreaterThan(1e-6);
  });

  it("flipY relabels about that fraction of the samples at random", () => {
    const clean = makeClassification({ nSamples: 4000, nFeatures: 2, flipY: 0, shuffle: false, seed: 5 });
    const noisy = makeClassification({ nSamples: 4000, nFeatures: 2, flipY: 0.2, shuffle: false, seed: 5 });
    const changed = clean.y.filter((c, i) => c !== noisy.y[i]).length / 4000;
    // A flipped label gets a uniform class, the same one half the time: about 10% change.
    expect(changed).toBeGreaterThan(0.08);
    expect(changed).toBeLessThan(0.12);
  });

  it("the same seed gives the same numbers bit for bit; another seed other numbers", () => {
    const opts = { nSamples: 100, nFeatures: 6, nInformative: 3 };
    expect(bits(makeClassification({ ...opts, seed: 7 }))).toEqual(
      bits(makeClassification({ ...opts, seed: 7 })),
    );
    expect(bits(makeClassification({ ...opts, seed: 7 }))).not.toEqual(
      bits(makeClassification({ ...opts, seed: 8 })),
    );
  });

  it("rejects impossible or malformed options with a message saying why", () => {
    expect(() => makeClassification({ nFeatures: 3, nInformative: 2, nRedundant: 2 })).toThrow(
      "makeClassification: nInformative + nRedundant = 2 + 2 = 4 features, more than nFeatures = 3",
    );
    expect(() => makeClassification({ nFeatures: 4, nInformative: 1, nClasses: 2 })).toThrow(
      "makeClassification: nClasses × nClustersPerClass = 4 clusters need as many hypercube vertices, but nInformative = 1 gives only 2^1 = 2",
    );
    expect(() => makeClassification({ nFeatures: 4, nInformative: 5 })).toThrow(
      "makeClassification: nInformative must be an integer in 1 … 4, got 5",
    );
    expect(() => makeClassification({ nClasses: 1 })).toThrow(
      "makeClassification: nClasses must be an integer ≥ 2, got 1",
    );
    expect(() => makeClassification({ flipY: 2 })).toThrow(
      "makeClassification: flipY must be a number in [0, 1], got 2",
    );
    expect(() => makeClassification({ n_samples: 10 } as object)).toThrow(
      'makeClassification: unknown option "n_samples"',
    );
  });
});
