// What no other tutorial has, on the built chapters: equation ↔ code links, the reader's own CSV, a digit
// drawn on the pad and read by the network trained in the page, and the trained weights saved as a file and
// loaded back. The chapters are found by what their HTML holds, not by their names. Screenshots go to
// artifacts/features/.
import { readFileSync } from "node:fs";
import type { Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cellAfter, expectClean, openNotebook, suiteBrowser, type Watched } from "./browser.ts";
import { chapterWith } from "./site-pages.ts";

const SITE = `${inject("baseUrl")}/`;
const SHOTS = "artifacts/features";
/** Long enough for "Use this" to run every cell above it first (training on 5000 MNIST images included). */
const RUN_TIMEOUT = 240_000;
const TEST_TIMEOUT = 300_000;

const browser = suiteBrowser(SHOTS);

const open = (path: string): Promise<Watched> => openNotebook(browser(), SITE + path);

/** Waits until a cell has run (its status says "Ran in …") with output matching `pattern`. */
async function ranWith(cell: Locator, pattern: RegExp): Promise<string> {
  await expect
    .poll(
      async () =>
        `${await cell.locator("[data-cell-status]").textContent()}|${await cell.locator("[data-cell-output]").textContent()}`,
      {
        timeout: RUN_TIMEOUT,
        interval: 250,
      },
    )
    .toMatch(new RegExp(`^Ran in [^|]*\\|[\\s\\S]*${pattern.source}`));
  return (await cell.locator("[data-cell-output]").textContent()) ?? "";
}

async function shoot(el: Locator, name: string): Promise<void> {
  await el.scrollIntoViewIfNeeded();
  await el.screenshot({ path: `${SHOTS}/${name}.png` });
}

describe("equation ↔ code links", () => {
  it("focusing a symbol marks it and its name in the paired cell; hovering a name in the code marks the symbol", async () => {
    const watched = await open(chapterWith("data-eq-cell="));
    const { page } = watched;
    const equation = page.locator("[data-eq-cell]").first();
    const cellId = (await equation.getAttribute("data-eq-cell"))!;
    const cell = page.locator(`[data-cell-id="${cellId}"]`);
    const buttons = equation.locator('.eq-sym[role="button"]');
    const first = buttons.first();
    expect(await first.getAttribute("tabindex")).toBe("0");
    const name = (await first.getAttribute("data-eq-sym"))!;

    await first.focus();
    await expect.poll(() => first.evaluate((el) => el.classList.contains("eq-on"))).toBe(true);
    const inCode = cell.locator(`.eq-code[data-eq-code="${name}"]`);
    expect(await inCode.count()).toBeGreaterThan(0);
    expect(await cell.locator(".eq-code.eq-on").count()).toBe(await inCode.count());
    expect(await cell.locator(`.eq-code.eq-on:not([data-eq-code="${name}"])`).count()).toBe(0);
    // Not by colour alone: an outline and an underline.
    const style = await inCode.first().evaluate((el) => {
      const s = getComputedStyle(el);
      return { outline: s.outlineStyle, underline: s.textDecorationLine };
    });
    expect(style).toEqual({ outline: "solid", underline: "underline" });
    await shoot(equation, "eqlink-equation-focused");

    // The arrow key moves to the equation's next symbol (one Tab stop per equation).
    if ((await buttons.count()) > 1) {
      await page.keyboard.press("ArrowRight");
      const next = await page.evaluate(() => document.activeElement?.getAttribute("data-eq-sym"));
      expect(next).toBe(await buttons.nth(1).getAttribute("data-eq-sym"));
      expect(await buttons.nth(1).getAttribute("tabindex")).toBe("0");
      expect(await first.getAttribute("tabindex")).toBe("-1");
    }

    // Enter on a symbol takes the focus to where the cell computes it.
    await first.focus();
    await page.keyboard.press("Enter");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return { name: el?.dataset.eqCode, cell: el?.closest<HTMLElement>("[data-cell]")?.dataset.cellId };
    });
    expect(focused).toEqual({ name, cell: cellId });

    // The other way round: hovering the name in the code marks the symbol in the equation.
    await page.locator("body").focus();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await cell.scrollIntoViewIfNeeded(); // before hovering: scrolling under the pointer would move the hover
    await inCode.first().hover();
    await expect
      .poll(() => equation.locator(`.eq-sym.eq-on[data-eq-sym="${name}"]`).count())
      .toBeGreaterThan(0);
    await shoot(cell, "eqlink-code-hovered");
    expectClean(watched);
  });
});

