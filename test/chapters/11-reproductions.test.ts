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
  seedAccuracies: { seed: number; trainingAccuracy: number }[];
  mlpClass: unknown;
  classLosses: number[];
  classAccuracy: number;
  moons: unknown;
  moonCurve: { pass: number; loss: number }[];
  moonsFinal: number;
  moonsPenultimate: number;
  moonsAccuracy: number;
  oneBy16: unknown;
  rows16: EpochRow[];
  curve16: { thousands: number; loss: number }[];
  deep: unknown;
  rowsDeep: EpochRow[];
  deepGradients: { layer: number; meanAbsDelta: number; meanAbsdW: number }[];
  nielsen: unknown;
  rowsNielsen: EpochRow[];
  fullRuns: Record<FullRunId, { loss: number[]; testAccuracy: number[] }>;
  zeroRun: {
    cost: number[];
    trainingAccuracy: number;
    onOurPoints: { trainingAccuracy: number; cost: number };
    ourRecipeOnItsPoints: { trainingAccuracy: number };
  };
  wildmlRun: {
    theirs: number[];
    oursOnItsPoints: number[];
    afterLastPass: { theirs: number; oursOnItsPoints: number };
  };
  sameLines: number;
  nielsenRuns: { seed: number; correct: number[] }[];
}

/** src/tools/originals.json: what each original's own code printed on this machine, with its provenance. */
interface Traced {
  status: "run";
  tutorial: string;
  code: string;
  command: string;
}
interface NotTraced {
  status: "not found";
  tutorial: string;
  searched: string[];
}
interface Originals {
  dense: Traced & {
    printed: { cost: number[]; trainingAccuracy: number };
    onOurPoints: { trainingAccuracy: number; cost: number };
    ourRecipeOnItsPoints: { trainingAccuracy: number };
  };
  moons: Traced & {
    published: { loss: number[] };
    printed: { loss: number[]; afterLastPass: number };
    ourLibraryOnItsPoints: { loss: number[]; afterLastPass: number };
  };
  nielsen: Traced & { published: { bestTestAccuracy: number }; runs: { seed: number; correct: number[] }[] };
  mlpClass: NotTraced;
  deep: NotTraced;
  oneBy16: NotTraced;
}

type FullRunId = "oneBy16" | "oneBy16Sum" | "deep" | "nielsen";

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
  "seedAccuracies",
  "mlpClass",
  "classLosses",
  "classAccuracy",
  "moons",
  "moonCurve",
  "moonsFinal",
  "moonsPenultimate",
  "moonsAccuracy",
  "oneBy16",
  "rows16",
  "curve16",
  "deep",
  "rowsDeep",
  "deepGradients",
  "nielsen",
  "rowsNielsen",
  "fullRuns",
  "zeroRun",
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

/** The one line of the summary table that starts with `start`. */
function row(start: string): string {
  const rows = readFileSync(join(root, chapter), "utf8")
    .split("\n")
    .filter((line) => line.startsWith(`| ${start}`));
  expect(rows, start).toHaveLength(1);
  return rows[0]!;
}

const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;

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
}, 300_000);

