// The library as the site shows it, computed from the sources at build time: one page per teaching file of
// src/mlp and per src/data file a chapter imports from, in the order the chapters first use them; one page
// for the speed code of src/mlp/fast; and, for every public name, the page and line it is declared at and
// the chapters whose cells import it.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, posix } from "node:path";
import ts from "typescript";
import { chapterImports, type ChapterImports } from "./chapter-imports.ts";
import { chapterUses } from "./chapter-uses.ts";
import { cachedMemberUses } from "./member-uses.ts";
import { targetAt } from "./targets.ts";
import { publicNames, type PackageName, type PublicName } from "./public-names.ts";
import { sourceBlocks, type Block } from "./source-blocks.ts";

export interface LibraryBlock extends Block {
  /** The public names declared by this block ("Dense"), as cells import them. */
  names: string[];
  /** The chapters (numbers) whose cells import one of those names or use a member declared in the block. */
  usedIn: number[];
}

export interface LibraryFile {
  /** Relative to the root, e.g. "src/mlp/layer.ts". */
  file: string;
  source: string;
  intro: string;
  introLines: [number, number];
  blocks: LibraryBlock[];
}

export type PageGroup = PackageName | "fast";

export interface LibraryPage {
  group: PageGroup;
  /** Site path without the base: "library/mlp/layer/". */
  path: string;
  /** The file's name ("layer.ts"), or "fast/" for the speed code. */
  title: string;
  files: LibraryFile[];
  /** The first chapter whose cells import a name of the page, or null. */
  firstChapter: number | null;
}

export interface LibraryTarget {
  page: LibraryPage;
  file: LibraryFile;
  block: LibraryBlock;
  /** The line a link lands on: the declaration's doc comment, or its first line. */
  line: number;
  /** The element id of that line on the page ("L52"; "kernels-L52" on a page of several files). */
  id: string;
}

export { idPrefix } from "./targets.ts";

/** A library name a chapter's cells use, and where it is read. */
export interface ChapterUse {
  /** As a cell imports it ("Dense"), or a member reached through a value ("Dense.W", "MLP.backward"). */
  name: string;
  /** True when a cell imports the name; false when the cells reach it through a value's members. */
  imported: boolean;
  target: LibraryTarget;
}

export interface Library {
  pages: LibraryPage[];
  chapters: ChapterImports[];
  names: PublicName[];
  /** What chapter `order`'s cells use: the names they import, then what they reach through members
   *  (a documented method by its own name, anything else by its class), in the library's reading order. */
  uses(order: number): ChapterUse[];
  /** Where a public name ("mlp", "Dense") or a documented method ("mlp", "Dense.backwardInto") is read. */
  target(from: PackageName, name: string): LibraryTarget | undefined;
}

/** Site path of a chapter, as src/site/chapters.ts gives it. */
export const chapterPath = (slug: string): string => `chapters/${slug}/`;

const FAST_DIR = "src/mlp/fast";

/** A file's blocks with the public names each declares and the chapters that import them. */
export function libraryFile(
  file: string,
  source: string,
  names: readonly PublicName[],
  chapters: readonly ChapterImports[],
): LibraryFile {
  const { intro, introLines, blocks } = sourceBlocks(source, file);
  const declared = names.filter((n) => n.file === file);
  const withNames: LibraryBlock[] = blocks.map((block) => {
    const own = block.name?.includes(".")
      ? []
      : declared.filter((n) => n.line === block.declarationLine).map((n) => n.name);
    const usedIn = chapters
      .filter((c) => c.names.some((n) => own.includes(n.name) && declared.some((d) => d.from === n.from)))
      .map((c) => c.order);
    return { ...block, names: own, usedIn };
  });
  // A name declared inside another block (e.g. two consts in one statement) goes with that block.
  for (const n of declared) {
    if (withNames.some((b) => b.names.includes(n.name))) continue;
    const holder = withNames.findLast((b) => b.from <= n.line);
    if (!holder) throw new Error(`library pages: ${file}:${n.line} (${n.name}) is in no block`);
    holder.names.push(n.name);
    holder.usedIn = chapters
      .filter((c) => c.names.some((i) => holder.names.includes(i.name) && i.from === n.from))
      .map((c) => c.order);
  }
  return { file, source, intro, introLines, blocks: withNames };
}

const readFile = (root: string, file: string, names: PublicName[], chapters: ChapterImports[]): LibraryFile =>
  libraryFile(file, readFileSync(join(root, file), "utf8"), names, chapters);

