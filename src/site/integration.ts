// The site shell's build hooks: the theme is applied before the first paint, and the built site gets its
// offline search index (Pagefind) whichever way it was built (npm run build, astro build, the e2e setup).
import { fileURLToPath } from "node:url";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { AstroIntegration } from "astro";

/**
 * Runs in <head> before anything paints: applies a stored theme choice ("light"/"dark"; absent = follow
 * the system) and marks the page as scripted, so controls that need JavaScript show only when it runs.
 * Astro hashes head-inline scripts into the CSP.
 */
export const THEME_INIT = `(()=>{const d=document.documentElement;d.classList.add("js");try{const t=localStorage.getItem("theme");if(t==="light"||t==="dark")d.dataset.theme=t}catch{}})();`;

export function siteShell(): AstroIntegration {
  return {
    name: "site-shell",
    hooks: {
      "astro:config:setup": ({ injectScript }) => {
        injectScript("head-inline", THEME_INIT);
      },
      "astro:build:done": async ({ dir, logger }) => {
        const pagefind = await import("pagefind");
        const site = fileURLToPath(dir);
        // Math is indexed once, as its MathML text (W∈ℝn×k): not KaTeX's visual copy, nor the TeX source,
        // nor the stretched braces and bars drawn over or under a term. A cell's buttons and outputs are the
        // page's machinery, not its text ("RunRun all aboveStopReset" in every excerpt).
        const { index, errors } = await pagefind.createIndex({
          excludeSelectors: [
            ".katex-html",
            ".katex-mathml annotation",
            '.katex-mathml mo[stretchy="true"]',
            "[data-cell-toolbar]",
            "[data-cell-output]",
            "[data-cell-source]",
          ],
          forceLanguage: "en",
        });
        if (!index) throw new Error(`pagefind: could not create the search index: ${errors.join("; ")}`);
        const added = await index.addDirectory({ path: site });
        if (added.errors.length > 0) throw new Error(`pagefind: ${added.errors.join("; ")}`);
        const written = await index.writeFiles({ outputPath: join(site, "pagefind") });
        if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join("; ")}`);
        await pagefind.close();
        // The site has its own search dialog (src/site/search.ts); Pagefind's prebuilt UIs would only weigh.
        const unused = ["pagefind-ui", "pagefind-modular-ui", "pagefind-component-ui"].flatMap((n) => [
          `${n}.js`,
          `${n}.css`,
        ]);
        await Promise.all(
          [...unused, "pagefind-highlight.js"].map((f) => rm(join(site, "pagefind", f), { force: true })),
        );
        logger.info(`search index written to pagefind/ (${added.page_count} HTML files read)`);
      },
    },
  };
}
