// How values read in a cell's output.
import { describe, expect, it } from "vitest";
import { formatArgs, formatNumber, inspect, view } from "../../src/notebook/inspect.ts";
import { Matrix } from "../../src/mlp/matrix.ts";

describe("inspect(value)", () => {
  it("writes primitives as JavaScript would", () => {
    expect([1.5, -0, NaN, 10n, true, null, undefined, "s"].map(inspect)).toEqual([
      "1.5",
      "-0",
      "NaN",
      "10n",
      "true",
      "null",
      "undefined",
      '"s"',
    ]);
  });

  it("writes arrays, typed arrays, maps, sets, objects and class instances", () => {
    expect(inspect([1, [2, "x"]])).toBe('[1, [2, "x"]]');
    expect(inspect(new Int32Array([0, 1]))).toBe("Int32Array(2) [0, 1]");
    expect(inspect(new Map([["a", 1]]))).toBe('Map(1) { "a" => 1 }');
    expect(inspect(new Set([1]))).toBe("Set(1) { 1 }");
    expect(inspect({ a: 1, "b-c": [] })).toBe('{ a: 1, "b-c": [] }');
    class Point {
      x = 1;
    }
    expect(inspect(new Point())).toBe("Point { x: 1 }");
    expect(inspect(function named() {})).toBe("[Function named]");
  });

  it("bounds long and deep values and survives cycles", () => {
    expect(inspect(Array.from({ length: 150 }, () => 0))).toContain("… 50 more");
    expect(inspect({ a: { b: { c: { d: { e: { f: 1 } } } } } })).toContain("[Object]");
    const cycle: { self?: unknown } = {};
    cycle.self = cycle;
    expect(inspect(cycle)).toBe("{ self: [Circular] }");
  });

  it("breaks a long array over lines", () => {
    const text = inspect(Array.from({ length: 30 }, (_, i) => i * 1000));
    expect(text.split("\n")).toHaveLength(32);
  });

  it("writes a Matrix with its shape", () => {
    expect(inspect(Matrix.from([[1, 0.123456]]))).toBe("Matrix (1×2) [[1, 0.1235]]");
  });
});

describe("formatNumber(x) and formatArgs(args)", () => {
  it("keeps integers whole and rounds others to 4 significant digits", () => {
    expect([3, 0.000123456, 1234.5678, -0, Infinity].map(formatNumber)).toEqual([
      "3",
      "0.0001235",
      "1235",
      "-0",
      "Infinity",
    ]);
  });

  it("joins console arguments: strings as they are, the rest inspected", () => {
    expect(formatArgs(["loss", 0.5, "at", [1]])).toBe("loss 0.5 at [1]");
  });
});

describe("view(value)", () => {
  it("shows a string as it is, and cuts a long text keeping the full one for 'Show all'", () => {
    expect(view("a<b")).toEqual({ type: "text", text: "a<b" });
    const long = Array.from({ length: 100 }, (_, i) => `line ${i}`).join("\n");
    const v = view(long);
    expect(v.type === "text" && v.text.split("\n")).toHaveLength(41);
    expect(v.type === "text" && v.truncated).toBe(long);
  });

  it("shows a large Matrix as its top-left corner, with the rows and columns left out counted", () => {
    const v = view(Matrix.zeros(100, 784));
    expect(v).toMatchObject({ type: "table", caption: "Matrix (100×784)", more: 90 });
    expect(v.type === "table" && v.columns.at(-1)).toBe("… 774 more");
    expect(v.type === "table" && v.rows).toHaveLength(10);
  });
});