describe("the reader's own CSV", () => {
  it(
    "a malformed line is reported by its number in the output of the cell after the widget",
    async () => {
      const watched = await open(chapterWith('data-name="csv"'));
      const widget = watched.page.locator('[data-cell-input][data-name="csv"]');
      await widget.locator("textarea").fill("x1,x2,label\n0.1,0.2,0\n0.5,0.4,1\n0.3,0.9\n0.8,0.7,1\n");
      await widget.getByRole("button", { name: "Use this" }).click();
      const cell = cellAfter(widget);
      await expect
        .poll(() => cell.locator("[data-cell-output] .cell-error").textContent(), {
          timeout: RUN_TIMEOUT,
          interval: 250,
        })
        .toContain("line 4: expected 3 values (x1, x2, label), found 2 — write each point as x1,x2,label");
      // The data's line is the only line named: not the position of the call in the cell's code as well.
      expect(await cell.locator("[data-cell-output] .cell-error").textContent()).toBe(
        "CsvError: line 4: expected 3 values (x1, x2, label), found 2 — write each point as x1,x2,label, e.g. 0.5,-1.2,0",
      );
      // The widget, often far above that error, says it, on its one status line, with a link to it.
      await expect
        .poll(() => widget.locator("[data-input-status]").textContent())
        .toBe(
          "The cell below failed: CsvError: line 4: expected 3 values (x1, x2, label), found 2 — write each point as x1,x2,label, e.g. 0.5,-1.2,0",
        );
      expect(await widget.getByRole("button", { name: "See the error" }).isVisible()).toBe(true);
      await shoot(cell.locator("[data-cell-output]"), "csv-error");
      expectClean(watched);
    },
    TEST_TIMEOUT,
  );
});

