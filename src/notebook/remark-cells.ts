// The remark plugin that makes a chapter's ```ts cell blocks notebook cells: it runs them in order in Node
// (through the same kernel as the browser), and replaces each block by the Cell component with the code and
// the outputs it produced, baked into the static page. Results are cached by the cells' code and the
// library's source, so an unchanged chapter is not run again.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "acorn";
import type { Code, Root } from "mdast";
import remarkMath from "remark-math";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { attachCompanion, companionFence, exerciseOf, type Companion, type Exercise } from "./exercise.ts";
import { createNodeKernel, runCells, type CellRun } from "./node-runner.ts";

/** Longer than any cell runs at build, and below setTimeout's 2³¹ ms limit. */
const BAKE_THROTTLE_MS = 1_000_000_000;
import type { Output } from "./protocol.ts";

export const CELL_OPTIONS = ["norun", "hide", "manual"] as const;
export type CellOption = (typeof CELL_OPTIONS)[number];
/** Fence options that take a value: `helper="what it does"`, `name="mnist-full"`. */
export const CELL_VALUE_OPTIONS = ["helper", "name", "exercise"] as const;

export interface CellSpec {
  /** The cell's TypeScript, as written. */
  code: string;
  /**
   * Fence options: `norun` (not run at build), `hide` (run, output not shown), `manual` (run at build; in the
   * page only when the reader asks: a knob above never re-runs it, for a cell that downloads or trains for minutes).
   */
  options: CellOption[];
  /** 1-based line of the fence in the chapter, for messages. */
  line: number | null;
  /** `helper="draws digits as images"`: the cell is a tool, not the lesson; its code is folded behind this. */
  helper?: string;
  /** `name="mnist-full"`: the cell's root carries data-cell-name, for tests and tools to find it. */
  name?: string;
  /** `exercise="sigmoid-prime"`: the code is the reader's starter; its companion fences follow it. */
  exercise?: Exercise;
}

/** What a cell's fence says: its flags and, for a helper cell, the one-line summary it is folded behind. */
export interface CellFence {
  options: CellOption[];
  helper: string | null;
  name: string | null;
  /** `exercise="id"`: the cell is an exercise (exercise.ts reads its companion fences). */
  exercise: string | null;
}

/** A cell's name: lowercase letters, digits and hyphens. */
const CELL_NAME = /^[a-z0-9][a-z0-9-]*$/;

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CELL_COMPONENT = fileURLToPath(new URL("../../components/Cell.astro", import.meta.url));
const DEFAULT_CACHE = join(ROOT, "node_modules", ".cache", "cells");
/** What a cell's results depend on besides its code. */
const LIBRARY_DIRS = ["src/mlp", "src/data", "src/notebook"];
const CACHE_VERSION = 1;

