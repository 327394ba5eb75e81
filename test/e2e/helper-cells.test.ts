// Helper cells (```ts cell helper="…"): their code and toolbar are folded behind one line, in the static page
// and with the notebook running; the fold opens by mouse and keyboard, and the cell still runs. On every
// chapter, at a phone's width, no cell of the lesson is folded and every fold starts closed. Screenshots of
// a chapter with folds, at 1280 and 390 px, light and dark, go to artifacts/screenshots/.
import type { Locator, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { suiteBrowser, watchedPage } from "./browser.ts";
import { builtPages } from "./site-pages.ts";

const BASE = inject("baseUrl");
const SHOTS = "artifacts/screenshots";
/** Chapter 5's tangent chart: a cheap chapter whose helper cell draws a chart. */
const TANGENT = `${BASE}/chapters/chain-rule/`;
const PHONE = { width: 390, height: 844 };

const browser = suiteBrowser(SHOTS);

/** The node of Chromium's accessibility tree whose name starts with `name`: its role, name, expanded state. */
async function disclosure(page: Page, name: string) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as {
    nodes: {
      role?: { value: string };
      name?: { value: string };
      properties?: { name: string; value: { value: unknown } }[];
    }[];
  };
  await cdp.detach();
  const node = nodes.find((n) => n.name?.value.startsWith(name) && n.role?.value !== "StaticText");
  return {
    role: node?.role?.value,
    name: node?.name?.value,
    expanded: node?.properties?.find((p) => p.name === "expanded")?.value.value,
  };
}

const helperCell = (page: Page, summary: string): Locator =>
  page.locator("[data-cell][data-helper]").filter({ has: page.locator("summary", { hasText: summary }) });

