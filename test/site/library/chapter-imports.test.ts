import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cellImports, chapterImports } from "../../../src/site/library/chapter-imports.ts";

describe("cellImports(code)", () => {
  it("gives the imported names of mlp and data, by their exported name, types included", () => {
    const code = [
      'import { Matrix, sub as minus } from "mlp";',
      'import type { Activation } from "mlp";',
      'import { makeMoons } from "data";',
      'import * as Plot from "@observablehq/plot";',
      "const x = minus(Matrix.from([[1]]), Matrix.from([[1]]));",
    ].join("\n");
    expect(cellImports(code)).toEqual([
      { from: "mlp", name: "Matrix" },
      { from: "mlp", name: "sub" },
      { from: "mlp", name: "Activation" },
      { from: "data", name: "makeMoons" },
    ]);
  });

  it("reads the names off a namespace import where the cell uses them", () => {
    expect(cellImports('import * as m from "mlp";\nm.relu; m.Dense; other.sgd;')).toEqual([
      { from: "mlp", name: "relu" },
      { from: "mlp", name: "Dense" },
    ]);
  });
});

describe("chapterImports(dir)", () => {
  it("reads the ts cell fences of each chapter (not other code blocks), in chapter order, each name once", () => {
    const dir = mkdtempSync(join(tmpdir(), "chapters-"));
    const fence = (meta: string, code: string) => `\`\`\`${meta}\n${code}\n\`\`\`\n`;
    writeFileSync(
      join(dir, "02-second.mdx"),
      `# Two\n\n${fence("ts cell", 'import { Dense } from "mlp";')}\n${fence("ts", 'import { relu } from "mlp";')}\n${fence("ts cell norun", 'import { Dense, sgd } from "mlp";')}`,
    );
    writeFileSync(join(dir, "01-first.mdx"), `# One\n\n${fence("ts cell", 'import { Matrix } from "mlp";')}`);
    writeFileSync(join(dir, "notes.md"), "not a chapter");
    expect(chapterImports(dir)).toEqual([
      {
        order: 1,
        slug: "first",
        names: [{ from: "mlp", name: "Matrix" }],
        cells: ['import { Matrix } from "mlp";'],
      },
      {
        order: 2,
        slug: "second",
        names: [
          { from: "mlp", name: "Dense" },
          { from: "mlp", name: "sgd" },
        ],
        cells: ['import { Dense } from "mlp";', 'import { Dense, sgd } from "mlp";'],
      },
    ]);
  });
});
