// The notebook in a real browser, on the built playground page (src/pages/playground.mdx): its cells are
// 1. X, W and matmul(X, W)   2. S = matmul(X, W), a log and a value   3. a live training chart.
// Every test opens a fresh browser context (empty localStorage) and checks that nothing left 127.0.0.1
// and nothing reached the console as an error. Screenshots go to artifacts/screenshots/.
import { gzipSync } from "node:zlib";
import type { Locator, Page } from "playwright-core";
import { expect, inject, it } from "vitest";
import {
  button,
  expectClean,
  openNotebook,
  originalCode,
  output,
  replaceCode,
  seriousViolations,
  shownCode,
  status,
  suiteBrowser,
  type Watched,
} from "./browser.ts";

const PLAYGROUND = `${inject("baseUrl")}/playground/`;
const SHOTS = "artifacts/screenshots";

const browser = suiteBrowser(SHOTS);

async function open(before?: (page: Page) => void): Promise<Watched & { cell: (n: number) => Locator }> {
  const watched = await openNotebook(browser(), PLAYGROUND, { before });
  return { ...watched, cell: (n: number) => watched.page.locator("[data-cell]").nth(n - 1) };
}

/** Why the output may not match the code (out of date, edited, lost to Stop). */
const note = (cell: Locator) => cell.locator(".cell-note");

it("cells show their build outputs and controls with accessible names; first load stays under 60 KB of JS", async () => {
  const loaded: Promise<{ url: string; gzip: number }>[] = [];
  const w = await open((page) =>
    page.on("response", (r) => {
      if ((r.headers()["content-type"] ?? "").includes("javascript"))
        loaded.push(r.body().then((body) => ({ url: r.url(), gzip: gzipSync(body).length })));
    }),
  );
  const cells = w.page.locator("[data-cell]");
  expect(await cells.count()).toBe(3);
  expect(await output(w.cell(1)).innerText()).toContain("Matrix (3×2)");
  expect(await output(w.cell(2)).innerText()).toContain("S has shape [3, 2]");
  expect(await output(w.cell(3)).locator("svg").count()).toBeGreaterThan(0);
  for (const name of ["Run", "Run all above", "Stop", "Reset"]) {
    expect(await button(w.cell(2), name).count()).toBe(1);
  }
  expect(await button(w.cell(2), "Stop").isDisabled()).toBe(true);
  // Before any interaction: the small entry only; the editor, renderer and worker wait for an edit or a run.
  const scripts = await Promise.all(loaded);
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((s) => /\/(editor|worker|runtime)[.-]/.test(s.url))).toEqual([]);
  expect(scripts.reduce((sum, s) => sum + s.gzip, 0)).toBeLessThanOrEqual(60 * 1024);
  await w.page.screenshot({ path: `${SHOTS}/cells-initial.png`, fullPage: true });
  expectClean(w);
  await w.page.close();
});

it("edit a cell and run it: the output changes, and the cell says it is edited", async () => {
  const w = await open();
  const cell = w.cell(1);
  await cell.locator("[data-cell-code] pre").click();
  await cell.locator(".cm-content").waitFor();
  await w.page.keyboard.press("Control+End");
  await w.page.keyboard.type("\nX.rows * 100");
  expect(await cell.locator(".cell-badge").innerText()).toBe("Edited");
  await w.page.keyboard.press("Shift+Enter");
  await expect.poll(() => output(cell).innerText()).toBe("300");
  await expect.poll(() => status(cell).innerText()).toMatch(/^Ran in \d/);
  // The cells below ran (at build) with the old code above them.
  expect(await note(w.cell(2)).textContent()).toBe(
    "Out of date: a cell above changed since this output was made",
  );
  await w.page.screenshot({ path: `${SHOTS}/cells-edited.png`, fullPage: true });
  expectClean(w);
  await w.page.close();
});

it("Run on a cell first runs the cells above it that have not run in this worker", async () => {
  const w = await open();
  await button(w.cell(2), "Run").click();
  await expect.poll(() => status(w.cell(2)).innerText()).toMatch(/^Ran in \d/);
  expect(await status(w.cell(1)).innerText()).toMatch(/^Ran in \d/);
  const texts = await output(w.cell(2)).locator("[data-output]").allTextContents();
  expect(texts.map((t) => t.trim())).toEqual(["S has shape [3, 2]", "[2, 3.5, 5]"]);
  // A failing cell above stops the chain: the cell asked for does not run on a missing name.
  await replaceCode(w.cell(1), "throw new Error('no X today')");
  await button(w.cell(2), "Run").click();
  await expect.poll(() => status(w.cell(2)).innerText()).toBe("Not run: a cell above failed");
  expect(await output(w.cell(1)).innerText()).toContain("Error: no X today");
  expectClean(w);
  await w.page.close();
});

