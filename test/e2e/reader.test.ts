// What a reader sees of the notebook's feedback (issue 16), on the built chapters: Stop that keeps the work,
// results where the reader looks, one status per box, messages that say the right thing. The chapters are
// found by what their HTML holds. Screenshots, at 1280 and 390 px, go to artifacts/reader/.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import {
  button,
  cellAfter,
  DESKTOP,
  expectClean,
  openNotebook,
  originalCode,
  output,
  PHONE,
  replaceCode,
  status,
  suiteBrowser,
  type Watched,
} from "./browser.ts";
import { chapterWith } from "./site-pages.ts";

const SITE = `${inject("baseUrl")}/`;
const SHOTS = "artifacts/reader";
/** Long enough to run every cell above one first (training on 5000 MNIST images included). */
const RUN_TIMEOUT = 240_000;
const TEST_TIMEOUT = 300_000;

const browser = suiteBrowser(SHOTS);

/** Every built page (its path under the site, as in a link) with its HTML. */
function builtHtml(): { path: string; html: string }[] {
  const walk = (dir: string): string[] =>
    readdirSync(join("dist", dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name === "index.html" ? [dir] : [],
    );
  return walk("")
    .filter((dir) => !dir.startsWith("pagefind"))
    .map((dir) => ({
      path: dir === "" ? "" : `${dir}/`,
      html: readFileSync(join("dist", dir, "index.html"), "utf8"),
    }));
}

const open = (path: string, viewport = DESKTOP): Promise<Watched> =>
  openNotebook(browser(), SITE + path, { viewport });

/** The first cell whose code contains `text`. */
const cellWith = (page: Page, text: string) =>
  page
    .locator("[data-cell]")
    .filter({ has: page.locator("[data-cell-code]", { hasText: text }) })
    .first();

/** Records, in the page, the id of every cell that starts running from now on. */
async function watchRuns(page: Page): Promise<() => Promise<string[]>> {
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
  return () => page.evaluate(() => [...(window as unknown as { ran: Set<string> }).ran]);
}

/** A screenshot of `el` at the page's width, and the same state at the other width. */
async function shoot(page: Page, el: Locator, name: string): Promise<void> {
  const size = page.viewportSize()!;
  for (const [tag, viewport] of [
    ["", size],
    [size.width === PHONE.width ? "-1280" : "-390", size.width === PHONE.width ? DESKTOP : PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await el.scrollIntoViewIfNeeded();
    await el.screenshot({ path: `${SHOTS}/${name}${tag}.png` });
  }
  await page.setViewportSize(size);
}

describe("1. Stop keeps the work", () => {
  it(
    "chapter 10 with 60 epochs: Stop after a second keeps the network trained so far, and the test-accuracy cell measures it without training again",
    async () => {
      const watched = await open(chapterWith('data-name="digit"'));
      const { page } = watched;
      const training = cellWith(page, "progressBar(epochs * stepsPerEpoch");
      const code = await originalCode(training);
      expect(code).toContain("const epochs = 5;");
      await replaceCode(training, code.replace("const epochs = 5;", "const epochs = 60;"), "insert");
      await button(training, "Run").click();
      const progress = training.locator(".cell-progress-text");
      // Training is under way (the cells above ran first), then a second more of it.
      await expect
        .poll(() => progress.textContent(), { timeout: RUN_TIMEOUT, interval: 100 })
        .toMatch(/^steps ([2-9]\d|\d{3,})\/3000/);
      await page.waitForTimeout(1000);
      await button(training, "Stop").click();
      await expect
        .poll(() => status(training).textContent(), { timeout: 3000, interval: 50 })
        .toMatch(/^Stopped after [\d.]+ m?s; what it did so far is kept$/);
      const text = (await progress.textContent())!;
      const [, steps, at] = /^steps (\d+)\/3000 · stopped at step (\d+)$/.exec(text) ?? [];
      expect(at, text).toBe(steps);
      expect(Number(steps)).toBeLessThan(3000);
      // The worker was not ended: no cell above lost its results.
      for (const n of await page.locator("[data-cell] .cell-note").allTextContents()) {
        expect(n).not.toMatch(/Run again/);
      }
      await shoot(page, training.locator("[data-cell-toolbar]"), "stop-kept");
      await shoot(page, training.locator(".cell-progress"), "stop-kept-progress");

      const test = cellWith(page, "const testAccuracy = accuracy(");
      const ran = await watchRuns(page);
      await button(test, "Run").click();
      await expect.poll(() => status(test).textContent(), { timeout: RUN_TIMEOUT }).toMatch(/^Ran in /);
      expect(await ran()).toEqual([await test.getAttribute("data-cell-id")]);
      expect(await progress.textContent()).toBe(text); // training did not run again
      const [, pct] = /test accuracy: ([\d.]+)%/.exec((await output(test).textContent())!) ?? [];
      expect(Number(pct)).toBeGreaterThan(50); // trained, not the untrained network's 10%
      expectClean(watched);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );
});

/** The first cell after an element: the one a widget runs. */

/** Is `el` inside the viewport (at least its top part)? */
const inView = (el: Locator) =>
  el.evaluate((e) => {
    const r = e.getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight;
  });

describe("2. results where the reader looks", () => {
  it(
    "the digit pad says what the network read on its own status line, and a link scrolls to the whole output",
    async () => {
      const watched = await open(chapterWith('data-name="digit"'));
      const { page } = watched;
      const widget = page.locator('[data-cell-input][data-name="digit"]');
      await widget.locator("select[data-digit-sample]").selectOption("7");
      await widget.getByRole("button", { name: "Draw it" }).click();
      await widget.getByRole("button", { name: "Use this" }).click();
      const line = widget.locator("[data-input-status]");
      await expect
        .poll(() => line.textContent(), { timeout: RUN_TIMEOUT, interval: 250 })
        .toMatch(/^The cell below says: the network reads a \d, with probability [\d.]+%$/);
      const said = (await line.textContent())!.replace("The cell below says: ", "");
      const cell = cellAfter(widget);
      expect(await output(cell).textContent()).toContain(said);
      // Beside the box, which is far above the output; no cell number (the page shows none).
      const box = (await widget.boundingBox())!;
      const where = (await line.boundingBox())!;
      expect(where.y + where.height).toBeLessThanOrEqual(box.y + box.height);
      expect((await output(cell).boundingBox())!.y - box.y).toBeGreaterThan(box.height);
      expect(await widget.textContent()).not.toMatch(/cell \d/);
      await shoot(page, widget.locator(".cell-input-row").last(), "pad-result");
      const see = widget.getByRole("button", { name: "See the output" });
      await see.click();
      await expect.poll(() => inView(output(cell))).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-cell-output"))).toBe(true);
      expectClean(watched);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );

  it(
    "a CSV the cell refuses: the box says the error in one line, with a link to it, and names no cell number",
    async () => {
      const watched = await open(chapterWith('data-name="csv"'), PHONE);
      const { page } = watched;
      const widget = page.locator('[data-cell-input][data-name="csv"]');
      await widget.locator("textarea").fill("x1,x2,label\n0.1,0.2,0\n0.5,0.4,1\n0.3,0.9\n");
      await widget.getByRole("button", { name: "Use this" }).click();
      const line = widget.locator("[data-input-status]");
      await expect
        .poll(() => line.textContent(), { timeout: RUN_TIMEOUT, interval: 250 })
        .toMatch(/^The cell below failed: CsvError: line 4: expected 3 values/);
      expect(await widget.textContent()).not.toMatch(/cell \d/);
      await shoot(page, widget.locator(".cell-input-row").last(), "csv-failed");
      await widget.getByRole("button", { name: "See the error" }).click();
      await expect.poll(() => inView(cellAfter(widget).locator(".cell-error"))).toBe(true);
      expectClean(watched);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );
});

describe("3. one status per box", () => {
  it(
    "after a CSV that failed, the next one replaces the failure: one current line, no old 'failed'",
    async () => {
      const watched = await open(chapterWith('data-name="csv"'));
      const { page } = watched;
      const widget = page.locator('[data-cell-input][data-name="csv"]');
      const use = widget.getByRole("button", { name: "Use this" });
      const row = use.locator("xpath=..");
      await widget.locator("textarea").fill("x1,x2,label\n0.1,0.2,0\n0.5,0.4,1\n0.3,0.9\n");
      await use.click();
      await expect
        .poll(() => row.innerText(), { timeout: RUN_TIMEOUT, interval: 250 })
        .toMatch(/^Use this\nThe cell below failed: CsvError: line 4[^\n]*\nSee the error$/);
      await widget.locator("textarea").fill("x1,x2,label\n0.1,0.2,0\n0.5,0.4,1\n0.3,0.9,0\n0.9,0.8,1\n");
      await use.click();
      await expect
        .poll(() => row.innerText(), { timeout: RUN_TIMEOUT, interval: 250 })
        .toMatch(/^Use this\nThe cell below says: training accuracy [\d.]+%\nSee the output$/);
      expect(await widget.innerText()).not.toMatch(/fail/i);
      await shoot(page, row, "csv-one-status");
      expectClean(watched);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );
});

/** Records, in the page, every text the status line of `cell` shows from now on. */
async function watchStatus(cell: Locator): Promise<() => Promise<string[]>> {
  await status(cell).evaluate((el) => {
    const seen: string[] = [];
    (el as unknown as { seen: string[] }).seen = seen;
    new MutationObserver(() => {
      if (seen.at(-1) !== el.textContent) seen.push(el.textContent ?? "");
    }).observe(el, { childList: true, characterData: true, subtree: true });
  });
  return () => status(cell).evaluate((el) => (el as unknown as { seen: string[] }).seen);
}

describe("4. Run all above says what it does", () => {
  it(
    "on the clicked cell: how many cells above run and how far they are, then done, or which one failed",
    async () => {
      const watched = await open(chapterWith('data-name="digit"'));
      const { page } = watched;
      const cell = cellWith(page, "const testAccuracy = accuracy(");
      const index = await cell.evaluate((el) => [...document.querySelectorAll("[data-cell]")].indexOf(el));
      const above = await page
        .locator("[data-cell]")
        .evaluateAll(
          (cells, i) => cells.slice(0, i).filter((c) => !c.hasAttribute("data-norun")).length,
          index,
        );
      const seen = await watchStatus(cell);
      await button(cell, "Run all above").click();
      await expect
        .poll(() => status(cell).textContent(), { timeout: RUN_TIMEOUT, interval: 250 })
        .toMatch(new RegExp(`^Ran the ${above} cells above in [\\d.]+ m?s$`));
      const during = (await seen()).filter((t) => t.startsWith("Running"));
      expect(during[0]).toBe(`Running the ${above} cells above: 1 of ${above}…`);
      expect(during.at(-1)).toBe(`Running the ${above} cells above: ${above} of ${above}…`);
      await shoot(page, cell.locator("[data-cell-toolbar]"), "run-all-above-done");

      // One cell above fails: the clicked cell says which, by its place, and that the rest did not run.
      const first = page.locator("[data-cell]").first();
      await replaceCode(first, "throw new Error('not today')", "insert");
      await button(cell, "Run all above").click();
      await expect
        .poll(() => status(cell).textContent(), { timeout: RUN_TIMEOUT, interval: 250 })
        .toBe(`The 1st of the ${above} cells above failed (see its error); the rest did not run`);
      await shoot(page, cell.locator("[data-cell-toolbar]"), "run-all-above-failed");
      expectClean(watched);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );
});

describe("5. error positions", () => {
  it("a call of a method a Matrix does not have: the right line and column, and both marked in the editor", async () => {
    const watched = await open("playground/");
    const { page } = watched;
    const cell = page.locator("[data-cell]").nth(1);
    const code = [
      "const a = 1;",
      "const b = [a, 2];",
      "console.log(`b = ${b}`); // a template literal: sucrase's map is wrong after one",
      "console.log(X.gett(1, 0));",
    ];
    await replaceCode(cell, code.join("\n"), "insert");
    await button(cell, "Run").click();
    const error = output(cell).locator(".cell-error");
    await expect
      .poll(() => error.textContent(), { timeout: RUN_TIMEOUT })
      .toBe("TypeError: X.gett is not a function (in this cell at line 4, column 15)");
    expect(code[3]!.slice(14, 18)).toBe("gett"); // column 15, 1-based
    const lines = cell.locator(".cm-line");
    expect(await lines.nth(3).getAttribute("class")).toContain("cm-error-line");
    expect(await cell.locator(".cm-error-line").count()).toBe(1);
    expect(await cell.locator(".cm-error-mark").textContent()).toBe("gett");
    await shoot(page, cell, "error-marked");
    // An edit clears the mark: the code shown is no longer the code that failed.
    await lines.nth(3).click();
    await page.keyboard.press("End");
    await page.keyboard.type(" ");
    expect(await cell.locator(".cm-error-line").count()).toBe(0);
    expectClean(watched);
    await page.context().close();
  });

  it("a failing cell not opened in the editor has its line marked in the static code", async () => {
    const watched = await open("playground/");
    const { page } = watched;
    // Cell 1 now makes X and W that do not multiply; cell 2, as built, fails on its first line.
    const code = 'import { Matrix, matmul } from "mlp";\nconst X = Matrix.from([[1, 2]]);\nconst W = X;';
    await replaceCode(page.locator("[data-cell]").first(), code, "insert");
    const cell = page.locator("[data-cell]").nth(1);
    await button(cell, "Run").click();
    await expect.poll(() => status(cell).textContent(), { timeout: RUN_TIMEOUT }).toMatch(/^Failed/);
    expect(await output(cell).textContent()).toMatch(/\(in this cell at line 1, column \d+\)$/);
    const marked = cell.locator("[data-cell-code] .line.cell-error-line");
    expect(await marked.count()).toBe(1);
    expect(await marked.textContent()).toBe("const S = matmul(X, W);");
    await shoot(page, cell, "error-marked-static");
    expectClean(watched);
    await page.context().close();
  });
});

describe("8. the weights box names the entry that is wrong", () => {
  it(
    'a saved network with one weight changed to "abc": the message says which entry and what it holds',
    async () => {
      const { MLP } = await import("../../src/mlp/index.ts");
      const json = new MLP({ sizes: [784, 2, 10], seed: 1 }).toJSON() as unknown as {
        W: { data: unknown[] }[];
      };
      json.W[0]!.data[785] = "abc"; // row 392, column 1 of the (784×2) W_1
      const watched = await open(chapterWith('data-name="weights"'));
      const { page } = watched;
      const widget = page.locator('[data-cell-input][data-name="weights"]');
      await widget.locator("textarea").fill(JSON.stringify(json));
      await widget.getByRole("button", { name: "Use this" }).click();
      const said = 'MLP.fromJSON: W[0]: entry 785 (row 392, column 1) is "abc" (a string)';
      await expect
        .poll(() => cellAfter(widget).locator(".cell-error").textContent(), {
          timeout: RUN_TIMEOUT,
          interval: 250,
        })
        .toContain(`Error: ${said}`);
      expect(await widget.locator("[data-input-status]").textContent()).toContain(
        `The cell below failed: Error: ${said}`,
      );
      await shoot(page, widget.locator(".cell-input-row").last(), "weights-entry");
      expectClean(watched);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );
});

describe("9. the save cell offers its file whenever it has run", () => {
  it(
    "run as a catch-up for the cell below it, the save cell shows the Save link, not 'run this cell to save it'",
    async () => {
      const watched = await open(chapterWith('data-name="weights"'));
      const { page } = watched;
      const save = cellWith(page, "download(json");
      expect(await output(save).locator("[data-output=download]").textContent()).toMatch(
        /run this cell to save it$/,
      );
      const load = cellAfter(page.locator('[data-cell-input][data-name="weights"]'));
      await button(load, "Run").click();
      await expect
        .poll(() => status(load).textContent(), { timeout: RUN_TIMEOUT, interval: 250 })
        .toMatch(/^Ran in /);
      expect(await status(save).textContent()).toMatch(/^Ran in /);
      const link = output(save).locator("[data-output=download] a[download]");
      expect(await link.textContent()).toMatch(/^Save [\w-]+\.json \([\d.]+ [kM]B\)$/);
      expect(await output(save).textContent()).not.toContain("run this cell");
      await shoot(page, save.locator("[data-cell-toolbar]"), "save-after-catch-up");
      await shoot(page, output(save), "save-link-after-catch-up");
      expectClean(watched);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );
});

describe("6. the editor lets go", () => {
  it("a click into the code and out again: the static code is back, with its equation links and their colour", async () => {
    const watched = await open(chapterWith("data-eq-cell="));
    const { page } = watched;
    const equation = page.locator("[data-eq-cell]").first();
    const cell = page.locator(`[data-cell-id="${await equation.getAttribute("data-eq-cell")}"]`);
    const names = cell.locator(".eq-code");
    const linked = await names.count();
    expect(linked).toBeGreaterThan(0);
    await cell.locator("[data-cell-code] pre").click();
    await cell.locator(".cm-content").waitFor();
    expect(await names.count()).toBe(0); // the editor shows plain code while it has the focus
    await page.locator("h1").first().click();
    await expect.poll(() => cell.locator(".cm-content").count()).toBe(0);
    expect(await names.count()).toBe(linked);
    // The link works again: focusing a symbol marks its name in the code.
    const symbol = equation.locator('.eq-sym[role="button"]').first();
    await symbol.focus();
    const name = (await symbol.getAttribute("data-eq-sym"))!;
    await expect
      .poll(() => cell.locator(`.eq-code.eq-on[data-eq-code="${name}"]`).count())
      .toBeGreaterThan(0);
    await shoot(page, cell, "editor-let-go");
    // An edit keeps the editor open after the focus leaves: the reader's code is in it.
    await cell.locator("[data-cell-code] pre").click();
    await cell.locator(".cm-content").waitFor();
    await page.keyboard.type(" ");
    await page.locator("h1").first().click();
    await page.waitForTimeout(200);
    expect(await cell.locator(".cm-content").count()).toBe(1);
    expectClean(watched);
    await page.context().close();
  });
});

describe("10. a phone (390 px)", () => {
  it("a display equation wider than the column has the charts' scroll hint", async () => {
    const watched = await open(chapterWith("\\underbrace"), PHONE);
    const { page } = watched;
    const wide = page.locator(".katex-display").filter({ has: page.locator(".katex") });
    const index = await wide.evaluateAll((els) => els.findIndex((e) => e.scrollWidth > e.clientWidth + 1));
    expect(index).toBeGreaterThanOrEqual(0);
    const eq = wide.nth(index);
    expect(await eq.evaluate((e) => getComputedStyle(e).backgroundImage)).toMatch(/gradient/);
    await eq.scrollIntoViewIfNeeded();
    await eq.screenshot({ path: `${SHOTS}/wide-equation-390.png` });
    expectClean(watched);
    await page.context().close();
  });

  it("a cell's five buttons stay on one line, and a progress line never breaks inside its text", async () => {
    const watched = await open("playground/", PHONE);
    const { page } = watched;
    const cell = page.locator("[data-cell]").nth(2);
    const tops = await cell
      .locator("[data-cell-toolbar] button:visible")
      .evaluateAll((bs) => bs.map((b) => [b.textContent?.trim(), Math.round(b.getBoundingClientRect().top)]));
    expect(tops.map(([name]) => name)).toEqual(["Run", "Run all above", "Stop", "Reset", "Edit"]);
    expect(new Set(tops.map(([, top]) => top)).size).toBe(1);
    await button(cell, "Run").click();
    await expect.poll(() => status(cell).textContent(), { timeout: RUN_TIMEOUT }).toMatch(/^Ran in /);
    const text = cell.locator(".cell-progress-text");
    expect(await text.textContent()).toBe("epochs 150/150 · done");
    const lines = await text.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    expect(lines).toBe(1);
    await shoot(page, cell.locator("[data-cell-toolbar]"), "toolbar-phone");
    await shoot(page, cell.locator(".cell-progress"), "progress-phone");
    expectClean(watched);
    await page.context().close();
  });
});

/** The computed style of the status line's busy mark (its ::before). */
const busyMark = (cell: Locator) =>
  status(cell).evaluate((el) => {
    const s = getComputedStyle(el, "::before");
    return {
      content: s.content,
      style: s.borderRightStyle,
      right: s.borderRightColor,
      top: s.borderTopColor,
    };
  });

describe("11. the busy mark", () => {
  it("standing still (waiting, or reduced motion) it is a full dotted ring, not a 'c'; it sits before the text", async () => {
    const watched = await open("playground/", PHONE);
    const { page } = watched;
    await page.emulateMedia({ reducedMotion: "reduce" });
    const second = page.locator("[data-cell]").nth(1);
    await replaceCode(second, "await new Promise((resolve) => setTimeout(resolve, 4000));", "insert");
    await button(second, "Run").click();
    const third = page.locator("[data-cell]").nth(2);
    await expect.poll(() => status(second).textContent(), { timeout: RUN_TIMEOUT }).toBe("Running…");
    await button(third, "Run").click();
    await expect.poll(() => third.getAttribute("data-state")).toBe("queued");
    for (const cell of [second, third]) {
      const mark = await busyMark(cell);
      expect(mark.content).toBe('""');
      expect(mark.style).toBe("dotted");
      expect(mark.right).toBe(mark.top); // no gap in the ring
      expect(await status(cell).evaluate((el) => getComputedStyle(el).display)).toMatch(/flex$/);
    }
    await shoot(page, third.locator("[data-cell-toolbar]"), "busy-mark");
    await button(third, "Stop").click();
    expectClean(watched);
    await page.context().close();
  });
});

describe("12. small things", () => {
  it("'On this page' marks the section whose heading is a third of the way down the screen", async () => {
    const watched = await open(chapterWith('data-name="digit"'));
    const { page } = watched;
    const links = page.locator(".toc a[href^='#']");
    const target = links.nth(Math.floor((await links.count()) / 2));
    const id = decodeURIComponent((await target.getAttribute("href"))!.slice(1));
    // The heading's top at 35% of the screen: the reader reads its section, under the header and above.
    await page.evaluate((id) => {
      const h = document.getElementById(id)!;
      scrollTo({ top: scrollY + h.getBoundingClientRect().top - 0.35 * innerHeight, behavior: "instant" });
    }, id);
    const top = await page.evaluate(
      (id) => document.getElementById(id)!.getBoundingClientRect().top / innerHeight,
      id,
    );
    expect(top).toBeCloseTo(0.35, 1);
    await expect.poll(() => page.locator(".toc a[aria-current='true']").getAttribute("href")).toBe(`#${id}`);
    expectClean(watched);
    await page.context().close();
  });

  it("the 'Edited' badge is a label, not a button look-alike (no outline, no pill)", async () => {
    const watched = await open("playground/");
    const { page } = watched;
    const cell = page.locator("[data-cell]").nth(1);
    await replaceCode(cell, "1 + 1", "insert");
    const badge = cell.locator(".cell-badge");
    expect(await badge.textContent()).toBe("Edited");
    const look = await badge.evaluate((el) => {
      const s = getComputedStyle(el);
      return { border: s.borderTopStyle, padding: s.paddingLeft, radius: s.borderTopLeftRadius };
    });
    expect(look).toEqual({ border: "none", padding: "0px", radius: "0px" });
    await shoot(page, cell.locator("[data-cell-toolbar]"), "edited-badge");
    expectClean(watched);
    await page.context().close();
  });
});

describe("12. small things: the equation highlight", () => {
  it("a marked symbol's box stays inside its own box: it covers neither the parenthesis beside it nor the brace below", async () => {
    const watched = await open(chapterWith("\\underbrace"));
    const { page } = watched;
    // A symbol right after an opening parenthesis, in an equation linked to a cell: σ(S₁).
    const symbol = page.locator("[data-eq-cell] .mopen + .eq-sym[role='button']").first();
    await symbol.focus();
    await expect.poll(() => symbol.evaluate((e) => e.classList.contains("eq-on"))).toBe(true);
    const { gap } = await symbol.evaluate((e) => {
      const s = getComputedStyle(e);
      const out = s.outlineStyle === "none" ? 0 : parseFloat(s.outlineWidth) + parseFloat(s.outlineOffset);
      const paren = e.previousElementSibling!.getBoundingClientRect();
      return { gap: e.getBoundingClientRect().left - out - paren.right };
    });
    expect(gap).toBeGreaterThanOrEqual(-0.5);
    await shoot(
      page,
      symbol.locator("xpath=ancestor::*[contains(@class,'katex-display')][1]"),
      "eq-highlight",
    );
    expectClean(watched);
    await page.context().close();
  });
});

describe("7. search", () => {
  /** Types `query` in the search dialog and waits until its status line answers for it. */
  async function searchFor(page: Page, query: string): Promise<string> {
    await page.getByRole("searchbox").fill(query);
    await expect
      .poll(() => page.locator("[data-search-status]").textContent(), { timeout: 10_000 })
      .toContain(`“${query}”`);
    return (await page.locator("[data-search-status]").textContent())!;
  }

  it("a word no chapter has finds nothing; excerpts hold neither buttons nor braces drawn under maths", async () => {
    const watched = await open(chapterWith("data-eq-cell="));
    const { page } = watched;
    await page.getByRole("button", { name: "Search" }).click();
    // The "xavier" found "11 chapters" by their "x"; only the pages with the word may match.
    const withWord = builtHtml().filter((p) => /xavier/i.test(p.html));
    expect(await searchFor(page, "xavier")).toBe(
      withWord.length === 0
        ? "No results for “xavier”."
        : `${withWord.length} ${withWord.length === 1 ? "page matches" : "pages match"} “xavier”.`,
    );
    const found = await page
      .locator("[data-search-results] a")
      .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    for (const path of found) expect(withWord.map((p) => `/${p.path}`)).toContain(path);
    expect(await searchFor(page, "sofmax")).toBe("No results for “sofmax”.");
    expect(await page.locator("[data-search-results] li").count()).toBe(0);
    for (const query of ["softmax", "underbrace", "matrix", "weighted sum"]) {
      expect(await searchFor(page, query)).toMatch(/^(\d+ pages? match|No results)/);
      for (const text of await page.locator("[data-search-results] .result-excerpt").allTextContents()) {
        expect(text).not.toMatch(/Run all above|RunRun|StopReset|⏟/);
      }
    }
    expect(await searchFor(page, "softmax")).toMatch(/^\d+ pages? match “softmax”\.$/);
    await shoot(page, page.locator("[data-search-dialog]"), "search-softmax");
    await searchFor(page, "sofmax");
    await shoot(page, page.locator("[data-search-dialog]"), "search-none");
    expectClean(watched);
    await page.context().close();
  });
});
