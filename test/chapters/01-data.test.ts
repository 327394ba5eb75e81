// Chapter 1 (content/01-data.mdx): the claims its prose makes, read from its cells' scope and output.
import { beforeAll, describe, expect, it } from "vitest";
import type { Matrix } from "../../src/mlp/index.ts";
import { makeClassification } from "../../src/data/index.ts";
import * as reproduce from "../../src/tools/reproduce.ts";
import { expectGolden, runChapter, type ChapterRun } from "./run-chapter.ts";

let run: ChapterRun;
beforeAll(async () => {
  run = await runChapter("01-data");
});

describe("01-data: rows are examples", () => {
  it("the three-example matrix is (m×n) = (3×2) and x_ij sits at data[i·n + j]", () => {
    expect(run.text(1)).toContain("m = 3 examples, n = 2 features: X is (3×2)");
    expect(run.text(1)).toContain("example 1 is the row [1.5, -0.3]\nits feature 0 is X.get(1, 0) = 1.5");
    expect(run.text(2)).toContain("x_21 = X.data[2 * n + 1] = 0.8\nx_21 = X.get(2, 1)     = 0.8");
  });
});

describe("01-data: makeClassification with the dense-layer tutorial's sizes", () => {
  it("gives X (10×4) and 10 labels in {0, 1}, five of each class", async () => {
    const { X, y, m, n, classCounts } = (await run.read("X", "y", "m", "n", "classCounts")) as {
      X: Matrix;
      y: Int32Array;
      m: number;
      n: number;
      classCounts: number[];
    };
    expect([X.rows, X.cols, m, n, y.length]).toEqual([10, 4, 10, 4, 10]);
    expect(Array.from(y).every((label) => label === 0 || label === 1)).toBe(true);
    const counted = [0, 1].map((k) => Array.from(y).filter((label) => label === k).length);
    expect(classCounts).toEqual(counted);
    expect(counted[0]).toBe(counted[1]);
    expect(run.text(run.cellWith("nSamples: 10"))).toContain(
      `X is (10×4); y has 10 labels\nexamples per class: ${counted[0]} and ${counted[1]}`,
    );
  });

  it("is the tutorial's call, one cluster per class included, and chapter 11's ten points", async () => {
    const { X, y } = (await run.read("X", "y")) as { X: Matrix; y: Int32Array };
    // make_classification(n_samples=10, n_features=4, n_classes=2, n_clusters_per_class=1)
    expect(reproduce.dense.data).toMatchObject({
      nSamples: 10,
      nFeatures: 4,
      nClasses: 2,
      nClustersPerClass: 1,
    });
    const points = makeClassification(reproduce.dense.data); // chapter 11's dense.data equals this (its test)
    expect(Array.from(X.data)).toEqual(Array.from(points.X.data));
    expect(Array.from(y)).toEqual(Array.from(points.y));
    expect(run.cells[run.cellWith("nSamples: 10") - 1]!.code).toContain("nClustersPerClass: 1");
  });

  it("has only two independent columns: columns 2 and 3 are combinations of columns 0 and 1", async () => {
    const { X, maxResidual } = (await run.read("X", "maxResidual")) as { X: Matrix; maxResidual: number };
    expect(maxResidual).toBeLessThan(1e-12);
    // The prose says any column is such a combination; the cell shows column 2, this checks column 3 too.
    const det = X.get(0, 0) * X.get(1, 1) - X.get(0, 1) * X.get(1, 0);
    const c0 = (X.get(0, 3) * X.get(1, 1) - X.get(0, 1) * X.get(1, 3)) / det;
    const c1 = (X.get(0, 0) * X.get(1, 3) - X.get(0, 3) * X.get(1, 0)) / det;
    for (let i = 0; i < X.rows; i++) {
      expect(Math.abs(X.get(i, 3) - (c0 * X.get(i, 0) + c1 * X.get(i, 1)))).toBeLessThan(1e-12);
    }
  });
});

describe("01-data: the scatter of a two-feature set", () => {
  it("plots 200 examples whose classes sit on the two diagonals of the square, as in XOR", async () => {
    const { plane, negativeProduct } = (await run.read("plane", "negativeProduct")) as {
      plane: { X: Matrix; y: Int32Array };
      negativeProduct: number[];
    };
    expect(plane.X.shape).toEqual([200, 2]);
    expect(negativeProduct[0]).toBeGreaterThan(0.75); // class 0 near (−1, 1) and (1, −1)
    expect(negativeProduct[1]).toBeLessThan(0.25); // class 1 near (−1, −1) and (1, 1)
  });

  it("labels the axes and tells the classes apart by symbol, with a legend", () => {
    expect(run.charts).toHaveLength(1);
    const { markup } = run.charts[0]!;
    // the plotted set is plane.X, not the ten-example X
    expect(markup).toContain("feature 0: plane.X.get(i, 0) (no unit)");
    expect(markup).toContain("feature 1: plane.X.get(i, 1) (no unit)");
    expect(markup).toContain("class 0");
    expect(markup).toContain("class 1");
    // Two symbols (circle, plus): each dot is a <path> whose shape differs by class.
    const shapes = new Set([...markup.matchAll(/<path[^>]* d="([^"]+)"/g)].map((m) => m[1]));
    expect(shapes.size).toBeGreaterThanOrEqual(2);
  });

  it("matches its golden SVG", () => {
    expectGolden(run.charts[0]!.markup, "01-data-scatter");
  });
});

describe("01-data: one-hot rows", () => {
  it("Y = oneHot(y, K) is (m×K), one 1 per row in the label's column, and argmaxRows(Y) gives y back", async () => {
    const { Y, y, K, recovered } = (await run.read("Y", "y", "K", "recovered")) as {
      Y: Matrix;
      y: Int32Array;
      K: number;
      recovered: Int32Array;
    };
    expect(Y.shape).toEqual([y.length, K]);
    for (let i = 0; i < Y.rows; i++) {
      for (let k = 0; k < K; k++) expect(Y.get(i, k)).toBe(k === y[i] ? 1 : 0);
    }
    expect(Array.from(recovered)).toEqual(Array.from(y));
    const text = run.text(run.cellWith("const Y = oneHot(y, K)"));
    expect(text).toContain("every row sums to 1: true");
    expect(text).toContain("argmaxRows(Y) gives y back: true");
  });

  it("a label outside 0 … K−1 gets an error naming the example", () => {
    expect(run.text(run.cellWith("oneHot([0, 1, 2], K)"))).toBe(
      "oneHot: label 2 at index 2 is not a class 0…1 (K = 2); check the labels or raise K\n",
    );
  });
});
