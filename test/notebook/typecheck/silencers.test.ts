// No cell silences the checker: no `any`, no type assertion but `as const`, no @ts-ignore, unless a comment
// beside it says why.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractCells } from "../../../src/notebook/remark-cells.ts";
import { silencers } from "../../../src/notebook/typecheck/silencers.ts";

const CONTENT = join(import.meta.dirname, "..", "..", "..", "content");

describe("silencers(code)", () => {
  it("finds any, type assertions and @ts- directives, with the line of each", () => {
    const code = [
      "const a: any = 1;",
      "const b = a as string;",
      "const c = <number>a;",
      "// @ts-ignore",
      "const d: number = b;",
      "// @ts-expect-error",
    ].join("\n");
    expect(silencers(code).map((s) => [s.line, s.what])).toEqual([
      [1, "any"],
      [2, "a type assertion to string"],
      [3, "a type assertion to number"],
      [4, "@ts-ignore"],
      [6, "@ts-expect-error"],
    ]);
  });

  it("does not count `as const`, a non-null `!` or the word any in a string or comment", () => {
    expect(silencers('const xs = [1, 2] as const;\nconst y = [1][0]!;\nconst s = "any"; // any')).toEqual([]);
  });

  it("a comment that starts with 'because', on the line or the one above, is the justification", () => {
    const code =
      "// because Plot's types say unknown\nconst x = JSON.parse('1') as number;\nconst y = x as 1;";
    expect(silencers(code).map((s) => s.justification)).toEqual(["because Plot's types say unknown", null]);
  });
});

describe("the chapters' cells", () => {
  it("silence the checker nowhere without a comment saying why", () => {
    const unjustified: string[] = [];
    for (const file of readdirSync(CONTENT).filter((f) => f.endsWith(".mdx"))) {
      extractCells(readFileSync(join(CONTENT, file), "utf8")).forEach((cell, i) => {
        for (const s of silencers(cell.code)) {
          if (!s.justification) unjustified.push(`content/${file}: cell ${i + 1}, line ${s.line}: ${s.what}`);
        }
      });
    }
    expect(unjustified).toEqual([]);
  });
});
