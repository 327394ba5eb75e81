// Chapter 7 (content/07-gradient-check.mdx): the claims its prose makes, read from its cells' scope and output.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { GradCheckResult, MLP } from "../../src/mlp/index.ts";
import { expectGolden, runChapter, type ChapterRun } from "./run-chapter.ts";

let run: ChapterRun;
beforeAll(async () => {
  run = await runChapter("07-gradient-check");
});

interface Row {
  layer: number;
  param: "W" | "b";
  i: number;
  j: number;
  backprop: number;
  numeric: number;
  relError: number;
}

const worst = (rows: Row[]): Row => rows.reduce((a, r) => (r.relError > a.relError ? r : a));

describe("07-gradient-check: one derivative, measured", () => {
  it("the central difference for W1 (0, 1) agrees with backprop to about ten digits", async () => {
    const { net, X, Y, numericGradient } = (await run.read("net", "X", "Y", "numericGradient")) as {
      net: MLP;
      X: never;
      Y: never;
      numericGradient: (...args: unknown[]) => number;
    };
    const exact = net.backward(X, Y).dW[0]!.get(0, 1);
    const numeric = numericGradient(net, X, Y, 1, "W", 0, 1);
    expect(Math.abs(exact - numeric) / Math.abs(exact)).toBeLessThan(1e-8);
    expect(net.backward(X, Y).dW[0]!.get(0, 1)).toBe(exact); // the network is left as it was
  });

  it("forward differences err like h, central like h², and central's best (near h = 1e-5) is below anything forward reaches", async () => {
    const { byStep } = (await run.read("byStep")) as {
      byStep: { h: number; method: string; error: number }[];
    };
    const errors = (method: string) => byStep.filter((r) => r.method === method);
    const at = (method: string, h: number) =>
      errors(method).find((r) => Math.abs(Math.log10(r.h) - Math.log10(h)) < 1e-9)!.error;
    const forwardSlope = Math.log10(at("forward", 1e-1) / at("forward", 1e-3)) / 2;
    const centralSlope = Math.log10(at("central", 1e-1) / at("central", 1e-3)) / 2;
    expect(forwardSlope).toBeGreaterThan(0.8);
    expect(forwardSlope).toBeLessThan(1.2);
    expect(centralSlope).toBeGreaterThan(1.8);
    expect(centralSlope).toBeLessThan(2.2);
    const best = (method: string) => errors(method).reduce((a, r) => (r.error < a.error ? r : a));
    expect(best("central").h).toBeGreaterThan(10 ** -5.6);
    expect(best("central").h).toBeLessThan(10 ** -4.4);
    expect(best("central").error).toBeLessThan(1e-10); // "around 1e-11"
    expect(at("forward", 1e-5)).toBeGreaterThan(3e-7); // "off by about 5e-7"
    expect(at("forward", 1e-5)).toBeLessThan(7e-7);
    expect(best("forward").error).toBeGreaterThan(best("central").error);
    // rounding takes over for both: the smallest step is far worse than each one's best
    expect(at("central", 1e-12)).toBeGreaterThan(1000 * best("central").error);
  });
});

describe("07-gradient-check: every parameter", () => {
  it("the library's gradients pass everywhere, and gradCheck reports the same worst entry", async () => {
    const { libraryRows, libraryCheck } = (await run.read("libraryRows", "libraryCheck")) as {
      libraryRows: Row[];
      libraryCheck: GradCheckResult;
    };
    expect(libraryRows).toHaveLength(3 * 5 + 5 + 5 * 4 + 4 + 4 * 3 + 3);
    const w = worst(libraryRows);
    expect(w.relError).toBeLessThan(1e-7);
    expect(libraryCheck.maxRelError).toBeLessThan(1e-7);
    expect(libraryCheck.checked).toBe(libraryRows.length);
    expect(libraryCheck.where).toEqual({ layer: w.layer - 1, param: w.param, i: w.i, j: w.j });
  });
});

