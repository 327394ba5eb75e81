// The site shell in a real browser: every built page loads cleanly and offline, math is rendered with its
// MathML, cells show their baked outputs without JavaScript, and search, dark mode, keyboard use, the phone
// menu, reading progress, print and the CSP work. Screenshots go to artifacts/screenshots/.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { suiteBrowser, watchedPage } from "./browser.ts";
import { builtPages, DIST, type BuiltPage } from "./site-pages.ts";

const site = `${inject("baseUrl")}/`;
const pages = builtPages();
const chapters = pages.filter((p) => p.chapter);
const SHOTS = "artifacts/screenshots";

const browser = suiteBrowser(SHOTS);

async function open(path: string, viewport = { width: 1280, height: 900 }) {
  const watched = await watchedPage(browser(), viewport);
  const response = await watched.page.goto(site + path, { waitUntil: "networkidle" });
  return { ...watched, status: response?.status() };
}

/** The scale of the reading-progress bar, from its computed transform matrix(a, b, c, d, e, f). */
async function progressScale(page: Page): Promise<number> {
  const transform = await page
    .locator(".reading-progress-bar")
    .evaluate((el) => getComputedStyle(el).transform);
  return transform === "none" ? 1 : Number(/matrix\(([^,]+)/.exec(transform)?.[1]);
}

it("the build wrote the home page and at least one chapter", () => {
  expect(pages[0]?.name).toBe("home");
  expect(chapters.length).toBeGreaterThan(0);
});

describe.each(pages)("$name", (p) => {
  it("loads with status 200, no console error and no request off 127.0.0.1", async () => {
    const { page, errors, offsite, status } = await open(p.path);
    expect(status).toBe(200);
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
    await page.close();
  });

  it("every link on it leads to a page or asset of the site", async () => {
    const { page } = await open(p.path);
    const hrefs = await page
      .locator("a[href], link[href]")
      .evaluateAll((els) =>
        els.map((el) => (el as HTMLAnchorElement).href).filter((h) => h.startsWith(location.origin)),
      );
    for (const href of new Set(hrefs.map((h) => h.split("#")[0]!))) {
      const response = await page.request.get(href);
      expect(response.status(), href).toBe(200);
    }
    await page.close();
  });

  it("screenshots at desktop and phone widths, light and dark, with no sideways scrolling on the phone", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      for (const viewport of [
        { width: 1280, height: 900 },
        { width: 390, height: 844 },
      ]) {
        const { page } = await open(p.path, viewport);
        await page.emulateMedia({ colorScheme });
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({
          path: `${SHOTS}/${p.name}-${viewport.width}-${colorScheme}.png`,
          fullPage: true,
          timeout: 120_000, // a long chapter's full page is many tiles: 30 s ran out at load ~25
        });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        expect(overflow, `${p.name} at ${viewport.width}px is wider than the screen`).toBeLessThanOrEqual(0);
        await page.close();
      }
    }
  }, 600_000);
});

describe.each(chapters)("chapter $name", (p) => {
  it("renders its math with KaTeX and keeps the MathML for screen readers", async () => {
    const { page } = await open(p.path);
    const katex = await page.locator(".katex").count();
    expect(katex).toBeGreaterThan(0);
    expect(await page.locator(".katex .katex-mathml math").count()).toBe(katex);
    await page.close();
  });

  it("shows the outputs its cells produced at build time, without JavaScript", async () => {
    const context = await browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(site + p.path);
    const cells = await page.locator("[data-cell]").count();
    const outputs = await page
      .locator("[data-cell] [data-cell-output]")
      .evaluateAll((els) =>
        els.map((el) => (el.textContent ?? "").trim().length + el.querySelectorAll("svg").length),
      );
    if (cells > 0) {
      expect(outputs.length).toBeGreaterThan(0);
      expect(outputs.some((size) => size > 0)).toBe(true);
    } else {
      expect(outputs).toEqual([]);
    }
    await context.close();
  });

  it("links the stylesheets its cells and equation links need (a page built without them loses its layout)", async () => {
    const { page } = await open(p.path);
    const selectors = await page.evaluate(() =>
      [...document.styleSheets].flatMap((sheet) =>
        [...sheet.cssRules].map((rule) => (rule as CSSStyleRule).selectorText ?? ""),
      ),
    );
    const counts = await page.evaluate(() => ({
      cells: document.querySelectorAll("[data-cell]").length,
      symbols: document.querySelectorAll(".eq-sym").length,
    }));
    if (counts.cells > 0) expect(selectors.some((s) => s.includes(".cell-output"))).toBe(true);
    if (counts.symbols > 0) expect(selectors.some((s) => s.includes(".eq-sym"))).toBe(true);
    await page.close();
  });

  it("has a table of contents whose links reach headings on the page", async () => {
    const { page } = await open(p.path);
    const targets = await page
      .locator(".toc a")
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).hash));
    for (const hash of targets)
      expect(await page.locator(`[id="${decodeURIComponent(hash.slice(1))}"]`).count()).toBe(1);
    await page.close();
  });
});

