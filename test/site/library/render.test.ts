// One library page's rendering against a committed golden: fixtures/layer.ts.txt (a copy of src/mlp/layer.ts
// as it was) → golden/layer.html. After a deliberate change to the rendering:
// UPDATE_GOLDEN=1 npx vitest run test/site/library/render.test.ts, then read the diff before committing it.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { libraryFile } from "../../../src/site/library/library.ts";
import { introHtml, proseHtml, renderFile } from "../../../src/site/library/render.ts";

const here = import.meta.dirname;
const source = readFileSync(join(here, "fixtures", "layer.ts.txt"), "utf8");
const file = libraryFile(
  "src/mlp/layer.ts",
  source,
  [{ from: "mlp", name: "Dense", file: "src/mlp/layer.ts", line: 8, typeOnly: false }],
  [
    { order: 2, slug: "weighted-sum", names: [{ from: "mlp", name: "Dense" }], cells: [] },
    { order: 3, slug: "activations", names: [{ from: "mlp", name: "relu" }], cells: [] },
    { order: 6, slug: "backprop", names: [{ from: "data", name: "Dense" }], cells: [] },
    { order: 11, slug: "reproductions", names: [{ from: "mlp", name: "Dense" }], cells: [] },
  ],
);

describe("a library page's rendering", () => {
  it("matches the golden of layer.ts", async () => {
    const html = `${introHtml(file)}\n${await renderFile(file, { chapterHref: (n) => `/chapters/${n}/` })}\n`;
    const golden = join(here, "golden", "layer.html");
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(golden, html);
    expect(html).toBe(readFileSync(golden, "utf8"));
  });

  it("numbers every shown line as in the file, each with its own anchor, and none twice", async () => {
    const html = await renderFile(file, { chapterHref: (n) => `/chapters/${n}/` });
    const ids = [...html.matchAll(/ id="(L\d+)"/g)].map((m) => m[1]!);
    expect(new Set(ids).size).toBe(ids.length);
    const shown = file.blocks.flatMap((b) => Array.from({ length: b.to - b.from + 1 }, (_, i) => b.from + i));
    for (const n of shown) expect(html).toContain(`href="#L${n}" data-n="${n}"`);
    // Doc comment lines are prose, not code: line 52 (Dense.backwardInto's doc) is the block's anchor only.
    expect(html).not.toContain('data-n="52"');
    expect(html).toContain(
      '<section class="lib-block" id="L52"><h3 class="lib-name" id="Dense.backwardInto">',
    );
  });

  it('links "used in" to the chapters that import the name from its package, in order', async () => {
    const html = await renderFile(file, { chapterHref: (n) => `/chapters/${n}/` });
    expect(html).toContain(
      '<p class="lib-used">Used in chapters <a href="/chapters/2/">2</a> and <a href="/chapters/11/">11</a></p>',
    );
  });
});

describe("proseHtml(text)", () => {
  it("escapes HTML, keeps `code`, and breaks paragraphs at blank lines only", () => {
    expect(proseHtml("a <b> & `x < y`\nstill a\n\nnext")).toBe(
      "<p>a &lt;b&gt; &amp; <code>x &lt; y</code> still a</p><p>next</p>",
    );
  });
});
