// Chapter 4 (content/04-losses.mdx): the claims its prose makes, read from its cells' scope and output.
import { beforeAll, describe, expect, it } from "vitest";
import type { Matrix } from "../../src/mlp/index.ts";
import { expectGolden, runChapter, type ChapterRun } from "./run-chapter.ts";

let run: ChapterRun;
let v: Record<string, unknown>;
beforeAll(async () => {
  run = await runChapter("04-losses");
  v = await run.read("m", "K", "S", "P", "y", "Y", "A", "mseByHand", "nielsenC", "dA", "mseGradError");
  Object.assign(v, await run.read("perExample", "ceByHand", "dP", "ceGradError", "ceGradRelError"));
  Object.assign(v, await run.read("pTrueMin", "predictedError", "chained", "delta", "chainGap"));
  Object.assign(v, await run.read("lossFromS", "deltaFdError", "ceCurve", "mseCurve", "slopes"));
  Object.assign(v, await run.read("pairingMessage"));
});

const num = (name: string): number => v[name] as number;
const M = (name: string): Matrix => v[name] as Matrix;

/** Recomputed here, apart from the library: Σ (a − y)² over every entry. */
function sumOfSquares(A: Matrix, Y: Matrix): number {
  return Array.from(A.data).reduce((sum, a, q) => sum + (a - Y.data[q]!) ** 2, 0);
}

describe("04-losses: the setting", () => {
  it("S, P = softmax(S) and Y = oneHot(y, K) are all (m×K) = (4×3)", () => {
    for (const name of ["S", "P", "Y"]) expect(M(name).shape).toEqual([4, 3]);
    expect([num("m"), num("K")]).toEqual([4, 3]);
  });
});

describe("04-losses: mean squared error", () => {
  it("mse is the mean over all m·K entries, equal to the double sum", () => {
    const mse = sumOfSquares(M("A"), M("Y")) / (num("m") * num("K"));
    expect(Math.abs(num("mseByHand") - mse)).toBeLessThan(1e-15);
    expect(run.text(run.cellWith("const mseByHand"))).toContain(`mse(A, Y)  = ${num("mseByHand")}`);
  });

  it("Nielsen's C = (1/2m) Σ ‖y − a‖² is K/2 times our mse", () => {
    const mse = num("mseByHand");
    expect(Math.abs(num("nielsenC") / mse - num("K") / 2)).toBeLessThan(1e-14);
  });

  it("mseGrad = 2(A − Y)/(mK) and agrees with central differences", () => {
    const c = 2 / (num("m") * num("K"));
    M("dA").data.forEach((g, q) =>
      expect(Math.abs(g - c * (M("A").data[q]! - M("Y").data[q]!))).toBeLessThan(1e-16),
    );
    expect(num("mseGradError")).toBeLessThan(1e-7);
  });
});

describe("04-losses: cross-entropy", () => {
  it("is the mean of −log p of the true class", () => {
    const y = v.y as Int32Array;
    const perExample = Array.from(y, (label, i) => -Math.log(M("P").get(i, label)));
    expect(v.perExample).toEqual(perExample);
    const mean = perExample.reduce((sum, x) => sum + x, 0) / num("m");
    expect(Math.abs(num("ceByHand") - mean)).toBeLessThan(1e-15);
    expect(run.text(run.cellWith("const ceByHand"))).toContain(`their mean         = ${num("ceByHand")}`);
  });

  it("∂L/∂P = −Y ⊘ P / m: zero off the true classes, and it matches central differences to 1e-7 relative", () => {
    M("dP").data.forEach((g, q) => {
      const y = M("Y").data[q]!;
      expect(g).toBe(y === 0 ? 0 : -y / (num("m") * M("P").data[q]!));
      if (y === 0) expect(Object.is(g, -0)).toBe(false);
    });
    expect(num("ceGradRelError")).toBeLessThan(2e-7);
  });

  it("the absolute error is the one (h²/6)·2/(m p³) predicts at the smallest true-class p", () => {
    const y = v.y as Int32Array;
    expect(num("pTrueMin")).toBe(Math.min(...Array.from(y, (label, i) => M("P").get(i, label))));
    // the prose quotes example 3, p = 0.0181, its dP entry −13.8, and a relative error of about 1e-7
    expect(M("P").get(3, y[3]!)).toBe(num("pTrueMin"));
    expect(num("pTrueMin").toFixed(4)).toBe("0.0181");
    expect(M("dP").get(3, y[3]!).toFixed(1)).toBe("-13.8");
    expect(num("ceGradRelError")).toBeGreaterThan(5e-8);
    expect(Math.abs(num("predictedError") - num("ceGradError")) / num("ceGradError")).toBeLessThan(0.05);
  });
});