it("while (true) {} and Stop: the cell does not hear Stop, so its worker ends a second later; the edit stays, and reload keeps it; Reset restores the original", async () => {
  const w = await open();
  const cell = w.cell(2);
  const original = await originalCode(cell);
  await replaceCode(cell, "while (true) {}");
  await button(cell, "Run").click();
  await expect.poll(() => status(w.cell(1)).innerText(), { timeout: 10_000 }).toMatch(/^Ran in/);
  await expect.poll(() => status(cell).innerText()).toBe("Running…");
  await w.page.waitForTimeout(500); // the worker is now inside the loop
  expect(await status(cell).innerText()).toBe("Running…");
  await w.page.screenshot({ path: `${SHOTS}/cells-running.png` });

  await button(cell, "Stop").click();
  await expect.poll(() => status(cell).innerText(), { interval: 50 }).toBe("Stopping…");
  await expect
    .poll(() => status(cell).innerText(), { timeout: 2500, interval: 50 })
    .toMatch(/^Stopped after [\d.]+ s: it did not stop when asked, so its worker was ended$/);
  expect(await w.page.evaluate(() => document.querySelectorAll("[data-cell]").length)).toBe(3);
  expect(await shownCode(cell)).toBe("while (true) {}");
  expect(await button(cell, "Stop").isDisabled()).toBe(true);
  // Cell 1's bindings were in the worker Stop ended.
  expect(await note(w.cell(1)).textContent()).toBe("Run again: Stop cleared this cell's results from memory");
  await w.page.screenshot({ path: `${SHOTS}/cells-stopped.png`, fullPage: true });
  // A fresh worker runs cells again.
  await button(w.cell(1), "Run").click();
  await expect.poll(() => status(w.cell(1)).innerText()).toMatch(/^Ran in \d/);

  await w.page.reload({ waitUntil: "networkidle" });
  await expect.poll(() => shownCode(cell)).toBe("while (true) {}");
  expect(await cell.locator(".cell-badge").innerText()).toBe("Edited");
  expect(await note(w.cell(3)).textContent()).toBe(
    "Out of date: a cell above changed since this output was made",
  );

  await button(cell, "Reset").click();
  await expect.poll(() => shownCode(cell)).toBe(original);
  expect(await cell.locator(".cell-badge").isHidden()).toBe(true);
  expect(await note(w.cell(3)).textContent()).toBe("");
  await w.page.reload({ waitUntil: "networkidle" });
  expect(await shownCode(cell)).toBe(original);
  expectClean(w);
  await w.page.close();
});

it("a chart updates while a short training runs (throttled live display and a progress bar)", async () => {
  const w = await open();
  const cell = w.cell(3);
  // Every distinct chart the output shows while the cell runs, recorded in the page as it changes.
  await output(cell).evaluate((box) => {
    const seen = new Set<string>();
    // every style sheet the page has held since: a chart that brought its own would add one per redraw
    const sheets = new Set(Array.from(document.styleSheets));
    const before = sheets.size;
    const record = (): void => {
      if (box.closest("[data-cell]")?.getAttribute("data-state") !== "running") return;
      const svg = box.querySelector("svg");
      if (svg) seen.add(svg.outerHTML);
      for (const sheet of Array.from(document.styleSheets)) sheets.add(sheet);
    };
    new MutationObserver(record).observe(box, { childList: true, subtree: true });
    Object.assign(window, { chartsSeen: seen, newStyleSheets: () => sheets.size - before });
  });
  await button(cell, "Run").click();
  await expect.poll(() => cell.locator("progress").count()).toBe(1);
  await expect.poll(() => status(cell).innerText(), { timeout: 60_000 }).toMatch(/^Ran in/);
  const during = await w.page.evaluate(
    () => (window as unknown as { chartsSeen: Set<string> }).chartsSeen.size,
  );
  expect(during).toBeGreaterThanOrEqual(2);
  expect(await output(cell).locator("svg").count()).toBeGreaterThan(0);
  // Redraws add no style sheet (Plot's CSS sits once in the head: sanitize.ts's hoistStyle), and that CSS
  // still styles the live chart: its text keeps spaces (white-space: pre), as Plot's rules say.
  const added = await w.page.evaluate(() =>
    (window as unknown as { newStyleSheets: () => number }).newStyleSheets(),
  );
  expect(added).toBeLessThanOrEqual(1);
  expect(await output(cell).locator("svg style").count()).toBe(0);
  const whiteSpace = await output(cell)
    .locator("svg text")
    .first()
    .evaluate((t) => getComputedStyle(t).whiteSpace);
  expect(whiteSpace).toBe("pre");
  expect(await cell.locator("progress").getAttribute("value")).toBe("150");
  expect(await output(cell).innerText()).toMatch(/accuracy after 150 epochs: \d+\.\d%/);
  await w.page.screenshot({ path: `${SHOTS}/cells-trained.png`, fullPage: true });
  expectClean(w);
  await w.page.close();
});

