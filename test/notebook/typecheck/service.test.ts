// The page's checker (service.ts) over the files collected at build (files.ts), run here in Node: the same
// diagnostics as check-cells, hover with the library's JSDoc, completion of options and of names above.
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { serviceFiles } from "../../../src/notebook/typecheck/files.ts";
import { cellGlobalsDts } from "../../../src/notebook/typecheck/globals-dts.ts";
import { CellService, GLOBALS_FILE } from "../../../src/notebook/typecheck/service.ts";

let service: CellService;
beforeAll(() => {
  service = new CellService(ts, serviceFiles(), cellGlobalsDts("../src/notebook/helpers.ts"));
  expect(GLOBALS_FILE).toBe("/.cells/globals.d.ts");
});

describe("CellService", () => {
  it("reports a type error in a cell with its place in the cell", () => {
    service.setCells(['import { MLP } from "mlp";', 'const n: number = "seven";']);
    expect(service.diagnostics(0)).toEqual([]);
    expect(service.diagnostics(1)).toEqual([
      {
        from: 6,
        to: 7,
        line: 1,
        column: 7,
        code: 2322,
        message: "Type 'string' is not assignable to type 'number'.",
      },
    ]);
  });

  it("completes an option name of new MLP({ … }) and the names of the cells above", () => {
    const code = "new MLP({ si";
    service.setCells(['import { MLP } from "mlp";\nconst trainingSet = 1;', code]);
    const options = service.completions(1, code.length);
    expect(options.map((o) => o.name)).toContain("sizes");
    expect(options.find((o) => o.name === "sizes")!.from).toBe(code.length - 2);
    const names = service.completions(1, 0).map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(["MLP", "trainingSet", "display"]));
  });

  it("hovering train shows its signature and its JSDoc", () => {
    const code = 'import { train } from "mlp";\ntrain;';
    service.setCells([code]);
    const info = service.hover(0, code.lastIndexOf("train") + 2)!;
    expect(info.signature).toMatch(
      /^\(alias\) function train\(net: MLP, X: .*TrainOptions\): Promise<History>/s,
    );
    expect(info.doc.length).toBeGreaterThan(10);
  });
});
