// Every exercise of every chapter, in Node, as the page's Check runs it (the reader's code, then the checks, as
// one cell in a fresh kernel): the author's solution passes every check, and the starter code fails at least
// one, so no check can be passed by doing nothing.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkVerdict } from "../../src/notebook/check.ts";
import { checkSource } from "../../src/notebook/exercise.ts";
import { createNodeKernel } from "../../src/notebook/node-runner.ts";
import type { Output } from "../../src/notebook/protocol.ts";
import { extractCells } from "../../src/notebook/remark-cells.ts";

const contentDir = join(import.meta.dirname, "..", "..", "content");
const exercises = readdirSync(contentDir)
  .filter((f) => f.endsWith(".mdx"))
  .sort()
  .flatMap((file) =>
    extractCells(readFileSync(join(contentDir, file), "utf8"), `content/${file}`).flatMap((cell) =>
      cell.exercise ? [{ file, code: cell.code, exercise: cell.exercise }] : [],
    ),
  );

async function check(code: string, exercise: { check: string }) {
  const outputs: Output[] = [];
  const { ok } = await createNodeKernel().run("check", checkSource(code, exercise), (o) => outputs.push(o));
  return { ...checkVerdict(outputs, ok), outputs };
}

describe("exercises", () => {
  it("chapters 2 to 9 have at least one each", () => {
    const chapters = new Set(exercises.map((e) => e.file.slice(0, 2)));
    for (const n of ["02", "03", "04", "05", "06", "07", "08", "09"]) expect(chapters).toContain(n);
  });

  for (const { file, code, exercise } of exercises) {
    describe(`${file}: ${exercise.id}`, () => {
      it("the solution passes every check", { timeout: 60_000 }, async () => {
        const verdict = await check(exercise.solution, exercise);
        expect(verdict.failed).toEqual([]);
        expect(verdict.outputs.filter((o) => o.kind === "error")).toEqual([]);
        expect(verdict.passed.length).toBeGreaterThan(0);
        expect(verdict.solved).toBe(true);
      });

      it(
        "the starter code fails at least one check, in the reader's terms",
        { timeout: 60_000 },
        async () => {
          expect(code).toContain("// your code here");
          const verdict = await check(code, exercise);
          expect(verdict.solved).toBe(false);
          expect(verdict.failed.length).toBeGreaterThan(0);
          for (const line of verdict.failed) expect(line).toMatch(/should be|is off by|needs/);
        },
      );
    });
  }
});
