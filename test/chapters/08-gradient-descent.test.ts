// Chapter 8 (content/08-gradient-descent.mdx): the claims its prose makes, read from its cells' scope and output.
import { beforeAll, describe, expect, it } from "vitest";
import type { MLP } from "../../src/mlp/index.ts";
import { expectGolden, runChapter, type ChapterRun } from "./run-chapter.ts";

let run: ChapterRun;
beforeAll(async () => {
  run = await runChapter("08-gradient-descent");
});

const NOISE_FLOOR = 0.1 ** 2; // the targets' noise variance: no network's mse beats it by much

interface Run {
  eta: number;
  loss: number[];
  message: string;
}

describe("08-gradient-descent: the step", () => {
  it("one step of W ← W − η ∂L/∂W lowers the loss", async () => {
    const { before, stepped, X, Y } = (await run.read("before", "stepped", "X", "Y")) as {
      before: number;
      stepped: MLP;
      X: never;
      Y: never;
    };
    expect(stepped.loss(X, Y)).toBeLessThan(before);
  });

  it("twenty steps by hand give exactly the weights of train with full batches and no shuffling", async () => {
    const { largestWeightDifference, byHand, byLibrary } = (await run.read(
      "largestWeightDifference",
      "byHand",
      "byLibrary",
    )) as { largestWeightDifference: number; byHand: MLP; byLibrary: MLP };
    expect(largestWeightDifference).toBe(0);
    expect(byHand.toJSON()).toEqual(byLibrary.toJSON());
  });
});

describe("08-gradient-descent: watch it learn", () => {
  it("the fit chart is one display, updated while training, ending near the noise floor", async () => {
    const cell = run.cellWith("const watched");
    const displays = run.runs[cell - 1]!.outputs.filter((o) => o.kind === "display");
    expect(displays.length).toBeGreaterThan(1);
    expect(new Set(displays.map((o) => (o.kind === "display" ? o.displayId : ""))).size).toBe(1);
    const last = displays.at(-1)!;
    expect(last.kind === "display" && last.view.type === "svg" && last.view.svg).toContain("epoch 60: loss");
    const { watched, X, Y } = (await run.read("watched", "X", "Y")) as { watched: MLP; X: never; Y: never };
    expect(watched.loss(X, Y)).toBeLessThan(2 * NOISE_FLOOR);
  });
});

describe("08-gradient-descent: the loss the watched run prints", () => {
  it("falls from 1.125 to 0.564 in the first epoch, creeps (0.511, 0.425), then reaches the floor by epoch 30", async () => {
    const { watchedLoss, X, Y, makeNet } = (await run.read("watchedLoss", "X", "Y", "makeNet")) as {
      watchedLoss: number[];
      X: never;
      Y: never;
      makeNet: () => MLP;
    };
    expect(watchedLoss).toHaveLength(60);
    expect(makeNet().loss(X, Y).toFixed(3)).toBe("1.125");
    const printed = run.text(run.cellWith("const watched"));
    const lines = [1, 5, 10, 15, 20, 25, 30, 60].map(
      (e) => `epoch ${e}: ${watchedLoss[e - 1]!.toFixed(3)}\n`,
    );
    expect(printed).toBe(lines.join(""));
    expect(watchedLoss[0]!.toFixed(3)).toBe("0.564");
    expect(watchedLoss[4]!.toFixed(3)).toBe("0.511");
    expect(watchedLoss[9]!.toFixed(3)).toBe("0.425");
    expect(watchedLoss[29]).toBeLessThan(1.5 * NOISE_FLOOR);
  });

  it("the variance of the targets (the loss of the best flat line) is about 0.55, just under epoch 1's loss", async () => {
    const { Y, watchedLoss } = (await run.read("Y", "watchedLoss")) as {
      Y: { data: Float64Array };
      watchedLoss: number[];
    };
    const y = Array.from(Y.data);
    const mean = y.reduce((a, v) => a + v, 0) / y.length;
    const variance = y.reduce((a, v) => a + (v - mean) ** 2, 0) / y.length;
    expect(variance.toFixed(2)).toBe("0.55");
    expect(watchedLoss[0]).toBeGreaterThan(variance); // "just above 0.55": the first epoch ends on the plateau
    expect(watchedLoss[0]! - variance).toBeLessThan(0.02);
    expect(watchedLoss[4]).toBeLessThan(variance); // then it creeps down from that level
  });

  it("is the same run as the minibatch curve of the batch-size charts", async () => {
    const { watchedLoss, batchRuns } = (await run.read("watchedLoss", "batchRuns")) as {
      watchedLoss: number[];
      batchRuns: { batchSize: number; curve: { epoch: number; loss: number }[] }[];
    };
    const mini = batchRuns.find((r) => r.batchSize === 8)!;
    const whole = mini.curve.filter((p) => Number.isInteger(p.epoch));
    expect(whole.length).toBeGreaterThanOrEqual(10);
    for (const p of whole) expect(p.loss).toBe(watchedLoss[p.epoch - 1]);
  });
});

