// All of MNIST in the reader's browser: on a fresh page, Run on the mnist-full cell downloads the full sets
// (a first attempt broken off by the network is reported and retried), trains, and prints a test accuracy of
// at least 98%; a second visit reads the files from Cache Storage and downloads nothing.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { suiteBrowser } from "./browser.ts";
import { builtPages } from "./site-pages.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const SITE = `${inject("baseUrl")}/`;
const SHOTS = "artifacts/mnist-full";
/** The cells above, then 2 400 training steps: well under a minute alone, minutes on a loaded machine. */
const RUN_TIMEOUT = 600_000;
const FULL_FILE = /\/data\/mnist-(train|test)-full-[^/]*\.gz$/;

const browser = suiteBrowser(SHOTS);
let context: BrowserContext;
const errors: string[] = [];
const fullRequests: string[] = [];

const chapter = builtPages().find(
  (p) =>
    p.chapter &&
    readFileSync(join("dist", p.path, "index.html"), "utf8").includes('data-cell-name="mnist-full"'),
);

beforeAll(async () => {
  context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
  // Requests of the page and of its worker alike (context-wide), where the full sets are fetched.
  context.on("request", (req) => {
    if (FULL_FILE.test(new URL(req.url()).pathname)) fullRequests.push(req.url());
  });
});
afterAll(async () => {
  await context?.close();
});

async function visit(): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (err) => errors.push(String(err)));
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  await page.goto(SITE + chapter!.path, { waitUntil: "networkidle" });
  await page.locator("[data-cell-toolbar]:not([hidden])").first().waitFor();
  return page;
}

const fullCell = (page: Page) => page.locator('[data-cell][data-cell-name="mnist-full"]');
/** The cell that loads the full sets (just above mnist-full). */
const loadCell = (page: Page) => page.locator("[data-cell]").filter({ hasText: "loadMnistFull({" });

describe("the mnist-full cell of chapter 10", () => {
  it(
    "on a fresh page: a broken download says so, Run again downloads, trains and prints test accuracy ≥ 98%",
    async () => {
      expect(chapter, "a built chapter with the mnist-full cell").toBeDefined();
      let broken = 0;
      await context.route(/mnist-train-full-60000-images/, async (route) => {
        if (broken++ === 0) return route.abort("connectionreset");
        return route.continue();
      });
      const page = await visit();
      const cell = fullCell(page);
      const load = loadCell(page);
      await cell.getByRole("button", { name: "Run", exact: true }).click();
      await expect
        .poll(() => load.locator("[data-cell-output]").textContent(), { timeout: RUN_TIMEOUT, interval: 250 })
        .toMatch(
          /loadMnistFull: could not fetch .*mnist-train-full-60000-images.* Run the cell again to retry/,
        );
      await expect
        .poll(() => cell.locator("[data-cell-status]").textContent(), { timeout: 10_000 })
        .toMatch(/^Not run/);
      expect(broken).toBe(1);

      const started = Date.now();
      await cell.getByRole("button", { name: "Run", exact: true }).click();
      // The output baked at build already says "test accuracy": wait for this run to end.
      await expect
        .poll(() => cell.locator("[data-cell-status]").textContent(), { timeout: RUN_TIMEOUT, interval: 250 })
        .toMatch(/^(Ran in|Failed)/);
      expect(await load.locator("[data-cell-status]").textContent()).toMatch(/^Ran in/);
      const seconds = (Date.now() - started) / 1000;
      const text = (await cell.locator("[data-cell-output]").textContent())!;
      const accuracy = Number(/test accuracy: (\d+\.\d\d)%/.exec(text)![1]);
      console.log(
        `mnist-full e2e: Run → test accuracy ${accuracy}% in ${seconds.toFixed(1)} s (download included)`,
      );
      expect(accuracy).toBeGreaterThanOrEqual(98);
      expect(await load.locator("[data-cell-output]").textContent()).toMatch(
        /60000 training and 10000 test images, 11\.5 MB: downloaded 11\.5 MB, SHA-256 checked, kept in this browser's cache for next time/,
      );
      expect(fullRequests.length).toBeGreaterThanOrEqual(4);
      await cell.scrollIntoViewIfNeeded();
      await cell.screenshot({ path: `${SHOTS}/trained.png` });
      expect(errors).toEqual([]);
      await context.unroute(/mnist-train-full-60000-images/);
    },
    RUN_TIMEOUT + 60_000,
  );

  it(
    "a second visit reads the full sets from Cache Storage: nothing is downloaded; Stop keeps what was learned",
    async () => {
      fullRequests.length = 0;
      const page = await visit();
      const load = loadCell(page);
      await load.getByRole("button", { name: "Run", exact: true }).click();
      await expect
        .poll(() => load.locator("[data-cell-status]").textContent(), { timeout: RUN_TIMEOUT, interval: 250 })
        .toMatch(/^(Ran in|Failed)/);
      expect(await load.locator("[data-cell-output]").textContent()).toContain(
        "60000 training and 10000 test images, 11.5 MB, read from this browser's cache (nothing downloaded)",
      );
      expect(fullRequests).toEqual([]);

      // Stop during training ends it after the current step: the cell ends at once, fullNet keeps what it learned.
      const cell = fullCell(page);
      await cell.getByRole("button", { name: "Run", exact: true }).click();
      await expect
        .poll(() => cell.locator(".cell-progress-text").textContent(), {
          timeout: RUN_TIMEOUT,
          interval: 100,
        })
        .toMatch(/^steps ([2-9]\d|\d{3,})\/2400/);
      await cell.getByRole("button", { name: "Stop", exact: true }).click();
      await expect
        .poll(() => cell.locator("[data-cell-status]").textContent(), { timeout: 30_000, interval: 100 })
        .toMatch(/^Stopped after .*what it did so far is kept/);
      const text = (await cell.locator("[data-cell-output]").textContent())!;
      expect(text).toMatch(/stopped after \d+ steps in [\d.]+ s/);
      expect(text).toContain("fullNet keeps what it learned by then");
      expect(await cell.locator(".cell-progress-text").textContent()).toMatch(/stopped at step \d+/);
      expect(errors).toEqual([]);
    },
    RUN_TIMEOUT,
  );
});
