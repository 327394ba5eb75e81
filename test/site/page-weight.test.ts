import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { pageWeight, staticImports } from "../../src/tools/page-weight.ts";

describe("staticImports(code)", () => {
  it("finds import/export-from and bare imports, minified or not, but not dynamic import()", () => {
    const code = `import{a as b}from"./chunk.js";import "./side.js";export { c } from './re.js';
      import * as ns from "/_astro/ns.js";const lazy=()=>import("./editor.js");`;
    expect(staticImports(code)).toEqual(["./chunk.js", "./side.js", "./re.js", "/_astro/ns.js"]);
  });
});

describe("pageWeight(dist, htmlFile, base)", () => {
  const dist = mkdtempSync(join(tmpdir(), "page-weight-"));
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it("counts inline and module scripts with their static imports, and stylesheets, each gzipped", () => {
    mkdirSync(join(dist, "_astro"));
    mkdirSync(join(dist, "chapters/data"), { recursive: true });
    const files: Record<string, string> = {
      "_astro/page.js": `import{x}from"./shared.js";x();const e=()=>import("./editor.js");`,
      "_astro/shared.js": `export const x=()=>console.log("shared ${"s".repeat(300)}");`,
      "_astro/editor.js": `export const big="${"e".repeat(5000)}";`,
      "_astro/site.css": `body{color:red}${".a{margin:0}".repeat(50)}`,
    };
    for (const [path, text] of Object.entries(files)) writeFileSync(join(dist, path), text);
    const inline = `document.documentElement.classList.add("js")`;
    const html = `<!doctype html><html><head><link rel="stylesheet" href="/sub/_astro/site.css">
      <script>${inline}</script><script type="module" src="/sub/_astro/page.js"></script>
      <script type="application/json">{"not":"code"}</script></head><body></body></html>`;
    writeFileSync(join(dist, "chapters/data/index.html"), html);

    const weight = pageWeight(dist, join(dist, "chapters/data/index.html"), "/sub/");
    const gz = (s: string) => gzipSync(s, { level: 9 }).length;
    expect(weight.page).toBe("chapters/data");
    expect(weight.files).toEqual([
      "inline#0",
      "/sub/_astro/page.js",
      "/sub/_astro/shared.js",
      "/sub/_astro/site.css",
    ]);
    expect(weight.jsGzip).toBe(gz(inline) + gz(files["_astro/page.js"]!) + gz(files["_astro/shared.js"]!));
    expect(weight.cssGzip).toBe(gz(files["_astro/site.css"]!));
    expect(weight.htmlGzip).toBe(gz(html));
  });
});
