// Which cells a knob re-runs: the names each cell declares, reads and assigns (transformCell) and the walk
// down the page from the knob's cell (knobDependents).
import { describe, expect, it } from "vitest";
import { knobDependents } from "../../src/notebook/client/dependents.ts";
import { transformCell } from "../../src/notebook/transform.ts";

const names = (source: string) => {
  const { declared, reads, assigns } = transformCell(source);
  return { declared, reads, assigns };
};

describe("transformCell(source): the names a cell reads and assigns", () => {
  it("lists the notebook names read anywhere in the cell, not its own, its locals or host globals", () => {
    const cell = names(
      "const loss = net.loss(X, Y);\nfunction f(a: number) { const X = 2; return a * X + eta; }\nMath.max(loss, f(1), { B }.B, typeof maybe);",
    );
    expect(cell.declared).toEqual(["loss", "f"]);
    expect(cell.reads.sort()).toEqual(["B", "X", "Y", "eta", "maybe", "net"]);
    expect(cell.assigns).toEqual([]);
  });

  it("lists the names of cells above that the cell assigns", () => {
    const cell = names("count += 1;\nlet mine = 0;\nmine++;\n[total] = [3];");
    expect(cell.assigns).toEqual(["count"]);
    expect(cell.reads.sort()).toEqual(["count", "total"]);
    expect(cell.declared).toEqual(["mine"]);
  });
});

describe("knobDependents(cells, i)", () => {
  const cell = (source: string, norun = false) => ({ names: names(source), norun });

  it("is the knob's cell and every cell below that reads what it or a dependent declares", () => {
    const cells = [
      cell("const X = 1;"), // 0: above, never
      cell('const eta = range([0.01, 1], { value: 0.1, label: "η" });'), // 1: the knob
      cell("const other = X * 2;"), // 2: reads nothing the knob changes
      cell("const history = [eta, X];"), // 3: reads eta
      cell("const chart = history.length;"), // 4: reads history (through 3)
      cell("other + 1;"), // 5: no
    ];
    expect(knobDependents(cells, 1)).toEqual([1, 3, 4]);
  });

  it("stops following a name a cell below declares again without reading it", () => {
    const cells = [cell("const eta = range([0.01, 1]);"), cell("const eta = 0.5;"), cell("eta * 2;")];
    expect(knobDependents(cells, 0)).toEqual([0]);
  });

  it("skips a manual cell (the reader runs it), and the cells that read only what it declares", () => {
    const cells = [
      cell("const eta = range([0.01, 1]);"),
      { ...cell("const slow = eta * 2;"), manual: true },
      cell("const after = slow + 1;"),
      cell("const direct = eta + 1;"),
    ];
    expect(knobDependents(cells, 0)).toEqual([0, 3]);
  });

  it("follows a name a dependent assigns, skips norun cells and cells that do not parse", () => {
    const cells = [
      { names: names("let total = 0;\nconst h = range([1, 9], { step: 1 });"), norun: false },
      cell("total = h * 2;"),
      cell("console.log(total);", true),
      { names: null, norun: false },
      cell("const twice = total;"),
    ];
    expect(knobDependents(cells, 0)).toEqual([0, 1, 4]);
  });
});