/** The files among `files` in the order a reader reaches them, following imports from the teaching pages. */
function readingPath(root: string, from: readonly LibraryPage[], files: readonly string[]): string[] {
  const order: string[] = [];
  const queue = from.map((p) => p.files[0]!.file);
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i]!;
    const sf = ts.createSourceFile(file, readFileSync(join(root, file), "utf8"), ts.ScriptTarget.Latest);
    for (const s of sf.statements) {
      if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier)) continue;
      const target = posix.join(posix.dirname(file), s.moduleSpecifier.text);
      if (files.includes(target) && !order.includes(target)) order.push(target);
      if (!queue.includes(target) && existsSync(join(root, target))) queue.push(target);
    }
  }
  return [...order, ...files.filter((f) => !order.includes(f))];
}

const tsFiles = (root: string, dir: string): string[] =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && f !== "index.ts")
    .sort()
    .map((f) => `${dir}/${f}`);

export function buildLibrary(root: string): Library {
  const names = publicNames(root);
  const chapters = chapterImports(join(root, "content"));
  const firstUse = (file: string): number | null => {
    const own = names.filter((n) => n.file === file);
    const chapter = chapters.find((c) =>
      c.names.some((i) => own.some((n) => n.name === i.name && n.from === i.from)),
    );
    return chapter?.order ?? null;
  };
  const exportOrder = (file: string): number => {
    const i = names.findIndex((n) => n.file === file);
    return i === -1 ? Infinity : i;
  };
  const teachingPage = (group: PackageName, file: string): LibraryPage => {
    const base = file.slice(file.lastIndexOf("/") + 1, -".ts".length);
    return {
      group,
      path: `library/${group}/${base}/`,
      title: `${base}.ts`,
      files: [readFile(root, file, names, chapters)],
      firstChapter: firstUse(file),
    };
  };
  const readingOrder = (a: LibraryPage, b: LibraryPage): number =>
    (a.firstChapter ?? Infinity) - (b.firstChapter ?? Infinity) ||
    exportOrder(a.files[0]!.file) - exportOrder(b.files[0]!.file) ||
    a.title.localeCompare(b.title);

  const mlp = tsFiles(root, "src/mlp")
    .map((f) => teachingPage("mlp", f))
    .sort(readingOrder);
  const imported = new Set(
    chapters.flatMap((c) =>
      c.names.flatMap((i) => names.filter((n) => n.from === i.from && n.name === i.name).map((n) => n.file)),
    ),
  );
  const data = [...imported]
    .filter((f) => f.startsWith("src/data/"))
    .map((f) => teachingPage("data", f))
    .sort(readingOrder);
  const fast: LibraryPage[] = existsSync(join(root, FAST_DIR))
    ? [
        {
          group: "fast",
          path: "library/mlp/fast/",
          title: "fast/",
          files: readingPath(root, mlp, tsFiles(root, FAST_DIR)).map((f) =>
            readFile(root, f, names, chapters),
          ),
          firstChapter: null,
        },
      ]
    : [];
  const pages = [...mlp, ...fast, ...data];

  const targets = new Map<string, LibraryTarget>();
  for (const page of pages) {
    for (const file of page.files) {
      for (const block of file.blocks) {
        const from: PackageName = file.file.startsWith("src/data/") ? "data" : "mlp";
        for (const name of block.names) targets.set(`${from}:${name}`, targetAt(page, file, block));
        if (block.name?.includes(".")) targets.set(`${from}:${block.name}`, targetAt(page, file, block));
      }
    }
  }
  const target = (from: PackageName, name: string) => targets.get(`${from}:${name}`);

  const uses = chapterUses(
    pages,
    chapters,
    cachedMemberUses(
      root,
      chapters.map((c) => c.cells),
    ),
    target,
  );

  return { pages, chapters, names, uses, target };
}

let built: { stamp: string; library: Library } | undefined;

/** What the library is computed from, by name, size and time of change: a cheap test of "nothing moved". */
function sourcesStamp(root: string): string {
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
      if (e.isDirectory()) return walk(`${dir}/${e.name}`);
      const s = statSync(join(root, dir, e.name));
      return [`${dir}/${e.name}:${s.size}:${s.mtimeMs}`];
    });
  return [root, ...["src/mlp", "src/data", "content"].flatMap(walk)].join("\n");
}

/** The library of the project at `root`: computed once per build, again in `astro dev` when a source changes. */
export function library(root: string): Library {
  const stamp = sourcesStamp(root);
  if (built?.stamp !== stamp) built = { stamp, library: buildLibrary(root) };
  return built.library;
}
