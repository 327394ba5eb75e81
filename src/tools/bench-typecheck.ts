// The page's type checker, measured by Chromium against the built site (npm run build first):
// - gzip bytes the first edit loads for it (its worker with the compiler, and typecheck/files.json);
// - first keystroke → first diagnostic text in the cell: cold (a fresh page: the checker starts when the click
//   opens the editor, a moment before the keystroke; the click → diagnostic time is printed too) and warm (a
//   second edit on the same page); and cold again with the first keystroke --pause ms after the click;
// - keystroke → next frame while the checker works (typing must not wait for it), and the same with the
//   checker kept from loading, in the same sitting.
//
//   node src/tools/bench-typecheck.ts [--dist=dist] [--page=chapters/losses/] [--runs=3] [--pause=1000] [--json]
//
// benchTypecheck() is what `npm run bench` calls.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { launch } from "../../test/e2e/browser.ts";
import { serveStatic } from "../../test/e2e/site-static-server.ts";

export interface TypecheckBench {
  page: string;
  firstEditGzip: number;
  files: { file: string; gzip: number }[];
  firstDiagnosticColdMs: number[];
  /** The same, from the click that opened the editor (which starts the checker). */
  firstDiagnosticFromOpenMs: number[];
  /** Cold again, with the first keystroke `pauseMs` after that click, as a reader's hands reach the keys. */
  firstDiagnosticAfterPauseMs: number[];
  pauseMs: number;
  firstDiagnosticWarmMs: number[];
  keystrokeToFrameMs: number[];
  /** The same with the checker kept from loading: the editor as it was before the checker. */
  keystrokeToFrameWithoutMs: number[];
}

const CHECKER = /checker-worker|typecheck\/files\.json|\/typecheck\.[\w-]+\.js/;

/**
 * Types `code` over the cell's code and resolves with ms from the first keydown to diagnostics saying `want`,
 * and from the last pointerdown in the page (the click that opened the editor, if it was).
 */
async function timeDiagnostic(
  page: Page,
  code: string,
  want: string,
  click = true,
): Promise<{ fromKey: number; fromClick: number }> {
  const cell = page.locator("[data-cell]").nth(1);
  if (click) await cell.locator(".cm-content").click();
  await page.keyboard.press("Control+a");
  await cell.evaluate((el, text) => {
    const w = window as unknown as { benchKey: number | null; benchSeen: number | null };
    w.benchKey = null;
    w.benchSeen = null;
    el.addEventListener("keydown", () => (w.benchKey ??= performance.now()), { capture: true });
    const observer = new MutationObserver(() => {
      const shown = el.querySelector("[data-cell-diagnostics]")?.textContent ?? "";
      if (shown.includes(text)) {
        w.benchSeen ??= performance.now();
        observer.disconnect();
      }
    });
    observer.observe(el, { childList: true, subtree: true, characterData: true });
  }, want);
  await page.keyboard.type(code);
  await page.waitForFunction(
    () => (window as unknown as { benchSeen: number | null }).benchSeen !== null,
    null,
    {
      timeout: 120_000,
    },
  );
  return page.evaluate(() => {
    const w = window as unknown as { benchKey: number; benchSeen: number; benchClick: number };
    return { fromKey: w.benchSeen - w.benchKey, fromClick: w.benchSeen - w.benchClick };
  });
}

/** ms from a keydown in the editor to the next animation frame, for each of `keys`. */
async function keystrokeFrames(page: Page, keys: string): Promise<number[]> {
  const cell = page.locator("[data-cell]").nth(1);
  const out: number[] = [];
  for (const key of keys) {
    await cell.evaluate((el) => {
      const w = window as unknown as { benchFrame: Promise<number> };
      w.benchFrame = new Promise((resolve) =>
        el.addEventListener(
          "keydown",
          () => {
            const t = performance.now();
            requestAnimationFrame(() => resolve(performance.now() - t));
          },
          { capture: true, once: true },
        ),
      );
    });
    await page.keyboard.type(key);
    out.push(await page.evaluate(() => (window as unknown as { benchFrame: Promise<number> }).benchFrame));
  }
  return out;
}

