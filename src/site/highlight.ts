// The highlighted HTML of a cell's TypeScript, as Astro's <Code> component would write it (a
// <pre class="astro-code …"> carrying both palettes), but with Shiki's time limit per line turned off.
// With the default limit (500 ms), the first line highlighted in a build, while the grammar's regular
// expressions are still compiling, could be cut off after a few tokens and the rest of the line left in one
// colour: on a busy machine the first cell of chapter 1 lost its colours. A cell's lines are short, so
// there is nothing for the limit to protect against.
import { codeToHtml, codeToTokens } from "shiki";
import { CODE_THEMES } from "./code-themes.ts";

export function highlightTs(code: string): Promise<string> {
  return codeToHtml(code.replace(/(?:\r\n|\r|\n)$/, ""), {
    lang: "ts",
    themes: CODE_THEMES,
    defaultColor: false,
    tokenizeTimeLimit: 0,
    transformers: [
      {
        pre(node) {
          // the class and attributes Astro's <Code> gives, which src/styles/code.css styles
          node.properties["class"] = String(node.properties["class"] ?? "").replace(/shiki/g, "astro-code");
          node.properties["dataLanguage"] = "ts";
          node.properties["style"] = `${String(node.properties["style"] ?? "")}; overflow-x: auto;`;
        },
      },
    ],
  });
}

export interface HighlightedLines {
  /** The class and style of the <pre> Astro's <Code> would write (both palettes, both backgrounds). */
  preClass: string;
  preStyle: string;
  /** Each line's tokens as HTML (escaped text in coloured spans), the file's line i at index i − 1. */
  lines: string[];
}

const escapeHtml = (s: string): string =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

/** A whole file highlighted once (so a block cut out of a class still knows it is inside one), by line. */
export async function highlightLines(code: string): Promise<HighlightedLines> {
  const { tokens, rootStyle, themeName } = await codeToTokens(code.replace(/(?:\r\n|\r|\n)$/, ""), {
    lang: "ts",
    themes: CODE_THEMES,
    defaultColor: false,
    tokenizeTimeLimit: 0,
  });
  const style = (s: Record<string, string> | undefined): string =>
    Object.entries(s ?? {})
      .map(([k, v]) => `${k}:${v}`)
      .join(";");
  return {
    preClass: `astro-code ${(themeName ?? "").replace(/shiki/g, "astro-code")}`.trim(),
    preStyle: `${rootStyle ?? ""}; overflow-x: auto;`,
    lines: tokens.map((line) =>
      line.map((t) => `<span style="${style(t.htmlStyle)}">${escapeHtml(t.content)}</span>`).join(""),
    ),
  };
}
