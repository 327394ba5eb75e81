// check-cells: every cell is type-checked with the notebook's semantics, and an error names the chapter, the
// cell, its place in the MDX and the compiler's message.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { extractCells } from "../../../src/notebook/remark-cells.ts";
import { checkChapters, formatCellDiagnostic } from "../../../src/notebook/typecheck/check-chapters.ts";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const temp = mkdtempSync(join(tmpdir(), "check-cells-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Cells given as code, one chapter; the diagnostics as the CLI prints them. */
function check(...cells: string[]): string[] {
  const chapter = { chapter: "content/test.mdx", cells: cells.map((code) => ({ code, line: null })) };
  return checkChapters([chapter]).map(formatCellDiagnostic);
}

describe("check-cells: notebook semantics", () => {
  it("a cell sees the names of the cells above with their inferred types", () => {
    expect(check("const k = 3;", "const twice: number = k * 2;\ntwice")).toEqual([]);
    expect(check("const k = 3;", "const s: string = k;")).toEqual([
      "content/test.mdx: cell 2, line 1, column 7: TS2322: Type 'number' is not assignable to type 'string'.",
    ]);
  });

  it("a later cell may declare a name again, with another type, and later cells see the new one", () => {
    expect(check("const x = 1;", 'const x = "one";', "x.toUpperCase();")).toEqual([]);
    expect(check('const x = "one";', "const x = Math.PI;", "x.toUpperCase();")).toEqual([
      "content/test.mdx: cell 3, line 1, column 3: TS2339: Property 'toUpperCase' does not exist on type 'number'.",
    ]);
  });

  it("a let of a cell above can be assigned; a const cannot", () => {
    expect(check("let count = 0;", "count += 1;")).toEqual([]);
    expect(check("const count = 0;", "count += 1;")[0]).toMatch(
      /cell 2, line 1, column 1: TS2632: Cannot assign to 'count'/,
    );
  });

  it("imports, functions, classes and types are shared; a name above need not be used", () => {
    const cells = [
      'import { Matrix, type MLPOptions } from "mlp";\nimport * as Plot from "@observablehq/plot";',
      "interface Point { x: number }\ntype Pair = [Point, Point];\nclass Box { w = 1 }\nfunction area(b: Box): number { return b.w; }",
      "const options: MLPOptions = { sizes: new Matrix(2, 3).shape };\nconst p: Pair = [{ x: 1 }, { x: 2 }];\narea(new Box()) + p[0].x + options.sizes.length;\nPlot.dot([1]);",
    ];
    expect(check(...cells)).toEqual([]);
  });

  it("the notebook's globals have the runtime's types, and Node's do not exist in a cell", () => {
    expect(
      check('const h = display(1);\nh.update(() => 2);\nprogress(1, 2, "a");\nprogressBar(3).tick();'),
    ).toEqual([]);
    expect(check('progress("1", 2);')[0]).toMatch(/TS2345: Argument of type 'string' is not assignable/);
    expect(check("process.exit(1);")[0]).toMatch(/TS2591: Cannot find name 'process'/);
  });

  it("the project's strict settings hold: an index may be undefined", () => {
    expect(check("const xs = [1, 2];\nconst y: number = xs[0];")[0]).toMatch(
      /cell 1, line 2, column 7: TS2322: Type 'number \| undefined' is not assignable to type 'number'/,
    );
  });
});

describe("npm run check:cells", () => {
  it("fails on a type error planted in a copy of a chapter, naming the file, the cell, the line and the message", () => {
    const source = readFileSync(join(ROOT, "content", "04-losses.mdx"), "utf8");
    const cells = extractCells(source);
    const third = cells[2]!;
    // the planted line goes first in cell 3, right under its fence
    const lines = source.split("\n");
    lines.splice(third.line!, 0, 'const n: number = "seven";');
    const copy = join(temp, "04-losses.mdx");
    writeFileSync(copy, lines.join("\n"));
    const run = spawnSync(process.execPath, ["src/tools/check-cells.ts", copy], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    const where = relative(ROOT, copy);
    expect(run.stderr).toContain(
      `${where}:${third.line! + 1}:7: cell 3 (fence at line ${third.line}), line 1, column 7: TS2322: ` +
        "Type 'string' is not assignable to type 'number'.",
    );
    expect(run.stderr).toContain(`check-cells: 1 type errors; ${cells.length} cells of 1 chapters checked`);
  });
});
