// Types in the page (issue 12): on a built chapter, the TypeScript language service starts only when the
// reader opens a cell to edit it, in a worker of its own, and gives the editor the compiler's diagnostics
// (squiggles and text in [data-cell-diagnostics]), completion and hover. A cell with type errors still runs. Screenshots of
// the diagnostics and the hover, light and dark, go to artifacts/screenshots/.
import { gzipSync } from "node:zlib";
import { expect, inject, it } from "vitest";
import { openNotebook, replaceCode, suiteBrowser, type Watched } from "./browser.ts";

const CHAPTER = `${inject("baseUrl")}/chapters/losses/`;
const SHOTS = "artifacts/screenshots";
const browser = suiteBrowser(SHOTS);
/** What the checker loads: its worker, the compiler in it, and the files it checks against. */
const CHECKER = /checker-worker|typecheck\/files\.json|\/typecheck\.[\w-]+\.js/;

async function open(
  colorScheme: "light" | "dark" = "light",
  width = 1280,
): Promise<Watched & { urls: string[] }> {
  const urls: string[] = [];
  const watched = await openNotebook(browser(), CHAPTER, {
    viewport: { width, height: 900 },
    before: async (page) => {
      page.on("request", (request) => urls.push(request.url()));
      await page.emulateMedia({ colorScheme });
    },
  });
  return { ...watched, urls };
}

it("the checker loads when the reader opens a cell to edit it, never on page load, and shows the compiler's message in the cell", async () => {
  const { page, urls, offsite, errors } = await open();
  await page.waitForLoadState("networkidle");
  expect(urls.filter((u) => CHECKER.test(u))).toEqual([]);

  const cell = page.locator("[data-cell]").nth(1);
  await cell.locator("[data-cell-code] pre").click(); // the reader opens the cell to edit it
  await cell.locator(".cm-content").waitFor();
  await expect
    .poll(() => urls.filter((u) => CHECKER.test(u)).length, {
      message: "opening the editor requested nothing of the checker",
    })
    .toBeGreaterThan(0);

  await replaceCode(cell, 'const n: number = "seven";');
  const diagnostics = cell.locator("[data-cell-diagnostics]");
  await expect.poll(() => diagnostics.innerText(), { timeout: 60_000 }).toContain("not assignable");
  expect(await diagnostics.getAttribute("aria-live")).toBe("polite");
  expect(await diagnostics.innerText()).toBe(
    "Type error at line 1, column 7: Type 'string' is not assignable to type 'number'. (TS2322)",
  );
  expect(await cell.locator(".cm-lintRange-error").count()).toBe(1);

  // Fixed, the message goes away.
  await replaceCode(cell, "const n: number = 7;");
  await expect.poll(() => diagnostics.innerText(), { timeout: 30_000 }).toBe("");

  // The edit is restored on a reload, in an editor the reader has not opened: the checker stays unloaded.
  urls.length = 0;
  await page.reload({ waitUntil: "networkidle" });
  await expect.poll(() => cell.locator(".cm-content").innerText()).toBe("const n: number = 7;");
  await page.waitForLoadState("networkidle");
  expect(urls.filter((u) => CHECKER.test(u))).toEqual([]);
  // Back in that editor, the reader is about to type again: the checker starts.
  await cell.locator(".cm-content").click();
  await expect
    .poll(() => urls.filter((u) => CHECKER.test(u)).length, {
      message: "focusing the restored editor requested nothing of the checker",
    })
    .toBeGreaterThan(0);
  expect(offsite).toEqual([]);
  expect(errors).toEqual([]);
});

it("a cell with a type error still runs, and its diagnostics stay beside its output", async () => {
  const { page, errors } = await open();
  const cell = page.locator("[data-cell]").nth(1);
  await replaceCode(cell, 'const n: number = "seven";\nn');
  await expect
    .poll(() => cell.locator("[data-cell-diagnostics]").innerText(), { timeout: 60_000 })
    .toContain("not assignable");
  await cell.getByRole("button", { name: "Run", exact: true }).click();
  await expect
    .poll(() => cell.locator("[data-cell-output]").innerText(), { timeout: 60_000 })
    .toContain("seven");
  expect(await cell.locator("[data-cell-diagnostics]").innerText()).toContain("not assignable");
  expect(errors).toEqual([]);
});

