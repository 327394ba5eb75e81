// The library pages in Chromium: from a chapter's "From the library" list, one click lands on the function
// on its library page, below the sticky header, with its doc line, its code and "used in chapters …"; a
// line's anchor does the same; on a phone the code scrolls inside its block, not the page; axe finds no
// serious violation. Screenshots go to artifacts/library/.
import type { Locator, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { seriousViolations, suiteBrowser, watchedPage } from "./browser.ts";

const SITE = `${inject("baseUrl")}/`;
const SHOTS = "artifacts/library";
const browser = suiteBrowser(SHOTS);

/** The element's top, and the bottom of the sticky header, in viewport pixels. */
async function topBelowHeader(page: Page, selector: string): Promise<{ top: number; header: number }> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel)!;
    return {
      top: el.getBoundingClientRect().top,
      header: document.querySelector(".site-header")!.getBoundingClientRect().bottom,
    };
  }, selector);
}

describe("from a chapter to the library", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    for (const width of [1280, 390]) {
      it(`chapter 6's link to Dense lands on Dense in the layer page, doc, code and chapters in view (${colorScheme}, ${width}px)`, async () => {
        const watched = await watchedPage(browser(), { width, height: 900 });
        const { page } = watched;
        await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
        await page.goto(`${SITE}chapters/backprop/`, { waitUntil: "networkidle" });
        const link = page.locator('.from-library a[data-library-name="Dense"]');
        expect(await link.count()).toBe(1);
        await link.click();
        await page.waitForURL(/\/library\/mlp\/layer\/#L\d+$/);
        const hash = new URL(page.url()).hash;
        const section = page.locator(`section${hash}`);
        // The block of Dense: its name, the chapters that use it (6 among them), its doc line, its code.
        expect(await section.locator("h2").textContent()).toBe("Dense");
        expect(await section.locator(".lib-used").textContent()).toMatch(
          /^Used in chapters (\d+, )*\d+ and \d+$/,
        );
        expect(await section.locator(".lib-used a", { hasText: /^6$/ }).count()).toBe(1);
        expect((await section.locator(".lib-doc").textContent())?.trim().length).toBeGreaterThan(10);
        const code = (await section.locator("pre").textContent()) ?? "";
        expect(code).toContain("export class Dense");
        expect(code).toMatch(/\(n_in, n_out\)/); // W's shape, as the source says it
        // Landed just below the sticky header, not under it.
        await expect
          .poll(async () => {
            const { top, header } = await topBelowHeader(page, hash);
            return top >= header && top <= header + 40;
          })
          .toBe(true);
        // The "used in" link goes back to the chapter.
        expect(await section.locator(".lib-used a", { hasText: /^6$/ }).getAttribute("href")).toMatch(
          /\/chapters\/backprop\/$/,
        );
        await page.screenshot({ path: `${SHOTS}/chapter6-to-dense-${colorScheme}-${width}.png` });
        expect(watched.offsite).toEqual([]);
        expect(watched.errors).toEqual([]);
        await page.close();
      });
    }
  }

  it("Dense's backward step has its own anchor, doc line and shape comments; a code line's anchor lands below the header", async () => {
    const { page, errors } = await watchedPage(browser());
    await page.emulateMedia({ reducedMotion: "reduce" });
    await page.goto(`${SITE}library/mlp/layer/`, { waitUntil: "networkidle" });
    const toc = page.locator(".toc a", { hasText: "Dense.backwardInto" });
    await toc.click();
    const hash = new URL(page.url()).hash;
    const section = page.locator(`section${hash}`);
    expect(await section.locator("h3").textContent()).toBe("Dense.backwardInto");
    expect(await section.locator(".lib-doc").textContent()).toMatch(/dW/);
    const lines = await section.locator(".line").allTextContents();
    expect(lines.some((l) => /matmulTransAInto\(dW, Aprev, delta\); \/\/ \(n_in, n_out\)/.test(l))).toBe(
      true,
    );
    // The line numbers are the file's; a line's anchor lands it just below the header (a line far enough
    // from the end that the page can scroll it there).
    const id = await page.evaluate(() => {
      const room = document.documentElement.scrollHeight - innerHeight - 100;
      const lines = [...document.querySelectorAll<HTMLElement>(".library-code .line[id]")];
      return lines.filter((l) => l.getBoundingClientRect().top + scrollY < room).at(-1)!.id;
    });
    await page.goto(`${SITE}library/mlp/layer/#${id}`);
    await expect
      .poll(async () => {
        const { top, header } = await topBelowHeader(page, `#${id}`);
        return top >= header && top <= header + 40;
      })
      .toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});

/** Clicks the middle of the `n`th occurrence of `text` inside the element (across its text nodes). */
async function clickText(
  el: Locator,
  text: string,
  n: number,
  modifiers: "ControlOrMeta"[] = [],
): Promise<void> {
  await el.scrollIntoViewIfNeeded();
  const point = await el.evaluate(
    (root, [word, nth]) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      while (walker.nextNode()) nodes.push(walker.currentNode as Text);
      const all = nodes.map((t) => t.data).join("");
      let at = -1;
      for (let k = 0; k <= (nth as number); k++) at = all.indexOf(word as string, at + 1);
      let offset = at;
      const node = nodes.find((t) => (offset < t.data.length ? true : ((offset -= t.data.length), false)))!;
      const range = document.createRange();
      range.setStart(node, offset);
      range.setEnd(node, offset + 1);
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    },
    [text, n] as const,
  );
  const keys = modifiers.map((m) => (m === "ControlOrMeta" ? "Control" : m));
  for (const k of keys) await el.page().keyboard.down(k);
  await el.page().mouse.click(point.x, point.y);
  for (const k of keys) await el.page().keyboard.up(k);
}