describe("a helper cell", () => {
  it("is folded in the static page (no JavaScript) behind 'Helper: … — show code', its chart shown; it opens", async () => {
    const context = await browser().newContext({ javaScriptEnabled: false, viewport: PHONE });
    const page = await context.newPage();
    await page.goto(TANGENT, { waitUntil: "networkidle" });
    const cell = helperCell(page, "draws the curve, the tangent and its slope");
    expect(await cell.count()).toBe(1);
    const summary = cell.locator("summary");
    expect((await summary.innerText()).replace(/\s+/g, " ").trim()).toBe(
      "Helper: draws the curve, the tangent and its slope — show code",
    );
    expect(
      await cell.locator("details[data-cell-fold]").evaluate((d) => (d as HTMLDetailsElement).open),
    ).toBe(false);
    expect(await cell.locator("[data-cell-code]").isVisible()).toBe(false);
    // the output is the lesson: it stays outside the fold
    expect(await cell.locator("[data-cell-output] svg").first().isVisible()).toBe(true);
    await summary.click();
    expect(await cell.locator("[data-cell-code]").isVisible()).toBe(true);
    expect(await cell.locator("[data-cell-code]").innerText()).toContain("Plot.plot({");
    expect((await summary.innerText()).replace(/\s+/g, " ").trim()).toBe(
      "Helper: draws the curve, the tangent and its slope — hide code",
    );
    // on paper the line says what the helper does, without an instruction to click
    await page.emulateMedia({ media: "print" });
    expect((await summary.innerText()).trim()).toBe("Helper: draws the curve, the tangent and its slope");
    await context.close();
  });

  it("opens from the keyboard, says it is expanded, runs (with the cells above it), and closes again", async () => {
    const { page, offsite, errors } = await watchedPage(browser(), PHONE);
    await page.goto(TANGENT, { waitUntil: "networkidle" });
    await page.locator("[data-cell-toolbar]:not([hidden])").first().waitFor();
    const cell = helperCell(page, "draws the curve, the tangent and its slope");
    const fold = cell.locator("details[data-cell-fold]");
    const summary = cell.locator("summary");
    // What a screen reader is told: Chromium's accessibility tree has the summary as a disclosure, collapsed
    expect(await disclosure(page, "Helper: draws the curve")).toEqual({
      role: "DisclosureTriangle",
      name: "Helper: draws the curve, the tangent and its slope — show code",
      expanded: false,
    });
    expect(await cell.getByRole("button", { name: "Run", exact: true }).isVisible()).toBe(false);

    await summary.focus();
    await page.keyboard.press("Enter");
    expect(await fold.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await disclosure(page, "Helper: draws the curve")).toEqual({
      role: "DisclosureTriangle",
      name: "Helper: draws the curve, the tangent and its slope — hide code",
      expanded: true,
    });
    const run = cell.getByRole("button", { name: "Run", exact: true });
    expect(await run.isVisible()).toBe(true);

    // Mark the baked chart, so that the chart after Run is known to be a new one.
    await cell
      .locator("[data-cell-output] svg")
      .first()
      .evaluate((svg) => svg.setAttribute("data-baked", ""));
    await run.click();
    const status = cell.locator("[data-cell-status]");
    await expect.poll(() => status.innerText(), { timeout: 60_000 }).toMatch(/^Ran in /);
    expect(await cell.locator("[data-cell-output] svg").count()).toBeGreaterThan(0);
    expect(await cell.locator("[data-cell-output] svg[data-baked]").count()).toBe(0);
    expect(await cell.locator("[data-cell-output]").innerText()).toContain("slope ∂L/∂w = ");
    // the cells above it ran first, in the same worker
    const above = page.locator("[data-cell]").first().locator("[data-cell-status]");
    expect(await above.innerText()).toMatch(/^Ran in /);

    await page.screenshot({ path: `${SHOTS}/helper-open-390.png`, fullPage: false });
    await summary.press("Space");
    expect(await fold.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await run.isVisible()).toBe(false);
    expect(offsite).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("opens by itself after a reload when it holds the reader's edit", async () => {
    const { page, errors } = await watchedPage(browser(), PHONE);
    await page.goto(TANGENT, { waitUntil: "networkidle" });
    await page.locator("[data-cell-toolbar]:not([hidden])").first().waitFor();
    const cell = helperCell(page, "draws the curve, the tangent and its slope");
    await cell.locator("summary").click();
    await cell.locator("[data-cell-code] pre").click();
    await cell.locator(".cm-content").click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("\n// my note");
    await expect.poll(() => cell.locator(".cell-badge").isVisible()).toBe(true);
    await page.reload({ waitUntil: "networkidle" });
    await page.locator("[data-cell-toolbar]:not([hidden])").first().waitFor();
    const again = helperCell(page, "draws the curve, the tangent and its slope");
    expect(
      await again.locator("details[data-cell-fold]").evaluate((d) => (d as HTMLDetailsElement).open),
    ).toBe(true);
    // the editor lives in a shadow root (editor.ts), which Playwright's locators pierce
    await expect.poll(() => again.locator(".cm-content").innerText()).toContain("// my note");
    expect(errors).toEqual([]);
    await page.close();
  });
  it("opens by itself when it fails while folded, run from a cell below it", async () => {
    const { page, errors } = await watchedPage(browser(), PHONE);
    await page.goto(TANGENT, { waitUntil: "networkidle" });
    await page.locator("[data-cell-toolbar]:not([hidden])").first().waitFor();
    const cell = helperCell(page, "draws the curve, the tangent and its slope");
    const fold = cell.locator("details[data-cell-fold]");
    await cell.locator("summary").click();
    await cell.locator("[data-cell-code] pre").click();
    await cell.locator(".cm-content").click();
    await page.keyboard.press("Control+Home");
    await page.keyboard.type('throw new Error("the helper broke");\n');
    await cell.locator("summary").click();
    expect(await fold.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    const below = page.locator("[data-cell][data-helper] ~ [data-cell]").first();
    await below.getByRole("button", { name: "Run", exact: true }).click();
    await expect
      .poll(() => fold.evaluate((d) => (d as HTMLDetailsElement).open), { timeout: 60_000 })
      .toBe(true);
    expect(await cell.locator("[data-cell-status]").innerText()).toBe("Failed: see the error below");
    expect(await cell.locator("[data-cell-output]").innerText()).toContain("the helper broke");
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("every chapter at 390 px", () => {
  const chapters = builtPages().filter((p) => p.chapter);

  it("folds every helper cell and no cell of the lesson; each fold names what its helper does; no equation links into one", async () => {
    expect(chapters.length).toBeGreaterThan(0);
    const context = await browser().newContext({ javaScriptEnabled: false, viewport: PHONE });
    const page = await context.newPage();
    let helpers = 0;
    for (const { path } of chapters) {
      await page.goto(`${BASE}/${path}`, { waitUntil: "load" });
      const found = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>("[data-cell]"), (cell) => {
          const fold = cell.querySelector<HTMLDetailsElement>("details[data-cell-fold]");
          return {
            helper: cell.dataset["helper"] ?? null,
            fold: fold ? { open: fold.open, summary: fold.querySelector("summary")!.innerText } : null,
            codeVisible: cell.querySelector<HTMLElement>("[data-cell-code]")!.checkVisibility(),
          };
        }),
      );
      // an equation's symbols link to names in a cell of the lesson, never into a fold
      const linkedHelpers = await page.evaluate(() =>
        Array.from(
          document.querySelectorAll<HTMLElement>("[data-eq-cell]"),
          (eq) => eq.dataset["eqCell"]!,
        ).filter((id) => document.querySelector(`[data-cell-id="${CSS.escape(id)}"][data-helper]`)),
      );
      expect(linkedHelpers, path).toEqual([]);
      for (const cell of found) {
        if (cell.helper === null) {
          expect(cell.fold, path).toBeNull();
          expect(cell.codeVisible, path).toBe(true);
        } else {
          helpers++;
          expect(cell.fold?.open, path).toBe(false);
          expect(cell.fold?.summary.replace(/\s+/g, " "), path).toContain(
            `Helper: ${cell.helper} — show code`,
          );
          expect(cell.codeVisible, path).toBe(false);
        }
      }
    }
    expect(helpers).toBeGreaterThanOrEqual(10); // the digit plotter, the chart cells of chapters 3 to 10
    await context.close();
  });

  it("screenshots a chapter with folds at 1280 and 390 px, light and dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      for (const viewport of [{ width: 1280, height: 900 }, PHONE]) {
        const context = await browser().newContext({ viewport, colorScheme });
        const page = await context.newPage();
        await page.goto(`${BASE}/chapters/mnist/`, { waitUntil: "networkidle" });
        const fold = page.locator("details[data-cell-fold]").first();
        await fold.scrollIntoViewIfNeeded();
        await page.evaluate(() => window.scrollBy(0, -200));
        await page.screenshot({ path: `${SHOTS}/helper-fold-${colorScheme}-${viewport.width}.png` });
        await context.close();
      }
    }
  });
});
