// Chapter 6 (content/06-backprop.mdx): the claims its prose makes, read from its cells' scope and output.
import { beforeAll, describe, expect, it } from "vitest";
import { Matrix, matmulTransA } from "../../src/mlp/index.ts";
import { expectGolden, runChapter, type ChapterRun } from "./run-chapter.ts";

let run: ChapterRun;
beforeAll(async () => {
  run = await runChapter("06-backprop");
});

const maxAbs = (M: Matrix): number => Math.max(...Array.from(M.data, Math.abs));

describe("06-backprop: the 2-3-2 network by hand", () => {
  it("every matrix has the shape written beside its equation", async () => {
    const values = (await run.read(
      "S1",
      "A1",
      "S2",
      "P",
      "delta2",
      "dW2",
      "db2",
      "delta1",
      "dW1",
      "db1",
    )) as Record<string, Matrix>;
    const shapes = Object.fromEntries(Object.entries(values).map(([name, M]) => [name, M.shape]));
    expect(shapes).toEqual({
      S1: [2, 3],
      A1: [2, 3],
      S2: [2, 2],
      P: [2, 2],
      delta2: [2, 2],
      dW2: [3, 2],
      db2: [1, 2],
      delta1: [2, 3],
      dW1: [2, 3],
      db1: [1, 3],
    });
  });

  it("gives the first example's class under one half and the second's a bit over", async () => {
    const { P } = (await run.read("P")) as { P: Matrix };
    expect(P.get(0, 0)).toBeLessThan(0.5);
    expect(P.get(1, 1)).toBeGreaterThan(0.5);
    expect(P.get(1, 1)).toBeLessThan(0.6);
  });

  it("one entry of A1ᵀδ2 is the sum over the two examples of input times delta", async () => {
    const { byHand, dW2 } = (await run.read("byHand", "dW2")) as { byHand: number; dW2: Matrix };
    expect(Math.abs(byHand - dW2.get(1, 0))).toBeLessThanOrEqual(1e-15);
  });

  it("db2 (the rows of δ2 added up) is 1ᵀδ2, the weight gradient's product with a column of ones for A1", async () => {
    const { db2, delta2 } = (await run.read("db2", "delta2")) as Record<string, Matrix>;
    const ones = new Matrix(delta2!.rows, 1); // (m, 1)
    ones.data.fill(1);
    const product = matmulTransA(ones, delta2!); // (1, 2)
    expect(product.shape).toEqual(db2!.shape);
    for (let k = 0; k < 2; k++) expect(db2!.get(0, k)).toBeCloseTo(product.get(0, k), 15);
  });

  it("the largest hidden delta (about 0.06) is about a quarter of the smallest output delta (about 0.24)", async () => {
    const { delta1, delta2 } = (await run.read("delta1", "delta2")) as { delta1: Matrix; delta2: Matrix };
    const minAbs = (M: Matrix): number => Math.min(...Array.from(M.data, Math.abs));
    expect(maxAbs(delta1)).toBeCloseTo(0.06, 2);
    expect(minAbs(delta2)).toBeCloseTo(0.24, 2);
    expect(maxAbs(delta1) / minAbs(delta2)).toBeGreaterThan(0.2);
    expect(maxAbs(delta1) / minAbs(delta2)).toBeLessThan(0.3);
  });

  it("the cell's dA1 is ∂L/∂A1 = δ2 W2ᵀ: entry (i, j) is Σ_k δ_ik w_jk", async () => {
    const { dA1, delta2, W2 } = (await run.read("dA1", "delta2", "W2")) as Record<string, Matrix>;
    expect(dA1!.shape).toEqual([2, 3]);
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 3; j++) {
        const sum = delta2!.get(i, 0) * W2!.get(j, 0) + delta2!.get(i, 1) * W2!.get(j, 1);
        expect(dA1!.get(i, j)).toBeCloseTo(sum, 15);
      }
  });

  it("every hand-computed delta, gradient and the loss equal the library's backward to 1e-12", async () => {
    const { agreement } = (await run.read("agreement")) as { agreement: Record<string, number> };
    expect(Object.keys(agreement).sort()).toEqual(["dW1", "dW2", "db1", "db2", "delta1", "delta2", "loss"]);
    for (const difference of Object.values(agreement)) expect(difference).toBeLessThanOrEqual(1e-12);
  });
});

describe("06-backprop: any depth", () => {
  it("the loop over layers equals net.backward on a deep tanh/softmax and a ReLU/sigmoid/mse network", async () => {
    const { comparisons } = (await run.read("comparisons")) as {
      comparisons: { hidden: string; loss: string; largestDifference: number }[];
    };
    expect(comparisons.map((c) => [c.hidden, c.loss])).toEqual([
      ["tanh", "crossEntropy"],
      ["relu", "mse"],
    ]);
    for (const c of comparisons) expect(c.largestDifference).toBeLessThanOrEqual(1e-12);
  });

  it("sigmoid's first-layer gradients are about ten thousand times smaller than the output's; tanh and ReLU within ten", async () => {
    const { shrink } = (await run.read("shrink")) as { shrink: Record<string, number> };
    expect(shrink.sigmoid).toBeGreaterThan(3000);
    expect(shrink.sigmoid).toBeLessThan(30000);
    expect(shrink.tanh).toBeLessThan(10);
    expect(shrink.relu).toBeLessThan(10);
  });

  it("the gradient size by layer matches the golden", () => {
    const charts = run.charts.filter((c) => c.cell === run.cellWith("mean |∂L/∂W_l| (log scale)"));
    expect(charts).toHaveLength(1);
    expectGolden(charts[0]!.markup, "06-backprop-gradient-by-layer");
  });
});
