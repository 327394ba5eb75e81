// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import { unified } from "@astrojs/markdown-remark";
import remarkMath from "remark-math";
import rehypeKatex from "rehype-katex";

// The site can be served under a sub-path: BASE_PATH=/mlp/ npm run build.
const base = process.env.BASE_PATH ?? "/";

export default defineConfig({
  base,
  trailingSlash: "ignore",
  markdown: {
    // Astro 7's default processor ignores remark/rehype plugins; the unified processor applies them (to MDX too).
    processor: unified({
      remarkPlugins: [remarkMath],
      rehypePlugins: [[rehypeKatex, { output: "htmlAndMathml" }]],
    }),
  },
  integrations: [mdx()],
  build: { inlineStylesheets: "never" },
  vite: {
    optimizeDeps: { include: ["sucrase"] },
  },
});
