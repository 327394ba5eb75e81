// Knobs in Chromium: the static page carries each knob as a native, labelled control at its built value;
// moving one (keyboard or mouse) re-runs its cell and the cells below that read what it changes, and no cell
// above it; chapter 8's η redraws the loss curves within a second of the release; chapter 9's h and noise redraw
// the boundary; chapter 3's activation refits the curve; chapter 10's η retrains the subset network and never
// starts the full-MNIST cell (manual); a setting survives a reload and Reset puts the built value back. Screenshots at 1280 and 390 px,
// light and dark, go to artifacts/screenshots/.
import type { Locator, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { suiteBrowser, watchedPage } from "./browser.ts";

const BASE = inject("baseUrl");
const SHOTS = "artifacts/screenshots";
const DESCENT = `${BASE}/chapters/gradient-descent/`;
const SYNTHETIC = `${BASE}/chapters/synthetic/`;

const browser = suiteBrowser(SHOTS);

const cellNamed = (page: Page, name: string): Locator =>
  page.locator(`[data-cell][data-cell-name="${name}"]`);
const chartText = (cell: Locator): Promise<string> =>
  cell.locator("[data-cell-output] .cell-plot").first().innerHTML();

/** Resolves once no cell of the page is running or waiting. */
async function settled(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(() =>
          Array.from(document.querySelectorAll<HTMLElement>("[data-cell]"))
            .filter((c) => c.dataset.state === "running" || c.dataset.state === "queued")
            .map((c) => c.dataset.cellIndex),
        ),
      { timeout: 90_000, message: "cells still running or waiting" },
    )
    .toEqual([]);
}

/** From now on, records the index of every cell that starts to run (window.__ran). */
async function recordRuns(page: Page): Promise<void> {
  await page.evaluate(() => {
    const ran: string[] = [];
    (window as unknown as { __ran: string[] }).__ran = ran;
    for (const root of document.querySelectorAll<HTMLElement>("[data-cell]")) {
      new MutationObserver(() => {
        if (root.dataset.state === "running" && ran.at(-1) !== root.dataset.cellIndex)
          ran.push(root.dataset.cellIndex!);
      }).observe(root, { attributes: true, attributeFilter: ["data-state"] });
    }
  });
}

const ranSince = (page: Page): Promise<number[]> =>
  page.evaluate(() => (window as unknown as { __ran: string[] }).__ran.map(Number));

