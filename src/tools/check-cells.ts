// `npm run check:cells`: type-checks every cell of every chapter (src/notebook/typecheck) and prints each
// error with the chapter, the cell, its line in the MDX and the compiler's message. Exits 1 on any error.
//
//   node src/tools/check-cells.ts [content/04-losses.mdx …]
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { checkSource } from "../notebook/exercise.ts";
import { extractCells } from "../notebook/remark-cells.ts";
import {
  checkChapters,
  formatCellDiagnostic,
  type CellDiagnostic,
} from "../notebook/typecheck/check-chapters.ts";

const files = process.argv.slice(2);
const chapters = (files.length > 0 ? files : readdirSync("content").map((f) => join("content", f)))
  .filter((f) => f.endsWith(".mdx"))
  .sort()
  .map((file) => {
    const chapter = relative(process.cwd(), file);
    return { chapter, cells: extractCells(readFileSync(file, "utf8"), chapter) };
  });
// An exercise's solution and checks run on their own, in a fresh kernel, as one cell (what Check runs): each
// is type-checked that way too, as a chapter of its own.
const exercises = chapters.flatMap(({ chapter, cells }) =>
  cells.flatMap((cell) =>
    cell.exercise
      ? [
          {
            chapter: `${chapter} (exercise "${cell.exercise.id}": solution and checks)`,
            cells: [{ code: checkSource(cell.exercise.solution, cell.exercise), line: cell.line }],
          },
        ]
      : [],
  ),
);
const start = performance.now();
// A starter has a gap where the reader's code goes, so its parameters may be unused until they write it.
const gap = (d: CellDiagnostic): boolean =>
  d.code === 6133 && chapters.find((c) => c.chapter === d.chapter)?.cells[d.cell - 1]?.exercise !== undefined;
const diagnostics = checkChapters([...chapters, ...exercises]).filter((d) => !gap(d));
const ms = performance.now() - start;
for (const d of diagnostics) console.error(formatCellDiagnostic(d));
const cells = chapters.reduce((n, c) => n + c.cells.length, 0);
const summary = `${cells} cells of ${chapters.length} chapters checked in ${(ms / 1000).toFixed(1)} s`;
if (diagnostics.length > 0) {
  console.error(`check-cells: ${diagnostics.length} type errors; ${summary}`);
  process.exit(1);
}
console.log(`check-cells: no type errors; ${summary}`);
