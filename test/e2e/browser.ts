// Debian's Chromium driven by playwright-core, kept off the network: every request a page makes is recorded,
// so a suite can assert that none left 127.0.0.1, and every console error is kept.
import { mkdirSync } from "node:fs";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      '--host-resolver-rules="MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"',
    ],
  });
}

/**
 * One browser for a suite file: launched before its tests (with the folder `shots` made for their
 * screenshots) and closed after them. Call the returned function inside a test to get it.
 */
export function suiteBrowser(shots: string): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
    mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("suiteBrowser: the browser is used before beforeAll launched it");
    return browser;
  };
}

export interface Watched {
  page: Page;
  /** URLs of requests to any host but 127.0.0.1. */
  offsite: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
}

export async function watchedPage(browser: Browser, viewport = DESKTOP): Promise<Watched> {
  const page = await browser.newPage({ viewport });
  const offsite: string[] = [];
  const errors: string[] = [];
  page.on("request", (req) => {
    const url = new URL(req.url());
    if (!["data:", "blob:", "about:"].includes(url.protocol) && url.hostname !== "127.0.0.1")
      offsite.push(req.url());
  });
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(String(err)));
  return { page, offsite, errors };
}

/** A cell's code as shown: its editor's lines once the editor is there, else its static or plain block. */
export async function shownCode(cell: Locator): Promise<string> {
  // Read in one step inside the page: a restored edit shows as a plain block until the editor replaces it,
  // and two reads (editor lines, then the block) could fall either side of that swap and wait for nothing.
  return cell.locator("[data-cell-code]").evaluate((code) => {
    const lines = code.querySelector(".cell-editor")?.shadowRoot?.querySelectorAll(".cm-content .cm-line");
    // The editor's lines one by one: innerText of the whole editor doubles its blank lines.
    if (lines && lines.length > 0)
      return Array.from(lines, (line) => (line as HTMLElement).innerText.replace(/\n$/, "")).join("\n");
    return code.querySelector("pre")?.innerText ?? "";
  });
}

/**
 * Opens `url` in a watched page and waits until the notebook has started (a cell's toolbar shows); if it
 * does not, the error says what the page reported. `before` runs on the page before it loads.
 */
export async function openNotebook(
  browser: Browser,
  url: string,
  {
    viewport = DESKTOP,
    before,
  }: { viewport?: typeof DESKTOP; before?: ((page: Page) => unknown) | undefined } = {},
): Promise<Watched> {
  const watched = await watchedPage(browser, viewport);
  await before?.(watched.page);
  await watched.page.goto(url, { waitUntil: "networkidle" });
  await watched.page
    .locator("[data-cell-toolbar]:not([hidden])")
    .first()
    .waitFor()
    .catch((error: Error) => {
      throw new Error(`${error.message}\npage errors: ${JSON.stringify(watched.errors)}`);
    });
  return watched;
}

/** Nothing left the machine and nothing went wrong in the console. */
export function expectClean(watched: Watched): void {
  expect(watched.offsite).toEqual([]);
  expect(watched.errors).toEqual([]);
}

export const status = (cell: Locator) => cell.locator("[data-cell-status]");
export const output = (cell: Locator) => cell.locator("[data-cell-output]");
export const button = (cell: Locator, name: string) => cell.getByRole("button", { name, exact: true });
/** The first cell after an element: the one a widget runs. */
export const cellAfter = (el: Locator) => el.locator("xpath=following::*[@data-cell][1]");

/** The code the cell was built with, from its JSON island. */
export async function originalCode(cell: Locator): Promise<string> {
  const island = await cell.locator("script[data-cell-source]").textContent();
  return (JSON.parse(island ?? "{}") as { code: string }).code;
}

/**
 * Opens the cell's editor (a click on its static code) and replaces all its code with `code`: typed key by
 * key as a reader types (auto-indent and closing brackets apply), or with `insert`, put in as one piece of
 * text (they do not).
 */
export async function replaceCode(
  cell: Locator,
  code: string,
  how: "type" | "insert" = "type",
): Promise<void> {
  const page = cell.page();
  if ((await cell.locator(".cm-content").count()) === 0) await cell.locator("[data-cell-code] pre").click();
  await cell.locator(".cm-content").click();
  await page.keyboard.press("Control+a");
  if (how === "insert") await page.keyboard.insertText(code);
  else await page.keyboard.type(code);
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's serious and critical violations, as "rule: help (selectors)" lines: in the whole page, or only
 * in those of the `include` selectors that match. axe goes in as a script tag, which the site's CSP refuses:
 * open the page with the CSP bypassed.
 */
export async function seriousViolations(page: Page, include?: string[]): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window)))
    await page.addScriptTag({ path: "node_modules/axe-core/axe.min.js" });
  const violations = await page.evaluate(async (include) => {
    type Axe = { run(context: unknown): Promise<{ violations: Violation[] }> };
    const axe = (window as unknown as { axe: Axe }).axe;
    const context = include ? { include: include.filter((s) => document.querySelector(s)) } : document;
    return (await axe.run(context)).violations;
  }, include);
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}
