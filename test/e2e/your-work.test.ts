// "Your work" in Chromium: Reset all (once confirmed) forgets every edit, knob setting and solved mark, and the
// chapters show the site's code, knobs and counts again; a solved exercise whose code the reader then changes
// loses its mark (and its count) until Check passes again.
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { suiteBrowser } from "./browser.ts";

const BASE = inject("baseUrl");
const ACTIVATIONS = `${BASE}/chapters/activations/`;
const DESCENT = `${BASE}/chapters/gradient-descent/`;
const WORK = `${BASE}/your-work/`;

const browser = suiteBrowser("artifacts/screenshots");

/** The keys of the reader's work in this browser. */
const workKeys = (page: Page): Promise<string[]> =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => /^mlp-notebook:(edit|knob|solved):/.test(k)));

/** Saves the exercise's solution as the reader's edit (as the editor would), reloads, and checks it. */
async function solve(page: Page): Promise<void> {
  const exercise = page.locator("[data-cell][data-exercise]");
  const solution = (await exercise.locator("[data-exercise-solution] pre").textContent())!.replace(/\n$/, "");
  await exercise.evaluate((root, code) => {
    const el = root as HTMLElement;
    const key = `mlp-notebook:edit:${el.dataset.chapter}|${el.dataset.cellId}|${el.dataset.cellHash}`;
    localStorage.setItem(key, JSON.stringify({ code, savedAt: Date.now() }));
  }, solution);
  await page.reload({ waitUntil: "networkidle" });
  await expect
    .poll(() => exercise.locator(".cm-content").innerText(), {
      timeout: 30_000,
      message: "the restored edit",
    })
    .toContain("a * (1 - a)");
  await exercise.getByRole("button", { name: "Check", exact: true }).click();
  await expect
    .poll(() => exercise.locator("[data-exercise-result]").innerText(), { timeout: 30_000, message: "Check" })
    .toContain("Solved: all 5 checks pass.");
}

describe("your work", () => {
  it("Reset all forgets every edit, knob setting and solved mark, once confirmed", async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(ACTIVATIONS, { waitUntil: "networkidle" });
    await solve(page);
    // A knob set in chapter 8, as the page saves it.
    await page.goto(DESCENT, { waitUntil: "networkidle" });
    const knobCell = page.locator('[data-cell][data-cell-name="try-eta-b"]');
    await knobCell.evaluate((root) => {
      const el = root as HTMLElement;
      const key = `mlp-notebook:knob:${el.dataset.chapter}|${el.dataset.cellId}|${el.dataset.cellHash}`;
      localStorage.setItem(key, JSON.stringify({ values: { 0: 0.5, 1: 6 }, savedAt: Date.now() }));
    });
    await page.reload({ waitUntil: "networkidle" });
    expect(await knobCell.locator("output").innerText()).toBe("0.5");
    expect(await knobCell.locator("select option:checked").innerText()).toBe("64");
    expect(await workKeys(page)).toHaveLength(3);

    await page.goto(WORK, { waitUntil: "networkidle" });
    const list = page.locator("[data-work-list]");
    await expect.poll(() => list.innerText(), { message: "the list" }).toContain("Exercises solved: 1 of 1");
    expect(await list.innerText()).toMatch(/Edited cell \d+/);
    expect(await list.innerText()).toMatch(/Knobs set in cell \d+/);

    // Dismissed: nothing is forgotten.
    page.once("dialog", (dialog) => void dialog.dismiss());
    await page.getByRole("button", { name: "Reset all" }).click();
    expect(await workKeys(page)).toHaveLength(3);

    let question = "";
    page.once("dialog", (dialog) => {
      question = dialog.message();
      void dialog.accept();
    });
    await page.getByRole("button", { name: "Reset all" }).click();
    await expect
      .poll(() => page.locator("[data-work-status]").innerText(), { message: "the status" })
      .toBe("Reset: 3 items forgotten; every cell shows the site's code and knobs again.");
    expect(question).toBe("Forget all 3 edits, knob settings and solved exercises in this browser?");
    expect(await list.innerText()).toContain("Nothing yet");
    expect(await workKeys(page)).toEqual([]);

    // The chapters: the site's code, the built knob values, no solved mark or count.
    await page.goto(ACTIVATIONS, { waitUntil: "networkidle" });
    const exercise = page.locator("[data-cell][data-exercise]");
    await expect.poll(() => page.locator('[data-chapter-solved="03-activations"]').innerText()).toBe("0/1");
    expect(await exercise.getByText("✓ Solved").isVisible()).toBe(false);
    expect(await exercise.locator("[data-cell-code]").innerText()).toContain("// your code here");
    expect(await exercise.getAttribute("data-edited")).toBeNull();
    await page.goto(DESCENT, { waitUntil: "networkidle" });
    expect(await knobCell.locator("output").innerText()).toBe("0.1");
    expect(await knobCell.locator("select option:checked").innerText()).toBe("8");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a solved exercise whose code the reader changes loses its mark and its count until Check passes again", async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(ACTIVATIONS, { waitUntil: "networkidle" });
    await solve(page);
    const exercise = page.locator("[data-cell][data-exercise]");
    const count = page.locator('[data-chapter-solved="03-activations"]');
    await expect.poll(() => count.innerText(), { message: "the count once solved" }).toBe("1/1");
    expect(await exercise.getByText("✓ Solved").isVisible()).toBe(true);

    await exercise.locator(".cm-content").click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("\n// tried something");
    await expect.poll(() => count.innerText(), { message: "the count after the change" }).toBe("0/1");
    expect(await exercise.getByText("✓ Solved").isVisible()).toBe(false);
    expect(await workKeys(page)).toEqual([expect.stringMatching(/^mlp-notebook:edit:/)]);

    // The changed code still passes: Check marks it again.
    await exercise.getByRole("button", { name: "Check", exact: true }).click();
    await expect
      .poll(() => count.innerText(), { timeout: 30_000, message: "the count after Check" })
      .toBe("1/1");
    expect(await exercise.getByText("✓ Solved").isVisible()).toBe(true);
    await context.close();
  });
});
