// What a page costs before the reader does anything: the gzipped bytes of the JavaScript it runs on load
// (inline scripts, module scripts and the modules they import statically; not what is import()-ed later,
// such as the editor or the search engine) and of its stylesheets, each file gzipped on its own as a server
// would send it (inline scripts too, though they travel inside the HTML). Reads a built site, no browser.
//
//   node src/tools/page-weight.ts [dist] [--base=/sub/] [--json]
//
// pageWeights() is what `npm run bench` can call.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import { gzipSync } from "node:zlib";

export interface PageWeight {
  /** Page path under the base, e.g. "chapters/data/". */
  page: string;
  jsGzip: number;
  cssGzip: number;
  htmlGzip: number;
  /** Files counted, site paths (inline scripts as "inline#n"). */
  files: string[];
}

const gz = (text: string | Buffer): number => gzipSync(text, { level: 9 }).length;

/** Static `import … from "x"` / `export … from "x"` / `import "x"` specifiers of a module; not import("x"). */
export function staticImports(code: string): string[] {
  const found: string[] = [];
  const pattern = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g;
  for (const match of code.matchAll(pattern)) found.push(match[1]!);
  return found;
}

/** A site URL ("/sub/_astro/x.js", "./y.js" relative to `from`) as a path inside the build folder. */
function toFile(dist: string, base: string, url: string, from: string): string | undefined {
  if (/^[a-z]+:/i.test(url) || url.startsWith("//")) return undefined;
  const sitePath = url.startsWith("/") ? url : posix.join(posix.dirname(from), url);
  if (!sitePath.startsWith(base)) return undefined;
  const file = join(dist, sitePath.slice(base.length));
  return existsSync(file) ? file : undefined;
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w-]+)(?:=("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
    out[m[1]!.toLowerCase()] = (m[2] ?? "").replace(/^["']|["']$/g, "");
  }
  return out;
}

export function pageWeight(dist: string, htmlFile: string, base = "/"): PageWeight {
  const html = readFileSync(htmlFile, "utf8");
  const page = relative(dist, dirname(htmlFile)).split("\\").join("/");
  const pageUrl = `${base}${page ? `${page}/` : ""}`;
  const files: string[] = [];
  const seen = new Set<string>();
  let js = 0;
  let css = 0;

  const addModule = (file: string, siteUrl: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    files.push(siteUrl);
    const code = readFileSync(file, "utf8");
    js += gz(code);
    for (const spec of staticImports(code)) {
      const dep = toFile(dist, base, spec, siteUrl);
      if (dep) addModule(dep, spec.startsWith("/") ? spec : posix.join(posix.dirname(siteUrl), spec));
    }
  };

  let inline = 0;
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = attributes(m[1]!);
    if (attrs["type"] && !/module|javascript/.test(attrs["type"])) continue;
    if (attrs["src"]) {
      const file = toFile(dist, base, attrs["src"], pageUrl);
      if (file) addModule(file, attrs["src"]);
    } else {
      files.push(`inline#${inline++}`);
      js += gz(m[2]!);
      for (const spec of staticImports(m[2]!)) {
        const dep = toFile(dist, base, spec, pageUrl);
        if (dep) addModule(dep, spec);
      }
    }
  }
  for (const m of html.matchAll(/<link\b([^>]*)>/gi)) {
    const attrs = attributes(m[1]!);
    const href = attrs["href"];
    if (!href) continue;
    const file = toFile(dist, base, href, pageUrl);
    if (!file || seen.has(file)) continue;
    if (attrs["rel"] === "stylesheet") {
      seen.add(file);
      files.push(href);
      css += gz(readFileSync(file));
    } else if (attrs["rel"] === "modulepreload") {
      addModule(file, href);
    }
  }
  return { page, jsGzip: js, cssGzip: css, htmlGzip: gz(html), files };
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "pagefind" || name === "_astro" ? [] : htmlFiles(path);
    return name === "index.html" ? [path] : [];
  });
}

/** Every page of a build (each index.html), home first. */
export function pageWeights(dist = "dist", base = "/"): PageWeight[] {
  return htmlFiles(dist)
    .map((file) => pageWeight(dist, file, base))
    .sort((a, b) => a.page.localeCompare(b.page));
}

/** Total bytes of a folder, uncompressed. */
export function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => {
    const path = join(dir, name);
    const info = statSync(path);
    return sum + (info.isDirectory() ? folderBytes(path) : info.size);
  }, 0);
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const dist = args.find((a) => !a.startsWith("--")) ?? "dist";
  const base = args.find((a) => a.startsWith("--base="))?.slice("--base=".length) ?? "/";
  const weights = pageWeights(dist, base.endsWith("/") ? base : `${base}/`);
  if (args.includes("--json")) {
    console.log(JSON.stringify({ pages: weights, distBytes: folderBytes(dist) }, null, 2));
  } else {
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
    console.log(
      `${"page".padEnd(36)}${"JS gzip".padStart(9)}${"CSS gzip".padStart(9)}${"HTML gzip".padStart(10)}`,
    );
    for (const w of weights)
      console.log(`${(w.page || "(home)").padEnd(36)}${kb(w.jsGzip)}${kb(w.cssGzip)} ${kb(w.htmlGzip)}`);
    console.log(`dist/ total: ${(folderBytes(dist) / 1024 / 1024).toFixed(2)} MB`);
  }
}
