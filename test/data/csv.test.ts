import { describe, expect, it } from "vitest";
import { parseCsvDataset } from "../../src/data/csv.ts";
import { createKernel } from "../../src/notebook/kernel.ts";
import type { Output } from "../../src/notebook/protocol.ts";

describe("parseCsvDataset", () => {
  it('parseCsvDataset("x1,x2,label" lines) gives X (m×2) and y, one row per line', () => {
    const { X, y } = parseCsvDataset("0.5,-1,0\n2,3.25,1\n-0.1,0,2\n");
    expect(X.shape).toEqual([3, 2]);
    expect(X.toArray()).toEqual([
      [0.5, -1],
      [2, 3.25],
      [-0.1, 0],
    ]);
    expect(y).toBeInstanceOf(Int32Array);
    expect(Array.from(y)).toEqual([0, 1, 2]);
  });

  it("skips a header line, blank lines and spaces around values; reads CRLF line ends", () => {
    const { X, y } = parseCsvDataset("x1, x2, label\r\n\r\n  1 , 2 ,0 \r\n\n\t3,4,  1\r\n   \n");
    expect(X.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(Array.from(y)).toEqual([0, 1]);
  });

  it("reads numbers as JavaScript writes them (exponents, leading +, integer labels written 1.0)", () => {
    const { X, y } = parseCsvDataset("1e-3,+2,0\n-.5,7E2,1.0");
    expect(X.toArray()).toEqual([
      [0.001, 2],
      [-0.5, 700],
    ]);
    expect(Array.from(y)).toEqual([0, 1]);
  });

  it("names the line with the wrong number of values, and says how to write one", () => {
    const text = "x1,x2,label\n1,2,0\n3,4,1\n5,6\n";
    const how = "write each point as x1,x2,label, e.g. 0.5,-1.2,0";
    expect(() => parseCsvDataset(text)).toThrow(
      `line 4: expected 3 values (x1, x2, label), found 2 — ${how}`,
    );
    expect(() => parseCsvDataset("1,2,0,7")).toThrow(
      `line 1: expected 3 values (x1, x2, label), found 4 — ${how}`,
    );
    expect(() => parseCsvDataset("1 2 0")).toThrow(
      `line 1: expected 3 values (x1, x2, label), found 1 — ${how}`,
    );
  });

  it("names the line and the field that is not a number, or is empty", () => {
    const such = "expected a number such as 0.5 or -1.2";
    expect(() => parseCsvDataset("1,2,0\n1,abc,1")).toThrow(`line 2: x2 is "abc", ${such}`);
    expect(() => parseCsvDataset("1,2,0\n\nNaN,1,1")).toThrow(`line 3: x1 is "NaN", ${such}`);
    expect(() => parseCsvDataset("1,2,0\nInfinity,1,1")).toThrow(`line 2: x1 is "Infinity", ${such}`);
    expect(() => parseCsvDataset("1,2,0\n1, ,1")).toThrow(`line 2: x2 is empty, ${such}`);
    expect(() => parseCsvDataset("1,2,0\n1,2,one")).toThrow(`line 2: label is "one", ${such}`);
  });

  it("a header is only the first line, and only when none of its fields is a number", () => {
    expect(() => parseCsvDataset("x1,x2,label\n1,2,0\nx1,x2,label")).toThrow(
      'line 3: x1 is "x1", expected a number',
    );
    expect(() => parseCsvDataset("x,2,label\n1,2,0")).toThrow('line 1: x1 is "x", expected a number');
  });

  it("names the line whose label is not a class 0, 1, 2, …", () => {
    const how = "number the classes with whole numbers from 0";
    expect(() => parseCsvDataset("1,2,0\n1,2,1.5")).toThrow(
      `line 2: label is "1.5", expected a class 0, 1, 2, … — ${how}`,
    );
    expect(() => parseCsvDataset("1,2,-1\n1,2,0")).toThrow(
      `line 1: label is "-1", expected a class 0, 1, 2, … — ${how}`,
    );
  });

  it("rejects classes with a gap, naming the line of the highest label and the missing class", () => {
    expect(() => parseCsvDataset("1,2,0\n3,4,0\n5,6,2\n7,8,2")).toThrow(
      "line 3: label 2 means classes 0 … 2, but class 1 is missing — number the classes from 0 without gaps",
    );
  });

  it("rejects a single class and text with no data", () => {
    expect(() => parseCsvDataset("1,2,0\n3,4,0")).toThrow(
      "only class 0 found: a classifier needs at least two classes — give some points the label 1",
    );
    const none = "no data: expected lines of x1,x2,label — one point per line, e.g. 0.5,-1.2,0";
    expect(() => parseCsvDataset("")).toThrow(none);
    expect(() => parseCsvDataset("x1,x2,label\n\n")).toThrow(none);
  });

  it("rejects what is not text (a cell passing a File or an array by mistake)", () => {
    expect(() => parseCsvDataset(["1,2,0"] as unknown as string)).toThrow(
      "parseCsvDataset: expected text, got object",
    );
  });

  it("a mistake in the data, thrown in a cell, names its line once: the data's, not the cell's", async () => {
    const kernel = createKernel({
      resolveModule: (name) => (name === "data" ? import("../../src/data/index.ts") : undefined),
    });
    const outputs: Output[] = [];
    const source =
      'import { parseCsvDataset } from "data";\n\nparseCsvDataset("x1,x2,label\\n1,2,0\\n3,4,1\\n5,6");';
    const { ok } = await kernel.run("csv", source, (o) => outputs.push(o));
    expect(ok).toBe(false);
    expect(outputs).toEqual([
      {
        kind: "error",
        name: "CsvError",
        message:
          "line 4: expected 3 values (x1, x2, label), found 2 — write each point as x1,x2,label, e.g. 0.5,-1.2,0",
        line: null,
        column: null,
      },
    ]);
  });
});
