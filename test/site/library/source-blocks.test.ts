import { describe, expect, it } from "vitest";
import { docText, sourceBlocks } from "../../../src/site/library/source-blocks.ts";

const SOURCE = `// The opening comment, line one,
// and line two.

import { b } from "./b.ts";

/** Adds one. Uses \`b\`. */
export function addOne(x: number): number {
  return x + 1; // (m, n)
}

// Why this helper exists.
function helper(): void {}

export class Box {
  /** The value, kept. */
  readonly v: number;

  constructor(v: number) {
    this.v = v;
  }

  /**
   * Twice the value.
   * Second line.
   */
  twice(): number {
    return 2 * this.v;
  }
}
`;

describe("sourceBlocks(text)", () => {
  const { intro, introLines, blocks, lineCount } = sourceBlocks(SOURCE);

  it("takes the opening // lines as the introduction, without their slashes", () => {
    expect(intro).toBe("The opening comment, line one,\nand line two.");
    expect(introLines).toEqual([1, 2]);
    expect(lineCount).toBe(29);
  });

  it("cuts the file at each top-level declaration and each documented method, in file order", () => {
    expect(blocks.map((b) => [b.name, b.from, b.to, b.anchor])).toEqual([
      [null, 4, 4, 4], // the imports
      ["addOne", 7, 9, 6], // code below its doc comment, anchored at the doc comment
      ["helper", 11, 12, 11], // a plain comment right above stays with the code
      ["Box", 14, 20, 14], // the class up to its first documented method (the property's doc stays in the code)
      ["Box.twice", 26, 29, 22],
    ]);
  });

  it("lifts each doc comment out as prose, with its first line", () => {
    expect(blocks[1]!.doc).toEqual({ text: "Adds one. Uses `b`.", line: 6 });
    expect(blocks[4]!.doc).toEqual({ text: "Twice the value.\nSecond line.", line: 22 });
    expect(blocks[2]!.doc).toBeNull();
  });

  it("marks what is exported (a class's methods with their class)", () => {
    expect(blocks.map((b) => b.exported)).toEqual([false, true, false, true, true]);
    expect(blocks[1]!.declarationLine).toBe(7);
  });
});

describe("docText(comment)", () => {
  it("drops the delimiters and the leading stars", () => {
    expect(docText("/**\n   * a\n   *\n   * b\n   */")).toBe("a\n\nb");
    expect(docText("/** one line */")).toBe("one line");
  });
});
