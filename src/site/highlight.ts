// The highlighted HTML of a cell's TypeScript, as Astro's <Code> component would write it (a
// <pre class="astro-code …"> carrying both palettes), but with Shiki's time limit per line turned off.
// With the default limit (500 ms), the first line highlighted in a build, while the grammar's regular
// expressions are still compiling, could be cut off after a few tokens and the rest of the line left in one
// colour: on a busy machine the first cell of chapter 1 lost its colours. A cell's lines are short, so
// there is nothing for the limit to protect against.
import { codeToHtml } from "shiki";
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
