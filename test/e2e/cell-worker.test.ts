// The worker the cells run in, on the playground page: the page's Content-Security-Policy holds inside it (no
// request to another host, no eval; each refusal said in the cell), while the site's own data still loads;
// and what a cell leaves going (a timer, a promise) prints into that cell, never into the one running then,
// until a re-run or Reset cancels it. Each test opens a fresh page and checks that nothing left 127.0.0.1.
import { readFileSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { expect, inject, it } from "vitest";
import { suiteBrowser, watchedPage, type Watched } from "./browser.ts";

const PLAYGROUND = `${inject("baseUrl")}/playground/`;
const SHOTS = "artifacts/screenshots";

const browser = suiteBrowser(SHOTS);

async function open(): Promise<Watched & { cell: (n: number) => Locator }> {
  const watched = await watchedPage(browser());
  await watched.page.goto(PLAYGROUND, { waitUntil: "networkidle" });
  await watched.page.locator("[data-cell-toolbar]:not([hidden])").first().waitFor();
  return { ...watched, cell: (n: number) => watched.page.locator("[data-cell]").nth(n - 1) };
}

const status = (cell: Locator) => cell.locator("[data-cell-status]");
const output = (cell: Locator) => cell.locator("[data-cell-output]");
const outputs = async (cell: Locator) =>
  (await output(cell).locator("[data-output]").allInnerTexts()).map((t) => t.trim());

async function replaceCode(page: Page, cell: Locator, code: string): Promise<void> {
  if ((await cell.locator(".cm-content").count()) === 0) await cell.locator("[data-cell-code] pre").click();
  await cell.locator(".cm-content").click();
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
}

/** Runs the cell (Shift+Enter in its editor) and waits for it to end; returns its status line. */
async function runCell(page: Page, cell: Locator): Promise<string> {
  await cell.locator(".cm-content").click();
  await page.keyboard.press("Shift+Enter");
  await expect.poll(() => status(cell).innerText(), { timeout: 30_000 }).toMatch(/^(Ran in|Failed|Stopped)/);
  return status(cell).innerText();
}

it("a cell cannot reach another host or eval: the page's policy holds in its worker, and the cell says what was refused", async () => {
  const w = await open();
  const cell = w.cell(1);
  await replaceCode(
    w.page,
    cell,
    [
      'const reply = await fetch("https://example.com/data.json").then(',
      '  () => "reached",',
      "  (e: Error) => `fetch failed: ${e.message}`,",
      ");",
      'let evaluated = "";',
      'try { evaluated = String(globalThis.eval("1 + 1")); } catch (e) { evaluated = `${(e as Error).name}`; }',
      "[reply, evaluated]",
    ].join("\n"),
  );
  expect(await runCell(w.page, cell)).toMatch(/^Ran in/);
  // The refusals come from the policy: Chromium reports a violation in the worker only when one is in force.
  // Reported as the browser dispatches them, the notes may come before or after the cell's value.
  const why =
    "A cell can reach only this site's own files, and runs no code built from strings (eval, new Function).";
  await expect
    .poll(async () => (await outputs(cell)).flatMap((t) => t.split("\n")).sort())
    .toEqual(
      [
        '["fetch failed: Failed to fetch", "EvalError"]',
        `Refused by the site's Content-Security-Policy (connect-src): https://example.com/data.json. ${why}`,
        `Refused by the site's Content-Security-Policy (script-src): evaluating a string as code. ${why}`,
      ].sort(),
    );
  await cell.screenshot({ path: `${SHOTS}/cell-worker-refused.png` });
  await w.page.setViewportSize({ width: 390, height: 844 });
  await cell.screenshot({ path: `${SHOTS}/cell-worker-refused-phone.png` });
  expect(w.offsite).toEqual([]);
  await w.page.close();
});

it("under that policy the site's own data still loads in the worker, and a stuck loop is still ended by Stop", async () => {
  const w = await open();
  const cell = w.cell(1);
  await replaceCode(
    w.page,
    cell,
    'import { loadMnistFile } from "data";\n(await loadMnistFile("test", "labels")).length',
  );
  expect(await runCell(w.page, cell)).toMatch(/^Ran in/);
  const manifest = JSON.parse(readFileSync("dist/data/manifest.json", "utf8")) as {
    subsets: { test: { labels: { raw: { bytes: number } } } };
  };
  expect(await outputs(cell)).toEqual([String(manifest.subsets.test.labels.raw.bytes)]);
  // The fresh worker Stop starts comes from the same bootstrap, under the same policy.
  await replaceCode(w.page, cell, "while (true) {}");
  await cell.locator(".cm-content").click();
  await w.page.keyboard.press("Shift+Enter");
  await expect.poll(() => status(cell).innerText()).toBe("Running…");
  await cell.getByRole("button", { name: "Stop", exact: true }).click();
  await expect
    .poll(() => status(cell).innerText(), { timeout: 15_000 })
    .toMatch(/it did not stop when asked, so its worker was ended$/);
  await replaceCode(w.page, cell, 'await fetch("https://example.com/").catch(() => "refused")');
  expect(await runCell(w.page, cell)).toMatch(/^Ran in/);
  await expect
    .poll(async () => (await outputs(cell)).map((t) => t.replace(/: https:.*/s, "")).sort())
    .toEqual(["Refused by the site's Content-Security-Policy (connect-src)", "refused"]);
  expect(w.offsite).toEqual([]);
  expect(w.errors).toEqual([]);
  await w.page.close();
});

it("a timer and a promise a cell left going print into that cell while the next one runs, not into it", async () => {
  const w = await open();
  await replaceCode(
    w.page,
    w.cell(1),
    [
      "let open: () => void;",
      "const gate = new Promise<void>((r) => (open = r));",
      'void (async () => { await gate; console.log("promise of cell 1"); })();',
      'setTimeout(() => display("timer of cell 1"), 200);',
      '"cell 1 ended"',
    ].join("\n"),
  );
  expect(await runCell(w.page, w.cell(1))).toMatch(/^Ran in/);
  // Cell 2 opens the gate and runs on past the timer: both land while it runs.
  await replaceCode(
    w.page,
    w.cell(2),
    "open();\nawait new Promise((r) => setTimeout(r, 600));\n'cell 2 ended'",
  );
  expect(await runCell(w.page, w.cell(2))).toMatch(/^Ran in/);
  // The timer may fire before cell 2 starts or while it runs; the promise resumes while it runs.
  await expect
    .poll(async () => (await outputs(w.cell(1))).sort())
    .toEqual(["cell 1 ended", "promise of cell 1", "timer of cell 1"]);
  expect(await outputs(w.cell(2))).toEqual(["cell 2 ended"]);
  await w.page.screenshot({ path: `${SHOTS}/cell-worker-stragglers.png`, fullPage: true });
  expect(w.errors).toEqual([]);
  await w.page.close();
});

it("a re-run drops what the cell's earlier run still prints, with a note; Reset stops its timers", async () => {
  const w = await open();
  const cell = w.cell(1);
  await replaceCode(
    w.page,
    cell,
    [
      "let open: () => void;",
      "const gate = new Promise<void>((r) => (open = r));",
      'void (async () => { await gate; console.log("from the first run"); })();',
    ].join("\n"),
  );
  expect(await runCell(w.page, cell)).toMatch(/^Ran in/);
  await replaceCode(w.page, cell, "open();\nawait null;\nawait null;\n'second run'");
  expect(await runCell(w.page, cell)).toMatch(/^Ran in/);
  expect(await outputs(cell)).toEqual([
    "(output from an earlier run of this cell, still going after it was run again or reset, is dropped)",
    "second run",
  ]);
  // A ticking interval; Reset cancels it, so a cell run after Reset sees no new tick in it.
  await replaceCode(w.page, cell, 'setInterval(() => console.log("tick"), 50);');
  expect(await runCell(w.page, cell)).toMatch(/^Ran in/);
  await expect.poll(async () => (await output(cell).innerText()).includes("tick")).toBe(true);
  await cell.getByRole("button", { name: "Reset", exact: true }).click();
  await expect.poll(() => status(cell).innerText()).toBe("Back to the original code");
  const ticks = async () => (await output(cell).innerText()).split("tick").length - 1;
  // Ticks logged before Reset reach the page within a batch (50 ms); then none may come.
  const wait = (ms: number) => w.page.evaluate((t) => new Promise((r) => setTimeout(r, t)), ms);
  await wait(300);
  const before = await ticks();
  await wait(500);
  expect(await ticks(), "ticks printed after Reset").toBe(before);
  expect(w.errors).toEqual([]);
  await w.page.close();
});
