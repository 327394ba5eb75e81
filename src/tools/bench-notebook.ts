// The notebook's figures, measured by Chromium against the built site (npm run build first):
// - JavaScript a page with cells loads before any interaction (gzip, each file on its own as a server sends it);
// - Run → output for a small cell: cold (fresh page: the worker, transpiler and library load on the click)
//   and warm (the same cell again), from the click to the first change in the cell's output area;
// - what the first edit and the first run fetch (the editor; the worker and the modules a cell imports).
//
//   node src/tools/bench-notebook.ts [--dist=dist] [--page=playground/] [--runs=10] [--json]
//
// benchNotebook() is what `npm run bench` can call.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { launch } from "../../test/e2e/browser.ts";

export interface NotebookBench {
  page: string;
  /** Per page with cells: gzipped JS bytes loaded before interaction (external files + inline scripts). */
  firstLoad: { page: string; jsGzip: number; files: number }[];
  runColdMs: number[];
  runWarmMs: number[];
  /** Gzipped bytes fetched by the first edit (the editor) and by the first run (worker and its modules). */
  editorGzip: number;
  firstRunGzip: number;
  workerFiles: { file: string; gzip: number }[];
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
  ".gz": "application/gzip",
  ".wasm": "application/wasm",
};

const gz = (bytes: Buffer | string): number => gzipSync(bytes, { level: 9 }).length;

