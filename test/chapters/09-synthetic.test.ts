// Chapter 9 (content/09-synthetic.mdx): the claims its prose makes, read from its cells' scope and output.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { oneHot, type History, type Matrix, type MLP } from "../../src/mlp/index.ts";
import * as reproduce from "../../src/tools/reproduce.ts";
import { expectGolden, runChapter, type ChapterRun } from "./run-chapter.ts";

type Dataset = { X: Matrix; y: Int32Array };
type Square = { left: number; right: number; bottom: number; top: number; label: string };

let run: ChapterRun;
beforeAll(async () => {
  run = await runChapter("09-synthetic");
}, 120_000); // training on a loaded machine takes seconds

/** The one chart drawn by the only cell whose code contains `fragment`. */
function chartOf(fragment: string): string {
  const cell = run.cellWith(fragment);
  const charts = run.charts.filter((c) => c.cell === cell);
  expect(charts).toHaveLength(1);
  return charts[0]!.markup;
}

describe("09-synthetic: four data sets", () => {
  it("moons, circles and XOR are (200×2) with K = 2, the spirals (300×2) with K = 3", () => {
    const text = run.text(1);
    expect(text).toContain("moons    X is (200×2), y has 200 labels, K = 2 classes");
    expect(text).toContain("circles  X is (200×2), y has 200 labels, K = 2 classes");
    expect(text).toContain("xor      X is (200×2), y has 200 labels, K = 2 classes");
    expect(text).toContain("spirals  X is (300×2), y has 300 labels, K = 3 classes");
  });

  it("draws the four sets on one labelled scale, class by symbol and colour, with a legend", () => {
    const markup = chartOf("const panels =");
    expect(markup).toContain("x₁ = X.get(i, 0)");
    expect(markup).toContain("x₂ = X.get(i, 1)");
    for (const name of ["moons", "circles", "xor", "spirals", "class 0", "class 1", "class 2"]) {
      expect(markup).toContain(name);
    }
    const shapes = new Set([...markup.matchAll(/<path[^>]* d="([^"]+)"/g)].map((m) => m[1]));
    expect(shapes.size).toBeGreaterThanOrEqual(3);
    expectGolden(markup, "09-four-sets");
  });

  it("a unit of x₂ is drawn as long as a unit of x₁ (the circles are round)", () => {
    const markup = chartOf("const panels =");
    // Each panel's frame: its width spans the x domain (4 units), its height the y domain (3 units).
    const group = /<g aria-label="frame">([\s\S]*?)<\/g>/.exec(markup)?.[1] ?? "";
    const frames = [...group.matchAll(/<rect [^>]*>/g)].map(([rect]) => [
      Number(/ width="([\d.]+)"/.exec(rect)?.[1]),
      Number(/ height="([\d.]+)"/.exec(rect)?.[1]),
    ]);
    expect(frames.length).toBeGreaterThanOrEqual(4);
    for (const [width, height] of frames) expect(width! / 4).toBeCloseTo(height! / 3, 0);
  });
});

describe("09-synthetic: no hidden layer", () => {
  it("draws straight boundaries only: 86% of the moons, about half of circles and XOR, under 60% of the spirals", () => {
    const text = run.text(run.cellWith("sizes: [2, K], // no hidden layer"));
    const acc = Object.fromEntries(
      [...text.matchAll(/^(\w+) +no hidden layer: accuracy ([\d.]+)%$/gm)].map((m) => [m[1], Number(m[2])]),
    );
    expect(Object.keys(acc)).toEqual(["moons", "circles", "xor", "spirals"]);
    expect(Math.round(acc.moons!)).toBe(86); // the prose quotes 86%
    for (const name of ["circles", "xor"]) expect(Math.abs(acc[name]! - 50)).toBeLessThan(5);
    expect(acc.spirals).toBeLessThan(60);
    expect(acc.spirals).toBeGreaterThan(100 / 3); // a little better than guessing one class of three
  });
});

describe("09-synthetic: the moons network", () => {
  it("has W_1 (2×8), b_1 (1×8), A_1 (200×8), W_2 (8×2), A_2 = P (200×2)", () => {
    const text = run.text(run.cellWith("const net = new MLP"));
    expect(text).toBe(
      "W_1 is (2×8), b_1 is (1×8)\nA_1 is (200×8)\nW_2 is (8×2), b_2 is (1×2)\nP = A_2 is (200×2)\n",
    );
  });

  it("draws the untrained network's regions under the points", () => {
    const markup = chartOf('"The untrained network');
    expect(markup).toContain("The untrained network (random weights, seed 1)");
    expectGolden(markup, "09-untrained-boundary");
  });

  it("training starts from the untrained network drawn above: the first loss is its loss", async () => {
    const { net, moons, history } = (await run.read("net", "moons", "history")) as {
      net: MLP;
      moons: Dataset;
      history: History;
    };
    // net itself is never trained, so running the training cell again starts from epoch 0 again.
    expect(history.loss[0]).toBeCloseTo(net.loss(moons.X, oneHot(moons.y, 2)), 12);
    expect(run.text(run.cellWith("const history = await train"))).toContain(
      `loss after epoch 1: ${history.loss[0]!.toFixed(3)}`,
    );
  });

  it("training: the loss falls from above 0.8 to under 0.1, inside the chart's domain [0, 1]", async () => {
    const { history, curve } = (await run.read("history", "curve")) as {
      history: History;
      curve: { loss: number }[];
    };
    expect(history.loss).toHaveLength(500);
    expect(history.loss[0]).toBeGreaterThan(0.8);
    expect(history.loss.at(-1)).toBeLessThan(0.1);
    expect(curve.every(({ loss }) => loss >= 0 && loss <= 1)).toBe(true);
  });

  it("training: more than 96% of the 200 points are classified right, as printed", async () => {
    const { moonsAccuracy } = (await run.read("moonsAccuracy")) as { moonsAccuracy: number };
    expect(moonsAccuracy).toBeGreaterThan(0.96);
    expect(run.text(run.cellWith("const history = await train"))).toContain(
      `training accuracy: ${(100 * moonsAccuracy).toFixed(1)}%`,
    );
  });

  it("the snapshots at epochs 0, 10, 30, 100 and 500 show the regions changing", async () => {
    const { snapshots } = (await run.read("snapshots")) as {
      snapshots: { epoch: number; squares: Square[] }[];
    };
    expect(snapshots.map((s) => s.epoch)).toEqual([0, 10, 30, 100, 500]);
    // Runs of one class merged along each grid row: fewer than 200 rectangles for the 60 × 60 grid.
    for (const { squares } of snapshots) expect(squares.length).toBeLessThan(200);
    const first = JSON.stringify(snapshots[0]!.squares);
    expect(JSON.stringify(snapshots.at(-1)!.squares)).not.toBe(first);
    expectGolden(chartOf("snapshots.flatMap"), "09-snapshots");
  });
});

describe("09-synthetic: hidden layer sizes 1, 2, 3, 4, 5, 20, 50", () => {
  type Compared = { h: number; trainAccuracy: number; testAccuracy: number; squares: Square[] };
  let compared: Compared[];
  beforeAll(async () => {
    ({ compared } = (await run.read("compared")) as { compared: Compared[] });
  });
  const at = (h: number) => compared.find((c) => c.h === h)!;

  it("trains the seven sizes of the moons tutorial, and says the recipe is not the tutorial's (chapter 11's is)", () => {
    expect(compared.map((c) => c.h)).toEqual([1, 2, 3, 4, 5, 20, 50]);
    const text = readFileSync(join(import.meta.dirname, "../../content/09-synthetic.mdx"), "utf8").replace(
      /\s+/g,
      " ",
    );
    expect(text).toContain("500 full-batch Adam steps. That is this chapter's recipe, not the tutorial's");
    expect(text).toContain("Chapter 11 re-runs its study with its own recipe");
    // chapter 11 does: the study's sizes and the tutorial's recipe, as src/tools/reproduce.ts runs them
    expect([...reproduce.moonsStudy.hiddenSizes]).toEqual(compared.map((c) => c.h));
    expect([reproduce.moons.epsilon, reproduce.moons.lambda, reproduce.moons.passes]).toEqual([
      0.01, 0.01, 20000,
    ]);
  });

  it("one hidden unit does clearly worse than 20, on the training points and on fresh ones", () => {
    expect(at(1).trainAccuracy).toBeLessThan(at(20).trainAccuracy - 0.05);
    expect(at(1).testAccuracy).toBeLessThan(at(20).testAccuracy - 0.05);
  });

  it("one hidden unit draws a straight boundary: each grid row changes class at most once", () => {
    const rows = new Map<number, Square[]>();
    for (const s of at(1).squares) rows.set(s.bottom, [...(rows.get(s.bottom) ?? []), s]);
    expect(rows.size).toBe(48);
    for (const runs of rows.values()) expect(runs.length).toBeLessThanOrEqual(2);
    // …and the crossing moves steadily from row to row (a line, not a curve that happens to cross once).
    const crossings = [...rows.entries()]
      .filter(([, runs]) => runs.length === 2)
      .map(([bottom, runs]) => [bottom, runs[0]!.right] as const);
    const slopes = crossings
      .slice(1)
      .map(([y, x], i) => Math.sign(x - crossings[i]![1]) * Math.sign(y - crossings[i]![0]));
    expect(new Set(slopes.filter((s) => s !== 0)).size).toBeLessThanOrEqual(1);
  });

  it("three units make the accuracy jump: every size from 3 on is between 95% and 98% on both", () => {
    for (const h of [3, 4, 5, 20, 50]) {
      for (const a of [at(h).trainAccuracy, at(h).testAccuracy]) {
        expect(a).toBeGreaterThan(0.95);
        expect(a).toBeLessThan(0.98);
      }
      expect(at(h).trainAccuracy).toBeGreaterThan(at(2).trainAccuracy + 0.05);
    }
  });

  it("50 units fit the training points best of all seven, and the fresh points worst of those with h ≥ 3", () => {
    const others = compared.filter((c) => c.h !== 50);
    expect(others.every((c) => at(50).trainAccuracy > c.trainAccuracy)).toBe(true);
    const bigEnough = others.filter((c) => c.h >= 3);
    expect(bigEnough.every((c) => at(50).testAccuracy < c.testAccuracy)).toBe(true);
  });

  it("prints and draws each size's two accuracies", () => {
    const text = run.text(run.cellWith("const hiddenSizes"));
    const markup = chartOf("compared.flatMap");
    for (const { h, trainAccuracy, testAccuracy } of compared) {
      const a = (100 * trainAccuracy).toFixed(1);
      const b = (100 * testAccuracy).toFixed(1);
      expect(text).toContain(`h = ${String(h).padStart(2)}: training ${a}%, fresh ${b}%`);
      expect(markup).toContain(`h = ${h}`);
      expect(markup).toContain(`${a}% / ${b}%`);
    }
    expectGolden(markup, "09-hidden-sizes");
  });
});

describe("09-synthetic: the other three sets", () => {
  it("a hidden layer of 8 classifies at least 99% of circles, XOR and spirals", async () => {
    const { learned } = (await run.read("learned")) as { learned: { name: string; acc: number }[] };
    expect(learned.map((l) => l.name)).toEqual(["circles", "xor", "spirals"]);
    for (const { acc } of learned) expect(acc).toBeGreaterThanOrEqual(0.99);
    expectGolden(chartOf("learned.flatMap"), "09-other-sets");
  });
});

describe("09-synthetic: the reader's own data", () => {
  it("parses the sample CSV into X (24×2) with two classes and learns it", async () => {
    const { mine, mineAccuracy, mineNet } = (await run.read("mine", "mineAccuracy", "mineNet")) as {
      mine: Dataset;
      mineAccuracy: number;
      mineNet: MLP;
    };
    expect(mine.X.shape).toEqual([24, 2]);
    expect(new Set(mine.y)).toEqual(new Set([0, 1]));
    expect(mineNet.sizes).toEqual([2, 8, 2]);
    expect(mineAccuracy).toBe(1);
    expect(run.text(run.cellWith("const mine ="))).toContain("X is (24×2), K = 2 classes");
    expectGolden(chartOf("const mine ="), "09-your-data");
  });

  it("the sample cell parses the sample: 24 points, 12 of each class", () => {
    expect(run.text(run.cellWith("const sampleSet ="))).toBe(
      `X is (24×2), y = ${"0".repeat(12)}${"1".repeat(12)}\n`,
    );
  });

  it("the input box starts with the same sample the cell falls back to", async () => {
    const mdx = readFileSync(join(import.meta.dirname, "..", "..", "content", "09-synthetic.mdx"), "utf8");
    const exported = /export const sampleCsv = `([^`]*)`;/.exec(mdx)?.[1];
    const { sample } = (await run.read("sample")) as { sample: string };
    expect(exported).toBe(sample);
    expect(mdx).toContain('<CellInput name="csv" kind="csv"');
    expect(run.cells[run.cellWith("const mine =") - 1]!.code).toContain('input("csv", sample)');
  });

  it("each broken CSV's error names the line the prose says and what is wrong with it", () => {
    const lines = run.text(run.cellWith("const broken")).split("\n");
    expect(lines).toHaveLength(4); // three messages and the final newline
    expect(lines[0]).toMatch(/^line 4: expected 3 values \(x1, x2, label\), found 2\b/);
    expect(lines[1]).toMatch(/^line 3: x2 is "abc", expected a number\b/);
    expect(lines[2]).toMatch(/^line 2: label is "1\.5", expected a class 0, 1, 2, …/);
  });
});
