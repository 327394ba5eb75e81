// Chapter 11 (reproductions): runs the chapter's cells through the Node runner the build uses, then reads the
// names they bound and checks each claim the prose makes about them: the scaling factor K/2, the overfit ten
// points, the falling losses, the subset accuracies, and that the cells use the settings of
// src/tools/reproduce.ts (whose full-run figures the chapter quotes), and that the figures the originals' own code
// printed here (src/tools/originals.json) are quoted as recorded and stand where the prose says beside ours.
// Static charts are compared with golden SVGs (numbers rounded to 3 decimals); UPDATE_GOLDEN=1 writes a missing
// golden.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Kernel } from "../../src/notebook/kernel.ts";
import { createNodeKernel, runCells, type CellRun } from "../../src/notebook/node-runner.ts";
import type { Output } from "../../src/notebook/protocol.ts";
import { extractCells, type CellSpec } from "../../src/notebook/remark-cells.ts";
import { MLP, Rng } from "../../src/mlp/index.ts";
import * as reproduce from "../../src/tools/reproduce.ts";

const root = join(import.meta.dirname, "..", "..");
const chapter = "content/11-reproductions.mdx";
const goldenDir = join(import.meta.dirname, "golden");

interface EpochRow {
  epoch: number;
  loss: number;
  testAccuracy: number;
}

/** The names the test reads from the chapter's scope, as JSON. */
interface Scope {
  K: number;
  ratios: number[];
  dense: unknown;
  denseHistory: { loss: number[]; accuracy: number[] };
  denseAccuracy: number;
  denseSeeds: { seed: number; cost: number[]; trainingAccuracy: number }[];
  zeroRuns: { seed: number; cost: number[]; trainingAccuracy: number }[];
  mlpClass: unknown;
  classLosses: number[];
  classAccuracy: number;
  classSeeds: Run[];
  classRuns: Run[];
  moons: unknown;
  moonCurve: { pass: number; loss: number }[];
  moonsFinal: number;
  moonsPenultimate: number;
  moonsAccuracy: number;
  oneBy16: unknown;
  rows16: EpochRow[];
  curve16: { thousands: number; loss: number }[];
  oneBy16Batch: unknown;
  rowsBatch16: EpochRow[];
  deep: unknown;
  rowsDeep: EpochRow[];
  nielsen: unknown;
  rowsNielsen: EpochRow[];
  fullRuns: Record<FullRunId, { seed: number; loss: number[]; testAccuracy: number[] }[]>;
  moonsStudy: unknown;
  studyRows: { hidden: number; loss: number; trainingAccuracy: number }[];
  studyTheirs: StudyRun[];
  studyOursOnIts: StudyRun[];
  studyOurs: StudyRun[];
  inItsRange: number;
  markoRuns: MarkoRun[];
  markoBatchRuns: MarkoRun[];
  totalinPublished: number[];
  totalinRuns: { seed: number; accuracyVal: number[] }[];
  oneBy16OnItsWeights: { ours: { loss: number[]; testAccuracy: number } };
  deepOnItsWeights: { ours: { accuracy: number[]; loss: number[] }; its: { loss: number[] } };
  wildmlRun: {
    theirs: number[];
    oursOnItsPoints: number[];
    afterLastPass: { theirs: number; oursOnItsPoints: number };
  };
  sameLines: number;
  nielsenRuns: { seed: number; correct: number[] }[];
}

interface Run {
  seed: number;
  loss: number[];
  trainingAccuracy: number;
}
/** One run of the hidden-size study: per size 1, 2, 3, 4, 5, 20, 50, the loss after the last pass, the accuracy. */
interface StudyRun {
  seed: number;
  loss: number[];
  trainingAccuracy: number[];
}

interface MarkoRun {
  seed: number;
  testAccuracy: number;
  epochCost: number[];
}

/** src/tools/originals.json: what each original's own code printed on this machine, with its provenance. */
interface Traced {
  status: "run";
  tutorial: string;
  code: string;
  command: string;
  recipe: string;
  chosen: string;
}
/** An MNIST original: its recipe as values (checked against reproduce.ts), not as prose. */
type TracedMnist = Omit<Traced, "recipe" | "chosen"> & { recipe: OriginalRecipe };
interface Originals {
  dense: Traced & {
    runs: { seed: number; cost: number[]; trainingAccuracy: number }[];
    ourLibraryOnItsPoints: { seed: number; cost: number[]; trainingAccuracy: number };
  };
  mlpClass: Traced & {
    runs: Run[];
    triedFirst: Run & { lr: number };
    ourLibraryFromItsInit: Run;
  };
  moons: Traced & {
    published: { loss: number[] };
    printed: { loss: number[]; afterLastPass: number; afterPenultimatePass: number };
    ourLibraryOnItsPoints: { loss: number[]; afterLastPass: number; afterPenultimatePass: number };
    study: {
      hiddenSizes: number[];
      runs: (Omit<StudyRun, "seed"> & { initSeed: number })[];
      oneUlp: { loss: Record<string, { asIs: number; oneUlp: number }> };
      ourLibraryFromItsWeights: { runs: (Omit<StudyRun, "seed"> & { initSeed: number })[] };
      ourLibraryOnItsPoints: { runs: StudyRun[] };
    };
  };
  nielsen: Traced & { published: { bestTestAccuracy: number }; runs: { seed: number; correct: number[] }[] };
  deep: TracedMnist & {
    published: { accuracyVal: number[]; lossVal: number[] };
    runs: { seed: number; accuracyVal: number[]; lossTrain: number[]; lossVal: number[] }[];
    ourLibraryOnItsWeights: OnItsWeights;
  };
  oneBy16: TracedMnist & {
    published: { testAccuracy: number };
    runs: MarkoRun[];
    ourLibraryOnItsWeights: OnItsWeights;
  };
  oneBy16Batch: TracedMnist & { published: { testAccuracy: number }; runs: MarkoRun[] };
}

/** Our library's full run from the initial weights its code drew with `seed`. */
interface OnItsWeights {
  command: string;
  seed: number;
  loss: number[];
  testAccuracy: number[];
}

/** The recipe its code runs, as originals.json records it: its values, in its own scaling. */
interface OriginalRecipe {
  sizes: number[];
  init: { std: number; biasStd?: number };
  batchSize: number;
  shuffle: boolean;
  lr: number;
  epochs: number;
  etaOurs: number;
}