describe("08-gradient-descent: the learning rate", () => {
  it("η = 0.03 is still on the plateau after 200 epochs, η = 0.3 reaches the noise floor, η = 3 diverges", async () => {
    const { runs } = (await run.read("runs")) as { runs: Run[] };
    const [small, right, large] = runs;
    expect([small!.eta, right!.eta, large!.eta]).toEqual([0.03, 0.3, 3]);
    expect(small!.loss).toHaveLength(200);
    expect(small!.loss.at(-1)).toBeGreaterThan(0.4);
    expect(right!.loss).toHaveLength(200);
    expect(right!.loss.at(-1)).toBeLessThan(1.1 * NOISE_FLOOR);
    // leaves the plateau between epochs 20 and 60
    expect(right!.loss[19]).toBeGreaterThan(0.4);
    expect(right!.loss[59]).toBeLessThan(0.1);
    expect(large!.loss.length).toBeLessThan(200);
    expect(large!.loss.every(Number.isFinite)).toBe(true);
    expect(large!.message).toMatch(
      /^training diverged at epoch \d+, step 1: loss is (Infinity|NaN)\. The steps overshoot; try a smaller learning rate \(eta = 3 now, try 0\.3\)\.$/,
    );
    expect(large!.message).toContain(`epoch ${large!.loss.length + 1},`);
  });

  it("the diverging loss leaves the chart (above 1.2) within a few epochs and grows without bound", async () => {
    const { leaves, diverged } = (await run.read("leaves", "diverged")) as { leaves: number; diverged: Run };
    expect(leaves + 1).toBeLessThanOrEqual(5);
    expect(diverged.loss.slice(leaves).every((L) => L > 1.2)).toBe(true);
    expect(diverged.loss.at(-1)).toBeGreaterThan(1e300);
  });
});

describe("08-gradient-descent: batch sizes", () => {
  it("per-sample reaches the floor within a few epochs; minibatch by 50; full batch is still on the plateau", async () => {
    const { batchRuns } = (await run.read("batchRuns")) as {
      batchRuns: {
        batchSize: number;
        steps: number;
        finalLoss: number;
        curve: { epoch: number; loss: number }[];
      }[];
    };
    const [sample, mini, full] = batchRuns;
    expect([sample!.steps, mini!.steps, full!.steps]).toEqual([3200, 400, 50]);
    const firstBelow = (r: typeof sample, level: number) =>
      r!.curve.find((p) => p.loss < level)?.epoch ?? Infinity;
    expect(firstBelow(sample, 0.05)).toBeLessThanOrEqual(5);
    expect(mini!.finalLoss).toBeLessThan(2 * NOISE_FLOOR);
    expect(full!.finalLoss).toBeGreaterThan(0.4);
  });
});

