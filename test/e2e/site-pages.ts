// The pages a build wrote, found in its output folder, so every suite covers every chapter without a list
// to keep up to date.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface BuiltPage {
  /** Path under the site's base: "" for home, "chapters/data/". */
  path: string;
  /** File-system-safe name for screenshots: "home", "chapters-data". */
  name: string;
  chapter: boolean;
}

/** The build the suites read: dist/, which the e2e setup builds and serves (SITE_DIST names another one
 *  for a run against a build served some other way). */
export const DIST = process.env["SITE_DIST"] ?? "dist";

export function builtPages(outDir = DIST): BuiltPage[] {
  const chaptersDir = join(outDir, "chapters");
  const slugs = existsSync(chaptersDir)
    ? readdirSync(chaptersDir).filter((slug) => existsSync(join(chaptersDir, slug, "index.html")))
    : [];
  return [
    { path: "", name: "home", chapter: false },
    ...slugs.sort().map((slug) => ({ path: `chapters/${slug}/`, name: `chapters-${slug}`, chapter: true })),
    ...(existsSync(join(outDir, "your-work", "index.html"))
      ? [{ path: "your-work/", name: "your-work", chapter: false }]
      : []),
  ];
}

/** The path of the first built chapter whose HTML contains `marker`: a suite finds a chapter by what it
 *  holds, not by its name. */
export function chapterWith(marker: string, outDir = DIST): string {
  const page = builtPages(outDir).find(
    (p) => p.chapter && readFileSync(join(outDir, p.path, "index.html"), "utf8").includes(marker),
  );
  if (!page) throw new Error(`no built chapter contains ${marker}`);
  return page.path;
}