async function shoot(page: Page, cell: Locator, name: string): Promise<void> {
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await cell.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/knobs-${name}-${width}-${theme}.png` });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: "light" });
}

describe("knobs", () => {
  it("the static page (no JavaScript) carries each chapter's knobs as native, labelled controls at their built values", async () => {
    const context = await browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const expected: [string, string, string, string][] = [
      ["activations", "f (hidden layer)", "select", "tanh"],
      ["gradient-descent", "η", "range", "0.1"],
      ["gradient-descent", "B", "select", "8"],
      ["synthetic", "h (hidden units)", "range", "8"],
      ["synthetic", "noise", "range", "0.20"],
      ["mnist", "η", "range", "0.002"],
    ];
    for (const [slug, label, type, value] of expected) {
      await page.goto(`${BASE}/chapters/${slug}/`, { waitUntil: "networkidle" });
      const control = page.locator("[data-cell-knobs]").getByLabel(label, { exact: true });
      expect(await control.count(), `${slug}: ${label}`).toBe(1);
      const shown = await control.evaluate((e) =>
        e instanceof HTMLSelectElement
          ? ["select", e.selectedOptions[0]?.textContent ?? ""]
          : [(e as HTMLInputElement).type, e.parentElement?.querySelector("output")?.textContent ?? ""],
      );
      expect(shown, `${slug}: ${label}`).toEqual([type, value]);
    }
    await context.close();
  });

  it("chapter 8: η is a labelled slider; moving it redraws the loss curves within a second, and runs no cell above", async () => {
    const { page, errors, offsite } = await watchedPage(browser());
    await page.goto(DESCENT, { waitUntil: "networkidle" });
    const knobCell = cellNamed(page, "try-eta-b");
    const chartCell = cellNamed(page, "try-eta-b-chart");
    const eta = knobCell.getByRole("slider", { name: "η" });
    const B = knobCell.getByRole("combobox", { name: "B" });
    // The static page: native controls at the built values, and the chart drawn for them.
    expect(await eta.evaluate((e) => (e as HTMLInputElement).type)).toBe("range");
    expect(await knobCell.locator("output").innerText()).toBe("0.1");
    expect(await B.inputValue()).toBe("3"); // the 4th option, 8
    expect(await B.locator("option:checked").innerText()).toBe("8");
    expect(await chartText(chartCell)).toContain("η = 0.1, B = 8");
    const built = await chartText(chartCell);

    // Keyboard: one step right. The cells above run first (once), then the knob's cells.
    await eta.focus();
    await page.keyboard.press("ArrowRight");
    const first = await knobCell.locator("output").innerText();
    expect(Number(first)).toBeGreaterThan(0.1);
    await expect
      .poll(() => chartText(chartCell), { timeout: 90_000, message: "the chart after ArrowRight" })
      .toContain(`η = ${first}, B = 8`);
    expect(await chartText(chartCell)).not.toBe(built);
    await settled(page);

    // The mouse: a drag to the right, timed in the page from the release to the chart's redraw.
    await recordRuns(page);
    await page.evaluate(() => {
      const w = window as unknown as { __released: number; __redrawn: number };
      const slider = document.querySelector<HTMLInputElement>(
        '[data-cell-name="try-eta-b"] input[type=range]',
      )!;
      slider.addEventListener("change", () => (w.__released = performance.now()));
      const output = document.querySelector('[data-cell-name="try-eta-b-chart"] [data-cell-output]')!;
      new MutationObserver(() => (w.__redrawn = performance.now())).observe(output, {
        childList: true,
        subtree: true,
      });
    });
    await knobCell.scrollIntoViewIfNeeded();
    const box = (await eta.boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.6, y);
    await page.mouse.down();
    for (const f of [0.65, 0.7, 0.75, 0.8]) await page.mouse.move(box.x + box.width * f, y, { steps: 3 });
    await page.mouse.up();
    const dragged = await knobCell.locator("output").innerText();
    expect(Number(dragged)).toBeGreaterThan(Number(first));
    await expect
      .poll(() => chartText(chartCell), { timeout: 10_000, message: "the chart after the drag" })
      .toContain(`η = ${dragged}, B = 8`);
    await settled(page);
    const { released, redrawn } = await page.evaluate(() => {
      const w = window as unknown as { __released: number; __redrawn: number };
      return { released: w.__released, redrawn: w.__redrawn };
    });
    const ms = redrawn - released;
    console.log(`chapter 8: release → loss curves redrawn in ${ms.toFixed(0)} ms`);
    expect(ms, `release → redraw took ${ms.toFixed(0)} ms`).toBeLessThan(1000);
    const knobIndex = Number(await knobCell.getAttribute("data-cell-index"));
    const chartIndex = Number(await chartCell.getAttribute("data-cell-index"));
    const ran = await ranSince(page);
    expect(ran, `cells that ran: ${ran.join(", ")}`).toEqual([knobIndex, knobIndex + 1, chartIndex]);

    // B from the keyboard-operable list; the curves follow.
    await B.selectOption({ label: "64" });
    await expect
      .poll(() => chartText(chartCell), { timeout: 10_000, message: "the chart after B = 64" })
      .toContain(`η = ${dragged}, B = 64`);
    await settled(page);
    await shoot(page, knobCell, "descent");

    // A reload keeps the settings; the cells run again to match once the knob is in view.
    await page.reload({ waitUntil: "networkidle" });
    expect(await knobCell.locator("output").innerText()).toBe(dragged);
    expect(await B.locator("option:checked").innerText()).toBe("64");
    await knobCell.scrollIntoViewIfNeeded();
    await expect
      .poll(() => chartText(chartCell), { timeout: 90_000, message: "the chart after the reload" })
      .toContain(`η = ${dragged}, B = 64`);
    await settled(page);

    // Reset: the built values, the built chart's run, and nothing kept.
    await knobCell.getByRole("button", { name: "Reset", exact: true }).click();
    expect(await knobCell.locator("output").innerText()).toBe("0.1");
    expect(await B.locator("option:checked").innerText()).toBe("8");
    await expect
      .poll(() => chartText(chartCell), { timeout: 10_000, message: "the chart after Reset" })
      .toContain("η = 0.1, B = 8");
    const kept = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith("mlp-notebook:knob:")),
    );
    expect(kept).toEqual([]);
    await settled(page);
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
  });

  it("chapter 9: the hidden-units knob redraws the decision boundary", async () => {
    const { page, errors } = await watchedPage(browser());
    await page.goto(SYNTHETIC, { waitUntil: "networkidle" });
    const knobCell = cellNamed(page, "try-h-noise");
    const boundary = cellNamed(page, "try-h-noise-boundary");
    const h = knobCell.getByRole("slider", { name: "h (hidden units)" });
    expect(await knobCell.getByRole("slider", { name: "noise" }).inputValue()).toBe("0.2");
    expect(await h.inputValue()).toBe("8");
    const built = await chartText(boundary);
    expect(built).toContain("h = 8, noise 0.2");
    await h.focus();
    await page.keyboard.press("Home"); // h = 1: a straight boundary
    await expect
      .poll(() => chartText(boundary), { timeout: 90_000, message: "the boundary after h = 1" })
      .toContain("h = 1, noise 0.2");
    expect(await chartText(boundary)).not.toBe(built);
    await settled(page);
    // The noise: one step up from the keyboard; only the knob's cell and the boundary's run.
    await recordRuns(page);
    await knobCell.getByRole("slider", { name: "noise" }).focus();
    await page.keyboard.press("ArrowRight");
    await expect
      .poll(() => chartText(boundary), { timeout: 30_000, message: "the boundary after noise 0.25" })
      .toContain("h = 1, noise 0.25");
    await settled(page);
    const knobIndex = Number(await knobCell.getAttribute("data-cell-index"));
    const ran = await ranSince(page);
    expect(ran, `cells that ran: ${ran.join(", ")}`).toEqual([knobIndex, knobIndex + 1]);
    await shoot(page, knobCell, "synthetic");
    expect(errors).toEqual([]);
  });

  it("chapter 3: the activation knob refits the curve; with identity the fit is a line", async () => {
    const { page, errors } = await watchedPage(browser());
    await page.goto(`${BASE}/chapters/activations/`, { waitUntil: "networkidle" });
    const knobCell = cellNamed(page, "try-f");
    const fit = cellNamed(page, "try-f-fit");
    expect(await chartText(fit)).toContain("Hidden layer f = tanh");
    const f = knobCell.getByRole("combobox", { name: "f (hidden layer)" });
    await f.selectOption({ label: "identity" });
    await expect
      .poll(() => fit.locator("[data-cell-output]").innerText(), {
        timeout: 90_000,
        message: "the fit's text",
      })
      .toContain("f = identity: loss after 500 steps");
    expect(await chartText(fit)).toContain("Hidden layer f = identity");
    await settled(page);
    await recordRuns(page);
    await f.focus();
    await page.keyboard.press("ArrowDown"); // the next option, sigmoid, from the keyboard
    await expect
      .poll(() => chartText(fit), { timeout: 30_000, message: "the fit after ArrowDown" })
      .toContain("Hidden layer f = sigmoid");
    await settled(page);
    const knobIndex = Number(await knobCell.getAttribute("data-cell-index"));
    const ran = await ranSince(page);
    expect(ran, `cells that ran: ${ran.join(", ")}`).toEqual([knobIndex, knobIndex + 1]);
    expect(errors).toEqual([]);
  });

  it("chapter 10: η retrains the subset network; the cells that read it follow, the full-MNIST cell does not run", async () => {
    const { page, errors } = await watchedPage(browser());
    await page.goto(`${BASE}/chapters/mnist/`, { waitUntil: "networkidle" });
    const knobCell = cellNamed(page, "subset-eta");
    const full = cellNamed(page, "mnist-full");
    const accuracyCell = page.locator("[data-cell]", { hasText: "const testAccuracy = accuracy(" });
    const before = await accuracyCell.locator("[data-cell-output]").innerText();
    await recordRuns(page);
    await knobCell.getByRole("slider", { name: "η" }).focus();
    await page.keyboard.press("End"); // η = 0.02
    expect(await knobCell.locator("output").innerText()).toBe("0.02");
    await expect
      .poll(() => accuracyCell.locator("[data-cell-output]").innerText(), {
        timeout: 120_000,
        message: "the test accuracy after η = 0.02",
      })
      .not.toBe(before);
    await settled(page);
    const ran = await ranSince(page);
    const knobIndex = Number(await knobCell.getAttribute("data-cell-index"));
    const fullIndex = Number(await full.getAttribute("data-cell-index"));
    const accuracyIndex = Number(await accuracyCell.getAttribute("data-cell-index"));
    expect(ran, `cells that ran: ${ran.join(", ")}`).toContain(knobIndex);
    expect(ran).toContain(accuracyIndex);
    expect(ran).not.toContain(fullIndex);
    expect(errors).toEqual([]);
  });
});
