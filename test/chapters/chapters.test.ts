// Every chapter's cells, run in order in Node through the notebook runtime the build uses: a chapter whose
// code no longer works with the library fails here, named, before it fails the build.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCells } from "../../src/notebook/node-runner.ts";
import { extractCells } from "../../src/notebook/remark-cells.ts";

const contentDir = join(import.meta.dirname, "..", "..", "content");
const chapters = readdirSync(contentDir)
  .filter((f) => f.endsWith(".mdx"))
  .sort();

describe("every cell of every chapter runs, in order, without error", () => {
  it("finds the chapters", () => {
    expect(chapters.length).toBeGreaterThan(0);
  });

  for (const file of chapters) {
    it(file, async () => {
      const chapter = `content/${file}`;
      const cells = extractCells(readFileSync(join(contentDir, file), "utf8"), chapter);
      const runs = await runCells(
        cells.map((c) => c.code),
        { chapter, skip: (i) => cells[i]!.options.includes("norun") },
      );
      expect(runs).toHaveLength(cells.length);
      for (const run of runs) if (run) expect(run.ok).toBe(true);
    });
  }
});
