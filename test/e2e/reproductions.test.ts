// Chapter 11's summary, "Every run, side by side", in Chromium: at 1280 and 390 px it fits the column (nothing
// scrolls sideways), each recipe stays a short line under its tutorial's name, a phone labels every figure;
// landing on the section marks it in "On this page". Screenshots go to artifacts/screenshots/.
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { DESKTOP, expectClean, PHONE, suiteBrowser, watchedPage } from "./browser.ts";

const SECTION = `${inject("baseUrl")}/chapters/reproductions/#every-run-side-by-side`;
const SHOTS = "artifacts/screenshots";
const browser = suiteBrowser(SHOTS);

/** The lines each recipe wraps to: its text's line boxes. */
const recipeLines = (page: Page) =>
  page.locator("table.runs .run-recipe").evaluateAll((els) =>
    els.map((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    }),
  );

describe("chapter 11's summary of every run", () => {
  for (const [viewport, maxLines] of [
    [DESKTOP, 2],
    [PHONE, 5],
  ] as const) {
    it(`fits the column at ${viewport.width} px, each recipe in at most ${maxLines} lines`, async () => {
      const watched = await watchedPage(browser(), viewport);
      const { page } = watched;
      await page.goto(SECTION, { waitUntil: "networkidle" });
      const table = page.locator("table.runs");
      expect(await table.locator("tbody").count()).toBe(8);
      const width = await table.evaluate((t) => ({ scroll: t.scrollWidth, client: t.clientWidth }));
      expect(width.scroll, `table widths ${JSON.stringify(width)}`).toBeLessThanOrEqual(width.client + 1);
      const lines = await recipeLines(page);
      expect(lines).toHaveLength(8);
      expect(Math.max(...lines), `lines per recipe: ${lines.join(", ")}`).toBeLessThanOrEqual(maxLines);
      // On a phone the column heads are gone and each figure says which it is; on a desktop the heads stand.
      const labels = await table
        .locator("tbody")
        .first()
        .locator("td[data-label]")
        .evaluateAll((tds) => tds.map((td) => getComputedStyle(td, "::before").content));
      const phone = viewport.width === PHONE.width;
      expect(await table.locator("thead").isVisible()).toBe(!phone);
      expect(labels).toEqual(
        phone ? ['"Figure"', '"Published"', '"Its code here"', '"Ours"'] : ["none", "none", "none", "none"],
      );
      await table.locator("tbody").nth(4).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/chapter-11-summary-${viewport.width}.png` });
      expectClean(watched);
      await page.close();
    });
  }

  it("landing on its section marks that section in 'On this page'", async () => {
    const watched = await watchedPage(browser(), DESKTOP);
    const { page } = watched;
    await page.goto(SECTION, { waitUntil: "networkidle" });
    // The browser lands on the heading, then again once the cells above have laid out (the page grows by
    // thousands of pixels): wait for that, and say what is marked if it never comes.
    const marked = page.locator(".toc a[aria-current='true']");
    let seen: string | null = null;
    await expect
      .poll(async () => (seen = await marked.getAttribute("href")), { timeout: 20_000 })
      .toBe("#every-run-side-by-side")
      .catch(() => undefined);
    expect(seen, "the link 'On this page' marks").toBe("#every-run-side-by-side");
    expectClean(watched);
    await page.close();
  });
});
