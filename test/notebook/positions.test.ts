// Error positions read in the reader's TypeScript: a column on the line they typed, whatever came before it.
import { describe, expect, it } from "vitest";
import { createNodeKernel } from "../../src/notebook/node-runner.ts";
import { alignColumn } from "../../src/notebook/positions.ts";
import { transformCell } from "../../src/notebook/transform.ts";

describe("alignColumn(original, stripped, column)", () => {
  it("maps a column of a line with its types taken out back to the line as typed", () => {
    const ts = "const q: number = X.gett(2) as number;";
    const js = "const q = X.gett(2) ;";
    expect(alignColumn(ts, js, js.indexOf("gett"))).toBe(ts.indexOf("gett"));
    expect(alignColumn(ts, js, 0)).toBe(0);
    expect(alignColumn(ts, js, js.length)).toBe(ts.length);
  });
  it("is the identity on a line sucrase left alone, and null on one it did not only shorten", () => {
    expect(alignColumn("console.log(X);", "console.log(X);", 12)).toBe(12);
    expect(alignColumn("enum E { A }", "var E; (function (E) {", 4)).toBe(null);
  });
});

describe("transformCell(source).sourcePosition", () => {
  it("after a template literal (where sucrase's map is wrong) and after a typed line", () => {
    const lines = [
      "const n: number = 1;",
      "console.log(`a = ${n} and ${n}`);",
      "const q: number[] = [n];",
      "console.log(X.gett(1, 0));",
    ];
    const cell = transformCell(lines.join("\n"));
    const starts = cell.code.split("\n");
    const line = starts.findIndex((l) => l.includes("gett")) + 1;
    const column = starts[line - 1]!.indexOf("gett");
    expect(cell.sourcePosition({ line, column })).toEqual({ line: 4, column: 14 });
  });

  it("an error's column in the output is on the line the reader typed (issue 16: was column 75 of 26)", async () => {
    const k = createNodeKernel();
    const source = [
      'import { Matrix } from "mlp";',
      "const X = Matrix.from([[1, 2]]);",
      "console.log(`x_21 = X.get(0, 1) = ${X.get(0, 1)}`);",
      "console.log(X.gett(1, 0));",
    ].join("\n");
    const outputs: unknown[] = [];
    await k.run("c", source, (o) => outputs.push(o));
    expect(outputs.at(-1)).toMatchObject({ kind: "error", line: 4, column: 15 });
  });
});
