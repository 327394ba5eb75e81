// How many exercises each chapter has, read from its MDX at build, for the sidebar's "solved n of N".
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { extractCells } from "../notebook/remark-cells.ts";

// The build runs at the repository's root; this module is bundled, so its own URL says nothing of where that is.
const CONTENT = join(process.cwd(), "content");
const counts = new Map<string, number>();

/** The number of exercises in content/<id>.mdx (0 for a chapter without any). */
export function exerciseCount(id: string): number {
  let n = counts.get(id);
  if (n === undefined) {
    const file = join(CONTENT, `${id}.mdx`);
    n = extractCells(readFileSync(file, "utf8"), `content/${id}.mdx`).filter((c) => c.exercise).length;
    counts.set(id, n);
  }
  return n;
}
