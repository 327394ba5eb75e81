// The remark plugin: ```ts cell blocks become <NotebookCell> with their outputs baked, run once per content.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { afterAll, describe, expect, it } from "vitest";
import type { Output } from "../../src/notebook/protocol.ts";
import remarkCells, {
  cellFence,
  cellOptions,
  extractCells,
  runChapter,
} from "../../src/notebook/remark-cells.ts";

const FIXTURE = join(import.meta.dirname, "fixtures", "sample-chapter.mdx");
const cacheDir = mkdtempSync(join(tmpdir(), "cells-cache-"));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

interface JsxNode {
  type: string;
  name?: string;
  value?: string;
  lang?: string;
  attributes?: { name: string; value: string | null }[];
}

async function transform(mdx: string, path = "/site/content/07-test.mdx", options = {}) {
  const processor = unified()
    .use(remarkParse)
    .use(remarkMdx)
    .use(remarkCells, { cacheDir: false, ...options });
  const tree = await processor.run(processor.parse(mdx), { path } as never);
  return (tree as unknown as { children: JsxNode[] }).children;
}

const attrs = (node: JsxNode) => Object.fromEntries((node.attributes ?? []).map((a) => [a.name, a.value]));

describe("remarkCells()", () => {
  it("turns each ts cell block of the fixture chapter into a NotebookCell, in order, and imports the component", async () => {
    const nodes = await transform(readFileSync(FIXTURE, "utf8"), FIXTURE);
    expect(nodes[0]).toMatchObject({ type: "mdxjsEsm" });
    expect(nodes[0]!.value).toMatch(/^import NotebookCell from ".*\/components\/Cell\.astro";$/);
    const cells = nodes.filter((n) => n.type === "mdxJsxFlowElement");
    expect(cells.map((c) => c.name)).toEqual(Array(5).fill("NotebookCell"));
    expect(cells.map((c) => attrs(c).id)).toEqual([1, 2, 3, 4, 5].map((i) => `sample-chapter-${i}`));
    expect(nodes.filter((n) => n.type === "code").map((n) => n.lang)).toEqual(["ts"]); // the plain block stays
  });

  it("bakes each cell's outputs, hides those of a `hide` cell and does not run a `norun` one", async () => {
    const cells = (await transform(readFileSync(FIXTURE, "utf8"), FIXTURE)).filter(
      (n) => n.type === "mdxJsxFlowElement",
    );
    const outputs = cells.map((c) => JSON.parse(attrs(c).outputs!) as Output[]);
    expect(outputs[0]).toEqual([
      { kind: "stream", stream: "stdout", text: "X has shape [2, 2]\n" },
      expect.objectContaining({
        kind: "value",
        view: expect.objectContaining({ type: "table", caption: "Matrix (2×2)" }),
      }),
    ]);
    expect(attrs(cells[1]!)).toMatchObject({ outputs: "[]", ran: "true", hide: null });
    expect(outputs[2]).toEqual([{ kind: "value", view: { type: "text", text: "[[-1], [-1]]" } }]);
    expect(attrs(cells[3]!)).toMatchObject({ outputs: "[]", ran: "false", norun: null });
    expect(outputs[4]![0]).toMatchObject({ kind: "value", view: { type: "svg" } });
  });

  it("passes the original code and a hash of it", async () => {
    const [, cell] = await transform("```ts cell\nconst a: number = 1;\n```\n");
    expect(attrs(cell!)).toMatchObject({ code: "const a: number = 1;", chapter: "07-test", index: "1" });
    expect(attrs(cell!).hash).toMatch(/^[0-9a-f]{16}$/);
    const [, other] = await transform("```ts cell\nconst a: number = 2;\n```\n");
    expect(attrs(other!).hash).not.toBe(attrs(cell!).hash);
  });

  it("fails on a cell that throws, naming the chapter, the cell, its first line and the line", async () => {
    const mdx =
      "```ts cell\nconst ok = 1;\n```\n\n```ts cell\n// weights\nconst W = 2;\nW.toFixed(-5);\n```\n";
    await expect(transform(mdx)).rejects.toThrow(
      "07-test.mdx: cell 2 (// weights) failed at line 3, column 3: RangeError: toFixed() digits argument must be between 0 and 100",
    );
  });

  it("passes a fence's name=\"…\" as the cell's name, and refuses a name that is no id", async () => {
    const [, cell] = await transform('```ts cell name="mnist-full" norun\n1\n```\n');
    expect(attrs(cell!)).toMatchObject({ name: "mnist-full", norun: null });
    const [, plain] = await transform("```ts cell\n1\n```\n");
    expect(attrs(plain!)).not.toHaveProperty("name");
    await expect(transform('```ts cell name="Full_Set"\n1\n```\n')).rejects.toThrow(
      '07-test.mdx:1: cell option name needs an id of lowercase letters, digits and hyphens: name="mnist-full", got "Full_Set"',
    );
  });

  it("rejects an unknown fence option", async () => {
    await expect(transform("```ts cell norun hidden\n1\n```\n")).rejects.toThrow(
      '07-test.mdx:1: unknown cell option "hidden" (a cell takes: norun, hide, manual, helper="…", name="…", exercise="…")',
    );
  });

  it("runs a helper cell like any other and passes its summary, for the fold", async () => {
    const mdx =
      '```ts cell helper="adds two numbers"\nconst add = (a: number, b: number) => a + b;\nconsole.log("defined");\n```\n\n' +
      "```ts cell\nadd(2, 3)\n```\n";
    const [, helper, lesson] = await transform(mdx);
    expect(attrs(helper!)).toMatchObject({ helper: "adds two numbers", ran: "true" });
    expect(JSON.parse(attrs(helper!).outputs!)).toEqual([
      { kind: "stream", stream: "stdout", text: "defined\n" },
    ]);
    expect(attrs(lesson!)).not.toHaveProperty("helper");
    expect(JSON.parse(attrs(lesson!).outputs!)).toEqual([
      { kind: "value", view: { type: "text", text: "5" } },
    ]);
  });

  it("leaves a chapter without cells, and non-MDX files, untouched", async () => {
    expect((await transform("# Title\n\n```ts\n1\n```\n")).map((n) => n.type)).toEqual(["heading", "code"]);
    expect((await transform("```ts cell\n1\n```\n", "/site/page.md")).map((n) => n.type)).toEqual(["code"]);
  });

  it("with run: false, places the cells without running them", async () => {
    const [, cell] = await transform("```ts cell\nthrow new Error('never')\n```\n", undefined, {
      run: false,
    });
    expect(attrs(cell!)).toMatchObject({ outputs: "[]", ran: "false" });
  });
});

