// "The same numbers in Node and in the browser for the same seed": the library's results in Chromium, hashed bit
// for bit (same-numbers-fingerprint.ts, bundled by esbuild into a blank page), equal those in Node, with the
// WebAssembly loops and with the TypeScript ones; and a chapter's cells, run in the page, print what the build
// printed in Node. Engines may round Math.exp, Math.log, Math.sin… as they like; the library computes them
// itself (src/mlp/elementary.ts), so this holds.
import { build } from "esbuild";
import { afterAll, describe, expect, inject, it } from "vitest";
import type { Locator } from "playwright-core";
import { kernelsInUse, useKernels } from "../../src/mlp/index.ts";
import { button, expectClean, openNotebook, output, status, suiteBrowser, watchedPage } from "./browser.ts";
import { fingerprint } from "./same-numbers-fingerprint.ts";

const browser = suiteBrowser("artifacts/same-numbers");
const initial = kernelsInUse();
afterAll(() => useKernels(initial));

/** The fingerprint module as one script that sets globalThis.sameNumbers. */
async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [new URL("./same-numbers-fingerprint.ts", import.meta.url).pathname],
    bundle: true,
    write: false,
    format: "iife",
    globalName: "sameNumbers",
    platform: "browser",
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

/** The parts whose hashes differ, each with both hashes: empty when every number is the same. */
function differences(page: Record<string, string>, node: Record<string, string>): string[] {
  const names = new Set([...Object.keys(page), ...Object.keys(node)]);
  return [...names]
    .filter((n) => page[n] !== node[n])
    .map((n) => `${n}: Chromium ${page[n]}, Node ${node[n]}`);
}

describe("the same numbers in Chromium as in Node, for the same seed", () => {
  for (const kernels of ["wasm", "typescript"] as const) {
    it(`initial weights, softmax, losses, training (sgd, momentum, adam) and synthetic datasets, bit for bit (${kernels} loops)`, async () => {
      const { page, errors, offsite } = await watchedPage(browser());
      await page.setContent("<!doctype html><title>same numbers</title>");
      await page.addScriptTag({ content: await bundle() });
      const inPage = await page.evaluate(async (k) => {
        const lib = (globalThis as unknown as { sameNumbers: { fingerprint: typeof fingerprint } })
          .sameNumbers;
        return lib.fingerprint(k);
      }, kernels);
      const inNode = await fingerprint(kernels);
      expect(Object.keys(inNode).length).toBeGreaterThan(10);
      expect(differences(inPage, inNode)).toEqual([]);
      expect(errors).toEqual([]);
      expect(offsite).toEqual([]);
      await page.close();
    });
  }

  /** Each output's text, without the CSS of its charts (a baked chart holds Plot's <style>; a live one does not). */
  const printed = (cell: Locator): Promise<string[]> =>
    output(cell)
      .locator("[data-output]")
      .evaluateAll((outputs) =>
        outputs.map((o) => {
          const copy = o.cloneNode(true) as Element;
          copy.querySelectorAll("style").forEach((style) => style.remove());
          return copy.textContent ?? "";
        }),
      );

  // Chapter 8 makes its data with mlp's cos and trains tanh networks with sgd, momentum and adam: every cell,
  // run in the page, prints what the build printed in Node, to the last digit.
  it("chapter 8's cells, run in Chromium, print the outputs the build recorded in Node", async () => {
    const watched = await openNotebook(browser(), `${inject("baseUrl")}/chapters/gradient-descent/`);
    const cells = watched.page.locator("[data-cell]");
    const differing: string[] = [];
    let ran = 0;
    for (let i = 0; i < (await cells.count()); i++) {
      const cell = cells.nth(i);
      if ((await button(cell, "Run").count()) === 0) continue; // an exercise, run by its Check
      const recorded = await printed(cell);
      await button(cell, "Run").click();
      await expect
        .poll(() => status(cell).innerText(), { timeout: 120_000, message: `cell ${i + 1}'s status` })
        .toMatch(/^Ran in \d/);
      const live = await printed(cell);
      if (JSON.stringify(live) !== JSON.stringify(recorded)) {
        differing.push(`cell ${i + 1}: recorded ${JSON.stringify(recorded)}, live ${JSON.stringify(live)}`);
      }
      ran++;
    }
    expect(ran).toBeGreaterThan(10);
    expect(differing).toEqual([]);
    expectClean(watched);
    await watched.page.close();
  });
});
