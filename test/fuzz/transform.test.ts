// Fuzzing the cell transform: TypeScript-ish token soup and random text. Each run gives code that parses as
// an async function, or a CellSyntaxError whose line and column are inside the cell; never an internal error
// (an overlapping edit, a crash in the rewrite), and never a hang.
import { parse } from "acorn";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CellSyntaxError, transformCell } from "../../src/notebook/transform.ts";
import { fuzz } from "./fuzz.ts";

const RUNS = 2000;

const token = fc.constantFrom(
  "const", "let", "var", "function", "class", "async", "await", "import", "export", "from", "return", "yield",
  "if", "else", "for", "of", "in", "new", "typeof", "type", "interface", "as", "satisfies", "enum", "declare",
  "x", "y", "f", "Plot", "mlp", '"mlp"', "'data'", "{", "}", "(", ")", "[", "]", ";", ",", ":", "=", "=>",
  "+", "*", "?", "?.", "!", "<", ">", ".", "...", "`", "`${", "}`", "//", "/*", "*/", "\n", " ", "1", "0x1",
  "number", "string", "<T>", "#p", "@dec", "label:", "break", "continue", "try", "catch", "finally", "throw",
  "default", "switch", "case", "delete", "this", "super", "arguments", "$scope", "$import", "eval",
); // prettier-ignore

const source = fc.oneof(
  fc.array(token, { maxLength: 25 }).map((t) => t.join(" ")),
  fc.array(token, { maxLength: 25 }).map((t) => t.join("")),
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    "const x = 1;\nx",
    "import { MLP } from 'mlp';\nconst net = new MLP({ sizes: [2, 2] });",
    "for await (const x of y) {}",
    "let { a, b: [c] } = f();\nclass K extends Object {}\nK",
    "export const x = 1",
    "await import('data')",
  ),
);

describe("fuzz: transformCell", () => {
  it(`gives runnable code or a syntax error inside the cell, for ${RUNS} generated cells`, () => {
    const tried = fuzz(
      "transformCell",
      source,
      (cell) => {
        let code: string;
        try {
          ({ code } = transformCell(cell));
        } catch (error) {
          expect(error, String(error)).toBeInstanceOf(CellSyntaxError);
          const e = error as CellSyntaxError;
          expect(e.message).not.toBe("");
          const lines = cell.split(/\r\n|\r|\n|\u2028|\u2029/);
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.line).toBeLessThanOrEqual(lines.length);
          expect(e.column).toBeGreaterThanOrEqual(1);
          expect(e.column).toBeLessThanOrEqual(lines[e.line - 1]!.length + 1);
          return false;
        }
        expect(() => parse(code, { ecmaVersion: "latest", sourceType: "script" })).not.toThrow();
        return true;
      },
      RUNS,
    );
    expect(tried).toBe(RUNS);
  });
});

describe("cells the fuzzing found", () => {
  it("an empty cell is an async function that returns nothing (its wrapper was once closed before it opened)", async () => {
    const { code } = transformCell("");
    expect(code).toBe('(async function ($scope, $import) { "use strict"; \n})');
    expect(await (0, eval)(code)({}, () => null)).toBeUndefined();
  });

  it("a parse error sucrase gives no position is a CellSyntaxError at the end of the cell", () => {
    const cell = "+@dec$scopetry\nclass";
    expect(() => transformCell(cell)).toThrow(CellSyntaxError);
    expect(() => transformCell(cell)).toThrow("Invalid scope depth at end of file");
    try {
      transformCell(cell);
    } catch (error) {
      expect([(error as CellSyntaxError).line, (error as CellSyntaxError).column]).toEqual([2, 6]);
    }
  });
});