describe("chapter navigation", () => {
  /** Chapter paths in reading order, as the home page lists them. */
  async function readingOrder(): Promise<string[]> {
    const { page } = await open("");
    const paths = await page
      .locator(".chapters li a")
      .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    await page.close();
    return paths;
  }

  it("the home page lists every chapter once with its summary and reading time", async () => {
    const { page } = await open("");
    const rows = await page.locator(".chapters li a").evaluateAll((as) =>
      as.map((a) => ({
        path: new URL((a as HTMLAnchorElement).href).pathname,
        summary: a.querySelector(".summary")?.textContent ?? "",
        minutes: a.querySelector(".minutes")?.textContent ?? "",
      })),
    );
    expect(rows.map((r) => r.path).sort()).toEqual(chapters.map((c) => `/${c.path}`).sort());
    for (const row of rows) {
      expect(row.summary.length).toBeGreaterThan(10);
      expect(row.minutes).toMatch(/^\d+ min$/);
    }
    await page.close();
  });

  it("every chapter's sidebar lists the chapters in that order and marks it; previous/next follow the order", async () => {
    const order = await readingOrder();
    for (const [i, path] of order.entries()) {
      const { page } = await open(path.slice(1));
      const listed = await page
        .locator(".chapter-list > li > a")
        .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      expect(listed).toEqual(order);
      expect(await page.locator('.chapter-list a[aria-current="page"]').getAttribute("href")).toBe(path);
      const [previous, next] = await page.evaluate(() =>
        ["prev", "next"].map(
          (rel) => document.querySelector(`.chapter-nav a[rel="${rel}"]`)?.getAttribute("href") ?? null,
        ),
      );
      expect(previous).toBe(order[i - 1] ?? null);
      expect(next).toBe(order[i + 1] ?? null);
      await page.close();
    }
  });

  it("the reading progress bar is empty at the top of a chapter and full at the bottom", async () => {
    const { page } = await open(chapters[0]!.path, { width: 1280, height: 500 });
    expect(await progressScale(page)).toBeLessThan(0.05);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => progressScale(page)).toBeGreaterThan(0.95);
    await page.close();
  });
});

describe("search", () => {
  it("finds a chapter by a word from its text, offline, and opens it from the keyboard", async () => {
    const chapter = chapters[0]!;
    const { page, errors, offsite } = await open(chapter.path);
    const words = ((await page.locator(".prose p").first().textContent()) ?? "").match(/[A-Za-z]{6,}/g) ?? [];
    const term = words.sort((a, b) => b.length - a.length)[0]!;
    await page.goto(site);
    await page.keyboard.press("/");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("search-input");
    await page.keyboard.type(term);
    const first = page.locator("[data-search-results] a").first();
    await first.waitFor();
    const found = await page
      .locator("[data-search-results] a")
      .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(found).toContain(`/${chapter.path}`);
    expect(await page.locator("[data-search-status]").textContent()).toMatch(/match/);
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => document.activeElement?.closest("[data-search-results]") !== null)).toBe(
      true,
    );
    await page.keyboard.press("Escape");
    expect(await page.locator("[data-search-dialog]").evaluate((d) => (d as HTMLDialogElement).open)).toBe(
      false,
    );
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
    await page.close();
  });

  it("says so when nothing matches", async () => {
    const { page } = await open("");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("searchbox").fill("zzqxjv");
    await expect
      .poll(() => page.locator("[data-search-status]").textContent())
      .toBe("No results for “zzqxjv”.");
    expect(await page.locator("[data-search-results] li").count()).toBe(0);
    await page.close();
  });
});

