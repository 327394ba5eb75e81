// The scripts of the site's chapters, read from content/ on disk: what the "Download this chapter as
// TypeScript" link serves (src/pages/scripts/[script].ts). One compiler program makes all of them, once.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { extractCells, runnableCode } from "../remark-cells.ts";
import { chapterScripts } from "./chapter-script.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

let made: { key: string; scripts: Map<string, string> } | null = null;

/**
 * chapters: content file names without .mdx ("04-losses") and titles; root: see ScriptOptions; projectRoot:
 * where the repository is on disk (a page passes process.cwd(): bundled, this file's own URL is in the build's
 * output folder, and ../../../ from there is the repository only when that folder is dist/).
 */
export function contentScripts(
  chapters: readonly { id: string; title: string }[],
  root = "./",
  projectRoot = ROOT,
): Map<string, string> {
  const sources = chapters.map(({ id, title }) => {
    const chapter = `content/${id}.mdx`;
    const mdx = readFileSync(join(projectRoot, chapter), "utf8");
    return { chapter, slug: id, title, mdx };
  });
  const key = JSON.stringify([root, sources]);
  if (made?.key !== key) {
    const scripts = chapterScripts(
      // The chapter as the build runs it: an exercise is its solution (the starter has a gap to fill).
      sources.map(({ mdx, ...rest }) => ({
        ...rest,
        cells: extractCells(mdx, rest.chapter).map((c) => ({ ...c, code: runnableCode(c) })),
      })),
      { root, projectRoot },
    );
    made = { key, scripts };
  }
  return made.scripts;
}
