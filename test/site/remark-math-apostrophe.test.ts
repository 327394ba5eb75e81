import { createMarkdownProcessor } from "@astrojs/markdown-remark";
import remarkMath from "remark-math";
import { describe, expect, it } from "vitest";
import remarkMathApostrophe from "../../src/site/remark-math-apostrophe.ts";

/** The rendered text of a paragraph, each formula shown as its TeX. */
async function render(markdown: string, plugins: unknown[]): Promise<string> {
  const processor = await createMarkdownProcessor({
    syntaxHighlight: false,
    remarkPlugins: plugins as never,
  });
  const { code } = await processor.render(markdown, { frontmatter: {} });
  return code
    .replace(/<code class="language-math math-inline">([^<]*)<\/code>/g, "$$$1$$")
    .replace(/<\/?p>/g, "");
}

describe("remarkMathApostrophe", () => {
  it("makes the ' after inline math an apostrophe, which SmartyPants alone curls the wrong way", async () => {
    const text = "example $i$'s label, and 'quoted' words";
    expect(await render(text, [remarkMath])).toBe("example $i$‘s label, and ‘quoted’ words"); // the bug
    expect(await render(text, [remarkMath, remarkMathApostrophe])).toBe(
      "example $i$’s label, and ‘quoted’ words",
    );
  });
});
