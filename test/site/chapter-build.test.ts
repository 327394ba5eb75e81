// A chapter with bad frontmatter stops the build with a message naming the chapter and the field. Runs
// Astro's content sync (the step of `astro build` that validates content) on a scratch copy of the project's
// content config, with one chapter written for each case.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(".");
let project: string;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), "chapter-build-"));
  mkdirSync(join(project, "src"));
  mkdirSync(join(project, "content"));
  cpSync(join(ROOT, "src/site"), join(project, "src/site"), { recursive: true });
  cpSync(join(ROOT, "src/content.config.ts"), join(project, "src/content.config.ts"));
  cpSync(join(ROOT, "package.json"), join(project, "package.json"));
  symlinkSync(join(ROOT, "node_modules"), join(project, "node_modules"), "dir");
  // Only what content sync needs. Astro's and Vite's caches stay in the scratch folder: the real ones live in
  // the shared node_modules, which this copy links to.
  writeFileSync(
    join(project, "astro.config.mjs"),
    `import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
export default defineConfig({ integrations: [mdx()], cacheDir: "./.astro-cache", vite: { cacheDir: "./.vite" } });
`,
  );
});

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
});

function sync(frontmatter: string): { status: number | null; output: string } {
  writeFileSync(join(project, "content/01-data.mdx"), `---\n${frontmatter}\n---\n\nSome text.\n`);
  const run = spawnSync(process.execPath, [join(ROOT, "node_modules/astro/bin/astro.mjs"), "sync"], {
    cwd: project,
    encoding: "utf8",
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", ASTRO_DISABLE_UPDATE_CHECK: "true", NO_COLOR: "1" },
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("content sync of the chapters collection", () => {
  it("accepts a chapter with valid frontmatter", () => {
    const { status, output } = sync("title: Data\norder: 1\nsummary: Rows are examples.\nminutes: 6");
    expect(output).not.toMatch(/InvalidContentEntry/);
    expect(status).toBe(0);
  });

  it("fails on a missing summary, a bad reading time and a misspelt field, naming each", () => {
    const { status, output } = sync("title: Data\norder: 1\nsumary: Rows are examples.\nminutes: 0");
    expect(status).not.toBe(0);
    expect(output).toContain("chapters → 01-data");
    expect(output).toContain(
      "summary: required: one sentence of at most 200 characters for the chapter list",
    );
    expect(output).toContain("minutes: must be the reading time in whole minutes, from 1 to 180");
    expect(output).toContain("sumary: unknown field");
  });
});
