// What a reader sees of the notebook's feedback (issue 16), on the built chapters: Stop that keeps the work,
// results where the reader looks, one status per box, messages that say the right thing. The chapters are
// found by what their HTML holds. Screenshots, at 1280 and 390 px, go to artifacts/reader/.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { suiteBrowser, watchedPage, type Watched } from "./browser.ts";
import { builtPages } from "./site-pages.ts";

const SITE = `${inject("baseUrl")}/`;
const SHOTS = "artifacts/reader";
/** Long enough to run every cell above one first (training on 5000 MNIST images included). */
const RUN_TIMEOUT = 240_000;
const TEST_TIMEOUT = 300_000;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

const browser = suiteBrowser(SHOTS);

/** The first chapter whose built HTML contains `marker`. */
function chapterWith(marker: string): string {
  const page = builtPages().find(
    (p) => p.chapter && readFileSync(join("dist", p.path, "index.html"), "utf8").includes(marker),
  );
  if (!page) throw new Error(`no built chapter contains ${marker}`);
  return page.path;
}

async function open(path: string, viewport = DESKTOP): Promise<Watched> {
  const watched = await watchedPage(browser(), viewport);
  await watched.page.goto(SITE + path, { waitUntil: "networkidle" });
  await watched.page.locator("[data-cell-toolbar]:not([hidden])").first().waitFor();
  return watched;
}

function expectClean(watched: Watched): void {
  expect(watched.offsite).toEqual([]);
  expect(watched.errors).toEqual([]);
}

const status = (cell: Locator) => cell.locator("[data-cell-status]");
const output = (cell: Locator) => cell.locator("[data-cell-output]");
const button = (cell: Locator, name: string) => cell.getByRole("button", { name, exact: true });
/** The first cell whose code contains `text`. */
const cellWith = (page: Page, text: string) =>
  page
    .locator("[data-cell]")
    .filter({ has: page.locator("[data-cell-code]", { hasText: text }) })
    .first();

/** Opens the cell's editor and replaces its code with `code` (inserted as typed text, without auto-indent). */
async function setCode(page: Page, cell: Locator, code: string): Promise<void> {
  if ((await cell.locator(".cm-content").count()) === 0) await cell.locator("[data-cell-code] pre").click();
  await cell.locator(".cm-content").click();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText(code);
}

async function originalCode(cell: Locator): Promise<string> {
  const island = await cell.locator("script[data-cell-source]").textContent();
  return (JSON.parse(island ?? "{}") as { code: string }).code;
}

/** Records, in the page, the id of every cell that starts running from now on. */
async function watchRuns(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const ran = new Set<string>();
    (window as unknown as { ran: Set<string> }).ran = ran;
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target as HTMLElement;
        if (el.dataset.state === "running") ran.add(el.dataset.cellId ?? "");
      }
    }).observe(document.body, { subtree: true, attributeFilter: ["data-state"] });
  });
  return () => page.evaluate(() => [...(window as unknown as { ran: Set<string> }).ran]);
}

/** A screenshot of `el` at the page's width, and the same state at the other width. */
async function shoot(page: Page, el: Locator, name: string): Promise<void> {
  const size = page.viewportSize()!;
  for (const [tag, viewport] of [
    ["", size],
    [size.width === PHONE.width ? "-1280" : "-390", size.width === PHONE.width ? DESKTOP : PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await el.scrollIntoViewIfNeeded();
    await el.screenshot({ path: `${SHOTS}/${name}${tag}.png` });
  }
  await page.setViewportSize(size);
}

describe("1. Stop keeps the work", () => {
  it(
    "chapter 10 with 60 epochs: Stop after a second keeps the network trained so far, and the test-accuracy cell measures it without training again",
    async () => {
      const watched = await open(chapterWith('data-name="digit"'));
      const { page } = watched;
      const training = cellWith(page, "progressBar(epochs * stepsPerEpoch");
      const code = await originalCode(training);
      expect(code).toContain("const epochs = 5;");
      await setCode(page, training, code.replace("const epochs = 5;", "const epochs = 60;"));
      await button(training, "Run").click();
      const progress = training.locator(".cell-progress-text");
      // Training is under way (the cells above ran first), then a second more of it.
      await expect
        .poll(() => progress.textContent(), { timeout: RUN_TIMEOUT, interval: 100 })
        .toMatch(/^steps ([2-9]\d|\d{3,})\/3000/);
      await page.waitForTimeout(1000);
      await button(training, "Stop").click();
      await expect
        .poll(() => status(training).textContent(), { timeout: 3000, interval: 50 })
        .toMatch(/^Stopped after [\d.]+ m?s; what it did so far is kept$/);
      const text = (await progress.textContent())!;
      const [, steps, at] = /^steps (\d+)\/3000 · stopped at step (\d+)$/.exec(text) ?? [];
      expect(at, text).toBe(steps);
      expect(Number(steps)).toBeLessThan(3000);
      // The worker was not ended: no cell above lost its results.
      for (const n of await page.locator("[data-cell] .cell-note").allTextContents()) {
        expect(n).not.toMatch(/Run again/);
      }
      await shoot(page, training.locator("[data-cell-toolbar]"), "stop-kept");
      await shoot(page, training.locator(".cell-progress"), "stop-kept-progress");

      const test = cellWith(page, "const testAccuracy = accuracy(");
      const ran = await watchRuns(page);
      await button(test, "Run").click();
      await expect.poll(() => status(test).textContent(), { timeout: RUN_TIMEOUT }).toMatch(/^Ran in /);
      expect(await ran()).toEqual([await test.getAttribute("data-cell-id")]);
      expect(await progress.textContent()).toBe(text); // training did not run again
      const [, pct] = /test accuracy: ([\d.]+)%/.exec((await output(test).textContent())!) ?? [];
      expect(Number(pct)).toBeGreaterThan(50); // trained, not the untrained network's 10%
      expectClean(watched);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );
});