describe("a widget's first use", () => {
  it(
    "the cells above start when the reader starts to type, the cell below says how far they are, and Use this then runs only that cell",
    async () => {
      const watched = await open(chapterWith('data-name="csv"'));
      const { page } = watched;
      const widget = page.locator('[data-cell-input][data-name="csv"]');
      const cell = cellAfter(widget);
      const status = cell.locator("[data-cell-status]");
      // The outputs the cells above show now (baked at build from the same code), to see that they stay.
      await page.evaluate(() => {
        const shown = [...document.querySelectorAll("[data-cell-output]")].map((o) => o.firstElementChild);
        (window as unknown as { shown: (Element | null)[] }).shown = shown;
      });
      await widget.locator("textarea").click();
      await expect
        .poll(() => status.textContent(), { timeout: RUN_TIMEOUT, interval: 50 })
        .toMatch(/^Running the cells above first: \d+ of \d+…$/);
      const [, total] = /of (\d+)…/.exec((await status.textContent())!)!;
      expect(Number(total)).toBeGreaterThan(1);
      expect(await cell.getByRole("button", { name: "Stop" }).isEnabled()).toBe(true);
      // The widget, where the reader is, shows the same (the cell's status says it aloud).
      expect(await widget.locator("[data-input-status]").textContent()).toMatch(
        /^Running the cells above first: \d+ of \d+…$/,
      );
      await shoot(cell, "widget-preparing");

      // Done: every cell above ran while the reader was typing.
      await expect
        .poll(() => status.textContent(), { timeout: RUN_TIMEOUT, interval: 250 })
        .not.toMatch(/^Running the cells above/);
      const index = await cell.evaluate((el) => [...document.querySelectorAll("[data-cell]")].indexOf(el));
      const above = page.locator("[data-cell]");
      for (let j = 0; j < index; j++) {
        if ((await above.nth(j).getAttribute("data-norun")) !== null) continue;
        expect(await above.nth(j).locator("[data-cell-status]").textContent()).toMatch(/^Ran in /);
      }
      expect(await widget.locator("[data-input-status]").textContent()).toBe("");
      // They ran to fill the kernel's memory, and their outputs, the same, were not drawn again.
      const kept = await page.evaluate(
        (n) =>
          (window as unknown as { shown: (Element | null)[] }).shown
            .slice(0, n)
            .every((e) => e?.isConnected ?? true),
        index,
      );
      expect(kept).toBe(true);
      // Use this now runs the cell below alone: no cell above runs again.
      await page.evaluate(() => {
        const ran = new Set<string>();
        (window as unknown as { ran: Set<string> }).ran = ran;
        new MutationObserver((records) => {
          for (const r of records) {
            const el = r.target as HTMLElement;
            if (el.dataset.state === "running") ran.add(el.dataset.cellId ?? "");
          }
        }).observe(document.body, { subtree: true, attributeFilter: ["data-state"] });
      });
      await widget.getByRole("button", { name: "Use this" }).click();
      await ranWith(cell, /training accuracy/);
      const ran = await page.evaluate(() => [...(window as unknown as { ran: Set<string> }).ran]);
      expect(ran).toEqual([await cell.getAttribute("data-cell-id")]);
      expectClean(watched);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );
});

describe("the MNIST chapter: digit pad, saving and loading the weights", () => {
  let watched: Watched;

  beforeAll(async () => {
    watched = await open(chapterWith('data-name="digit"'));
  });

  afterAll(async () => {
    await watched?.page.context().close();
  });

  it(
    "a digit drawn with the mouse, then Use this, is read by the network trained in the page",
    async () => {
      const { page } = watched;
      const widget = page.locator('[data-cell-input][data-name="digit"]');
      const pad = widget.locator("canvas[data-digit-canvas]");
      await pad.scrollIntoViewIfNeeded();
      const box = (await pad.boundingBox())!;
      // A "1": one stroke from top to bottom, slightly slanted.
      await page.mouse.move(box.x + 0.55 * box.width, box.y + 0.15 * box.height);
      await page.mouse.down();
      await page.mouse.move(box.x + 0.47 * box.width, box.y + 0.85 * box.height, { steps: 20 });
      await page.mouse.up();
      // Drawing started the cells above: the one status line says how far they are, then the hint again.
      expect(await widget.locator("[data-input-status]").textContent()).toMatch(
        /^(Press “Use this” to read this digit\.|Running the cells above first: \d+ of \d+…)$/,
      );
      const cell = cellAfter(widget);
      const baked = await cell.locator("[data-cell-output]").innerHTML();
      await widget.getByRole("button", { name: "Use this" }).click();
      const text = await ranWith(cell, /the network reads a \d/);
      expect(await cell.locator("[data-cell-output]").innerHTML()).not.toBe(baked); // the drawing, not test image 0
      expect(text).toMatch(/the network reads a 1,/);
      await shoot(widget, "digit-pad");
      await shoot(cell.locator("[data-cell-output]"), "digit-read");
    },
    TEST_TIMEOUT,
  );

  it(
    "the export cell offers the weights as a file; loading it back gives the same network",
    async () => {
      const { page } = watched;
      const cell = page.locator("[data-cell]").filter({ hasText: "download(" }).first();
      // At build the file (over 32 kB) is not in the page: the output names it and says to run the cell.
      expect(await cell.locator("[data-output=download]").textContent()).toMatch(
        /\.json \([\d.]+ [kM]B\): run this cell to save it$/,
      );
      await cell.getByRole("button", { name: "Run", exact: true }).click();
      const link = cell.locator("[data-output=download] a[download]");
      await link.waitFor({ timeout: RUN_TIMEOUT });
      expect(await link.textContent()).toMatch(/^Save [\w-]+\.json \([\d.]+ [kM]B\)$/);
      const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
      const file = await download.path();
      const saved = JSON.parse(readFileSync(file, "utf8")) as { sizes: number[] };
      expect(saved.sizes[0]).toBe(784);
      expect(saved.sizes.at(-1)).toBe(10);
      await shoot(cell.locator("[data-cell-output]"), "download-link");

      const widget = page.locator('[data-cell-input][data-kind="json"]');
      await widget.locator("input[type=file]").setInputFiles(file);
      const next = cellAfter(widget);
      await ranWith(next, /the same \d+ answers as the one trained above: true/);
      expect(await widget.locator("[data-input-status]").textContent()).toBe(
        "The cell below says: the same 1000 answers as the one trained above: true",
      );
      expect(await widget.locator("textarea").inputValue()).toBe(readFileSync(file, "utf8"));

      // A file whose shapes do not fit is refused by MLP.fromJSON, in the cell's output.
      await widget.locator("textarea").fill(JSON.stringify({ ...saved, sizes: [784, 3, 10] }));
      await widget.getByRole("button", { name: "Use this" }).click();
      await expect
        .poll(() => next.locator("[data-cell-output] .cell-error").textContent(), {
          timeout: RUN_TIMEOUT,
          interval: 250,
        })
        .toContain(`W[0] is (784×${saved.sizes[1]}), sizes [784,3,10] need (784×3)`);
      expectClean(watched);
    },
    TEST_TIMEOUT,
  );
});
