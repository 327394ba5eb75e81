// Chapter 2 (content/02-weighted-sum.mdx): the claims its prose makes, read from its cells' scope and output.
import { beforeAll, describe, expect, it } from "vitest";
import type { Dense, Matrix } from "../../src/mlp/index.ts";
import { makeClassification } from "../../src/data/index.ts";
import * as reproduce from "../../src/tools/reproduce.ts";
import { runChapter, type ChapterRun } from "./run-chapter.ts";

let run: ChapterRun;
let v: Record<string, unknown>;
beforeAll(async () => {
  run = await runChapter("02-weighted-sum");
  v = await run.read(
    "X",
    "y",
    "m",
    "n",
    "x",
    "w",
    "s",
    "sByHand",
    "a",
    "sColumn",
    "k",
    "W",
    "b",
    "XW",
    "S",
    "S21",
  );
  Object.assign(v, await run.read("A", "layer", "out", "sameS", "sameA", "binary", "pClass1", "shapeErrors"));
  Object.assign(v, await run.read("lowest", "highest"));
});

const M = (name: string): Matrix => v[name] as Matrix;
const num = (name: string): number => v[name] as number;

/** S = XW + b by the triple loop, independent of the library's kernels. */
function weightedSums(X: Matrix, W: Matrix, b: Matrix): number[][] {
  return Array.from({ length: X.rows }, (_, i) =>
    Array.from({ length: W.cols }, (_, j) => {
      let sum = b.get(0, j);
      for (let l = 0; l < X.cols; l++) sum += X.get(i, l) * W.get(l, j);
      return sum;
    }),
  );
}

describe("02-weighted-sum: the data", () => {
  it("is chapter 11's ten points for the dense-layer tutorial (the points it says chapter 11 trains on)", () => {
    const points = makeClassification(reproduce.dense.data); // chapter 11's dense.data equals this (its test)
    expect(Array.from(M("X").data)).toEqual(Array.from(points.X.data));
    expect(Array.from(v["y"] as Int32Array)).toEqual(Array.from(points.y));
  });
});

describe("02-weighted-sum: one neuron", () => {
  it("s = x·w + b, (1×n)(n×1) + (1×1) → (1×1), equals the written-out sum", () => {
    expect(M("x").shape).toEqual([1, num("n")]);
    expect(M("w").shape).toEqual([num("n"), 1]);
    expect(num("s")).toBe(num("sByHand"));
    let sum = 0.1; // the cell's bias
    for (let j = 0; j < num("n"); j++) sum += M("x").get(0, j) * M("w").get(j, 0);
    expect(Math.abs(num("s") - sum)).toBeLessThan(1e-14);
    expect(run.text(run.cellWith("let sByHand"))).toContain("x is (1×4), w is (4×1)");
  });

  it("a = σ(s) is in (0, 1)", () => {
    expect(Math.abs(num("a") - 1 / (1 + Math.exp(-num("s"))))).toBeLessThan(1e-15);
    expect(num("a")).toBeGreaterThan(0);
    expect(num("a")).toBeLessThan(1);
  });

  it("Xw + b over every example is (m×1), and its row 0 is example 0's s", () => {
    expect(M("sColumn").shape).toEqual([num("m"), 1]);
    expect(Math.abs(M("sColumn").get(0, 0) - num("s"))).toBeLessThan(1e-14);
  });
});

describe("02-weighted-sum: the dense layer", () => {
  it("S = XW + b: (m×n)(n×k) + (1×k) → (m×k), entry by entry the neuron's sum", () => {
    const [m, n, k] = [num("m"), num("n"), num("k")];
    expect([m, n, k]).toEqual([10, 4, 3]);
    expect(M("W").shape).toEqual([n, k]);
    expect(M("b").shape).toEqual([1, k]);
    expect(M("XW").shape).toEqual([m, k]);
    expect(M("S").shape).toEqual([m, k]);
    const expected = weightedSums(M("X"), M("W"), M("b"));
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < k; j++) expect(Math.abs(M("S").get(i, j) - expected[i]![j]!)).toBeLessThan(1e-12);
    }
    expect(num("S21")).toBe(M("S").get(2, 1));
    const text = run.text(run.cellWith("const XW = matmul(X, W)"));
    expect(text).toContain("X (10×4) · W (4×3) → XW (10×3)");
    expect(text).toContain("XW (10×3) + b (1×3) → S (10×3)");
  });

  it("A = f(S) keeps the shape (m×k), every entry σ(S_ij), and the printed range is inside (0, 1)", () => {
    expect(M("A").shape).toEqual(M("S").shape);
    expect(num("lowest")).toBe(Math.min(...M("A").data));
    expect(num("highest")).toBe(Math.max(...M("A").data));
    expect(num("lowest")).toBeGreaterThan(0);
    expect(num("highest")).toBeLessThan(1);
    const text = run.text(run.cellWith("const A = sigmoid.f(S)"));
    expect(text).toContain("A = σ(S) is (10×3), S was (10×3)");
    expect(text).toContain(`entries from ${num("lowest").toFixed(4)} to ${num("highest").toFixed(4)}`);
    M("A").data.forEach((a, q) =>
      expect(Math.abs(a - 1 / (1 + Math.exp(-M("S").data[q]!)))).toBeLessThan(1e-15),
    );
  });

  it("Dense.forward gives the same S and A, bit for bit", () => {
    const out = v.out as { S: Matrix; A: Matrix };
    expect(v.sameS).toBe(true);
    expect(v.sameA).toBe(true);
    expect(Array.from(out.S.data)).toEqual(Array.from(M("S").data));
    expect(Array.from(out.A.data)).toEqual(Array.from(M("A").data));
    expect(run.text(run.cellWith("new Dense(W, b, sigmoid)"))).toBe(
      "4 inputs → 3 neurons, f = sigmoid\nS (10×3), same as above: true\nA (10×3), same as above: true\n",
    );
    const layer = v.layer as Dense;
    expect([layer.nIn, layer.nOut, layer.activation.name]).toEqual([4, 3, "sigmoid"]);
  });

  it("the tutorial's one-neuron layer gives one probability in (0, 1) per example, (m×1)", () => {
    const p = M("pClass1");
    expect(p.shape).toEqual([num("m"), 1]);
    expect(Array.from(p.data).every((q) => q > 0 && q < 1)).toBe(true);
    expect(run.text(run.cellWith("const binary ="))).toContain("W (4×1), b (1×1)\n→ A (10×1)");
  });
});

describe("02-weighted-sum: when the shapes do not fit", () => {
  it("each mistake stops with the op, both shapes and the sizes that differ", () => {
    const [m, n, k] = [num("m"), num("n"), num("k")];
    expect(v.shapeErrors).toEqual([
      `matmul: (${n}×${k})·(${m}×${n}): inner sizes ${k} ≠ ${m}`,
      `Dense.forward: A_prev is (${n}×${m}) but W is (${n}×${k}): A_prev needs ${n} columns, one per input of the layer`,
      `Dense: W is (${n}×${k}), so b must be (1×${k}), got (1×2)`,
    ]);
    const text = run.text(run.cellWith("const shapeErrors"));
    for (const message of v.shapeErrors as string[]) expect(text).toContain(`→ ${message}`);
    expect(text).not.toContain("no error");
  });

  it("draws no chart", () => {
    expect(run.charts).toHaveLength(0);
  });
});