describe("07-gradient-check: what a bug looks like", () => {
  it("the correct backward passes (< 1e-7) and both bugs fail (> 1e-3)", async () => {
    const { checks } = (await run.read("checks")) as { checks: { name: string; rows: Row[] }[] };
    const byName = Object.fromEntries(checks.map((c) => [c.name, c.rows]));
    expect(worst(byName.correct!).relError).toBeLessThan(1e-7);
    expect(worst(byName["forgot f'(S)"]!).relError).toBeGreaterThan(1e-3);
    expect(worst(byName["forgot 1/m"]!).relError).toBeGreaterThan(1e-3);
  });

  it("every verdict in the cells passes under 1e-7 and fails the rest, the one line the prose draws", () => {
    const code = run.cells.map((c) => c.code).join("\n");
    const thresholds = [...code.matchAll(/[rR]elError < ([\d.e-]+) \?/g)].map((m) => m[1]);
    expect(thresholds.length).toBeGreaterThanOrEqual(3); // the bug table, the library's check, your network
    expect(new Set(thresholds)).toEqual(new Set(["1e-7"]));
    const prose = readFileSync(join(import.meta.dirname, "../../content/07-gradient-check.mdx"), "utf8");
    expect(prose).toContain("pass a gradient under\n$10^{-7}$ and fail any other");
  });

  it("forgetting f'(S) leaves the output layer right and breaks every layer below", async () => {
    const { checks } = (await run.read("checks")) as { checks: { name: string; rows: Row[] }[] };
    const rows = checks.find((c) => c.name === "forgot f'(S)")!.rows;
    for (const layer of [1, 2])
      expect(worst(rows.filter((r) => r.layer === layer)).relError).toBeGreaterThan(1e-3);
    expect(worst(rows.filter((r) => r.layer === 3)).relError).toBeLessThan(1e-7);
  });

  it("forgetting 1/m gives every parameter the relative error 1 − 1/m = 0.8", async () => {
    const { checks, X } = (await run.read("checks", "X")) as {
      checks: { name: string; rows: Row[] }[];
      X: { rows: number };
    };
    expect(X.rows).toBe(5);
    for (const r of checks.find((c) => c.name === "forgot 1/m")!.rows) expect(r.relError).toBeCloseTo(0.8, 6);
  });
});

describe("07-gradient-check: the reader's own network", () => {
  it("the default network passes and the message says where the worst entry is", () => {
    const text = run.text(run.cellWith("const mySizes"));
    expect(text).toMatch(
      /^PASS: largest relative error \d\.\d\de-\d+ \(threshold 1e-7\)\nat [Wb] of layer \d, entry \(\d+, \d+\): backprop -?[\d.e-]+, numeric -?[\d.e-]+\n/,
    );
    expect(text).toContain("\n83 parameters checked, 0 skipped at ReLU kinks\n");
  });

  it("handBackward with forgetSlope fails on it, below the output layer", async () => {
    const { myWorst } = (await run.read("myWorst")) as { myWorst: Row };
    expect(myWorst.relError).toBeGreaterThan(1e-3);
    expect(myWorst.layer).toBeLessThan(3);
    expect(run.text(run.cellWith("const buggy"))).toMatch(
      /^FAIL: largest relative error \d\.\d\de[+-]\d+ at [Wb] of layer [12], entry/,
    );
  });
});

describe("07-gradient-check: charts", () => {
  it("error against step, relative error by parameter and the reader's check match their goldens", () => {
    const named: [string, string][] = [
      ["const byStep", "07-gradient-check-step"],
      ["function errorChart", "07-gradient-check-bugs"],
      ["const myChecks", "07-gradient-check-yours"],
    ];
    for (const [fragment, golden] of named) {
      const charts = run.charts.filter((c) => c.cell === run.cellWith(fragment));
      expect(charts).toHaveLength(1);
      expectGolden(charts[0]!.markup, golden);
    }
  });
});