describe("08-gradient-descent: momentum and Adam, one weight at a time", () => {
  interface Move {
    t: number;
    byHand: number;
    library: number;
  }
  it("momentum: a steady gradient builds to η/(1 − μ) = 0.1, a flipping one settles near ±η/(1 + μ); by hand = library", async () => {
    const { steady, flipping, momentumDifference } = (await run.read(
      "steady",
      "flipping",
      "momentumDifference",
    )) as {
      steady: Move[];
      flipping: Move[];
      momentumDifference: number;
    };
    expect(steady).toHaveLength(50);
    expect(steady[0]!.library).toBeCloseTo(0.01, 15); // the first move is plain descent's
    expect(steady.at(-1)!.library).toBeGreaterThan(0.099);
    expect(steady.at(-1)!.library).toBeLessThan(0.1);
    for (let k = 1; k < steady.length; k++)
      expect(steady[k]!.library).toBeGreaterThan(steady[k - 1]!.library);
    expect(Math.abs(flipping.at(-1)!.library)).toBeCloseTo(0.01 / 1.9, 3);
    expect(Math.sign(flipping.at(-1)!.library)).toBe(-Math.sign(flipping.at(-2)!.library));
    for (const r of [...steady, ...flipping])
      expect(Math.abs(r.byHand - r.library)).toBeLessThanOrEqual(momentumDifference);
    expect(momentumDifference).toBeLessThan(1e-14);
    expect(run.text(run.cellWith("function momentumSteps"))).toBe(
      `largest |by hand − library|: ${momentumDifference}\n`,
    );
  });

  it("Adam moves every weight by η = 0.01 whether its gradient is 0.001, 1 or 100; by hand = library", async () => {
    const { adamByGradient } = (await run.read("adamByGradient")) as {
      adamByGradient: {
        g: number;
        sgdMove: number;
        adamMove1: number;
        adamMove50: number;
        largestDifference: number;
      }[];
    };
    expect(adamByGradient.map((r) => r.g)).toEqual([0.001, 1, 100]);
    for (const r of adamByGradient) {
      expect(r.adamMove1).toBe(0.01);
      expect(r.adamMove50).toBe(0.01);
      expect(r.sgdMove).toBeCloseTo(0.01 * r.g, 15);
      expect(r.largestDifference).toBeLessThan(1e-15);
    }
  });
});

describe("08-gradient-descent: momentum and Adam", () => {
  it("at η = 0.01, SGD stays on the plateau while momentum (by epoch 30) and Adam (by 45) reach the floor", async () => {
    const { finalLoss, optimizerCurves } = (await run.read("finalLoss", "optimizerCurves")) as {
      finalLoss: Record<string, number>;
      optimizerCurves: { name: string; epoch: number; loss: number }[];
    };
    expect(finalLoss.SGD).toBeGreaterThan(0.4);
    expect(finalLoss.momentum).toBeLessThan(2 * NOISE_FLOOR);
    expect(finalLoss.Adam).toBeLessThan(2 * NOISE_FLOOR);
    const at = (name: string, epoch: number) =>
      optimizerCurves.find((c) => c.name === name && c.epoch === epoch)!.loss;
    expect(at("momentum", 30)).toBeLessThan(2 * NOISE_FLOOR);
    expect(at("Adam", 30)).toBeGreaterThan(2 * NOISE_FLOOR);
    expect(at("Adam", 45)).toBeLessThan(2 * NOISE_FLOOR);
  });

  it("tuned, SGD reaches the floor too; momentum blows up at η = 0.3 where SGD and Adam do not", async () => {
    const { lossAfter30 } = (await run.read("lossAfter30")) as {
      lossAfter30: { optimizer: string; eta: string; loss: number }[];
    };
    expect(lossAfter30).toHaveLength(15);
    const loss = (optimizer: string, eta: string) =>
      lossAfter30.find((r) => r.optimizer === optimizer && r.eta === eta)!.loss;
    const best = (optimizer: string) =>
      Math.min(...lossAfter30.filter((r) => r.optimizer === optimizer).map((r) => r.loss));
    expect(best("SGD")).toBeLessThan(2 * NOISE_FLOOR);
    expect(loss("momentum", "0.3")).toBeGreaterThan(1e100);
    expect(loss("SGD", "0.3")).toBeLessThan(2 * NOISE_FLOOR);
    expect(loss("Adam", "0.3")).toBeLessThan(2 * NOISE_FLOOR);
    expect(loss("momentum", "0.01")).toBeLessThan(2 * NOISE_FLOOR); // works at rates ten times smaller
    expect(loss("SGD", "0.01")).toBeGreaterThan(0.4);
  });
});

describe("08-gradient-descent: static charts", () => {
  const chartsOf = (fragment: string) => run.charts.filter((c) => c.cell === run.cellWith(fragment));
  it("learning-rate curves, the divergence, batch sizes by epoch and by step, optimisers match their goldens", () => {
    const named: [string, string][] = [
      ["const etaCurves", "08-gradient-descent-eta"],
      ["ticks: [1, 1e50", "08-gradient-descent-divergence"],
      ["passes over the 64 examples", "08-gradient-descent-batch-epochs"],
      ["gradient steps (log scale)", "08-gradient-descent-batch-steps"],
      ["const optimizerCurves", "08-gradient-descent-optimizers"],
      ['scheme: "ylorrd"', "08-gradient-descent-learning-rates"],
    ];
    for (const [fragment, golden] of named) {
      const charts = chartsOf(fragment);
      expect(charts).toHaveLength(1);
      expectGolden(charts[0]!.markup, golden);
    }
  });
});
