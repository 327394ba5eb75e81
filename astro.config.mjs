// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import { unified } from "@astrojs/markdown-remark";
import remarkMath from "remark-math";
import rehypeKatex from "rehype-katex";
import remarkCells from "./src/notebook/remark-cells.ts";
import rehypeEqlinks from "./src/eqlink/rehype-eqlinks.ts";
import { CODE_THEMES } from "./src/site/code-themes.ts";
import { contentSecurityPolicy } from "./src/site/csp.ts";
import { siteShell } from "./src/site/integration.ts";
import rehypeHeadingMath from "./src/site/rehype-heading-math.ts";
import rehypeMathPunctuation from "./src/site/rehype-math-punctuation.ts";
import remarkMathApostrophe from "./src/site/remark-math-apostrophe.ts";

// The site can be served under a sub-path: BASE_PATH=/mlp/ npm run build.
const base = process.env.BASE_PATH ?? "/";

export default defineConfig({
  base,
  trailingSlash: "ignore",
  markdown: {
    // Astro 7's default processor ignores remark/rehype plugins; the unified processor applies them (to MDX too).
    processor: unified({
      // remarkCells runs each chapter's ```ts cell blocks and bakes their outputs (src/notebook/remark-cells.ts).
      // remarkMathApostrophe: "$i$'s" keeps an apostrophe, not SmartyPants' opening quote (src/site).
      remarkPlugins: [remarkMath, remarkMathApostrophe, remarkCells],
      // rehypeHeadingMath: heading ids and table-of-contents text count each formula once (src/site).
      // rehypeEqlinks links each display equation's symbols to the cell after it (src/eqlink).
      // rehypeMathPunctuation keeps an inline formula's punctuation on its line (src/site).
      rehypePlugins: [
        [rehypeKatex, { output: "htmlAndMathml" }],
        rehypeHeadingMath,
        rehypeEqlinks,
        rehypeMathPunctuation,
      ],
    }),
    // Code blocks carry both palettes as --shiki-light/--shiki-dark; src/styles/code.css picks one per theme.
    shikiConfig: { themes: CODE_THEMES, defaultColor: false },
  },
  integrations: [mdx(), siteShell()],
  // A <meta> CSP on every page: only the site's own scripts, styles, workers and data (see src/site/csp.ts).
  security: { csp: contentSecurityPolicy() },
  build: { inlineStylesheets: "never" },
  vite: {
    // Packages the dev server would otherwise discover only on a reader's first edit or run (the editor, the
    // worker's transpiler and Plot's DOM), answering 504 "Outdated Optimize Dep" while it re-bundles.
    optimizeDeps: {
      include: [
        "sucrase",
        "acorn",
        "linkedom",
        "@observablehq/plot",
        "@codemirror/autocomplete",
        "@codemirror/commands",
        "@codemirror/lang-javascript",
        "@codemirror/lint",
        "@codemirror/language",
        "@codemirror/state",
        "@codemirror/view",
        "@lezer/highlight",
        "typescript",
      ],
    },
    // The notebook worker (src/notebook/worker.ts) is an ES module, so the modules a cell imports (the
    // library, Plot, linkedom) are separate chunks loaded on a cell's first import, not at worker start.
    worker: { format: "es" },
  },
});
