// A reader's edits are never lost, in Chromium on the playground page: a save the browser refuses is said in
// the cell; a second tab of the chapter shows an edit made in the first and never takes an older one over a
// newer; Reset can be undone. Screenshots go to artifacts/screenshots/.
import type { BrowserContext, Locator, Page } from "playwright-core";
import { expect, inject, it } from "vitest";
import { shownCode, suiteBrowser } from "./browser.ts";

const PLAYGROUND = `${inject("baseUrl")}/playground/`;
const SHOTS = "artifacts/screenshots";
const browser = suiteBrowser(SHOTS);

async function open(context: BrowserContext): Promise<{ page: Page; errors: string[]; cell: Locator }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(PLAYGROUND, { waitUntil: "networkidle" });
  await page.locator("[data-cell-toolbar]:not([hidden])").first().waitFor();
  return { page, errors, cell: page.locator("[data-cell]").first() };
}

async function type(page: Page, cell: Locator, code: string): Promise<void> {
  if ((await cell.locator(".cm-content").count()) === 0) await cell.locator("[data-cell-code] pre").click();
  await cell.locator(".cm-content").click();
  await page.keyboard.press("Control+a");
  await page.keyboard.type(code);
}

const notice = (cell: Locator) => cell.locator(".cell-notice");

it("a save the browser refuses is said in the cell, and the edit stays on the page", async () => {
  const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  const { page, errors, cell } = await open(context);
  await type(page, cell, "const X = 7;");
  await expect.poll(() => notice(cell).innerText()).toContain("Your edit could not be saved in this browser");
  expect(await notice(cell).innerText()).toContain("kept on this page only");
  expect(await shownCode(cell)).toBe("const X = 7;");
  await page.screenshot({ path: `${SHOTS}/edits-unsaved.png` });
  expect(errors).toEqual([]);
  await context.close();
});

it("a second tab shows an edit made in the first, and never an older one over it", async () => {
  const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
  const a = await open(context);
  const b = await open(context);
  await type(a.page, a.cell, "const X = 11; // from tab A");
  await expect.poll(() => shownCode(b.cell), { timeout: 5000 }).toBe("const X = 11; // from tab A");
  expect(await notice(b.cell).innerText()).toContain("You changed this cell in another tab");
  // An older save arriving later (savedAt 1) does not replace the newer edit tab B shows.
  const key = await a.page.evaluate(() =>
    Object.keys(localStorage).find((k) => k.startsWith("mlp-notebook:edit:"))!,
  );
  await a.page.evaluate(
    (k) => localStorage.setItem(k, JSON.stringify({ code: "const X = 0; // old", savedAt: 1 })),
    key,
  );
  await b.page.waitForTimeout(300);
  expect(await shownCode(b.cell)).toBe("const X = 11; // from tab A");
  // Reset in tab B reaches tab A.
  await b.cell.getByRole("button", { name: "Reset", exact: true }).click();
  const original = JSON.parse((await a.cell.locator("script[data-cell-source]").textContent()) ?? "{}")
    .code as string;
  await expect.poll(() => shownCode(a.cell), { timeout: 5000 }).toBe(original);
  expect([...a.errors, ...b.errors]).toEqual([]);
  await context.close();
});

it("Reset can be undone: a notice offers the edit back, and the edit is saved again", async () => {
  const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
  const { page, errors, cell } = await open(context);
  await type(page, cell, "const X = 5; // mine");
  await cell.getByRole("button", { name: "Reset", exact: true }).click();
  await expect.poll(() => notice(cell).innerText()).toContain("Back to the original code");
  await page.screenshot({ path: `${SHOTS}/edits-reset.png` });
  await notice(cell).getByRole("button", { name: "Undo" }).click();
  await expect.poll(() => shownCode(cell)).toBe("const X = 5; // mine");
  await page.reload({ waitUntil: "networkidle" });
  await expect.poll(() => shownCode(cell)).toBe("const X = 5; // mine");
  expect(errors).toEqual([]);
  await context.close();
});