it("an edit of an older version of a cell is offered, not applied over the new original", async () => {
  const w = await open();
  const cell = w.cell(1);
  const original = await originalCode(cell);
  const id = await cell.getAttribute("data-cell-id");
  const chapter = await cell.getAttribute("data-chapter");
  // An edit saved when the site's version of the cell had another hash.
  await w.page.evaluate(
    ([key]) =>
      localStorage.setItem(key!, JSON.stringify({ code: "const X = 1; // my old edit", savedAt: 1 })),
    [`mlp-notebook:edit:${chapter}|${id}|0000000000000000`],
  );
  await w.page.reload({ waitUntil: "networkidle" });
  expect(await shownCode(cell)).toBe(original);
  const notice = cell.getByRole("note");
  expect(await notice.innerText()).toContain("This cell has changed on the site since you edited it");
  await notice.getByRole("button", { name: "Restore my edit" }).click();
  await expect.poll(() => shownCode(cell)).toBe("const X = 1; // my old edit");
  expect(await cell.locator(".cell-badge").innerText()).toBe("Edited");
  // Now saved for this version: a reload applies it, with no notice.
  await w.page.reload({ waitUntil: "networkidle" });
  await expect.poll(() => shownCode(cell)).toBe("const X = 1; // my old edit");
  expect(await cell.getByRole("note").count()).toBe(0);
  expectClean(w);
  await w.page.close();
});

it("keyboard: Enter on the code opens the editor, Shift+Enter runs, Tab leaves the editor with a visible focus", async () => {
  const w = await open();
  const cell = w.cell(1);
  await cell.locator("[data-cell-code] pre").focus();
  await w.page.keyboard.press("Enter");
  await expect.poll(() => cell.locator(".cm-content").evaluate((e) => e.matches(":focus"))).toBe(true);
  await w.page.keyboard.press("Control+End");
  await w.page.keyboard.type("\nW.cols");
  await w.page.keyboard.press("Shift+Enter");
  await expect.poll(() => output(cell).innerText()).toBe("2");
  await w.page.keyboard.press("Tab");
  const focused = await w.page.evaluate(() => {
    const e = document.activeElement as HTMLElement;
    return { text: e.textContent, outline: getComputedStyle(e).outlineStyle };
  });
  expect(focused.text).toBe("Run");
  expect(focused.outline).not.toBe("none");
  await w.page.evaluate(() => (document.documentElement.dataset.theme = "dark"));
  await w.page.screenshot({ path: `${SHOTS}/cells-dark.png`, fullPage: true });
  expectClean(w);
  await w.page.close();
});

/** axe's serious findings in what the notebook adds (the built code and outputs are the site suite's). */
const serious = (page: Page) =>
  seriousViolations(page, ["[data-cell-toolbar]", ".cell-notice", ".cell-editor"]);

it.each(["light", "dark"] as const)(
  "axe finds nothing serious in the notebook's controls, notes, notices and editor (%s)",
  async (colorScheme) => {
    // axe goes in as a script tag, which the CSP refuses: this page alone runs with the CSP bypassed.
    const context = await browser().newContext({
      bypassCSP: true,
      colorScheme,
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(PLAYGROUND, { waitUntil: "networkidle" });
    await page.locator("[data-cell-toolbar]:not([hidden])").first().waitFor();
    expect(await serious(page)).toEqual([]);
    const cells = page.locator("[data-cell]");
    await page.evaluate(
      ([key]) => localStorage.setItem(key!, JSON.stringify({ code: "const X = 2;", savedAt: 1 })),
      [`mlp-notebook:edit:playground|playground-2|0000000000000000`],
    );
    await page.reload({ waitUntil: "networkidle" });
    await cells.nth(1).getByRole("note").waitFor();
    await replaceCode(cells.nth(0), "const X = 1; // a comment");
    await button(cells.nth(1), "Run").click();
    await expect.poll(() => status(cells.nth(1)).innerText()).toMatch(/^(Ran|Failed)/);
    expect(await note(cells.nth(2)).textContent()).toMatch(/^Out of date/);
    expect(await serious(page)).toEqual([]);
    await context.close();
  },
);
