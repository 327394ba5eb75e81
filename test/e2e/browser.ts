// Debian's Chromium driven by playwright-core, kept off the network: every request a page makes is recorded,
// so a suite can assert that none left 127.0.0.1, and every console error is kept.
import { mkdirSync } from "node:fs";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

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

export async function watchedPage(
  browser: Browser,
  viewport = { width: 1280, height: 900 },
): Promise<Watched> {
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