export function serve(dist: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    let file = normalize(join(dist, path));
    if (!file.startsWith(normalize(dist))) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({
        server,
        url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`,
      });
    }),
  );
}

/** Pages of the build that have cells, as paths under the site ("chapters/data/", "playground/"). */
function pagesWithCells(dist: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(dist, dir), { withFileTypes: true })) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !entry.name.startsWith("_") && entry.name !== "pagefind") walk(path);
      else if (entry.name === "index.html" && readFileSync(join(dist, path), "utf8").includes("data-cell-id"))
        found.push(dir ? `${dir}/` : "");
    }
  };
  walk("");
  return found.sort();
}

/** Records every JavaScript response's gzipped size until `stop()`. */
function recordScripts(page: Page): { stop(): Promise<{ url: string; gzip: number }[]> } {
  const pending: Promise<{ url: string; gzip: number } | null>[] = [];
  const listener = (response: import("playwright-core").Response): void => {
    const type = response.headers()["content-type"] ?? "";
    if (!type.includes("javascript")) return;
    pending.push(
      response.body().then(
        (body) => ({ url: response.url(), gzip: gz(body) }),
        () => null,
      ),
    );
  };
  page.on("response", listener);
  return {
    async stop() {
      page.off("response", listener);
      return (await Promise.all(pending)).filter((r) => r !== null);
    },
  };
}

async function firstLoad(browser: Browser, url: string): Promise<{ jsGzip: number; files: number }> {
  const page = await browser.newPage();
  const scripts = recordScripts(page);
  await page.goto(url, { waitUntil: "networkidle" });
  const inline = await page.evaluate(() =>
    Array.from(document.querySelectorAll("script:not([src])"))
      .filter((s) => !s.getAttribute("type") || s.getAttribute("type") === "module")
      .map((s) => s.textContent ?? ""),
  );
  const files = await scripts.stop();
  await page.close();
  const jsGzip = files.reduce((sum, f) => sum + f.gzip, 0) + inline.reduce((sum, code) => sum + gz(code), 0);
  return { jsGzip, files: files.length + inline.length };
}

/**
 * Clicks the cell's Run button and resolves with the milliseconds until its output area first changes
 * (measured in the page: click event → mutation), after the run has finished.
 */
async function timeRun(page: Page, cell: number): Promise<number> {
  const root = page.locator("[data-cell]").nth(cell - 1);
  await root.evaluate((el) => {
    const out = el.querySelector("[data-cell-output]")!;
    const run = el.querySelector<HTMLButtonElement>('[data-cell-action="run"]')!;
    const w = window as unknown as { benchClick: number; benchOutput: number | null };
    w.benchOutput = null;
    run.addEventListener("click", () => (w.benchClick = performance.now()), { once: true, capture: true });
    const observer = new MutationObserver(() => {
      w.benchOutput ??= performance.now();
      observer.disconnect();
    });
    observer.observe(out, { childList: true, subtree: true, characterData: true });
  });
  await root.getByRole("button", { name: "Run", exact: true }).click();
  await page.waitForFunction(
    (el) =>
      el.getAttribute("data-state") === "idle" &&
      /^(Ran|Failed)/.test(el.querySelector("[data-cell-status]")?.textContent ?? ""),
    await root.elementHandle(),
    { timeout: 60_000 },
  );
  return page.evaluate(() => {
    const w = window as unknown as { benchClick: number; benchOutput: number | null };
    return (w.benchOutput ?? Number.NaN) - w.benchClick;
  });
}

export async function benchNotebook(
  options: { dist?: string; page?: string; runs?: number } = {},
): Promise<NotebookBench> {
  const dist = options.dist ?? "dist";
  if (!existsSync(join(dist, "index.html")))
    throw new Error(`bench-notebook: no build in ${dist}/ (run npm run build)`);
  const pages = pagesWithCells(dist);
  const target = options.page ?? (pages.includes("playground/") ? "playground/" : pages[0]);
  if (target === undefined) throw new Error(`bench-notebook: no page with cells in ${dist}/`);
  const runs = options.runs ?? 10;
  const { server, url } = await serve(dist);
  const browser = await launch();
  try {
    const loads = [];
    for (const page of pages) loads.push({ page, ...(await firstLoad(browser, url + page)) });

    const runColdMs: number[] = [];
    const runWarmMs: number[] = [];
    let firstRun: { url: string; gzip: number }[] = [];
    for (let r = 0; r < runs; r++) {
      const page = await browser.newPage();
      await page.goto(url + target, { waitUntil: "networkidle" });
      const scripts = recordScripts(page);
      runColdMs.push(await timeRun(page, 1));
      if (r === 0) firstRun = await scripts.stop();
      else await scripts.stop();
      for (let k = 0; k < 3; k++) runWarmMs.push(await timeRun(page, 1));
      await page.close();
    }

    const page = await browser.newPage();
    await page.goto(url + target, { waitUntil: "networkidle" });
    const scripts = recordScripts(page);
    await page.locator("[data-cell]").first().getByRole("button", { name: "Edit", exact: true }).click();
    await page.locator("[data-cell] .cm-content").first().waitFor();
    const editor = (await scripts.stop()).filter((f) => !/worker|runtime/.test(f.url));
    await page.close();

    const name = (u: string): string => new URL(u).pathname.split("/").pop() ?? u;
    return {
      page: target,
      firstLoad: loads,
      runColdMs,
      runWarmMs,
      editorGzip: editor.reduce((s, f) => s + f.gzip, 0),
      firstRunGzip: firstRun.reduce((s, f) => s + f.gzip, 0),
      workerFiles: firstRun.map((f) => ({ file: name(f.url), gzip: f.gzip })),
    };
  } finally {
    await browser.close();
    server.close();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

if (import.meta.main) {
  const args = new Map(
    process.argv.slice(2).map((a) => {
      const [k, v] = a.replace(/^--/, "").split("=", 2);
      return [k!, v ?? "true"];
    }),
  );
  const result = await benchNotebook({
    dist: args.get("dist") ?? "dist",
    ...(args.has("page") ? { page: args.get("page")! } : {}),
    runs: Number(args.get("runs") ?? 10),
  });
  if (args.has("json")) console.log(JSON.stringify(result, null, 2));
  else {
    console.log("notebook: JavaScript loaded before any interaction (gzip, target ≤ 60 KB)");
    for (const l of result.firstLoad)
      console.log(`  /${l.page.padEnd(28)} ${kb(l.jsGzip).padStart(9)}  (${l.files} scripts)`);
    console.log(`notebook: Run → output, a small cell of /${result.page} (target ≤ 100 ms warm)`);
    const ms = (xs: number[]): string =>
      `median ${median(xs).toFixed(0)} ms, min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)} (n=${xs.length})`;
    console.log(`  cold (new page, worker starts): ${ms(result.runColdMs)}`);
    console.log(`  warm (same cell again):         ${ms(result.runWarmMs)}`);
    console.log(`notebook: loaded on demand (gzip)`);
    console.log(`  first edit (CodeMirror):        ${kb(result.editorGzip)}`);
    console.log(`  first run (worker + modules):   ${kb(result.firstRunGzip)}`);
    for (const f of result.workerFiles) console.log(`    ${f.file.padEnd(40)} ${kb(f.gzip).padStart(9)}`);
  }
}
