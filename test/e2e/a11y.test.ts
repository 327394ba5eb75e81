// axe-core on every built page, in both themes and at desktop and phone widths, with the phone menu and the
// search dialog open too: no serious or critical violations. axe is injected as a script tag, which the
// site's CSP would refuse, so these pages run with the CSP bypassed (the site suite tests the CSP itself).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launch, seriousViolations } from "./browser.ts";
import { builtPages } from "./site-pages.ts";

const site = `${inject("baseUrl")}/`;
const pages = builtPages();

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

async function open(path: string, colorScheme: "light" | "dark", width: number): Promise<Page> {
  const context = await browser.newContext({
    bypassCSP: true,
    colorScheme,
    viewport: { width, height: 900 },
  });
  const page = await context.newPage();
  await page.goto(site + path, { waitUntil: "networkidle" });
  await page.evaluate(() => document.fonts.ready);
  return page;
}

describe.each(pages)("$name", (p) => {
  for (const colorScheme of ["light", "dark"] as const) {
    for (const width of [1280, 390]) {
      it(`has no serious or critical axe violations (${colorScheme}, ${width}px)`, async () => {
        const page = await open(p.path, colorScheme, width);
        expect(await seriousViolations(page)).toEqual([]);
        await page.context().close();
      });
    }
  }
});

describe("open panels", () => {
  const chapter = pages.find((p) => p.chapter)!;

  it("the search dialog with results has no serious or critical axe violations", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const page = await open(chapter.path, colorScheme, 1280);
      await page.getByRole("button", { name: "Search" }).click();
      await page.getByRole("searchbox").fill("layer");
      await page.locator("[data-search-results] a").first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    }
  });

  it("the phone chapters menu has no serious or critical axe violations", async () => {
    const page = await open(chapter.path, "light", 390);
    await page.getByRole("button", { name: "Chapters" }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
