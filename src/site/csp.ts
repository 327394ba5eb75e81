// The Content-Security-Policy of every page, given to Astro's built-in CSP support (security.csp), which
// writes it as a <meta http-equiv="content-security-policy"> and adds the hashes of the scripts and styles
// it bundles. Everything must come from the site itself:
// - scripts: 'self' (bundled modules, the Pagefind search script) plus Astro's hashes for the scripts it
//   inlines; 'wasm-unsafe-eval' lets Pagefind compile its WebAssembly search engine (it permits no eval()).
// - style elements and stylesheets: 'self' plus the hashes of Plot's constant <style> elements.
// - style attributes: 'unsafe-inline'. KaTeX positions every glyph with style="height:…" and Plot's
//   serialised figures carry style="max-width:…"; hashing each distinct attribute is impractical. A style
//   attribute cannot run code, and img-src/font-src/connect-src 'self' keep CSS from reaching another host.
// - workers: 'self' and blob:. The notebook kernel starts from a blob: URL that imports its bundled file, so
//   this policy holds inside it too (a worker from the site's own URL gets its policy from response headers,
//   and a static host sends none): a reader's cell reaches no other host and cannot eval.
// - scripts also allow blob:, for that worker's bootstrap and for the cells, each imported as a blob: module
//   (where eval would need 'unsafe-eval'). A blob: URL is made by script already running here: markup
//   injected into a page cannot make one.
// - fetch (MNIST subsets, the search index): 'self'. Images: 'self' and data: (digits drawn on a canvas).
// - fonts: 'self' and data: (Vite inlines the smallest KaTeX fonts into the stylesheet as data: URLs).
import { plotStyleHashes } from "./plot-style-hashes.ts";

export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
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
    scriptDirective: { resources: ["'self'", "blob:", "'wasm-unsafe-eval'"] },
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