describe("runChapter(chapter, cells, { cacheDir })", () => {
  it("runs a chapter once and then reads its results from the cache until the code changes", async () => {
    const cells = [{ code: "let n = 20;\nn + 1", options: [], line: 1 }];
    const first = await runChapter("content/cache.mdx", cells, { cacheDir });
    const second = await runChapter("content/cache.mdx", cells, { cacheDir });
    expect([first.cached, second.cached]).toEqual([false, true]);
    expect(second.runs).toEqual(first.runs);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith(".json"))).toHaveLength(1);
    const changed = await runChapter("content/cache.mdx", [{ ...cells[0]!, code: "let n = 30;\nn + 1" }], {
      cacheDir,
    });
    expect(changed.cached).toBe(false);
    expect(changed.runs[0]!.outputs).toEqual([{ kind: "value", view: { type: "text", text: "31" } }]);
  });
});

describe("extractCells(mdx) and cellOptions(lang, meta)", () => {
  it("finds the cells of a chapter with their options and lines, as the site parses them", () => {
    const cells = extractCells(readFileSync(FIXTURE, "utf8"));
    expect(cells.map((c) => c.options)).toEqual([[], ["hide"], [], ["norun"], []]);
    expect(cells[0]!.line).toBe(10);
    expect(cells[2]!.code).toBe("const S = matmul(X, W); // (2, 1)\nS.toArray();");
  });

  it("reads chapters with math, whose braces are not MDX expressions", () => {
    const mdx = "Inputs live in $X \\in \\mathbb{R}^{m \\times n}$.\n\n```ts cell\n1\n```\n";
    expect(extractCells(mdx).map((c) => c.code)).toEqual(["1"]);
  });

  it('reads helper="…" (in double or single quotes, beside flags) as the summary a helper cell is folded behind', () => {
    expect(cellFence("ts", 'cell helper="draws digits as images"', "x")).toEqual({
      options: [],
      helper: "draws digits as images",
      name: null,
      exercise: null,
    });
    expect(cellFence("ts", "cell hide helper='fits a line'  norun", "x")).toEqual({
      options: ["hide", "norun"],
      helper: "fits a line",
      name: null,
      exercise: null,
    });
    expect(cellFence("ts", "cell hide", "x")).toEqual({
      options: ["hide"],
      helper: null,
      name: null,
      exercise: null,
    });
    expect(cellOptions("ts", 'cell helper="draws" hide', "x")).toEqual(["hide"]);
    const mdx = '```ts cell helper="draws digits as images"\n1\n```\n\n```ts cell\n2\n```\n';
    expect(extractCells(mdx).map((c) => c.helper)).toEqual(["draws digits as images", undefined]);
  });

  it("says what is wrong with a helper option: no summary, an unclosed quote, a value on a flag", () => {
    const needs = 'ch.mdx:4: cell option helper needs a one-line summary: helper="draws digits as images"';
    expect(() => cellFence("ts", "cell helper", "ch.mdx:4")).toThrow(needs);
    expect(() => cellFence("ts", 'cell helper="  "', "ch.mdx:4")).toThrow(needs);
    expect(() => cellFence("ts", 'cell helper="draws digits', "ch.mdx:4")).toThrow(
      'ch.mdx:4: cannot read the cell fence "cell helper="draws digits" (a value goes in quotes: helper="what it does")',
    );
    expect(() => cellFence("ts", "cell helper=draws", "ch.mdx:4")).toThrow(
      "ch.mdx:4: cannot read the cell fence",
    );
    expect(() => cellFence("ts", 'cell norun="yes"', "ch.mdx:4")).toThrow(
      `ch.mdx:4: unknown cell option "norun="yes"" (a cell takes: norun, hide, manual, helper="…", name="…", exercise="…")`,
    );
  });

  it("recognises ts and typescript fences whose meta starts with cell", () => {
    expect(cellOptions("ts", "cell", "x")).toEqual([]);
    expect(cellOptions("typescript", "cell hide", "x")).toEqual(["hide"]);
    expect(cellOptions("ts", "title=cell", "x")).toBeNull();
    expect(cellOptions("js", "cell", "x")).toBeNull();
  });
});
