// The Content-Security-Policy of every page, given to Astro's built-in CSP support (security.csp), which
// writes it as a <meta http-equiv="content-security-policy"> and adds the hashes of the scripts and styles
// it bundles. Everything must come from the site itself:
// - scripts: 'self' (bundled modules, the Pagefind search script) plus Astro's hashes for the scripts it
//   inlines; 'wasm-unsafe-eval' lets Pagefind compile its WebAssembly search engine (it permits no eval()).
// - style elements and stylesheets: 'self' plus the hashes of Plot's constant <style> elements.
// - style attributes: 'unsafe-inline'. KaTeX positions every glyph with style="height:…" and Plot's
//   serialised figures carry style="max-width:…"; hashing each distinct attribute is impractical. A style
//   attribute cannot run code, and img-src/font-src/connect-src 'self' keep CSS from reaching another host.
// - workers: 'self' only; the notebook kernel is a bundled file under _astro/. (A blob: worker would inherit
//   this page's policy, and the kernel evaluates reader code.)
// - fetch (MNIST subsets, the search index): 'self'. Images: 'self' and data: (digits drawn on a canvas).
// - fonts: 'self' and data: (Vite inlines the smallest KaTeX fonts into the stylesheet as data: URLs).
import { plotStyleHashes } from "./plot-style-hashes.ts";

export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "media-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
] as const;

export function contentSecurityPolicy() {
  return {
    algorithm: "SHA-256" as const,
    directives: [...CSP_DIRECTIVES],
    scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
    styleDirective: {
      resources: [
        { resource: "'self'", kind: "element" as const },
        { resource: "'unsafe-inline'", kind: "attribute" as const },
      ],
      hashes: plotStyleHashes().map((hash) => ({
        hash: hash as `sha256-${string}`,
        kind: "element" as const,
      })),
    },
  };
}