it("completion offers the options of new MLP({ … }) and hover shows train's signature and doc", async () => {
  for (const colorScheme of ["light", "dark"] as const) {
    const { page, errors } = await open(colorScheme);
    // The checker's code is held back until the typing is done, as on a slow connection: every keystroke
    // comes before the checker can answer, and the list must still open, with no keystroke more.
    let typed!: () => void;
    const done = new Promise<void>((resolve) => (typed = resolve));
    await page.route(CHECKER, async (route) => {
      await done;
      await route.continue();
    });
    const cell = page.locator("[data-cell]").nth(1);
    await replaceCode(cell, 'import { MLP, train } from "mlp";\ntrain;\nnew MLP({ si');
    typed();
    const sizes = cell.getByRole("option", { name: /^sizes/ });
    await sizes.waitFor({ timeout: 60_000 }).catch(async (error: unknown) => {
      const code = await cell.locator(".cm-content").innerText();
      const options = await cell.getByRole("option").allInnerTexts();
      throw new Error(
        `no "sizes" option after typing ${JSON.stringify(code)}; options: ${options.join(", ")}`,
        {
          cause: error,
        },
      );
    });
    expect(await cell.getByRole("listbox").count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/typecheck-completion-1280-${colorScheme}.png` });
    await page.keyboard.press("Escape");

    const line = cell.locator(".cm-line").nth(1); // "train;"
    const box = (await line.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + box.height / 2);
    const tooltip = cell.locator(".cm-tooltip-hover");
    await expect
      .poll(() => tooltip.innerText().catch(() => ""), { timeout: 30_000 })
      .toMatch(/function train\(net: MLP, X: .*\): Promise<History>/s);
    expect(await tooltip.innerText()).toContain("Returns the history");
    await page.screenshot({ path: `${SHOTS}/typecheck-hover-1280-${colorScheme}.png` });

    // From the keyboard: Ctrl+I shows the same for the name at the caret, Escape hides it.
    await page.mouse.move(0, 0);
    await line.click({ position: { x: 12, y: box.height / 2 } });
    await page.keyboard.press("Control+i");
    // A tooltip of its own (not the pointer's .cm-tooltip-hover): its element is the info itself.
    const keyTip = cell.locator(".cm-tooltip.cm-type-info");
    await expect
      .poll(() => keyTip.innerText().catch(() => ""), { timeout: 30_000 })
      .toContain("function train(");
    await page.keyboard.press("Escape");
    await expect.poll(() => keyTip.count()).toBe(0);
    expect(errors).toEqual([]);
  }
});

it("what the first edit loads fits the budget of 1.5 MB gzip", async () => {
  const { page } = await open();
  const loaded: Promise<number>[] = [];
  page.on("response", (response) => {
    if (CHECKER.test(response.url()))
      loaded.push(response.body().then((b) => gzipSync(b, { level: 9 }).length));
  });
  const cell = page.locator("[data-cell]").nth(1);
  await replaceCode(cell, "const k: string = 1;");
  await expect
    .poll(() => cell.locator("[data-cell-diagnostics]").innerText(), { timeout: 60_000 })
    .toContain("not assignable");
  const bytes = (await Promise.all(loaded)).reduce((a, b) => a + b, 0);
  expect(bytes).toBeGreaterThan(500_000); // the compiler is in there
  expect(bytes).toBeLessThan(1_500_000);
});

it("an edit re-checks the cells below it, which see its names with their types", async () => {
  const { page, errors } = await open();
  const [above, below] = [page.locator("[data-cell]").nth(1), page.locator("[data-cell]").nth(2)];
  await replaceCode(above, "const k = 1;");
  await replaceCode(below, "const s: string = k;");
  const diagnostics = below.locator("[data-cell-diagnostics]");
  await expect
    .poll(() => diagnostics.innerText(), { timeout: 60_000 })
    .toContain("Type 'number' is not assignable to type 'string'.");
  await replaceCode(above, 'const k = "one";');
  await expect.poll(() => diagnostics.innerText(), { timeout: 30_000 }).toBe("");
  expect(errors).toEqual([]);
});