type FullRunId = "oneBy16" | "oneBy16Batch" | "deep" | "nielsen";
const fullRunIds: FullRunId[] = ["oneBy16", "oneBy16Batch", "deep", "nielsen"];
type SmallRunId = "dense" | "mlpClass" | "moonsStudy";

/** What `npm run reproduce -- --json` printed, committed beside the script. */
interface Recorded {
  node: string;
  results: reproduce.Result[];
}

const names: (keyof Scope)[] = [
  "K",
  "ratios",
  "dense",
  "denseHistory",
  "denseAccuracy",
  "denseSeeds",
  "zeroRuns",
  "mlpClass",
  "classLosses",
  "classAccuracy",
  "classSeeds",
  "classRuns",
  "moons",
  "moonCurve",
  "moonsFinal",
  "moonsPenultimate",
  "moonsAccuracy",
  "oneBy16",
  "rows16",
  "curve16",
  "oneBy16Batch",
  "rowsBatch16",
  "deep",
  "rowsDeep",
  "nielsen",
  "rowsNielsen",
  "fullRuns",
  "moonsStudy",
  "studyRows",
  "studyTheirs",
  "studyOursOnIts",
  "studyOurs",
  "inItsRange",
  "markoRuns",
  "markoBatchRuns",
  "totalinPublished",
  "totalinRuns",
  "oneBy16OnItsWeights",
  "deepOnItsWeights",
  "wildmlRun",
  "sameLines",
  "nielsenRuns",
];

/** Runs one more cell in the chapter's kernel that prints the named values as JSON, and parses them. */
async function readScope(kernel: Kernel): Promise<Scope> {
  const outputs: Output[] = [];
  const probe = `console.log(JSON.stringify({ ${names.join(", ")} }, (_, v) => (v instanceof Float64Array ? Array.from(v) : v)))`;
  const { ok } = await kernel.run(`${chapter}#probe`, probe, (o) => outputs.push(o));
  const text = outputs.map((o) => (o.kind === "stream" ? o.text : "")).join("");
  if (!ok) throw new Error(`the probe cell failed: ${JSON.stringify(outputs)}`);
  return JSON.parse(text) as Scope;
}

const textOf = (run: CellRun | null): string =>
  (run?.outputs ?? []).map((o) => (o.kind === "stream" ? o.text : "")).join("");

/** The chart a cell drew: the SVG (or figure HTML) of its value output. */
function chartOf(run: CellRun | null): string {
  for (const o of run?.outputs ?? []) {
    if (o.kind === "value" && (o.view.type === "svg" || o.view.type === "html")) {
      return o.view.type === "svg" ? o.view.svg : o.view.html;
    }
  }
  throw new Error("the cell drew no chart");
}

/** Numbers rounded to 3 decimals, so the comparison survives the last bits of floating point. */
const rounded = (svg: string): string =>
  svg.replace(/-?\d+\.\d+/g, (x) => {
    const r = Number(Number(x).toFixed(3));
    return String(Object.is(r, -0) ? 0 : r);
  });

function expectGolden(name: string, svg: string): void {
  const file = join(goldenDir, name);
  const actual = rounded(svg);
  if (!existsSync(file)) {
    if (process.env["UPDATE_GOLDEN"] !== "1") {
      throw new Error(`${file} is missing: run once with UPDATE_GOLDEN=1 to write it, then commit it`);
    }
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, "utf8"));
}

let cells: CellSpec[];
let runs: (CellRun | null)[];
let scope: Scope;
let seconds: number;

/** The run of the cell whose code contains `marker` (exactly one must). */
function runOf(marker: string): CellRun | null {
  const found = cells.flatMap((c, i) => (c.code.includes(marker) ? [i] : []));
  if (found.length !== 1) throw new Error(`${found.length} cells contain ${JSON.stringify(marker)}`);
  return runs[found[0]!]!;
}

const last = <T>(xs: readonly T[]): T => xs[xs.length - 1]!;

const originals = JSON.parse(readFileSync(join(root, "src/tools/originals.json"), "utf8")) as Originals;

/** The chapter's text with every run of white space made one space, so a claim can wrap anywhere. */
const prose = (): string => readFileSync(join(root, chapter), "utf8").replace(/\s+/g, " ");

/** The summary's columns, in the order `row` gives them: a <RunRow> attribute each (components/RunRow.astro). */
const rowColumns = ["tutorial", "recipe", "figure", "published", "theirs", "ours", "within"] as const;

/** The summary's <RunRow> whose tutorial starts with `start`, as a table line: "| tutorial | recipe | … |". */
function row(start: string): string {
  const rows = [...readFileSync(join(root, chapter), "utf8").matchAll(/<RunRow\s([^>]*?)\/>/g)].map((m) => {
    const attributes = Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
    expect(Object.keys(attributes), m[0]).toEqual(rowColumns);
    return `| ${rowColumns.map((k) => attributes[k]).join(" | ")} |`;
  });
  const found = rows.filter((line) => line.startsWith(`| ${start}`));
  expect(found, start).toHaveLength(1);
  return found[0]!;
}

const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;

/** What `npm run reproduce -- --json` recorded for one run, by id. */
function recordedRun(id: FullRunId | SmallRunId): reproduce.Result {
  const recorded = JSON.parse(
    readFileSync(join(root, "src/tools/reproduce-results.json"), "utf8"),
  ) as Recorded;
  const run = recorded.results.find((r) => r.id === id);
  if (!run) throw new Error(`src/tools/reproduce-results.json has no run "${id}"`);
  return run;
}

const lo = (xs: readonly number[]): number => Math.min(...xs);
const hi = (xs: readonly number[]): number => Math.max(...xs);
const r4 = (x: number): number => Number(x.toFixed(4));

/** "92.78% (92.71%–92.84%)": the mean over the seeds, then the range. */
function meanRange(xs: number[]): string {
  const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
  return `${pct(mean)} (${pct(Math.min(...xs))}–${pct(Math.max(...xs))})`;
}

