// The cell transform against committed goldens: test/notebook/golden/<name>.ts → <name>.expected.js.
// After a deliberate change to the transform: UPDATE_GOLDEN=1 npx vitest run test/notebook/golden.test.ts,
// then read the diff of every .expected.js before committing it.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { transformCell } from "../../src/notebook/transform.ts";

const dir = join(import.meta.dirname, "golden");
const inputs = readdirSync(dir).filter((f) => f.endsWith(".ts"));

describe("transformCell(source) matches its golden output", () => {
  it("has golden cases", () => {
    expect(inputs.length).toBeGreaterThanOrEqual(8);
  });

  for (const input of inputs) {
    it(input, () => {
      const source = readFileSync(join(dir, input), "utf8");
      const { code } = transformCell(source);
      const expectedFile = join(dir, input.replace(/\.ts$/, ".expected.js"));
      if (process.env.UPDATE_GOLDEN === "1") writeFileSync(expectedFile, code);
      expect(code).toBe(readFileSync(expectedFile, "utf8"));
      // Lines never move: an error's line in the output is the line in the cell.
      expect(code.split("\n").length).toBe(source.split("\n").length + 1);
    });
  }
});