/** A word of a fence's meta: a name, maybe with a quoted value (`hide`, `helper="draws digits"`). */
const META_WORD = /([^\s="']+)(?:=(?:"([^"]*)"|'([^']*)'))?/g;

/** A fence's meta as words: `cell helper="draws digits" hide` → cell, helper="draws digits", hide. */
function metaWords(meta: string, where: string): { name: string; value: string | null }[] {
  if (meta.replace(META_WORD, "").trim() !== "") {
    throw new Error(
      `${where}: cannot read the cell fence "${meta.trim()}" (a value goes in quotes: helper="what it does")`,
    );
  }
  return Array.from(meta.matchAll(META_WORD), (m) => ({ name: m[1]!, value: m[2] ?? m[3] ?? null }));
}

/** `ts cell norun` → a cell with options; any other code block → null. Unknown or malformed options are errors. */
export function cellFence(
  lang: string | null | undefined,
  meta: string | null | undefined,
  where: string,
): CellFence | null {
  if (lang !== "ts" && lang !== "typescript") return null;
  if ((meta ?? "").trim().split(/\s+/)[0] !== "cell") return null;
  const fence: CellFence = { options: [], helper: null, name: null, exercise: null };
  const known = [...CELL_OPTIONS, ...CELL_VALUE_OPTIONS.map((o) => `${o}="…"`)].join(", ");
  for (const { name, value } of metaWords(meta!, where).slice(1)) {
    if (name === "helper") {
      if (!value?.trim()) {
        throw new Error(
          `${where}: cell option helper needs a one-line summary: helper="draws digits as images"`,
        );
      }
      fence.helper = value.trim();
    } else if (name === "name") {
      if (value === null || !CELL_NAME.test(value)) {
        throw new Error(
          `${where}: cell option name needs an id of lowercase letters, digits and hyphens: name="mnist-full", got ${value === null ? "none" : JSON.stringify(value)}`,
        );
      }
      fence.name = value;
    } else if (name === "exercise") {
      if (value === null || !CELL_NAME.test(value)) {
        throw new Error(
          `${where}: cell option exercise needs an id of lowercase letters, digits and hyphens: exercise="sigmoid-prime", got ${value === null ? "none" : JSON.stringify(value)}`,
        );
      }
      fence.exercise = value;
    } else if ((CELL_OPTIONS as readonly string[]).includes(name) && value === null) {
      fence.options.push(name as CellOption);
    } else {
      const what = value === null ? name : `${name}=${JSON.stringify(value)}`;
      throw new Error(`${where}: unknown cell option "${what}" (a cell takes: ${known})`);
    }
  }
  return fence;
}

/** The flags of a `ts cell …` fence (see cellFence), or null for any other code block. */
export function cellOptions(
  lang: string | null | undefined,
  meta: string | null | undefined,
  where: string,
): CellOption[] | null {
  return cellFence(lang, meta, where)?.options ?? null;
}

type Parent = { children: unknown[] };

type Found = { node: Code; parent: Parent; companions: Companion[] } & CellFence;

/** Every code node of the tree that is a cell, in document order, with where it sits. */
function findCells(tree: Root, where: string): Found[] {
  const found: Found[] = [];
  const walk = (parent: Parent): void => {
    for (const child of parent.children) {
      const node = child as { type: string; children?: unknown[] };
      if (node.type === "code") {
        const code = node as unknown as Code;
        const line = code.position?.start.line;
        const at = line === undefined ? where : `${where}:${line}`;
        const fence = cellFence(code.lang, code.meta, at);
        const companion = fence ? null : companionFence(code, parent, at);
        if (fence) found.push({ node: code, parent, companions: [], ...fence });
        else if (companion) attachCompanion(found.at(-1), companion, at);
      } else if (Array.isArray(node.children)) walk(node as Parent);
    }
  };
  walk(tree);
  return found;
}

function spec({ node, options, helper, name, exercise, companions }: Found, where: string): CellSpec {
  const line = node.position?.start.line ?? null;
  return {
    code: node.value,
    options,
    line,
    ...(helper === null ? {} : { helper }),
    ...(name === null ? {} : { name }),
    ...(exercise === null
      ? {}
      : { exercise: exerciseOf(exercise, companions, line === null ? where : `${where}:${line}`) }),
  };
}

/** The code a chapter's run gives a cell: an exercise runs its author's solution, so the cells below see it. */
export function runnableCode(cell: CellSpec): string {
  return cell.exercise ? cell.exercise.solution : cell.code;
}

/** The cells of an MDX chapter's text, parsed as the site parses it (MDX with math: `$\mathbb{R}$` is no expression). */
export function extractCells(mdx: string, where = "chapter"): CellSpec[] {
  const tree = unified().use(remarkParse).use(remarkMdx).use(remarkMath).parse(mdx);
  return findCells(tree, where).map((f) => spec(f, where));
}

/** Browser-only parts of the runtime: they never run at build, so changing them must not re-run every cell. */
const BROWSER_ONLY = /^src\/notebook\/(client\/|worker\.ts$)/;

/**
 * Hash of every file the build runs cells with (paths and contents) and of the lock file (Plot's version draws
 * the charts): a change anywhere re-runs the cells. Read afresh for each chapter, so `astro dev` sees edits.
 */
export function libraryHash(root = ROOT): string {
  const hash = createHash("sha256");
  const files = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
    );
  const inputs = LIBRARY_DIRS.flatMap((dir) => files(dir).sort()).filter((f) => !BROWSER_ONLY.test(f));
  for (const file of [...inputs, "package-lock.json"]) {
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(root, file)))
      .update("\0");
  }
  return hash.digest("hex");
}