/** The figures the table and the prose quote for each MNIST run: its code here and ours, over the seeds. */
function figures() {
  const lastOf = (id: FullRunId) => scope.fullRuns[id].map((r) => last(r.testAccuracy));
  const bestOf = (id: FullRunId) => scope.fullRuns[id].map((r) => Math.max(...r.testAccuracy));
  // "yes" when the mean of ours lies within the range of its code's runs here
  const within = (ours: number[], theirs: number[]) => {
    const mean = ours.reduce((a, x) => a + x, 0) / ours.length;
    return mean >= Math.min(...theirs) && mean <= Math.max(...theirs);
  };
  const marko = (id: "oneBy16" | "oneBy16Batch") => {
    const theirs = originals[id].runs.map((r) => r.testAccuracy);
    return { theirs: meanRange(theirs), ours: meanRange(lastOf(id)), within: within(lastOf(id), theirs) };
  };
  const deepTheirs = originals.deep.runs.map((r) => last(r.accuracyVal));
  const nTest = 10000;
  const nielsenBest = originals.nielsen.runs.map((r) => Math.max(...r.correct) / nTest);
  const nielsenLast = originals.nielsen.runs.map((r) => last(r.correct) / nTest);
  return {
    oneBy16: marko("oneBy16"),
    oneBy16Batch: marko("oneBy16Batch"),
    deep: {
      theirs: meanRange(deepTheirs),
      ours: meanRange(lastOf("deep")),
      within: within(lastOf("deep"), deepTheirs),
    },
    nielsen: {
      theirs: meanRange(nielsenBest),
      theirsLast: meanRange(nielsenLast),
      ours: meanRange(bestOf("nielsen")),
      oursLast: meanRange(lastOf("nielsen")),
      within: within(bestOf("nielsen"), nielsenBest),
    },
  };
}

/** The indices at which two columns of printed losses differ in their six printed digits. */
const differing = (a: readonly number[], b: readonly number[]): number[] =>
  a.flatMap((x, i) => (x.toFixed(6) === b[i]!.toFixed(6) ? [] : [i]));

beforeAll(async () => {
  cells = extractCells(readFileSync(join(root, chapter), "utf8"), chapter);
  const kernel = createNodeKernel();
  const start = performance.now();
  runs = await runCells(
    cells.map((c) => c.code),
    { chapter, kernel, skip: (i) => cells[i]!.options.includes("norun") },
  );
  seconds = (performance.now() - start) / 1000;
  scope = await readScope(kernel);
}, 900_000); // under load from other work; alone the cells take about a minute

