import { createMarkdownProcessor } from "@astrojs/markdown-remark";
import rehypeKatex from "rehype-katex";
import remarkMath from "remark-math";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import rehypeMathPunctuation from "../../src/site/rehype-math-punctuation.ts";

const processor = await createMarkdownProcessor({
  syntaxHighlight: false,
  remarkPlugins: [remarkMath],
  rehypePlugins: [[rehypeKatex, { output: "htmlAndMathml" }], rehypeMathPunctuation],
});

/** The page as text, each wrapped group in brackets, each formula as its TeX: "the sum [$S$:] is". */
async function render(markdown: string): Promise<string> {
  const { code } = await processor.render(markdown, { frontmatter: {} });
  const { document: doc } = parseHTML(`<!doctype html><html><body>${code}</body></html>`);
  const show = (node: Node): string => {
    if (node.nodeType === 3) return node.textContent ?? "";
    const el = node as Element;
    if (el.classList.contains("katex-display")) return "$$…$$";
    if (el.classList.contains("katex")) return `$${el.querySelector("annotation")!.textContent}$`;
    const inner = [...el.childNodes].map(show).join("");
    return el.classList.contains("math-nowrap") ? `[${inner}]` : inner;
  };
  return show(doc.body).trim();
}

describe("rehypeMathPunctuation", () => {
  it("keeps the punctuation after an inline formula, and a bracket before it, on the formula's line", async () => {
    expect(await render("The sum $S$: then $A = f(S)$, and ($W$) or $b$.")).toBe(
      "The sum [$S$:] then [$A = f(S)$,] and [($W$)] or [$b$.]",
    );
  });

  it("leaves formulas without punctuation beside them, and display math, alone", async () => {
    expect(await render("a $x$ b\n\n$$\nS = XW\n$$\n")).toBe("a $x$ b\n$$…$$");
  });
});
