// Exercises in Chromium: every chapter's exercise carries Check, Hint and Show solution; in chapter 3 a wrong
// derivative is told the wrong value and the right one, the hints come one at a time, the solution is folded
// until asked and passes, and a solved exercise stays marked after a reload. Screenshots at 1280 and 390 px,
// light and dark, go to artifacts/screenshots/.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { suiteBrowser, watchedPage } from "./browser.ts";

const BASE = inject("baseUrl");
const SHOTS = "artifacts/screenshots";
const ACTIVATIONS = `${BASE}/chapters/activations/`;
const CHAPTERS = [
  "weighted-sum",
  "activations",
  "losses",
  "chain-rule",
  "backprop",
  "gradient-check",
  "gradient-descent",
  "synthetic",
];

const browser = suiteBrowser(SHOTS);

/** Saves `code` as the reader's edit of the exercise cell, as the editor does, and reloads the page. */
async function saveEdit(page: Page, code: string): Promise<void> {
  await page.locator("[data-cell][data-exercise]").evaluate((root, code) => {
    const el = root as HTMLElement;
    const key = `mlp-notebook:edit:${el.dataset.chapter}|${el.dataset.cellId}|${el.dataset.cellHash}`;
    localStorage.setItem(key, JSON.stringify({ code, savedAt: Date.now() }));
  }, code);
  await page.reload({ waitUntil: "networkidle" });
}

async function check(page: Page): Promise<string> {
  const exercise = page.locator("[data-cell][data-exercise]");
  await exercise.getByRole("button", { name: "Check", exact: true }).click();
  const result = exercise.locator("[data-exercise-result]");
  await expect.poll(() => result.innerText(), { timeout: 30_000 }).toMatch(/Solved|Not yet/);
  return result.innerText();
}