describe("from the cell editor to the library", () => {
  it("F12 on an imported name and Ctrl-click on a member open their library pages at their lines", async () => {
    const { page, errors } = await watchedPage(browser());
    await page.goto(`${SITE}chapters/backprop/`, { waitUntil: "networkidle" });
    const cell = page.locator("[data-cell]").first();
    await cell.locator("[data-cell-toolbar]:not([hidden])").waitFor();
    // Click on "MLP" in the static code: the editor opens with the caret there.
    await clickText(cell.locator("[data-cell-code] pre"), "MLP", 0);
    await cell.locator(".cm-content").waitFor();
    const names = (await (await page.request.get(`${SITE}library/names.json`)).json()) as {
      mlp: Record<string, string>;
    };
    let opened = page.context().waitForEvent("page");
    await page.keyboard.press("F12");
    const network = await opened;
    await network.waitForLoadState();
    expect(network.url()).toBe(`${SITE}${names.mlp["MLP"]}`);
    expect(network.url()).toMatch(/\/library\/mlp\/network\/#L\d+$/);
    await network.close();

    opened = page.context().waitForEvent("page");
    // The second "from" of the cell is Matrix.from's (the first is the import's keyword).
    await clickText(cell.locator(".cm-content"), "from", 1, ["ControlOrMeta"]);
    const matrix = await opened;
    await matrix.waitForLoadState();
    expect(matrix.url()).toBe(`${SITE}${names.mlp["Matrix.from"] ?? names.mlp["Matrix"]}`);
    await matrix.close();
    // The notebook page is where it was: the editor still open, nothing reloaded.
    expect(await cell.locator(".cm-content").count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("from an equation link to the library", () => {
  it("a symbol computed by a library function offers it: S₁ of chapter 6 → addRowVector on the matrix page", async () => {
    const { page, errors } = await watchedPage(browser());
    await page.emulateMedia({ reducedMotion: "reduce" });
    await page.goto(`${SITE}chapters/backprop/`, { waitUntil: "networkidle" });
    const symbol = page
      .locator('[data-eq-cell="06-backprop-2"] .eq-sym[data-eq-sym="S1"][role=button]')
      .first();
    await symbol.focus();
    await page.keyboard.press("Enter"); // to where the cell computes S1, which keeps the offer up
    const offer = page.locator('[data-cell-id="06-backprop-2"] .eq-library');
    await expect.poll(() => offer.isVisible()).toBe(true);
    expect(await offer.textContent()).toBe("Read addRowVector in the library →");
    const names = (await (await page.request.get(`${SITE}library/names.json`)).json()) as {
      mlp: Record<string, string>;
    };
    expect(await offer.getAttribute("href")).toBe(`${SITE}${names.mlp["addRowVector"]}`);
    await page.screenshot({ path: `${SHOTS}/eqlink-offer-light-1280.png` });
    await offer.click();
    await page.waitForURL(/\/library\/mlp\/matrix\/#L\d+$/);
    const hash = new URL(page.url()).hash;
    expect(await page.locator(`section${hash} h2`).textContent()).toBe("addRowVector");
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("search", () => {
  it("finds a library function by its name, on its library page", async () => {
    const { page } = await watchedPage(browser());
    await page.goto(SITE, { waitUntil: "networkidle" });
    await page.keyboard.press("/");
    await page.getByRole("searchbox").fill("backwardInto");
    const first = page.locator("[data-search-results] li a").first();
    await expect
      .poll(async () => (await first.count()) > 0 && (await first.getAttribute("href")))
      .toMatch(/\/library\/mlp\/layer\//);
    await page.close();
  });
});

describe("a library page on a phone", () => {
  it("at 390 px the page does not scroll sideways; a long code line scrolls inside its block", async () => {
    const { page } = await watchedPage(browser(), { width: 390, height: 844 });
    await page.goto(`${SITE}library/mlp/layer/`, { waitUntil: "networkidle" });
    const { pageWidth, widest } = await page.evaluate(() => ({
      pageWidth: document.documentElement.scrollWidth,
      widest: Math.max(
        ...[...document.querySelectorAll(".library-code pre")].map((p) => p.scrollWidth - p.clientWidth),
      ),
    }));
    expect(pageWidth).toBeLessThanOrEqual(390);
    expect(widest).toBeGreaterThan(0);
    await page.close();
  });
});

describe("library pages' accessibility", () => {
  for (const [path, colorScheme, width] of [
    ["library/mlp/layer/", "light", 1280],
    ["library/mlp/layer/", "dark", 390],
    ["library/mlp/fast/", "dark", 1280],
  ] as const) {
    it(`${path} has no serious or critical axe violations (${colorScheme}, ${width}px)`, async () => {
      const context = await browser().newContext({
        bypassCSP: true,
        colorScheme,
        viewport: { width, height: 900 },
      });
      const page = await context.newPage();
      await page.goto(SITE + path, { waitUntil: "networkidle" });
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });
  }
});
