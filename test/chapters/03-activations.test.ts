// Chapter 3 (content/03-activations.mdx): the claims its prose makes, read from its cells' scope and output.
import { beforeAll, describe, expect, it } from "vitest";
import type { Matrix } from "../../src/mlp/index.ts";
import { expectGolden, runChapter, type ChapterRun } from "./run-chapter.ts";

let run: ChapterRun;
let v: Record<string, unknown>;
beforeAll(async () => {
  run = await runChapter("03-activations");
  v = await run.read(
    "collapseGap",
    "s",
    "N",
    "sigmoidSlopeMax",
    "tanhSlopeMax",
    "tanhVsSigmoid",
    "reluCurve",
  );
  Object.assign(v, await run.read("S", "P", "rowSums", "shiftGap", "expBig", "naive", "stable", "small"));
  Object.assign(
    v,
    await run.read("J", "columnSums", "softmaxDfMessage", "twoClassGap", "fdErrors", "reluAtKink"),
  );
  Object.assign(v, await run.read("sigmoidCurve", "sigmoidSlopeAt5", "softmaxCurve", "twoClassSlopeGap"));
});

const num = (name: string): number => v[name] as number;
const M = (name: string): Matrix => v[name] as Matrix;

describe("03-activations: why there must be an f", () => {
  it("two linear layers equal one layer, to rounding", () => {
    expect(num("collapseGap")).toBeLessThan(1e-12);
  });
});

describe("03-activations: sigmoid, tanh, ReLU on s = −6 … 6", () => {
  it("the grid is one row of 241 sums from −6 to 6, with s = 0 in it", () => {
    expect(M("s").shape).toEqual([1, 241]);
    expect([M("s").data[0], M("s").data[120], M("s").data[240]]).toEqual([-6, 0, 6]);
  });

  it("σ' is at most 1/4, tanh' reaches 1, and tanh(s) = 2σ(2s) − 1", () => {
    expect(num("sigmoidSlopeMax")).toBe(0.25);
    // the prose quotes σ'(5) = 0.0066, read at the grid's s = 5
    expect(M("s").data[220]).toBe(5);
    expect(num("sigmoidSlopeAt5").toFixed(4)).toBe("0.0066");
    expect(run.text(run.cellWith("const sigmoidSlopeAt5"))).toContain("σ'(5) = 0.0066");
    expect(num("tanhSlopeMax")).toBe(1);
    expect(num("tanhVsSigmoid")).toBeLessThan(1e-15);
  });

  it("ReLU's derivative is 0 for s ≤ 0 (the kink included) and 1 for s > 0", () => {
    const { fPrime } = v.reluCurve as { fPrime: Matrix };
    M("s").data.forEach((s, q) => expect(fPrime.data[q]).toBe(s > 0 ? 1 : 0));
  });
});

describe("03-activations: softmax", () => {
  it("every row of P is positive and sums to 1", () => {
    expect(M("P").shape).toEqual([3, 4]);
    expect(Array.from(M("P").data).every((p) => p > 0)).toBe(true);
    for (const sum of v.rowSums as number[]) expect(Math.abs(sum - 1)).toBeLessThan(1e-15);
  });

  it("adding a constant to a row changes nothing, to rounding", () => {
    expect(num("shiftGap")).toBeLessThan(1e-14);
  });

  it("computed as written, sums of 1000 overflow to ∞ and give NaN; softmax.f gives softmax(0, 1, 2)", () => {
    expect(v.expBig).toEqual([Infinity, Infinity, Infinity]);
    // the prose puts the overflow between 709.78 and 709.79
    expect(run.text(run.cellWith("const expBig"))).toContain(
      "e^709.78, e^709.79: 1.7928227943945155e+308 Infinity",
    );
    expect((v.naive as number[]).every(Number.isNaN)).toBe(true);
    expect(Array.from(M("stable").data)).toEqual(Array.from(M("small").data));
    expect(Array.from(M("stable").data).every(Number.isFinite)).toBe(true);
  });

  it("the Jacobian is (K×K), symmetric, and its columns sum to 0", () => {
    const J = M("J");
    expect(J.shape).toEqual([4, 4]);
    for (let k = 0; k < 4; k++) for (let j = 0; j < 4; j++) expect(J.get(k, j)).toBe(J.get(j, k));
    for (const sum of v.columnSums as number[]) expect(Math.abs(sum)).toBeLessThan(1e-15);
  });

  it("softmax.df explains why there is no element-wise derivative", () => {
    expect(v.softmaxDfMessage).toBe(
      "softmax: its derivative is a Jacobian, not element-wise; pair softmax with crossEntropy, whose delta is (P − Y)/m",
    );
  });

  it("with two classes, softmax(s, 0)₀ is σ(s) and J_00 is σ'(s)", () => {
    expect(num("twoClassGap")).toBeLessThan(1e-15);
    expect(num("twoClassSlopeGap")).toBeLessThan(1e-15);
    const { fPrime } = v.softmaxCurve as { fPrime: Matrix };
    const sigmoid = v.sigmoidCurve as { fPrime: Matrix };
    expect(fPrime.shape).toEqual([1, 241]);
    expect(Math.max(...fPrime.data)).toBeCloseTo(Math.max(...sigmoid.fPrime.data), 15);
  });
});

