// Which cells run, and in what order, for Run, "Run all above" and a widget's preparation.
import { describe, expect, it } from "vitest";
import { planRun } from "../../src/notebook/client/plan-run.ts";

const cells = (norun: number[] = [], n = 5) =>
  Array.from({ length: n }, (_, j) => ({ norun: norun.includes(j) }));
const memory =
  (...inMemory: number[]) =>
  (j: number) =>
    inMemory.includes(j);

describe("planRun(cells, i, mode, inMemory)", () => {
  it("Run on cell i runs the cells above it not in memory, top to bottom, then i", () => {
    expect(planRun(cells(), 3, "cell", memory())).toEqual({ first: [0, 1, 2], list: [0, 1, 2, 3] });
    expect(planRun(cells(), 3, "cell", memory(0, 2))).toEqual({ first: [1], list: [1, 3] });
    expect(planRun(cells(), 0, "cell", memory())).toEqual({ first: [], list: [0] });
  });

  it("Run on a cell already in memory runs it again, and only it when all above are in memory", () => {
    expect(planRun(cells(), 2, "cell", memory(0, 1, 2))).toEqual({ first: [], list: [2] });
  });

  it("never runs a norun cell above for another cell, but runs a norun cell when asked", () => {
    expect(planRun(cells([1, 2]), 4, "cell", memory())).toEqual({ first: [0, 3], list: [0, 3, 4] });
    expect(planRun(cells([1, 2]), 4, "above", memory(0, 3))).toEqual({ first: [0, 3], list: [0, 3] });
    expect(planRun(cells([2]), 2, "cell", memory(0, 1))).toEqual({ first: [], list: [2] });
  });

  it('"Run all above" runs every cell above again, in memory or not, and not the cell itself', () => {
    expect(planRun(cells(), 3, "above", memory(0, 1, 2))).toEqual({ first: [0, 1, 2], list: [0, 1, 2] });
  });

  it("a widget's preparation runs what Run would run first, and not the cell", () => {
    expect(planRun(cells(), 4, "prepare", memory(1))).toEqual({ first: [0, 2, 3], list: [0, 2, 3] });
  });
});