export async function benchTypecheck(
  options: { dist?: string; page?: string; runs?: number; pauseMs?: number } = {},
): Promise<TypecheckBench> {
  const dist = options.dist ?? "dist";
  if (!existsSync(join(dist, "index.html"))) throw new Error(`bench-typecheck: no build in ${dist}/`);
  const target = options.page ?? "chapters/losses/";
  const server = await serveStatic(dist, "/");
  const browser = await launch();
  try {
    const result: TypecheckBench = {
      page: target,
      firstEditGzip: 0,
      files: [],
      firstDiagnosticColdMs: [],
      firstDiagnosticFromOpenMs: [],
      firstDiagnosticAfterPauseMs: [],
      pauseMs: options.pauseMs ?? 1000,
      firstDiagnosticWarmMs: [],
      keystrokeToFrameMs: [],
      keystrokeToFrameWithoutMs: [],
    };
    for (let r = 0; r < (options.runs ?? 3); r++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const loaded: Promise<{ file: string; gzip: number }>[] = [];
      page.on("response", (response) => {
        if (!CHECKER.test(response.url())) return;
        const file = new URL(response.url()).pathname.split("/").pop() ?? response.url();
        loaded.push(response.body().then((b) => ({ file, gzip: gzipSync(b, { level: 9 }).length })));
      });
      await page.goto(server.url + target, { waitUntil: "networkidle" });
      await page.evaluate(() => {
        const w = window as unknown as { benchClick: number };
        document.addEventListener("pointerdown", () => (w.benchClick = performance.now()), { capture: true });
      });
      const cell = page.locator("[data-cell]").nth(1);
      await cell.locator("[data-cell-code] pre").click();
      await cell.locator(".cm-content").waitFor();
      // Not a second click: .cm-content has the focus already, and a click would restart the clock.
      const cold = await timeDiagnostic(page, 'const n: number = "seven";', "not assignable", false);
      result.firstDiagnosticColdMs.push(cold.fromKey);
      result.firstDiagnosticFromOpenMs.push(cold.fromClick);
      if (r === 0) {
        result.files = await Promise.all(loaded);
        result.firstEditGzip = result.files.reduce((s, f) => s + f.gzip, 0);
      }
      result.firstDiagnosticWarmMs.push(
        (await timeDiagnostic(page, "const s: string = 7;", "'number' is not")).fromKey,
      );
      result.keystrokeToFrameMs.push(...(await keystrokeFrames(page, " // typing on")));
      await page.close();

      const without = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await without.route(CHECKER, (route) => route.abort());
      await without.goto(server.url + target, { waitUntil: "networkidle" });
      const plain = without.locator("[data-cell]").nth(1);
      await plain.locator("[data-cell-code] pre").click();
      await plain.locator(".cm-content").click();
      result.keystrokeToFrameWithoutMs.push(
        ...(await keystrokeFrames(without, 'const n: number = "seven"; // on')),
      );
      await without.close();

      const paused = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await paused.goto(server.url + target, { waitUntil: "networkidle" });
      await paused.locator("[data-cell]").nth(1).locator("[data-cell-code] pre").click();
      await paused.waitForTimeout(result.pauseMs);
      result.firstDiagnosticAfterPauseMs.push(
        (await timeDiagnostic(paused, 'const n: number = "seven";', "not assignable", false)).fromKey,
      );
      await paused.close();
    }
    return result;
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.main) {
  const args = new Map(
    process.argv.slice(2).map((a) => {
      const [k, v] = a.replace(/^--/, "").split("=");
      return [k!, v ?? "true"] as const;
    }),
  );
  const result = await benchTypecheck({
    dist: args.get("dist") ?? "dist",
    ...(args.has("page") ? { page: args.get("page")! } : {}),
    runs: Number(args.get("runs") ?? 3),
    pauseMs: Number(args.get("pause") ?? 1000),
  });
  if (args.has("json")) console.log(JSON.stringify(result));
  else {
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    console.log(`page ${result.page}`);
    console.log(`opening a cell to edit loads ${(result.firstEditGzip / 1024).toFixed(0)} KB gzip:`);
    for (const f of result.files) console.log(`  ${f.file} ${(f.gzip / 1024).toFixed(0)} KB`);
    const list = (xs: number[]): string => xs.map((x) => x.toFixed(0)).join(", ");
    console.log(
      `first keystroke → first diagnostic: cold ${median(result.firstDiagnosticColdMs).toFixed(0)} ms ` +
        `(${list(result.firstDiagnosticColdMs)}; from the click that opened the editor ` +
        `${median(result.firstDiagnosticFromOpenMs).toFixed(0)} ms: ${list(result.firstDiagnosticFromOpenMs)}), warm ` +
        `${median(result.firstDiagnosticWarmMs).toFixed(0)} ms (${result.firstDiagnosticWarmMs.map((x) => x.toFixed(0)).join(", ")})`,
    );
    console.log(
      `  cold, typing ${result.pauseMs} ms after the click: ${median(result.firstDiagnosticAfterPauseMs).toFixed(0)} ms ` +
        `(${list(result.firstDiagnosticAfterPauseMs)})`,
    );
    console.log(
      `keystroke → next frame: median ${median(result.keystrokeToFrameMs).toFixed(1)} ms while it checks, ` +
        `${median(result.keystrokeToFrameWithoutMs).toFixed(1)} ms with the checker kept out (same sitting)`,
    );
  }
}
