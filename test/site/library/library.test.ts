// The library pages of this repository, computed as the build computes them.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildLibrary } from "../../../src/site/library/library.ts";
import { renderFile } from "../../../src/site/library/render.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const lib = buildLibrary(ROOT);
const chapterHref = (n: number) => `/chapters/${n}/`;

describe("the library pages", () => {
  it("give every export of mlp a page and an anchor on it, at the line the export is declared", async () => {
    const mlp = lib.names.filter((n) => n.from === "mlp");
    expect(mlp.length).toBeGreaterThan(50);
    const html = new Map<string, string>();
    for (const name of mlp) {
      const target = lib.target("mlp", name.name);
      expect(target, `mlp's ${name.name} (${name.file}:${name.line})`).toBeDefined();
      expect(target!.file.file).toBe(name.file);
      expect(target!.block.names).toContain(name.name);
      // The anchor is the declaration's doc comment, or the declaration itself, never below it.
      expect(target!.line).toBeLessThanOrEqual(name.line);
      expect(target!.block.to).toBeGreaterThanOrEqual(name.line);
      const key = target!.file.file;
      if (!html.has(key)) html.set(key, await renderFile(target!.file, { chapterHref }));
      expect(html.get(key)).toContain(`id="L${target!.line}"`);
    }
  });

  it("resolve every library name a chapter's cells import to a line of a page", () => {
    expect(lib.chapters.length).toBeGreaterThanOrEqual(11);
    for (const chapter of lib.chapters) {
      for (const { from, name } of chapter.names) {
        const target = lib.target(from, name);
        expect(target, `chapter ${chapter.order} imports ${name} from "${from}"`).toBeDefined();
        expect(target!.block.usedIn).toContain(chapter.order);
      }
    }
  });

  it('say "used in" only of chapters whose cells import the name or use what the block declares', () => {
    for (const page of lib.pages) {
      for (const file of page.files) {
        for (const block of file.blocks) {
          for (const n of block.usedIn) {
            const chapter = lib.chapters.find((c) => c.order === n)!;
            const imported = chapter.names.some((i) => block.names.includes(i.name));
            const reached = lib
              .uses(n)
              .some(
                (u) =>
                  u.target.block === block ||
                  (u.target.file === file && block.names.includes(u.name.split(".")[0]!)),
              );
            expect(imported || reached, `${file.file}:${block.anchor} used in chapter ${n}`).toBe(true);
          }
        }
      }
    }
  });

  it("are in the chapters' reading order, the speed code on a page of its own", () => {
    const mlp = lib.pages.filter((p) => p.group === "mlp");
    const firsts = mlp.map((p) => p.firstChapter ?? Infinity);
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    expect(mlp[0]!.title).toBe("matrix.ts");
    expect(mlp.every((p) => !p.files[0]!.file.startsWith("src/mlp/fast/"))).toBe(true);
    const fast = lib.pages.filter((p) => p.group === "fast");
    expect(fast.length).toBeLessThanOrEqual(1);
    for (const f of fast[0]?.files ?? []) expect(f.file).toMatch(/^src\/mlp\/fast\/[\w-]+\.ts$/);
    // The data pages are the src/data files a chapter imports from, no others.
    for (const page of lib.pages.filter((p) => p.group === "data")) expect(page.firstChapter).not.toBeNull();
  });

  it("put Dense's backward step on the layer page with its doc line and shape comments", async () => {
    const target = lib.target("mlp", "Dense.backwardInto")!;
    expect(target.page.path).toBe("library/mlp/layer/");
    expect(target.block.doc?.text).toMatch(/dW/);
    const code = target.file.source
      .split("\n")
      .slice(target.block.from - 1, target.block.to)
      .join("\n");
    expect(code).toMatch(/backwardInto\(/);
    expect(code).toMatch(/\/\/ \(n_in, n_out\)/);
    expect(lib.target("mlp", "Dense")!.block.usedIn).toContain(2);
  });

  it("list, for chapter 6, Dense (its cells read net.layers[l].W) and MLP.backward, each at its line", () => {
    const uses = lib.uses(6);
    const dense = uses.find((u) => u.name === "Dense")!;
    expect(dense.imported).toBe(false);
    const declared = lib.target("mlp", "Dense")!;
    expect([dense.target.page, dense.target.block, dense.target.line]).toEqual([
      declared.page,
      declared.block,
      declared.line,
    ]);
    expect(dense.target.block.usedIn).toContain(6);
    const backward = uses.find((u) => u.name === "MLP.backward")!;
    expect(backward.target.page.path).toBe("library/mlp/network/");
    expect(backward.target.block.doc).not.toBeNull();
    // The names the cells import come first on their page.
    expect(uses.find((u) => u.name === "MLP")!.imported).toBe(true);
  });
});