describe("chapter 11: reproductions", () => {
  it("runs every cell, and reports how long they took", () => {
    expect(runs.every((r) => r === null || r.ok)).toBe(true);
    console.info(`${chapter}: ${cells.length} cells in ${seconds.toFixed(1)} s`);
  });

  it("uses the settings of src/tools/reproduce.ts, whose full runs it quotes", () => {
    expect(scope.dense).toEqual(reproduce.dense);
    expect(scope.mlpClass).toEqual(reproduce.mlpClass);
    expect(scope.moons).toEqual(reproduce.moons);
    expect(scope.moonsStudy).toEqual(reproduce.moonsStudy);
    expect(scope.oneBy16).toEqual(reproduce.oneBy16);
    expect(scope.oneBy16Batch).toEqual(reproduce.oneBy16Batch);
    expect(scope.deep).toEqual(reproduce.deep);
    expect(scope.nielsen).toEqual(reproduce.nielsen);
  });

  it("the tutorial's ½Σ gradient is K/2 times ours, entry by entry", () => {
    expect(scope.K).toBe(10);
    expect(scope.ratios).toHaveLength(5 * 10);
    for (const r of scope.ratios) expect(r).toBeCloseTo(scope.K / 2, 9);
  });

  it("η_ours from each original's scaling: K·lr for seed 003's Σ cost (per image and batch mean), m·K/2·lr for seed 002's summed ½Σ, K/2·η for Nielsen", () => {
    const { oneBy16, oneBy16Batch, deep, nielsen } = reproduce;
    expect(oneBy16.eta).toBeCloseTo(scope.K * oneBy16.etaTheirs, 12);
    expect(oneBy16Batch.eta).toBeCloseTo(scope.K * oneBy16Batch.etaTheirs, 12);
    expect(deep.eta).toBeCloseTo(((deep.batchSize * scope.K) / 2) * deep.etaTheirs, 12);
    expect(nielsen.eta).toBeCloseTo((nielsen.etaTheirs * scope.K) / 2, 12);
    expect(reproduce.moons.epsilon * reproduce.moons.data.n).toBeCloseTo(2, 12);
  });

  it("dense layer: its recipe as originals.json reads its code, and its summed step is ours with η = m·lr", () => {
    const { dense } = reproduce;
    const { recipe } = originals.dense;
    expect(dense.sizes).toEqual([4, 1]);
    expect(recipe).toContain("DenseLayer(1, activation='sigmoid', input_size=4)");
    expect([dense.output, dense.loss]).toEqual(["sigmoid", "crossEntropy"]);
    expect(recipe).toContain("the gradient of the cross-entropy summed over the m = 10 points");
    expect(recipe).toContain(`lr = ${dense.lrTheirs}`);
    expect(dense.eta).toBeCloseTo(dense.data.nSamples * dense.lrTheirs, 15);
    expect(recipe).toContain(`eta = m * lr = ${dense.eta}`);
    // N(0, 1) with the bias drawn first: our layer starts from the first five normals of its seed, b first
    expect(recipe).toContain("np.random.randn (N(0, 1)), the bias its first column");
    expect(dense.initStd).toBe(1);
    const rng = new Rng(dense.seed);
    const [b0, ...w0] = Array.from({ length: 5 }, () => rng.normal());
    const fresh = reproduce.biasFirstNormal(4, dense.initStd, dense.seed);
    expect(Array.from(fresh.b[0]!.data)).toEqual([b0]);
    expect(Array.from(fresh.W[0]!.data)).toEqual(w0);
    expect(prose()).toContain("\\eta = m \\cdot \\text{lr} = 10 \\times 0.01 = 0.1");
    expect(textOf(runOf("const dense = {"))).toContain(`η = m·lr = ${dense.eta}`);
  });

  it("each MNIST recipe is the one its original's code runs, as originals.json records it", () => {
    for (const id of ["oneBy16", "oneBy16Batch", "deep"] as const) {
      const ours = reproduce[id];
      const { recipe } = originals[id];
      expect(ours.sizes, id).toEqual(recipe.sizes);
      expect(ours.init, id).toEqual(recipe.init);
      expect(ours.batchSize, id).toBe(recipe.batchSize);
      expect(ours.shuffle, id).toBe(recipe.shuffle);
      expect(ours.epochs, id).toBe(recipe.epochs);
      expect(ours.etaTheirs, id).toBe(recipe.lr);
      expect(ours.eta, id).toBe(recipe.etaOurs);
      expect([ours.hidden, ours.output, ours.loss], id).toEqual(["sigmoid", "sigmoid", "mse"]);
      expect(ours.seeds, id).toEqual(originals[id].runs.map((r) => r.seed));
    }
    // Nielsen: b then W from N(0, 1), shuffled every epoch, as his network.py does.
    expect(reproduce.nielsen.init).toEqual({ std: 1, biasStd: 1 });
    expect(reproduce.nielsen.shuffle).toBe(true);
    expect(reproduce.nielsen.seeds).toEqual(originals.nielsen.runs.map((r) => r.seed));
  });

  it("one dense layer classifies all ten points right, and its loss keeps falling", () => {
    expect(scope.denseAccuracy).toBe(1);
    const loss = scope.denseHistory.loss;
    expect(loss).toHaveLength(1000);
    expect(last(loss)).toBeLessThan(loss[0]! / 10);
    const fitAt = scope.denseHistory.accuracy.indexOf(1);
    expect(fitAt).toBeGreaterThanOrEqual(0);
    expect(last(loss)).toBeLessThan(loss[fitAt]!); // still falling after every point is right
    expectGolden("11-dense-loss.svg", chartOf(runOf("Plot.lineY(denseHistory.loss")));
  });

  it("dense layer: five seeds each, ours and its code fit four of five, and ours ends within its spread but one", () => {
    const ours = scope.denseSeeds;
    const recorded = recordedRun("dense").seeds!;
    expect(ours).toEqual(
      recorded.map(({ seed, loss, trainingAccuracy }) => ({ seed, cost: loss, trainingAccuracy })),
    );
    const theirs = originals.dense.runs;
    expect(scope.zeroRuns).toEqual(theirs);
    expect(theirs.map((r) => r.seed)).toEqual([42, 1, 2, 3, 4]);
    for (const r of [...theirs, ...ours]) expect(r.cost).toHaveLength(11); // after 0, 100, …, 1000 steps
    const short = (runs: { seed: number; trainingAccuracy: number }[]) =>
      runs.filter((r) => r.trainingAccuracy < 1).map((r) => [r.seed, r.trainingAccuracy]);
    expect(short(theirs)).toEqual([[3, 0.9]]);
    expect(short(ours)).toEqual([[2, 0.9]]);
    const finals = (runs: { cost: number[] }[]) => runs.map((r) => last(r.cost));
    const [tf, of] = [finals(theirs), finals(ours)];
    const outside = of.filter((c) => c < lo(tf) || c > hi(tf));
    expect(outside).toEqual([last(ours.find((r) => r.seed === 2)!.cost)]);
    const text = prose();
    expect(text).toContain(
      "Four of its five runs classify all ten of their points right, and so do four of ours",
    );
    expect(text).toContain("(its seed 3, our seed 2)");
    expect(text).toContain(
      `lies between ${lo(tf).toPrecision(3)} and ${hi(tf).toPrecision(3)} over the five seeds`,
    );
    expect(text).toContain(`ours between ${lo(of).toPrecision(3)} and ${hi(of).toPrecision(3)}`);
    const worst = last(theirs.find((r) => r.seed === 3)!.cost);
    expect(text).toContain(`${(outside[0]! - worst).toFixed(3)} above its own such run`);
    expectGolden("11-dense-seeds.svg", chartOf(runOf("const denseCurves")));
  });

  it("dense layer: from its points and initial weights, our library prints its eleven costs to six digits", () => {
    const { ourLibraryOnItsPoints: ours, runs } = originals.dense;
    const its = runs.find((r) => r.seed === ours.seed)!;
    expect(ours.cost).toHaveLength(11);
    expect(ours.cost).toEqual(its.cost);
    expect(ours.trainingAccuracy).toBe(its.trainingAccuracy);
    expect(prose()).toContain(
      "initial $[b, W]$ for seed 42, our library prints its eleven costs to all six digits",
    );
  });

  it("the MLP class: its recipe as the post's code runs it, η = m·lr, and our choices said on the page", () => {
    const { mlpClass } = reproduce;
    const { recipe, chosen } = originals.mlpClass;
    expect(recipe).toContain("weights np.random.randn (N(0, 1)), W1 then W2; biases zeros");
    const net = new MLP({ ...mlpClass, sizes: mlpClass.sizes, init: { std: mlpClass.initStd } });
    for (const { b } of net.layers) expect(Array.from(b.data).every((v) => v === 0)).toBe(true);
    expect(recipe).toContain("sigmoid hidden, softmax output");
    expect([mlpClass.hidden, mlpClass.output]).toEqual(["sigmoid", "softmax"]);
    expect(recipe).toContain("output_error = output - y without 1/m");
    expect(recipe).toContain("eta = m * lr");
    expect(mlpClass.eta).toBeCloseTo(mlpClass.data.n * mlpClass.lrTheirs, 15);
    expect(chosen).toContain(`lr = ${mlpClass.lrTheirs} (eta = ${mlpClass.eta})`);
    expect(chosen).toContain(`MLP(${mlpClass.sizes.join(", ")})`);
    const text = prose();
    expect(text).toContain(
      "The post names no data, no layer sizes, no learning rate and no number of epochs",
    );
    expect(text).toContain(
      `$\\text{lr} = ${mlpClass.lrTheirs}$, so $\\eta = 150 \\times ${mlpClass.lrTheirs} = ${mlpClass.eta}$`,
    );
    const tried = originals.mlpClass.triedFirst;
    expect(tried.lr).toBe(0.01);
    expect(tried.loss[4]!).toBeGreaterThan(tried.loss[3]!); // the jump back up
    expect(text).toContain(
      `(from ${tried.loss[3]} at epoch 400 to ${tried.loss[4]} at epoch 500, seed ${tried.seed})`,
    );
  });

  it("the MLP class prints its loss every 100 epochs as its code does, falling, and classifies the blobs", () => {
    const printed = textOf(runOf("printEvery: 100")).trim().split("\n");
    expect(printed).toHaveLength(11); // η, then ten lines
    expect(printed[1]).toMatch(/^Epoch 100, Loss: \d\.\d{4}$/);
    expect(last(printed)).toMatch(/^Epoch 1000, Loss: /);
    expect(last(scope.classLosses)).toBeLessThan(scope.classLosses[0]!);
    expect(scope.classAccuracy).toBe(148 / 150);
  });

  it("the MLP class: five seeds each, its code and ours, and our library from its weights prints its lines", () => {
    const ours = scope.classSeeds;
    expect(ours).toEqual(recordedRun("mlpClass").seeds);
    const theirs = originals.mlpClass.runs;
    expect(scope.classRuns).toEqual(theirs);
    const at1000 = (runs: Run[]) => runs.map((r) => r4(last(r.loss)));
    const [t, o] = [at1000(theirs), at1000(ours)];
    const accuracies = [...theirs, ...ours].map((r) => r.trainingAccuracy);
    expect(new Set(accuracies)).toEqual(new Set([148 / 150]));
    const outside = ours.filter((r) => r4(last(r.loss)) > hi(t) || r4(last(r.loss)) < lo(t));
    expect(outside.map((r) => r.seed)).toEqual([5]);
    const theirs4 = theirs.find((r) => r.seed === 4)!;
    const others = t.filter((_, i) => theirs[i]!.seed !== 4);
    const text = prose();
    expect(text).toContain(`its code's loss lies between ${lo(t)} and ${hi(t)} over its five seeds`);
    expect(text).toContain("every run gets 148 of the 150 points right (98.67%");
    expect(text).toContain(`Ours lies between ${lo(o)} and ${hi(o)}`);
    expect(text).toContain(`the fifth (seed 5, ${hi(o)}) ends ${(hi(o) - hi(t)).toFixed(3)} above it`);
    const gap4 = (r4(last(theirs4.loss)) - hi(others)).toFixed(3);
    expect(text).toContain(`its own seed 4 ends ${gap4} above its other four`);
    const fromInit = originals.mlpClass.ourLibraryFromItsInit;
    expect(fromInit.loss).toEqual(theirs.find((r) => r.seed === fromInit.seed)!.loss);
    expect(text).toContain(
      "handed its initial weights for seed 1, our library prints its ten lines digit for digit",
    );
    expectGolden("11-class-seeds.svg", chartOf(runOf("const classCurves")));
  });

  it("the moons loss falls, settles within 0.01 of the published 0.071316, and fits ≥ 97% of the points", () => {
    const printed = textOf(runOf("Loss after iteration")).trim().split("\n");
    expect(printed).toHaveLength(20);
    expect(printed[0]).toMatch(/^Loss after iteration 0: \d\.\d{6}$/);
    expect(scope.moonCurve[0]!.loss).toBeGreaterThan(scope.moonsFinal);
    expect(Math.abs(scope.moonsFinal - 0.071316)).toBeLessThan(0.01);
    expect(scope.moonsAccuracy).toBeGreaterThanOrEqual(0.97);
    expectGolden("11-moons-boundary.svg", chartOf(runOf("Plot.contour(pClass1")));
  });

  it("1×16 live: one epoch on the subset, in order, the loss falling onto the plateau near 0.09, test accuracy near chance", () => {
    expect(scope.rows16).toHaveLength(1);
    expect(scope.curve16.length).toBeGreaterThanOrEqual(10);
    expect(last(scope.curve16).loss).toBeLessThan(scope.curve16[0]!.loss);
    expect(last(scope.curve16).loss).toBeGreaterThan(0.085);
    expect(last(scope.rows16).testAccuracy).toBeLessThan(0.2);
  });

  it("1×16 in batches of 16 live: four epochs on the subset stay on the plateau, at chance", () => {
    expect(scope.rowsBatch16).toHaveLength(4);
    for (const r of scope.rowsBatch16.slice(1)) expect(Math.abs(r.loss - 0.09)).toBeLessThan(0.005);
    expect(last(scope.rowsBatch16).testAccuracy).toBeLessThan(0.2);
  });

  it("four sigmoid layers live: three epochs on the subset, the loss falling and the accuracy rising every epoch", () => {
    expect(scope.rowsDeep).toHaveLength(3);
    for (let e = 1; e < 3; e++) {
      expect(scope.rowsDeep[e]!.loss).toBeLessThan(scope.rowsDeep[e - 1]!.loss);
      expect(scope.rowsDeep[e]!.testAccuracy).toBeGreaterThan(scope.rowsDeep[e - 1]!.testAccuracy);
    }
    expect(last(scope.rowsDeep).testAccuracy).toBeLessThan(0.5);
  });

  it("Nielsen live: 5 epochs on the subset reach close to 88% test accuracy, printed his way", () => {
    expect(scope.rowsNielsen).toHaveLength(5);
    expect(last(scope.rowsNielsen).loss).toBeLessThan(scope.rowsNielsen[0]!.loss);
    expect(last(scope.rowsNielsen).testAccuracy).toBeGreaterThanOrEqual(0.85);
    expect(last(scope.rowsNielsen).testAccuracy).toBeLessThanOrEqual(0.9);
    const printed = textOf(runOf("Epoch ${epoch - 1}")).trim().split("\n");
    expect(printed).toHaveLength(5);
    expect(printed[0]).toMatch(/^Epoch 0: \d+ \/ 1000$/);
  });

  it("quotes the full runs, every seed, exactly as src/tools/reproduce-results.json recorded them", () => {
    const recorded = JSON.parse(
      readFileSync(join(root, "src/tools/reproduce-results.json"), "utf8"),
    ) as Recorded;
    for (const id of fullRunIds) {
      const runs = recorded.results.filter((r) => r.id === id);
      expect(runs.map((r) => r.seed)).toEqual([...reproduce[id].seeds]);
      expect(scope.fullRuns[id]).toEqual(
        runs.map((r) => ({
          seed: r.seed,
          loss: r.loss.map((l) => Number(l.toFixed(5))),
          testAccuracy: r.testAccuracy,
        })),
      );
      for (const r of runs) expect(r.testAccuracy).toHaveLength(reproduce[id].epochs);
    }
    const minutes = Math.round(recorded.results.reduce((t, r) => t + r.seconds, 0) / 60);
    expect(prose()).toContain(`The full runs took ${minutes} minutes of computing in all`);
    expectGolden("11-full-1x16-loss.svg", chartOf(runOf("const perEpoch16 =")));
    expectGolden("11-full-1x16-batch16-loss.svg", chartOf(runOf("const perEpochBatch16 =")));
    expectGolden("11-full-deep-accuracy.svg", chartOf(runOf("const perEpochDeep =")));
    expectGolden("11-full-nielsen-accuracy.svg", chartOf(runOf("const epochsNielsen =")));
  });

  it("the summary table's figures are the ones the cells, the full runs and the originals' code produced", () => {
    const f = figures();
    expect(row("1×16 per image")).toContain(
      `| around 92% (README) | ${f.oneBy16.theirs} | ${f.oneBy16.ours} |`,
    );
    expect(row("1×16 in batches of 16")).toContain(
      `| around 90% (README) | ${f.oneBy16Batch.theirs} | ${f.oneBy16Batch.ours} |`,
    );
    expect(row("Four sigmoid layers")).toContain(`| 92.46% | ${f.deep.theirs} | ${f.deep.ours} |`);
    expect(row("Four sigmoid layers")).toContain("784-64-32-16-10");
    expect(row("Nielsen")).toContain(
      `| 95.42% | ${f.nielsen.theirs} (last ${f.nielsen.theirsLast}) | ${f.nielsen.ours} (last ${f.nielsen.oursLast}) |`,
    );
    for (const [start, id] of [
      ["1×16 per image", "oneBy16"],
      ["1×16 in batches of 16", "oneBy16Batch"],
      ["Four sigmoid layers", "deep"],
      ["Nielsen", "nielsen"],
    ] as const) {
      const verdict = row(start).split("|").at(-2)!.trim();
      expect(verdict, start).toMatch(f[id].within ? /^yes/ : /^no/);
    }
  });

  it("the summary table's rows for the dense layer, the MLP class and the moons hold the figures above", () => {
    const finals = (runs: { cost: number[] }[]) => runs.map((r) => last(r.cost));
    const [tf, of] = [finals(scope.zeroRuns), finals(scope.denseSeeds)];
    const range3 = (xs: number[]) => `${lo(xs).toPrecision(3)}–${hi(xs).toPrecision(3)}`;
    const fits = (runs: { trainingAccuracy: number }[]) =>
      runs.filter((r) => r.trainingAccuracy === 1).length;
    expect(row("Dense layer")).toContain(`| ${range3(tf)}, ${fits(scope.zeroRuns)} of 5 seeds fit 10/10 |`);
    expect(row("Dense layer")).toContain(`| ${range3(of)}, ${fits(scope.denseSeeds)} of 5 fit 10/10 |`);
    expect(row("Dense layer")).toContain("lr 0.01 → η = 0.1");
    const at1000 = (runs: Run[]) => runs.map((r) => r4(last(r.loss)));
    const [t, o] = [at1000(scope.classRuns), at1000(scope.classSeeds)];
    expect(row("MLP class")).toContain(
      `| ${lo(t)}–${hi(t)} (${pct(148 / 150)}) | ${lo(o)}–${hi(o)} (${pct(148 / 150)}) |`,
    );
    expect(row("MLP class")).toContain("lr 0.001 → η = 0.15");
    expect(row("Moons (WildML)")).toContain(`${scope.moonsFinal.toFixed(6)} on our points`);
    expect(row("Moons (WildML)")).toContain(
      `${originals.moons.ourLibraryOnItsPoints.afterLastPass.toFixed(6)} on its points from its weights`,
    );
    const acc = (runs: StudyRun[], ks: number[]) => {
      const xs = runs.flatMap((r) => ks.map((k) => r.trainingAccuracy[k]!));
      return `${pct(lo(xs))}–${pct(hi(xs))}`;
    };
    const [few, more] = [
      [0, 1],
      [2, 3, 4, 5, 6],
    ];
    const both = (runs: StudyRun[]) => `${acc(runs, few)} / ${acc(runs, more)}`;
    const study = row("Moons, hidden sizes");
    expect(study).toContain(`| ${both(scope.studyTheirs)} |`);
    expect(study).toContain(`its points: ${both(scope.studyOursOnIts)}; ours: ${both(scope.studyOurs)}`);
    expect(study).toContain(`loss: ${scope.inItsRange} of 21 yes, the rest within 0.005`);
  });

  it("quotes what the originals' own code printed exactly as src/tools/originals.json recorded it", () => {
    const { dense, mlpClass, moons, nielsen } = originals;
    for (const o of [dense, mlpClass, moons, nielsen]) {
      expect(o.status).toBe("run");
      expect(o.command.length).toBeGreaterThan(0);
    }
    expect(scope.wildmlRun).toEqual({
      theirs: moons.printed.loss,
      oursOnItsPoints: moons.ourLibraryOnItsPoints.loss,
      afterLastPass: {
        theirs: moons.printed.afterLastPass,
        oursOnItsPoints: moons.ourLibraryOnItsPoints.afterLastPass,
      },
    });
    expect(scope.nielsenRuns).toEqual(nielsen.runs);
    const { oneBy16, oneBy16Batch, deep } = originals;
    for (const o of [oneBy16, oneBy16Batch, deep]) {
      expect(o.status).toBe("run");
      expect(o.command).toContain("python3 run_notebook.py");
      expect(o.runs.map((r) => r.seed)).toEqual([1, 2, 3]);
    }
    const marko = (runs: MarkoRun[]) =>
      runs.map(({ seed, testAccuracy, epochCost }) => ({ seed, testAccuracy, epochCost }));
    expect(scope.markoRuns).toEqual(marko(oneBy16.runs));
    expect(scope.markoBatchRuns).toEqual(marko(oneBy16Batch.runs));
    expect(scope.totalinRuns).toEqual(deep.runs.map(({ seed, accuracyVal }) => ({ seed, accuracyVal })));
    expect(scope.totalinPublished).toEqual(deep.published.accuracyVal);
    expect(scope.totalinPublished).toHaveLength(30);
    expect([scope.totalinPublished[0], last(scope.totalinPublished)]).toEqual([0.514, 0.9246]);
    expect(last(deep.published.accuracyVal)).toBe(reproduce.deep.published.testAccuracy);
    expect(oneBy16.published.testAccuracy).toBe(reproduce.oneBy16.published.testAccuracy);
    expect(oneBy16Batch.published.testAccuracy).toBe(reproduce.oneBy16Batch.published.testAccuracy);
    for (const r of oneBy16.runs) expect(r.epochCost).toHaveLength(reproduce.oneBy16.epochs);
    for (const r of oneBy16Batch.runs) expect(r.epochCost).toHaveLength(reproduce.oneBy16Batch.epochs);
    expect(last(moons.published.loss)).toBe(reproduce.moons.published.loss);
    expect(nielsen.published.bestTestAccuracy).toBe(reproduce.nielsen.published.testAccuracy);
  });

  it("moons: its code prints the published lines but one; our library on its points alternates a pass out of step", () => {
    const { published, printed, ourLibraryOnItsPoints: onIts } = originals.moons;
    expect(printed.loss).toHaveLength(20);
    expect(differing(printed.loss, published.loss)).toEqual([2]); // pass 2 000 only
    // the first two lines agree; from pass 2 000 on ours prints the other value of the pair
    expect(differing(onIts.loss, printed.loss)[0]).toBe(2);
    expect(scope.sameLines).toBe(2);
    const pair = (a: number, b: number) => [a, b].map((l) => l.toFixed(6)).sort();
    expect(pair(printed.afterLastPass, printed.afterPenultimatePass)).toEqual(
      pair(onIts.afterLastPass, onIts.afterPenultimatePass),
    );
    expect(onIts.afterLastPass.toFixed(6)).toBe(printed.afterLastPass.toFixed(6));
    expect(last(printed.loss).toFixed(6)).toBe(printed.afterLastPass.toFixed(6));
    expect(last(onIts.loss).toFixed(6)).toBe(onIts.afterPenultimatePass.toFixed(6));
    expect(Math.abs(scope.moonsFinal - last(printed.loss))).toBeLessThan(0.01);
    const text = prose();
    expect(text).toContain("our library prints the tutorial's first two lines to all six digits");
    expect(text).toContain(`ends where the tutorial's code ends, at ${printed.afterLastPass.toFixed(6)}`);
    const at2000 = [published.loss[2]!, printed.loss[2]!, onIts.loss[2]!].map((l) => l.toFixed(6));
    expect(text).toContain(
      `(published ${at2000[0]} at pass 2 000, its code here ${at2000[1]}, ours ${at2000[2]};`,
    );
    expect(text).toContain(
      `then ${last(printed.loss).toFixed(6)} at every thousandth pass in its run, ${last(onIts.loss).toFixed(6)} in ours)`,
    );
    const cycle = [
      printed.afterPenultimatePass,
      printed.afterLastPass,
      scope.moonsPenultimate,
      scope.moonsFinal,
    ];
    const [a, b, c, d] = cycle.map((l) => l.toFixed(6));
    expect(text).toContain(
      `${a} and ${b} for the tutorial's run (the pass before the last, and the last), ${c} and ${d} for ours`,
    );
    expect(row("Moons (WildML)")).toContain(`${b} by its code here`);
  });

  it("moons study: its recipe for 1…50 hidden units, live (seed 0) and in full (seeds 0–2) as recorded", () => {
    const { study } = originals.moons;
    expect(study.hiddenSizes).toEqual([...reproduce.moonsStudy.hiddenSizes]);
    const recorded = recordedRun("moonsStudy").seeds!;
    expect(recorded.map((r) => r.seed)).toEqual([...reproduce.moonsStudy.seeds]);
    // live: seed 0 on our points, the same figures as the full run's seed 0
    expect(scope.studyRows.map((r) => r.loss)).toEqual(recorded[0]!.loss);
    expect(scope.studyRows.map((r) => r.trainingAccuracy)).toEqual(recorded[0]!.trainingAccuracy);
    // the 3-unit network of the study is the section's own network
    expect(scope.studyRows[2]!.loss).toBe(scope.moonsFinal);
    const six = (runs: StudyRun[]) =>
      runs.map((r) => ({ ...r, loss: r.loss.map((l) => Number(l.toFixed(6))) }));
    expect(scope.studyOurs).toEqual(six(recorded as StudyRun[]));
    expect(scope.studyTheirs).toEqual(
      study.runs.map(({ initSeed, loss, trainingAccuracy }) => ({ seed: initSeed, loss, trainingAccuracy })),
    );
    expect(scope.studyOursOnIts).toEqual(study.ourLibraryOnItsPoints.runs);
    expectGolden("11-moons-study.svg", chartOf(runOf("const studyCells")));
    expectGolden("11-moons-study-losses.svg", chartOf(runOf("const studyDots")));
  });

  it("moons study: its code and ours tell the same story, and on its points end within its spread or near it", () => {
    const groups = [scope.studyTheirs, scope.studyOursOnIts, scope.studyOurs];
    const at = (ks: number[], of: "loss" | "trainingAccuracy") =>
      groups.flatMap((runs) => runs.flatMap((r) => ks.map((k) => r[of][k]!)));
    const text = prose();
    const [few, many] = [
      [0, 1],
      [5, 6],
    ]; // 1–2 units; 20 and 50
    const p0 = (x: number) => `${Math.round(100 * x)}%`;
    expect(lo(at(few, "loss"))).toBeGreaterThanOrEqual(0.26);
    expect(hi(at(few, "loss"))).toBeLessThanOrEqual(0.34);
    expect([p0(lo(at(few, "trainingAccuracy"))), p0(hi(at(few, "trainingAccuracy")))]).toEqual([
      "84%",
      "90%",
    ]);
    expect(text).toContain("leave the loss between 0.26 and 0.34 and get 84% to 90% of the points right");
    expect([lo(at([2], "trainingAccuracy")), hi(at([2], "trainingAccuracy"))]).toEqual([0.975, 0.985]);
    expect(lo(at(many, "loss"))).toBeGreaterThanOrEqual(0.028);
    expect(hi(at(many, "loss"))).toBeLessThanOrEqual(0.039);
    expect([lo(at(many, "trainingAccuracy")), hi(at(many, "trainingAccuracy"))]).toEqual([0.985, 0.995]);
    expect(text).toContain("to between 0.028 and 0.039 with 20 or 50 (98.5% to 99.5%)");
    // on its points: our 21 runs against the range of its three, to 4 decimals
    let within = 0;
    let furthest = 0;
    scope.studyOursOnIts.forEach((r) =>
      r.loss.forEach((l, k) => {
        const its = scope.studyTheirs.map((t) => r4(t.loss[k]!));
        const out = Math.max(lo(its) - r4(l), r4(l) - hi(its), 0);
        if (out === 0) within++;
        furthest = Math.max(furthest, out);
      }),
    );
    expect(scope.inItsRange).toBe(within);
    expect(text).toContain(`${within} of our 21 runs end within the range of its three (to four decimals)`);
    expect(furthest).toBeLessThan(0.005);
    // sizes 2 and 4 move with one unit in the last place of the initial weights; 3 does not
    const { oneUlp, ourLibraryFromItsWeights, runs } = originals.moons.study;
    const u = oneUlp.loss;
    expect(u["2"]!.oneUlp).not.toBe(u["2"]!.asIs);
    expect(u["4"]!.oneUlp).not.toBe(u["4"]!.asIs);
    expect(u["3"]!.oneUlp).toBe(u["3"]!.asIs);
    expect(text).toContain(`its 2-unit network ends at ${u["2"]!.oneUlp} instead of ${u["2"]!.asIs}`);
    expect(text).toContain(
      `4-unit one at ${u["4"]!.oneUlp} instead of ${u["4"]!.asIs}, while 3 units still end at ${u["3"]!.asIs}`,
    );
    const units = (k: number): number => reproduce.moonsStudy.hiddenSizes[k]!;
    const sameAsIts = ourLibraryFromItsWeights.runs.flatMap((r, j) =>
      r.loss.flatMap((l, k) => (l.toFixed(6) === runs[j]!.loss[k]!.toFixed(6) ? [units(k)] : [])),
    );
    expect(sameAsIts).toHaveLength(15);
    expect(sameAsIts.filter((h) => [3, 5, 20, 50].includes(h))).toHaveLength(12);
    expect(sameAsIts.filter((h) => h === 1)).toHaveLength(2);
    expect(sameAsIts.filter((h) => h === 2)).toHaveLength(1);
    expect(text).toContain("ends where its code ends, to all six digits, in 15 of the 21 runs");
    // on our points: lower with 3 units, a little higher with 50
    const size = (runs: StudyRun[], k: number) => runs.map((r) => r.loss[k]!);
    expect(hi(size(scope.studyOurs, 2))).toBeLessThan(lo(size(scope.studyTheirs, 2)));
    expect(lo(size(scope.studyOurs, 6))).toBeGreaterThan(hi(size(scope.studyTheirs, 6)));
    const f4 = (xs: number[]) => `${lo(xs).toFixed(4)} to ${hi(xs).toFixed(4)}`;
    expect(text).toContain(
      `a little higher with 50 (${f4(size(scope.studyOurs, 6))} against ${f4(size(scope.studyTheirs, 6))})`,
    );
  });

  it("names each MNIST original by repository and notebook, quotes what it published, and calls none of them untraceable", () => {
    const text = prose();
    for (const name of [
      "github.com/MarkoMile/mlp-from-scratch",
      "`MLP_stochastic_grad_descent.ipynb`",
      "`MLP_minibatch_grad_descent.ipynb`",
      "github.com/tot-alin/Multi-Layer-Perceptron-with-NumPy",
      "`mpl.ipynb`",
      "**784-64-32-16-10**",
      "around **92%**",
      "around **90%**",
      "**92.46%**",
    ]) {
      expect(text).toContain(name);
    }
    const mnist = text.slice(
      text.indexOf("## MNIST: live on a subset"),
      text.indexOf("## Every run, side by side"),
    );
    expect(mnist).not.toMatch(/not traced|could not (be )?trace|could not find|not found/);
    for (const start of ["1×16 per image", "1×16 in batches of 16", "Four sigmoid layers", "Nielsen"]) {
      expect(row(start)).not.toMatch(/not traced|not found/);
    }
  });

  it("each MNIST section quotes its original's code here and our full runs as mean and range over the seeds", () => {
    const text = prose();
    const f = figures();
    for (const id of ["oneBy16", "oneBy16Batch", "deep"] as const) {
      expect(text, id).toContain(`${f[id].theirs} for its code here`);
      expect(text, id).toContain(`${f[id].ours} for our full runs`);
    }
    expect(text).toContain(`for his code here, best ${f.nielsen.theirs}, last ${f.nielsen.theirsLast}`);
    expect(text).toContain(`for our full runs, best ${f.nielsen.ours}, last ${f.nielsen.oursLast}`);
  });

  it("from its code's own initial weights (seed 1) our library repeats its code's run, as the prose says", () => {
    const one = originals.oneBy16.ourLibraryOnItsWeights;
    const deep = originals.deep.ourLibraryOnItsWeights;
    expect([one.seed, deep.seed]).toEqual([1, 1]);
    expect(scope.oneBy16OnItsWeights.ours).toEqual({ loss: one.loss, testAccuracy: last(one.testAccuracy) });
    expect(scope.deepOnItsWeights.ours).toEqual({
      accuracy: deep.testAccuracy,
      loss: deep.loss.map((l) => Number(l.toFixed(6))),
    });
    expect(scope.deepOnItsWeights.its.loss).toEqual(originals.deep.runs[0]!.lossTrain);
    // per image: the same loss per epoch to 1e-12 and the same test accuracy
    const its = originals.oneBy16.runs[0]!;
    one.loss.forEach((l, e) => expect(Math.abs(l - its.epochCost[e]! / scope.K)).toBeLessThan(1e-6));
    expect(last(one.testAccuracy)).toBe(its.testAccuracy);
    const text = prose();
    const same = deep.testAccuracy.filter((a, e) => a === originals.deep.runs[0]!.accuracyVal[e]).length;
    expect(text).toContain(`prints the same test accuracy as its code after ${same} of the 30 epochs`);
  });

  it("Nielsen: his own network.py, run here with three seeds, spans what the prose says", () => {
    const { runs } = originals.nielsen;
    expect(runs.map((r) => r.seed)).toEqual([1, 2, 3]);
    for (const r of runs) expect(r.correct).toHaveLength(30);
    const nTest = 10000;
    const bests = runs.map((r) => Math.max(...r.correct) / nTest);
    const lasts = runs.map((r) => last(r.correct) / nTest);
    const text = prose();
    expect(text).toContain(
      `best epoch reaches ${bests.map(pct).slice(0, 2).join(", ")} and ${pct(bests[2]!)}`,
    );
    expect(text).toContain(`its last ${lasts.map(pct).slice(0, 2).join(", ")} and ${pct(lasts[2]!)}`);
  });
});
