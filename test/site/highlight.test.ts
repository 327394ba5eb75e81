import { describe, expect, it } from "vitest";
import { highlightTs } from "../../src/site/highlight.ts";
import { CODE_THEMES } from "../../src/site/code-themes.ts";

/** The tokens of the highlighted HTML: [text, --shiki-light colour] per span of a line. */
function tokens(html: string): [string, string][] {
  return [...html.matchAll(/<span style="--shiki-light:(#[0-9A-Fa-f]+);[^"]*">([^<]*)<\/span>/g)].map(
    ([, colour, text]) => [text!, colour!.toUpperCase()],
  );
}

describe("highlightTs (a cell's code)", () => {
  it("writes the <pre> Astro's <Code> writes, with both palettes, which the site's code.css styles", async () => {
    const html = await highlightTs("const X = 1;\n");
    const pre = /<pre ([^>]*)>/.exec(html)![1]!;
    expect(pre).toContain(`class="astro-code astro-code-themes ${CODE_THEMES.light} ${CODE_THEMES.dark}"`);
    expect(pre).toMatch(/style="--shiki-light:#[0-9a-f]+;--shiki-dark:#[0-9a-f]+;.*overflow-x: auto;"/);
    expect(pre).toContain('data-language="ts"');
    expect(pre).toContain('tabindex="0"');
    expect(html).not.toMatch(/class="shiki/);
    expect(html).not.toContain("\n</code>"); // the trailing newline is not a blank last line
  });

  it("colours every token of the first line it sees, keyword by keyword", async () => {
    const html = await highlightTs(
      'import { Matrix, shapeOf } from "mlp";\nconst X = Matrix.from([[0.5, 1.2]]);',
    );
    const byText = new Map<string, string>();
    for (const [text, colour] of tokens(html)) if (!byText.has(text.trim())) byText.set(text.trim(), colour); // first
    expect(byText.get("import")).toBeDefined();
    expect(byText.get("from")).toBe(byText.get("import")); // both keywords (the first "from")
    expect(byText.get('"mlp"')).not.toBe(byText.get("import")); // the string is its own token
    expect(byText.get("const")).toBe(byText.get("import"));
    expect(byText.get("0.5")).toBeDefined(); // the numbers of the second line are tokens of their own
    expect(byText.get("0.5")).not.toBe(byText.get("const"));
  });
});
