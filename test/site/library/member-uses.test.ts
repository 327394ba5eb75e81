import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { memberUses } from "../../../src/site/library/member-uses.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

describe("memberUses(root, chapters)", () => {
  it("follows what the cells read off library values to the declaring class, across cells of one chapter", () => {
    const cells = [
      'import { Dense, Matrix, sigmoid } from "mlp";\nconst layer = new Dense(Matrix.zeros(2, 3), Matrix.zeros(1, 3), sigmoid);',
      "layer.W.rows;",
      'import * as Plot from "@observablehq/plot";\nPlot.dot([]).plot(); [1, 2].map((x) => x).length;',
    ];
    const [uses] = memberUses(ROOT, [cells]);
    const byName = new Map(uses!.map((u) => [u.name, u]));
    expect([...byName.keys()].sort()).toEqual(["Dense.W", "Matrix.rows", "Matrix.zeros"]);
    expect(byName.get("Dense.W")).toMatchObject({ owner: "Dense", file: "src/mlp/layer.ts" });
    // Nothing of Plot's or of the language's is the library's.
  });

  it("keeps each chapter's uses apart", () => {
    const uses = memberUses(ROOT, [
      ['import { Matrix } from "mlp";\nMatrix.from([[1]]).cols;'],
      ['import { Rng } from "mlp";\nnew Rng(1).normal();'],
    ]);
    expect(uses.map((u) => u.map((m) => m.name).sort())).toEqual([
      ["Matrix.cols", "Matrix.from"],
      ["Rng.normal"],
    ]);
  });
});