/** The short hash of a cell's original code that keys a reader's saved edits. */
export function codeHash(code: string): string {
  return createHash("sha256").update(code).digest("hex").slice(0, 16);
}

export interface RunChapterOptions {
  /** Folder of cached results; default node_modules/.cache/cells. `false` turns the cache off. */
  cacheDir?: string | false;
}

/** Runs a chapter's cells (all but `norun` ones) in order, or reads the results of an identical earlier run. */
export async function runChapter(
  chapter: string,
  cells: readonly CellSpec[],
  options: RunChapterOptions = {},
): Promise<{ runs: (CellRun | null)[]; cached: boolean }> {
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE;
  const key = createHash("sha256")
    .update(
      JSON.stringify({
        v: CACHE_VERSION,
        chapter,
        library: libraryHash(),
        cells: cells.map((c) => [c.code, c.options, c.exercise ?? null]),
      }),
    )
    .digest("hex");
  const file = cacheDir === false ? null : join(cacheDir, `${key}.json`);
  if (file) {
    try {
      return { runs: JSON.parse(readFileSync(file, "utf8")) as (CellRun | null)[], cached: true };
    } catch {
      // not cached yet
    }
  }
  const runs = await runCells(cells.map(runnableCode), {
    chapter,
    skip: (i) => cells[i]!.options.includes("norun"),
    // Only a display's last view is baked, so the build renders live charts once, at the end of the cell.
    kernel: createNodeKernel({ throttleMs: BAKE_THROTTLE_MS }),
  });
  if (file && cacheDir !== false) {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(runs));
    renameSync(`${file}.tmp`, file); // never a half-written entry
  }
  return { runs, cached: false };
}

function attribute(name: string, value: string | null) {
  return { type: "mdxJsxAttribute", name, value };
}

const COMPONENT = "NotebookCell";

export interface RemarkCellsOptions extends RunChapterOptions {
  /** Run the cells and bake their outputs (default true). */
  run?: boolean;
}

/** The remark plugin (MDX only): ```ts cell blocks → <NotebookCell … /> with baked outputs. */
export default function remarkCells(options: RemarkCellsOptions = {}) {
  return async function transformer(tree: Root, file: { path?: string }): Promise<void> {
    const path = file.path ?? "chapter.mdx";
    if (extname(path) !== ".mdx") return;
    const chapter = relative(process.cwd(), path) || path;
    const slug = basename(path, ".mdx");
    const found = findCells(tree, chapter);
    if (found.length === 0) return;
    const cells: CellSpec[] = found.map((f) => spec(f, chapter));
    for (const f of found)
      for (const c of f.companions) c.parent.children.splice(c.parent.children.indexOf(c.node), 1);
    const runs =
      options.run === false ? cells.map(() => null) : (await runChapter(chapter, cells, options)).runs;

    found.forEach(({ node, parent, options: o, helper, name: cellName }, i) => {
      const exercise = cells[i]!.exercise;
      // An exercise's output is the reader's to make: the page shows none of the solution's.
      const outputs: Output[] = o.includes("hide") || exercise ? [] : (runs[i]?.outputs ?? []);
      const element = {
        type: "mdxJsxFlowElement",
        name: COMPONENT,
        attributes: [
          attribute("id", `${slug}-${i + 1}`),
          attribute("chapter", slug),
          attribute("index", String(i + 1)),
          attribute("code", node.value),
          attribute("hash", codeHash(node.value)),
          attribute("outputs", JSON.stringify(outputs)),
          attribute("ran", runs[i] && !exercise ? "true" : "false"),
          ...o.map((name) => attribute(name, null)),
          ...(helper === null ? [] : [attribute("helper", helper)]),
          ...(cellName === null ? [] : [attribute("name", cellName)]),
          ...(exercise ? [attribute("exercise", JSON.stringify(exercise))] : []),
        ],
        children: [],
        position: node.position,
      };
      parent.children[parent.children.indexOf(node)] = element;
    });

    const source = `import ${COMPONENT} from ${JSON.stringify(CELL_COMPONENT)};`;
    const estree = parse(source, { ecmaVersion: "latest", sourceType: "module" });
    (tree.children as unknown[]).unshift({ type: "mdxjsEsm", value: source, data: { estree } });
  };
}