describe("exercises", () => {
  it("each of chapters 2 to 9 has an exercise with Check, Hint and Show solution; the checks are not on the page as text", async () => {
    const { page, errors } = await watchedPage(browser());
    for (const slug of CHAPTERS) {
      await page.goto(`${BASE}/chapters/${slug}/`, { waitUntil: "networkidle" });
      const exercises = page.locator("[data-cell][data-exercise]");
      expect(await exercises.count(), slug).toBeGreaterThan(0);
      const first = exercises.first();
      for (const name of ["Check", "Hint", "Show solution"]) {
        await expect
          .poll(() => first.getByRole("button", { name, exact: true }).isVisible(), { message: slug })
          .toBe(true);
      }
      expect(await first.locator("[data-exercise-solution]").isVisible()).toBe(false);
      expect(await first.locator("[data-exercise-hints] li:not([hidden])").count()).toBe(0);
      expect(await page.locator("main").innerText()).not.toContain("verify.");
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the static page (no JavaScript) carries the three buttons in the exercise", async () => {
    const context = await browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(ACTIVATIONS, { waitUntil: "networkidle" });
    const buttons = page.locator("[data-cell][data-exercise] [data-exercise-bar] button");
    expect(await buttons.allTextContents()).toEqual(
      ["Check", "Hint", "Show solution"].map((t) => expect.stringContaining(t)),
    );
    await context.close();
  });

  it("chapter 3: a wrong derivative is told the wrong value and the right one; hints one at a time; the solution passes and is remembered", async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(ACTIVATIONS, { waitUntil: "networkidle" });
    const exercise = page.locator("[data-cell][data-exercise]");
    const original = await exercise
      .locator("script[data-cell-source]")
      .evaluate((s) => (JSON.parse(s.textContent ?? "{}") as { code: string }).code);
    expect(original).toContain("// your code here");

    // the starter fails, case by case
    expect(await check(page)).toContain("sigmoidPrime(0) should be 0.25, got 0.5");

    // a wrong derivative: σ(1 + σ) instead of σ(1 − σ)
    await saveEdit(page, original.replace("  // your code here\n  return a;", "  return a * (1 + a);"));
    await expect
      .poll(() => exercise.locator(".cm-content").innerText(), { timeout: 30_000 })
      .toContain("a * (1 + a)");
    const wrong = await check(page);
    expect(wrong).toContain("sigmoidPrime(0) should be 0.25, got 0.75");
    expect(wrong).toMatch(/Not yet: 0 of 5 checks pass/);
    expect(await exercise.getByText("✓ Solved").isVisible()).toBe(false);

    // an error is placed in the reader's code
    await saveEdit(
      page,
      original.replace("  // your code here\n  return a;", "  throw new Error('not yet');"),
    );
    expect(await check(page)).toContain("Line 5, column 9 of your code: Error: not yet");

    // hints, one at a time
    const hint = exercise.getByRole("button", { name: "Hint", exact: true });
    const shown = exercise.locator("[data-exercise-hints] li:not([hidden])");
    await hint.click();
    expect(await shown.count()).toBe(1);
    await hint.click();
    expect(await shown.count()).toBe(2);
    expect(await exercise.getByRole("button", { name: "No more hints" }).isDisabled()).toBe(true);

    // the solution: folded until asked
    const show = exercise.getByRole("button", { name: "Show solution" });
    expect(await show.getAttribute("aria-expanded")).toBe("false");
    await show.click();
    const solution = exercise.locator("[data-exercise-solution]");
    expect(await solution.isVisible()).toBe(true);
    expect(await exercise.getByRole("button", { name: "Hide solution" }).getAttribute("aria-expanded")).toBe(
      "true",
    );
    const solutionCode = (await solution.locator("pre").innerText()).replace(/\n$/, "");
    await page.screenshot({ path: `${SHOTS}/exercise-hints-solution.png`, fullPage: false });

    await saveEdit(page, solutionCode);
    const passed = await check(page);
    expect(passed).toContain("Solved: all 5 checks pass.");
    expect(passed).toContain("✓ sigmoidPrime(0)");
    expect(await exercise.getByText("✓ Solved").isVisible()).toBe(true);

    // remembered: marked after a reload, and counted in the sidebar
    await page.reload({ waitUntil: "networkidle" });
    await expect.poll(() => exercise.getByText("✓ Solved").isVisible()).toBe(true);
    const count = page.locator('[data-chapter-solved="03-activations"]');
    await expect.poll(() => count.innerText()).toBe("1/1");
    expect(await count.getAttribute("aria-label")).toBe("1 of 1 exercises solved");
    expect(await page.locator('[data-chapter-solved="02-weighted-sum"]').innerText()).toBe("0/1");

    // Your work lists it; Export writes one JSON file
    await page.goto(`${BASE}/your-work/`, { waitUntil: "networkidle" });
    const list = page.locator("[data-work-list]");
    await expect.poll(() => list.innerText()).toContain("Exercises solved: 1 of 1 (sigmoid-prime)");
    expect(await list.innerText()).toMatch(/Edited cell \d+/);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("mlp-notebook-work.json");
    // downloads go with their context: keep a copy for the fresh one
    const file = join(mkdtempSync(join(tmpdir(), "work-")), download.suggestedFilename());
    await download.saveAs(file);
    await context.close();

    // Import in a fresh profile restores the solved mark, the count and the edit
    const fresh = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    const other = await fresh.newPage();
    await other.goto(`${BASE}/your-work/`, { waitUntil: "networkidle" });
    await expect.poll(() => other.locator("[data-work-list]").innerText()).toContain("Nothing yet");
    await other.locator("[data-work-import]").setInputFiles(file);
    await expect.poll(() => other.locator("[data-work-status]").innerText()).toMatch(/^Imported \d+ items/);
    await other.goto(ACTIVATIONS, { waitUntil: "networkidle" });
    const restored = other.locator("[data-cell][data-exercise]");
    await expect.poll(() => restored.getByText("✓ Solved").isVisible()).toBe(true);
    await expect.poll(() => other.locator('[data-chapter-solved="03-activations"]').innerText()).toBe("1/1");
    await expect
      .poll(() => restored.locator(".cm-content").innerText(), { timeout: 30_000 })
      .toContain("return a * (1 - a);");
    await fresh.close();
  });

  it("screenshots of chapter 3's exercise, checked, at 1280 and 390 px, light and dark", async () => {
    for (const scheme of ["light", "dark"] as const) {
      for (const viewport of [
        { width: 1280, height: 900 },
        { width: 390, height: 844 },
      ]) {
        const context = await browser().newContext({ viewport, colorScheme: scheme });
        const page = await context.newPage();
        await page.goto(ACTIVATIONS, { waitUntil: "networkidle" });
        const exercise = page.locator("[data-cell][data-exercise]");
        await check(page);
        await exercise.getByRole("button", { name: "Hint", exact: true }).click();
        await exercise.scrollIntoViewIfNeeded();
        await exercise.screenshot({ path: `${SHOTS}/exercise-${viewport.width}-${scheme}.png` });
        await context.close();
      }
    }
  });
});
