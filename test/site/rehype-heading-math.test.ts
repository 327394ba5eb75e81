import { createMarkdownProcessor } from "@astrojs/markdown-remark";
import rehypeKatex from "rehype-katex";
import remarkMath from "remark-math";
import { describe, expect, it } from "vitest";
import rehypeHeadingMath from "../../src/site/rehype-heading-math.ts";

// The site's order: KaTeX, then this plugin, then Astro's own heading collection.
const processor = await createMarkdownProcessor({
  syntaxHighlight: false,
  remarkPlugins: [remarkMath],
  rehypePlugins: [[rehypeKatex, { output: "htmlAndMathml" }], rehypeHeadingMath],
});

async function render(markdown: string) {
  const { code, metadata } = await processor.render(markdown, { frontmatter: {} });
  return { html: code, headings: metadata.headings, segments: metadata.frontmatter["headingSegments"] };
}

describe("rehypeHeadingMath", () => {
  it("slugs a heading with math from its text with each formula once, as its TeX", async () => {
    const { html, headings } = await render(
      "## Why there must be an $f$\n\n### The delta $\\delta_L$ of layer $L$\n",
    );
    expect(headings.map((h) => h.slug)).toEqual(["why-there-must-be-an-f", "the-delta-delta_l-of-layer-l"]);
    expect(html).toContain('<h2 id="why-there-must-be-an-f">');
  });

  it("exports each heading's text as plain and TeX segments, keyed by its id", async () => {
    const { segments } = await render("## Why there must be an $f$\n\n## Plain heading\n");
    expect(segments).toEqual({
      "why-there-must-be-an-f": [{ text: "Why there must be an " }, { tex: "f" }],
      "plain-heading": [{ text: "Plain heading" }],
    });
  });

  it("numbers repeated headings as Astro does", async () => {
    const { headings } = await render("## Example $x$\n\n## Example $x$\n\n## Example x\n");
    expect(headings.map((h) => h.slug)).toEqual(["example-x", "example-x-1", "example-x-2"]);
  });
});