describe("03-activations: every derivative against central differences", () => {
  it("sigmoid, tanh, ReLU (off the kink) and the softmax Jacobian agree to better than 1e-7", () => {
    const fdErrors = v.fdErrors as Record<string, number>;
    expect(Object.keys(fdErrors).sort()).toEqual(["relu", "sigmoid", "softmax", "tanh"]);
    for (const error of Object.values(fdErrors)) expect(error).toBeLessThan(1e-7);
  });

  it("at ReLU's kink the two-sided difference is 0.5, the library's f' is 0", () => {
    expect(num("reluAtKink")).toBe(0.5);
    expect(run.text(run.cellWith("const reluAtKink"))).toContain(
      "the finite difference gives 0.5\n  the library's f' gives 0",
    );
  });
});

describe("03-activations: the chart", () => {
  const panels = () => run.charts.filter((c) => c.cell === run.cellWith('const panels = ["sigmoid"'));
  it("has one panel per function and labelled axes", () => {
    expect(panels()).toHaveLength(1);
    const { markup } = panels()[0]!;
    for (const label of [
      "sigmoid",
      "tanh",
      "ReLU",
      "softmax (s, 0)₀",
      "s (the weighted sum)",
      "f(s) and f′(s)",
    ]) {
      expect(markup).toContain(label);
    }
  });

  it("matches its golden SVG", () => {
    expectGolden(panels()[0]!.markup, "03-activations-curves");
  });
});

describe("03-activations: which f? (the knob)", () => {
  /** The fit's loss and how far its outputs are from a straight line, with hidden activation option k. */
  async function fitWith(k: number | null) {
    const knob = run.cellWith("const f = select([identity, sigmoid, tanh, relu]");
    run.setKnob(knob, 0, k);
    await run.runAgain(knob);
    await run.runAgain(run.cellWith("const fitted = new MLP"));
    const { fitLoss, fit, f } = (await run.read("fitLoss", "fit", "f")) as {
      fitLoss: number;
      fit: { data: Float64Array };
      f: { name: string };
    };
    // second differences of a straight line sampled at even steps are 0
    const bend = Math.max(
      ...Array.from(fit.data.slice(2), (v, i) => Math.abs(v - 2 * fit.data[i + 1]! + fit.data[i]!)),
    );
    return { name: f.name, fitLoss, bend };
  }

  it("with identity the fit stays a straight line; tanh (the page's value) bends it onto sin(3x)", async () => {
    const identity = await fitWith(0);
    expect(identity.name).toBe("identity");
    expect(identity.bend).toBeLessThan(1e-9);
    expect(identity.fitLoss).toBeGreaterThan(0.1);
    const tanh = await fitWith(null);
    expect(tanh.name).toBe("tanh");
    expect(tanh.fitLoss).toBeLessThan(0.01);
    expect(tanh.bend).toBeGreaterThan(1e-3);
  });
});