describe("04-losses: softmax + cross-entropy", () => {
  it("δ = (P − Y)/m equals the chained product dP·J row by row, to 1e-12", () => {
    M("delta").data.forEach((d, q) => expect(d).toBe((M("P").data[q]! - M("Y").data[q]!) / num("m")));
    expect(num("chainGap")).toBeLessThan(1e-12);
    let gap = 0;
    M("delta").data.forEach((d, q) => (gap = Math.max(gap, Math.abs(d - M("chained").data[q]!))));
    expect(gap).toBe(num("chainGap"));
  });

  it("δ matches central differences of softmaxCrossEntropy(S, Y) on S", () => {
    expect(num("deltaFdError")).toBeLessThan(1e-7);
  });

  it("softmaxCrossEntropy(S, Y) is crossEntropy(P, Y), and every δ lies in [−1/m, 1/m]", () => {
    expect(Math.abs(num("lossFromS") - num("ceByHand"))).toBeLessThan(1e-15);
    for (const d of M("delta").data) expect(Math.abs(d)).toBeLessThanOrEqual(1 / num("m"));
  });
});

describe("04-losses: the loss of one example", () => {
  type Point = { p: number; loss: number };

  it("cross-entropy is −log p (4.6 nats at p = 0.01), MSE is (1 − p)² and never exceeds 1", () => {
    const ce = v.ceCurve as Point[];
    const mse = v.mseCurve as Point[];
    expect(ce).toHaveLength(100);
    for (const { p, loss } of ce) expect(Math.abs(loss + Math.log(p))).toBeLessThan(1e-15);
    for (const { p, loss } of mse) expect(Math.abs(loss - (1 - p) ** 2)).toBeLessThan(1e-15);
    expect(ce[0]!.p).toBe(0.01);
    expect(ce[0]!.loss.toFixed(1)).toBe("4.6");
    expect(Math.max(...mse.map((d) => d.loss))).toBeLessThanOrEqual(1);
    expect(ce.at(-1)!.loss).toBe(0);
    expect(mse.at(-1)!.loss).toBe(0);
  });

  it("the δ ratio is 1/(2p(1 − p)): never below 2, 50.5 at p = 0.01; MSE's δ shrinks as p → 0", () => {
    const slopes = v.slopes as { p: number; ce: number; viaMse: number }[];
    for (const { p, ce, viaMse } of slopes) {
      expect(Math.abs(ce / viaMse - 1 / (2 * p * (1 - p)))).toBeLessThan(1e-9);
      expect(ce / viaMse).toBeGreaterThanOrEqual(2 - 1e-12);
    }
    expect((slopes[0]!.ce / slopes[0]!.viaMse).toFixed(1)).toBe("50.5");
    expect(run.text(run.cellWith("const slopes"))).toContain(
      "p = 0.01: δ cross-entropy -0.9900, δ MSE -0.0196, ratio 50.5",
    );
    expect(Math.abs(slopes[0]!.viaMse)).toBeLessThan(Math.abs(slopes[1]!.viaMse));
  });

  it("an MLP refuses softmax with mse, naming the loss that pairs with softmax", () => {
    expect(v.pairingMessage).toBe(
      'MLP: output "softmax" pairs with loss "crossEntropy", not "mse"; use loss "crossEntropy", or output "sigmoid" or "identity" with "mse"',
    );
    expect(run.text(run.cellWith("let pairingMessage"))).toBe(`${v.pairingMessage as string}\n`);
  });

  it("the chart labels its axes and both curves", () => {
    expect(run.charts).toHaveLength(1);
    const { markup } = run.charts[0]!;
    for (const label of [
      "p: predicted probability of the true class",
      "loss of the example (cross-entropy in nats)",
      "cross-entropy = −log p (solid)",
      "MSE = (1 − p)² (dashed)",
    ]) {
      expect(markup).toContain(label);
    }
  });

  it("matches its golden SVG", () => {
    expectGolden(run.charts[0]!.markup, "04-losses-one-example");
  });
});