describe("chapter 11: reproductions", () => {
  it("runs every cell, and reports how long they took", () => {
    expect(runs.every((r) => r === null || r.ok)).toBe(true);
    console.info(`${chapter}: ${cells.length} cells in ${seconds.toFixed(1)} s`);
  });

  it("uses the settings of src/tools/reproduce.ts, whose full runs it quotes", () => {
    expect(scope.dense).toEqual(reproduce.dense);
    expect(scope.mlpClass).toEqual(reproduce.mlpClass);
    expect(scope.moons).toEqual(reproduce.moons);
    expect(scope.oneBy16).toEqual(reproduce.oneBy16);
    expect(scope.deep).toEqual(reproduce.deep);
    expect(scope.nielsen).toEqual(reproduce.nielsen);
  });

  it("the tutorial's ½Σ gradient is K/2 times ours, entry by entry", () => {
    expect(scope.K).toBe(10);
    expect(scope.ratios).toHaveLength(5 * 10);
    for (const r of scope.ratios) expect(r).toBeCloseTo(scope.K / 2, 9);
  });

  it("η_ours = η·K/2: 0.05 for the 1×16 network, 15 for Nielsen's", () => {
    const { oneBy16, nielsen } = reproduce;
    expect(oneBy16.eta).toBeCloseTo((oneBy16.etaTheirs * scope.K) / 2, 12);
    expect(nielsen.eta).toBeCloseTo((nielsen.etaTheirs * scope.K) / 2, 12);
    expect(reproduce.moons.epsilon * reproduce.moons.data.n).toBeCloseTo(2, 12);
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

  it("on two of six other draws, one layer gets one or two of the ten points wrong", () => {
    expect(scope.seedAccuracies.find((s) => s.seed === 0)?.trainingAccuracy).toBe(1);
    const short = scope.seedAccuracies.filter((s) => s.trainingAccuracy < 1);
    expect(short).toHaveLength(2);
    for (const s of short) expect(s.trainingAccuracy).toBeGreaterThanOrEqual(0.8);
  });

  it("the MLP class prints its loss every 100 epochs, falling, and classifies the blobs", () => {
    const printed = textOf(runOf("printEvery: 100")).trim().split("\n");
    expect(printed).toHaveLength(10);
    expect(printed[0]).toMatch(/^epoch 100: loss \d\.\d{4}$/);
    expect(last(printed)).toMatch(/^epoch 1000: loss /);
    expect(last(scope.classLosses)).toBeLessThan(scope.classLosses[0]!);
    expect(scope.classAccuracy).toBeGreaterThanOrEqual(0.99);
  });

  it("the moons loss falls, settles within 0.01 of the published 0.071316, and fits ≥ 97% of the points", () => {
    const printed = textOf(runOf("Loss after iteration")).trim().split("\n");
    expect(printed).toHaveLength(20);
    expect(printed[0]).toMatch(/^Loss after iteration 0: \d\.\d{6}$/);
    expect(scope.moonCurve[0]!.loss).toBeGreaterThan(scope.moonsFinal);
    expect(Math.abs(scope.moonsFinal - 0.071316)).toBeLessThan(0.01);
    expect(scope.moonsAccuracy).toBeGreaterThanOrEqual(0.97);
    expectGolden("11-moons-boundary.svg", chartOf(runOf("Plot.contour")));
  });

  it("1×16 live: one epoch on the subset, loss falling, still near chance", () => {
    expect(scope.rows16).toHaveLength(1);
    expect(scope.curve16.length).toBeGreaterThanOrEqual(10);
    expect(last(scope.curve16).loss).toBeLessThan(scope.curve16[0]!.loss);
    expect(last(scope.rows16).testAccuracy).toBeLessThan(0.2); // "barely above chance"
    expect(textOf(runOf("digits16")).trim().split("\n").at(-1)).toMatch(/test images: \d$/); // one digit
  });

  it("four sigmoid layers live: the loss falls, but the subset's 100 steps leave it at chance", () => {
    expect(scope.rowsDeep).toHaveLength(2);
    expect(last(scope.rowsDeep).loss).toBeLessThan(scope.rowsDeep[0]!.loss);
    expect(last(scope.rowsDeep).testAccuracy).toBeLessThan(0.2);
  });

  it("four sigmoid layers: δ shrinks at every layer down, hundreds of times by the first", () => {
    const d = scope.deepGradients.map((g) => g.meanAbsDelta);
    expect(d).toHaveLength(5);
    for (let l = 1; l < d.length; l++) expect(d[l - 1]!).toBeLessThan(d[l]!);
    expect(d[4]! / d[0]!).toBeGreaterThan(100);
  });

  it("Nielsen live: 5 epochs on the subset reach about 80% test accuracy, printed his way", () => {
    expect(scope.rowsNielsen).toHaveLength(5);
    expect(last(scope.rowsNielsen).loss).toBeLessThan(scope.rowsNielsen[0]!.loss);
    expect(last(scope.rowsNielsen).testAccuracy).toBeGreaterThanOrEqual(0.75); // "about 80%"
    expect(last(scope.rowsNielsen).testAccuracy).toBeLessThanOrEqual(0.85);
    const printed = textOf(runOf("Epoch ${epoch - 1}")).trim().split("\n");
    expect(printed).toHaveLength(5);
    expect(printed[0]).toMatch(/^Epoch 0: \d+ \/ 1000$/);
  });

  it("quotes the full runs exactly as src/tools/reproduce-results.json recorded them", () => {
    const recorded = JSON.parse(
      readFileSync(join(root, "src/tools/reproduce-results.json"), "utf8"),
    ) as Recorded;
    const byId = new Map(recorded.results.map((r) => [r.id, r]));
    for (const id of ["oneBy16", "oneBy16Sum", "deep", "nielsen"] as const) {
      const run = byId.get(id)!;
      expect(scope.fullRuns[id].testAccuracy).toEqual(run.testAccuracy);
      expect(scope.fullRuns[id].loss).toEqual(run.loss.map((l) => Number(l.toFixed(5))));
    }
    expectGolden("11-full-1x16-loss.svg", chartOf(runOf("fullRuns.oneBy16Sum.loss")));
    expectGolden("11-full-deep-accuracy.svg", chartOf(runOf("fullRuns.deep.testAccuracy")));
    expectGolden("11-full-nielsen-accuracy.svg", chartOf(runOf("fullRuns.nielsen.testAccuracy")));
  });

  it("the summary table's figures are the ones the cells and the full runs produced", () => {
    const full = scope.fullRuns;
    const peak = (xs: number[]): number => Math.max(...xs);
    expect(row("Dense layer")).toContain(pct(scope.denseAccuracy));
    expect(row("MLP class")).toContain(pct(scope.classAccuracy));
    expect(row("Moons")).toContain(scope.moonsFinal.toFixed(6));
    expect(row("Moons")).toContain("0.071316");
    expect(row("1×16")).toContain(pct(last(full.oneBy16.testAccuracy)));
    expect(row("1×16")).toContain(pct(last(full.oneBy16Sum.testAccuracy)));
    expect(row("Four sigmoid")).toContain(pct(last(full.deep.testAccuracy)));
    expect(row("Nielsen")).toContain(pct(peak(full.nielsen.testAccuracy)));
    expect(row("Nielsen")).toContain(pct(last(full.nielsen.testAccuracy)));
    expect(row("Nielsen")).toContain("95.42%");
  });

  it("quotes what the originals' own code printed exactly as src/tools/originals.json recorded it", () => {
    const { dense, moons, nielsen } = originals;
    for (const o of [dense, moons, nielsen]) {
      expect(o.status).toBe("run");
      expect(o.command.length).toBeGreaterThan(0);
    }
    expect(scope.zeroRun).toEqual({
      cost: dense.printed.cost,
      trainingAccuracy: dense.printed.trainingAccuracy,
      onOurPoints: { trainingAccuracy: dense.onOurPoints.trainingAccuracy, cost: dense.onOurPoints.cost },
      ourRecipeOnItsPoints: { trainingAccuracy: dense.ourRecipeOnItsPoints.trainingAccuracy },
    });
    expect(scope.wildmlRun).toEqual({
      theirs: moons.printed.loss,
      oursOnItsPoints: moons.ourLibraryOnItsPoints.loss,
      afterLastPass: {
        theirs: moons.printed.afterLastPass,
        oursOnItsPoints: moons.ourLibraryOnItsPoints.afterLastPass,
      },
    });
    expect(scope.nielsenRuns).toEqual(nielsen.runs);
    expect(last(moons.published.loss)).toBe(reproduce.moons.published.loss);
    expect(nielsen.published.bestTestAccuracy).toBe(reproduce.nielsen.published.testAccuracy);
  });

  it("dense layer: its original code fits all ten of its points, as ours fits ours, and each fits the other's", () => {
    const { printed, onOurPoints, ourRecipeOnItsPoints } = originals.dense;
    expect(printed.trainingAccuracy).toBe(1);
    expect(scope.denseAccuracy).toBe(printed.trainingAccuracy);
    expect(onOurPoints.trainingAccuracy).toBe(1);
    expect(ourRecipeOnItsPoints.trainingAccuracy).toBe(1);
    expect(printed.cost).toHaveLength(11); // epochs 0, 100, …, 1000
    for (let i = 1; i < printed.cost.length; i++) expect(printed.cost[i]!).toBeLessThan(printed.cost[i - 1]!);
    const text = prose();
    const [first, final] = [printed.cost[0]!.toFixed(2), last(printed.cost).toPrecision(3)];
    expect(text).toContain(`its cost falls from ${first} to ${final}`);
    expect(text).toContain(`(final cost ${onOurPoints.cost.toFixed(3)})`);
    expect(row("Dense layer")).toContain(`${Math.round(10 * printed.trainingAccuracy)}/10 by its code here`);
    expect(row("Dense layer")).toContain(final);
  });

  it("moons: its code prints the published lines but one, and our library on its points prints 19 of its 20", () => {
    const { published, printed, ourLibraryOnItsPoints: onIts } = originals.moons;
    expect(printed.loss).toHaveLength(20);
    expect(differing(printed.loss, published.loss)).toEqual([2]); // pass 2 000 only
    expect(differing(onIts.loss, printed.loss)).toEqual([2]);
    expect(scope.sameLines).toBe(19);
    expect(onIts.afterLastPass.toFixed(6)).toBe(printed.afterLastPass.toFixed(6));
    // The two-step cycle: the printed passes show the higher value, the last pass the lower, in both runs.
    expect(last(printed.loss)).toBeGreaterThan(printed.afterLastPass);
    expect(scope.moonsPenultimate).toBeGreaterThan(scope.moonsFinal);
    expect(Math.abs(scope.moonsFinal - last(printed.loss))).toBeLessThan(0.01);
    const text = prose();
    expect(text).toContain(`prints ${scope.sameLines} of the tutorial's ${printed.loss.length} lines`);
    const at2000 = [published.loss[2]!, printed.loss[2]!, onIts.loss[2]!].map((l) => l.toFixed(6));
    expect(text).toContain(`(published ${at2000[0]}, its code here ${at2000[1]}, ours ${at2000[2]})`);
    const cycle = [last(printed.loss), printed.afterLastPass, scope.moonsPenultimate, scope.moonsFinal];
    const [a, b, c, d] = cycle.map((l) => l.toFixed(6));
    expect(text).toContain(`${a} and ${b} for the tutorial's run, ${c} and ${d} for ours`);
    expect(row("Moons")).toContain(`${a} by its code here (${b} after the last pass)`);
  });

  it("the tutorials we could not trace to code say so, with what was searched, in their sections and the table", () => {
    for (const id of ["mlpClass", "deep", "oneBy16"] as const) {
      expect(originals[id].status).toBe("not found");
      expect(originals[id].searched.length).toBeGreaterThanOrEqual(2);
    }
    const text = prose();
    expect(text).toContain("We could not trace this tutorial to its code or to a figure it printed");
    expect(text).toContain("We could not trace it to its code either");
    expect(text).toContain("we could not find the code itself");
    expect(row("MLP class")).toContain("not traced");
    expect(row("Four sigmoid")).toContain("not traced");
    expect(row("1×16")).toContain("code not found");
  });

  it("Nielsen: his own network.py, run here with three seeds, spans what the prose says, and ours sits at its top", () => {
    const { runs, published } = originals.nielsen;
    expect(runs.map((r) => r.seed)).toEqual([1, 2, 3]);
    for (const r of runs) expect(r.correct).toHaveLength(30);
    const nTest = 10000;
    const bests = runs.map((r) => Math.max(...r.correct) / nTest);
    const lasts = runs.map((r) => last(r.correct) / nTest);
    const span = [
      Math.min(...bests, published.bestTestAccuracy),
      Math.max(...bests, published.bestTestAccuracy),
    ];
    const ours = scope.fullRuns.nielsen.testAccuracy;
    const [oursBest, oursLast] = [Math.max(...ours), last(ours)];
    // "sits at the top of that span, 0.01 points above it, and its last epoch just above those of his three runs"
    expect(oursBest).toBeGreaterThanOrEqual(span[1]!);
    expect(oursBest - span[1]!).toBeCloseTo(0.0001, 10);
    for (const l of lasts) expect(oursLast).toBeGreaterThan(l);
    expect(oursLast - Math.max(...lasts)).toBeLessThan(0.001);
    const text = prose();
    expect(text).toContain(
      `best epoch reaches ${bests.map(pct).slice(0, 2).join(", ")} and ${pct(bests[2]!)}`,
    );
    expect(text).toContain(`its last ${lasts.map(pct).slice(0, 2).join(", ")} and ${pct(lasts[2]!)}`);
    expect(text).toContain(
      `spans ${pct(span[0]!)} to ${pct(span[1]!)}: the seed alone moves it by ${(100 * (span[1]! - span[0]!)).toFixed(2)} points`,
    );
    const here = (xs: number[]) => `${pct(Math.min(...xs))}–${pct(Math.max(...xs))}`;
    expect(row("Nielsen")).toContain(`his code here: best ${here(bests)} (last ${here(lasts)}), seeds 1–3`);
    expect(text).toContain(
      `reaches a best epoch between ${pct(Math.min(...bests))} and ${pct(Math.max(...bests))}`,
    );
  });
});