describe("dark mode", () => {
  const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  it("follows the system until toggled, and the choice survives a reload", async () => {
    const { page, errors } = await open(chapters[0]!.path);
    await page.emulateMedia({ colorScheme: "light" });
    const light = await background(page);
    const toggle = page.getByRole("button", { name: "Dark mode" });
    expect(await toggle.getAttribute("aria-pressed")).toBe("false");
    await toggle.click();
    expect(await toggle.getAttribute("aria-pressed")).toBe("true");
    const dark = await background(page);
    expect(dark).not.toBe(light);
    await page.reload({ waitUntil: "networkidle" });
    expect(await page.evaluate(() => document.documentElement.dataset["theme"])).toBe("dark");
    expect(await background(page)).toBe(dark);
    expect(await page.getByRole("button", { name: "Dark mode" }).getAttribute("aria-pressed")).toBe("true");
    // Choosing what the system shows forgets the choice: the page follows the system again.
    await page.getByRole("button", { name: "Dark mode" }).click();
    expect(await page.evaluate(() => localStorage.getItem("theme"))).toBeNull();
    await page.reload({ waitUntil: "networkidle" });
    expect(await background(page)).toBe(light);
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await background(page)).toBe(dark);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("draws display math in the text colour and code in the theme's own palette", async () => {
    const html = (c: BuiltPage) => readFileSync(join(DIST, c.path, "index.html"), "utf8");
    const chapter = chapters.find((c) => html(c).includes("katex-display") && html(c).includes("astro-code"));
    expect(chapter, "no chapter with both display math and a code block").toBeDefined();
    const { page } = await open(chapter!.path);
    const colours = () =>
      page.evaluate(() => ({
        text: getComputedStyle(document.querySelector(".prose p")!).color,
        math: getComputedStyle(document.querySelector(".prose .katex-display .katex")!).color,
        code: getComputedStyle(document.querySelector(".astro-code span[style*='--shiki-dark']")!).color,
        codeDark: getComputedStyle(document.querySelector(".astro-code span[style*='--shiki-dark']")!)
          .getPropertyValue("--shiki-dark")
          .trim(),
      }));
    await page.emulateMedia({ colorScheme: "light" });
    const light = await colours();
    expect(light.math).toBe(light.text);
    await page.emulateMedia({ colorScheme: "dark" });
    const dark = await colours();
    expect(dark.math).toBe(dark.text);
    expect(dark.text).not.toBe(light.text);
    expect(dark.code).not.toBe(light.code);
    // The dark palette's colour is the one shown: rgb() of its hex.
    const hex = dark.codeDark.replace("#", "");
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
    expect(dark.code).toBe(`rgb(${r}, ${g}, ${b})`);
    await page.close();
  });

  it("gives charts the page's background for their halos, in both themes (Plot's own default is white)", async () => {
    const html = (c: BuiltPage) => readFileSync(join(DIST, c.path, "index.html"), "utf8");
    const chapter = chapters.find((c) => /<svg[^>]* class="plot-/.test(html(c)));
    expect(chapter, "no chapter with a chart").toBeDefined();
    const { page } = await open(chapter!.path);
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      const { plot, page: bg } = await page.evaluate(() => {
        const probe = document.createElement("div"); // resolves the variable to a colour
        document.querySelector('svg[class^="plot-"]')!.parentElement!.append(probe);
        probe.style.color = getComputedStyle(document.querySelector('svg[class^="plot-"]')!).getPropertyValue(
          "--plot-background",
        );
        const colours = {
          plot: getComputedStyle(probe).color,
          page: getComputedStyle(document.body).backgroundColor,
        };
        probe.remove();
        return colours;
      });
      expect(plot, colorScheme).toBe(bg);
    }
    await page.close();
  });
});

describe("keyboard", () => {
  it("the skip link is the first stop and moves focus to the chapter", async () => {
    const { page } = await open(chapters[0]!.path);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
    await page.close();
  });

  it("every control on a chapter page is reachable with Tab and shows where focus is", async () => {
    const { page } = await open(chapters[0]!.path);
    const seen: string[] = [];
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press("Tab");
      const stop = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const ring =
          (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
        return {
          key: `${el.tagName} ${el.getAttribute("href") ?? ""} ${el.textContent?.trim().slice(0, 40)}`,
          ring,
        };
      });
      if (stop === null || seen.includes(stop.key)) break;
      seen.push(stop.key);
      expect(stop.ring, `no visible focus on ${stop.key}`).toBe(true);
    }
    for (const name of ["Search", "Dark mode"]) {
      const control = page.getByRole("button", { name, exact: true });
      const key = await control.evaluate((el) => `${el.tagName}  ${el.textContent?.trim().slice(0, 40)}`);
      expect(seen).toContain(key);
    }
    expect(seen.filter((k) => k.startsWith("A /chapters/")).length).toBeGreaterThanOrEqual(chapters.length);
    await page.close();
  });
});

