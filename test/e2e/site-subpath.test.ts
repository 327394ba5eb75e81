// The site built for a sub-path (BASE_PATH=/sub/) and served by a plain static server under /sub/ only:
// every page, stylesheet, script, font, the search index and every link must stay under the base, so any
// path that forgets it is a 404 here.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, watchedPage } from "./browser.ts";
import { builtPages } from "./site-pages.ts";
import { serveStatic, type StaticServer } from "./site-static-server.ts";

const OUT = `.cache/e2e-subpath-${process.pid}`;
const BASE = "/sub/";

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  // Vitest puts Vite's own variables (BASE_URL=/, MODE=test …) into process.env; a child build would take
  // BASE_URL=/ over the configured base, so they are left out.
  const { BASE_URL: _b, MODE: _m, DEV: _d, PROD: _p, SSR: _s, ...inherited } = process.env;
  const env = {
    ...inherited,
    BASE_PATH: BASE,
    ASTRO_TELEMETRY_DISABLED: "1",
    ASTRO_DISABLE_UPDATE_CHECK: "true",
  };
  const build = spawnSync(process.execPath, ["node_modules/astro/bin/astro.mjs", "build", "--outDir", OUT], {
    env,
    encoding: "utf8",
  });
  if (build.status !== 0) throw new Error(`sub-path build failed:\n${build.stdout}\n${build.stderr}`);
  server = await serveStatic(OUT, BASE);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(OUT, { recursive: true, force: true });
});

describe("a build for /sub/ served under /sub/", () => {
  it("has the same pages as the root build", () => {
    expect(builtPages(OUT).map((p) => p.path)).toEqual(builtPages().map((p) => p.path));
  });

  it("loads every page with its styles, scripts and KaTeX fonts, no 404, no console error, nothing off-site", async () => {
    for (const p of builtPages(OUT)) {
      const { page, errors, offsite } = await watchedPage(browser);
      const failed: string[] = [];
      const fonts: string[] = [];
      page.on("response", (r) => {
        if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
        if (/KaTeX_.*\.woff2$/.test(r.url()) && r.ok()) fonts.push(r.url());
      });
      const response = await page.goto(server.url + p.path, { waitUntil: "networkidle" });
      expect(response?.status(), p.path).toBe(200);
      await page.evaluate(() => document.fonts.ready);
      expect(failed, p.path).toEqual([]);
      expect(errors, p.path).toEqual([]);
      expect(offsite, p.path).toEqual([]);
      // The stylesheets applied: the header is laid out as a sticky bar.
      expect(await page.locator(".site-header").evaluate((h) => getComputedStyle(h).position)).toBe("sticky");
      if (p.chapter) {
        expect(fonts.length, `${p.path} loaded no KaTeX font`).toBeGreaterThan(0);
        expect(fonts.every((f) => new URL(f).pathname.startsWith(`${BASE}_astro/`))).toBe(true);
      }
      const hrefs = await page
        .locator("a[href]")
        .evaluateAll((as) => as.map((a) => a.getAttribute("href")!).filter((h) => !h.startsWith("#")));
      expect(
        hrefs.filter((h) => !h.startsWith(BASE)),
        `${p.path} links outside ${BASE}`,
      ).toEqual([]);
      await page.close();
    }
    expect(server.missing).toEqual([]);
  });

  it("search loads its index from under the base and links results there", async () => {
    const { page, errors } = await watchedPage(browser);
    await page.goto(server.url, { waitUntil: "networkidle" });
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("searchbox").fill("layer");
    await page.locator("[data-search-results] a").first().waitFor();
    const found = await page
      .locator("[data-search-results] a")
      .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    // Chapters and library pages alike, every one under the base.
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((path) => !path.startsWith(BASE))).toEqual([]);
    expect(found.some((path) => path.startsWith(`${BASE}chapters/`))).toBe(true);
    await page.locator(`[data-search-results] a[href*="${BASE}chapters/"]`).first().click();
    await page.waitForURL((url) => url.pathname.startsWith(`${BASE}chapters/`));
    expect(errors).toEqual([]);
    expect(server.missing).toEqual([]);
    await page.close();
  });
});
