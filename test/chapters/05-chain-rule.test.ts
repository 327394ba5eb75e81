// Chapter 5 (content/05-chain-rule.mdx): the claims its prose makes, read from its cells' scope and output.
import { beforeAll, describe, expect, it } from "vitest";
import { MLP, Matrix, sigmoid } from "../../src/mlp/index.ts";
import { expectGolden, runChapter, type ChapterRun } from "./run-chapter.ts";

let run: ChapterRun;
beforeAll(async () => {
  run = await runChapter("05-chain-rule");
});

interface Check {
  byHand: number;
  numeric: number;
  relativeError: number;
}

describe("05-chain-rule: one neuron, one example", () => {
  it("the neuron gets the example wrong: target 1, output about 0.4", async () => {
    const { a, y, L } = (await run.read("a", "y", "L")) as { a: number; y: number; L: number };
    expect(y).toBe(1);
    expect(a).toBeGreaterThan(0.35);
    expect(a).toBeLessThan(0.45);
    expect(L).toBeCloseTo((a - y) ** 2, 15);
  });

  it("a(1 − a) is the library's sigmoid.derivative, and at most 1/4", async () => {
    const { s, a, da_ds } = (await run.read("s", "a", "da_ds")) as Record<string, number>;
    expect(da_ds).toBe(sigmoid.derivative(s!, a!));
    expect(da_ds).toBeLessThanOrEqual(0.25);
  });

  it("∂L/∂w and ∂L/∂b by hand equal what the library's backward gives for the same neuron", async () => {
    const { x, y, w, b, dL_dw, dL_db } = (await run.read("x", "y", "w", "b", "dL_dw", "dL_db")) as Record<
      string,
      number
    >;
    // The same neuron as a [1, 1] network: mse over one entry is (a − y)².
    const neuron = new MLP({
      sizes: [1, 1],
      output: "sigmoid",
      loss: "mse",
      W: [Matrix.from([[w!]])],
      b: [Matrix.from([[b!]])],
    });
    const g = neuron.backward(Matrix.from([[x!]]), Matrix.from([[y!]]));
    expect(dL_dw).toBeCloseTo(g.dW[0]!.get(0, 0), 14);
    expect(dL_db).toBeCloseTo(g.db[0]!.get(0, 0), 14);
    expect(dL_dw).toBeLessThan(0); // "Both are negative"
    expect(dL_db).toBeLessThan(0);
  });
});

describe("05-chain-rule: central differences", () => {
  it("agree with the derivatives by hand to about ten digits", async () => {
    const { check } = (await run.read("check")) as { check: { w: Check; b: Check } };
    for (const c of [check.w, check.b]) {
      expect(c.relativeError).toBeLessThan(1e-9);
      expect(c.relativeError).toBe(
        Math.abs(c.byHand - c.numeric) / Math.max(Math.abs(c.byHand), Math.abs(c.numeric)),
      );
    }
  });

  it("a wrong activation link (a for a(1 − a)) gives a relative error of a ≈ 0.4, not 1e-11", async () => {
    const { a, dL_dwWrong, dL_dw, dL_dwNumeric } = (await run.read(
      "a",
      "dL_dwWrong",
      "dL_dw",
      "dL_dwNumeric",
    )) as Record<string, number>;
    const cell = run.runs[run.cellWith("const dL_dwWrong") - 1]!;
    const value = cell.outputs.find((o) => o.kind === "value");
    const shown = value?.kind === "value" && value.view.type === "text" ? Number(value.view.text) : NaN;
    expect(shown).toBe(Math.abs(dL_dwWrong! - dL_dwNumeric!) / Math.abs(dL_dwWrong!));
    expect(dL_dwWrong! / dL_dw!).toBeCloseTo(1 / (1 - a!), 12); // "too large by the factor 1/(1 − a)"
    expect(shown).toBeCloseTo(a!, 6); // "the error is 1 − (1 − a) = a"
    expect(shown).toBeGreaterThan(0.35);
    expect(shown).toBeLessThan(0.45);
  });

  it("their error falls a hundredfold per tenfold smaller h, bottoms out near 1e-11, then rounding takes over", async () => {
    const { byStep } = (await run.read("byStep")) as { byStep: { h: number; relativeError: number }[] };
    const at = (h: number) => byStep.find((r) => r.h === h)!.relativeError;
    for (const h of [1e-1, 1e-2, 1e-3]) {
      const ratio = at(h) / at(h / 10);
      expect(ratio).toBeGreaterThan(50);
      expect(ratio).toBeLessThan(200);
    }
    const best = byStep.reduce((p, q) => (q.relativeError < p.relativeError ? q : p));
    expect(best.h).toBeGreaterThanOrEqual(1e-6);
    expect(best.h).toBeLessThanOrEqual(1e-5);
    expect(best.relativeError).toBeLessThan(1e-10);
    expect(at(1e-10)).toBeGreaterThan(100 * best.relativeError);
  });
});

describe("05-chain-rule: many examples at once", () => {
  it("Xᵀδ and the column sums of δ equal the library's dW and db", async () => {
    const { differenceW, differenceB, dW, db } = (await run.read(
      "differenceW",
      "differenceB",
      "dW",
      "db",
    )) as {
      differenceW: number;
      differenceB: number;
      dW: Matrix;
      db: Matrix;
    };
    expect(dW.shape).toEqual([2, 1]);
    expect(db.shape).toEqual([1, 1]);
    expect(differenceW).toBeLessThanOrEqual(1e-12);
    expect(differenceB).toBeLessThanOrEqual(1e-12);
  });
});

describe("05-chain-rule: charts", () => {
  it("the error curve with its tangent matches the golden", () => {
    const charts = run.charts.filter((c) => c.cell === run.cellWith("slope ∂L/∂w = "));
    expect(charts).toHaveLength(1);
    expectGolden(charts[0]!.markup, "05-chain-rule-tangent");
  });
});