describe("phone layout", () => {
  it("the chapters menu opens from its button, and Escape closes it and returns focus", async () => {
    const { page } = await open(chapters[0]!.path, { width: 390, height: 844 });
    const menu = page.getByRole("button", { name: "Chapters" });
    const sidebar = page.locator("#sidebar");
    expect(await sidebar.isVisible()).toBe(false);
    await menu.focus();
    await page.keyboard.press("Enter");
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    expect(await sidebar.isVisible()).toBe(true);
    expect(await page.locator("main").evaluate((m) => (m as HTMLElement).inert)).toBe(true);
    await page.keyboard.press("Escape");
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    expect(await sidebar.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-controls"))).toBe("sidebar");
    await page.close();
  });

  it("a chart wider than the phone keeps its size, scrolls sideways and says so; on a desktop none needs to", async () => {
    const html = (c: BuiltPage) => readFileSync(join(DIST, c.path, "index.html"), "utf8");
    const chapter = chapters.find((c) => /<svg[^>]* class="plot-/.test(html(c)))!;
    const wide = async (width: number) => {
      const { page } = await open(chapter.path, { width, height: 844 });
      await page.waitForFunction(() => document.querySelectorAll(".cell-plot").length > 0);
      await page.waitForTimeout(500); // the ResizeObserver's first reports
      const boxes = await page.locator(".cell-plot").evaluateAll((els) =>
        els.map((el) => ({
          scrolls: el.scrollWidth > el.clientWidth + 1,
          marked: el.hasAttribute("data-wide"),
          hint: getComputedStyle(el, "::before").content,
        })),
      );
      await page.close();
      return boxes;
    };
    const phone = await wide(390);
    expect(phone.some((b) => b.scrolls)).toBe(true);
    for (const box of phone) {
      expect(box.marked).toBe(box.scrolls);
      expect(box.hint).toBe(box.scrolls ? '"Scroll sideways for the rest of the chart →"' : "none");
    }
    expect((await wide(1280)).filter((b) => b.scrolls || b.marked)).toEqual([]);
  });
});

describe("print", () => {
  it("prints the chapter text and outputs without header, sidebar, table of contents or buttons", async () => {
    const { page } = await open(chapters[0]!.path);
    await page.emulateMedia({ media: "print" });
    const display = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => getComputedStyle(el).display);
    for (const hidden of [".site-header", "#sidebar", ".toc-column", ".reading-progress", ".chapter-nav"]) {
      expect(await display(hidden), hidden).toBe("none");
    }
    expect(await display("article")).not.toBe("none");
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      "rgb(255, 255, 255)",
    );
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    await page.close();
  });
});

describe("content security policy", () => {
  it("every page carries a policy that allows only the site's own scripts, styles, workers and data", async () => {
    for (const p of pages) {
      const { page } = await open(p.path);
      const policy =
        (await page.locator('meta[http-equiv="content-security-policy"]').getAttribute("content")) ?? "";
      const directives = new Map(
        policy
          .split(";")
          .map((d) => d.trim().split(/\s+/))
          .filter((d) => d[0])
          .map(([name, ...values]) => [name!, values]),
      );
      expect(directives.get("default-src")).toEqual(["'self'"]);
      expect(directives.get("object-src")).toEqual(["'none'"]);
      // blob: for the notebook's worker, started from one so that this policy holds in it, and its cells.
      expect(directives.get("worker-src")).toEqual(["'self'", "blob:"]);
      expect(directives.get("connect-src")).toEqual(["'self'"]);
      for (const [name, extra] of [
        ["script-src", ["blob:"]],
        ["style-src-elem", []],
      ] as const) {
        const values = directives.get(name) ?? [];
        expect(values).toContain("'self'");
        const other = values.filter((v) => !/^'(self|wasm-unsafe-eval|sha256-[A-Za-z0-9+/=]+)'$/.test(v));
        expect(other).toEqual(extra);
      }
      await page.close();
    }
  });

  it("an injected inline script does not run", async () => {
    const { page } = await open(chapters[0]!.path);
    const blocked = await page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          document.addEventListener("securitypolicyviolation", () => resolve(true), { once: true });
          const script = document.createElement("script");
          script.textContent = "window.injected = true";
          document.body.append(script);
          setTimeout(() => resolve(false), 1000);
        }),
    );
    expect(blocked).toBe(true);
    expect(await page.evaluate(() => "injected" in window)).toBe(false);
    await page.close();
  });
});
