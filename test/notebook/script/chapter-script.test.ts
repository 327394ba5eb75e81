// "Download this chapter as TypeScript": every chapter's script type-checks as the reader gets it (saved at
// the root of a clone), and two of them run with the project's Node, printing what the notebook prints.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import type { Output } from "../../../src/notebook/protocol.ts";
import { extractCells } from "../../../src/notebook/remark-cells.ts";
import { runCells } from "../../../src/notebook/node-runner.ts";
import { contentScripts } from "../../../src/notebook/script/content-scripts.ts";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const ids = readdirSync(join(ROOT, "content"))
  .filter((f) => f.endsWith(".mdx"))
  .map((f) => f.replace(/\.mdx$/, ""))
  .sort();
const chapters = ids.map((id) => ({ id, title: `Chapter ${id}` }));
// Not under node_modules: Node strips types only outside it. .cache/ is ignored by git, eslint and tsc.
const RUN_DIR = join(ROOT, ".cache", "chapter-scripts-test");
afterAll(() => rmSync(RUN_DIR, { recursive: true, force: true }));

/** Type errors of the scripts placed at the repository's root, under the project's settings. */
function typeErrors(scripts: Map<string, string>): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  )!;
  // A notebook's top-level names are there to be read by a later cell or by the reader: unused is fine.
  const options = { ...config.options, noEmit: true, noUnusedLocals: false };
  const files = new Map([...scripts].map(([id, text]) => [join(ROOT, `${id}.ts`), text]));
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => files.has(f) || fileExists.call(host, f);
  host.readFile = (f) => files.get(f) ?? readFile.call(host, f);
  host.getSourceFile = (f, language, ...rest) => {
    const text = files.get(f);
    return text === undefined
      ? getSourceFile.call(host, f, language, ...rest)
      : ts.createSourceFile(f, text, language, true);
  };
  const program = ts.createProgram({ rootNames: [...files.keys()], options, host });
  return [...files.keys()].flatMap((f) =>
    ts.getPreEmitDiagnostics(program, program.getSourceFile(f)).map((d) => {
      const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${f}:${line + 1}:${character + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
    }),
  );
}

describe("chapter scripts", () => {
  it("every chapter's script type-checks where the reader saves it, with the project's strict settings", () => {
    const scripts = contentScripts(chapters);
    expect([...scripts.keys()]).toEqual(ids);
    for (const [id, text] of scripts) {
      expect(text).toContain(`//   npx node ${id}.ts`);
      expect(text).toMatch(/from "\.\/src\/mlp\/index\.ts";/);
    }
    expect(typeErrors(scripts)).toEqual([]);
  });

  it("a name a later cell declares again is renamed from that cell on (01-data: cell 4's X is X_4)", () => {
    const text = contentScripts(chapters).get("01-data")!;
    expect(text).toContain("// This cell declares X, y, m, n again; from here on X_4, y_4, m_4, n_4.");
    expect(text).toMatch(/const X_4 = data\.X;/);
  });

  it.each(["02-weighted-sum", "04-losses"])(
    "%s runs with `node` and prints what its cells print in the notebook, charts as SVG files",
    async (id) => {
      const script = contentScripts([{ id, title: id }], "../../../").get(id)!;
      const dir = join(RUN_DIR, id);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${id}.ts`), script);
      const run = spawnSync(process.execPath, [`${id}.ts`], { cwd: dir, encoding: "utf8" });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);

      const cells = extractCells(readFileSync(join(ROOT, "content", `${id}.mdx`), "utf8"));
      const runs = await runCells(
        cells.map((c) => c.code),
        { chapter: id, skip: (i) => cells[i]!.options.includes("norun") },
      );
      const outputs: Output[] = runs.flatMap((r) => r?.outputs ?? []);
      const printed = outputs.flatMap((o) => (o.kind === "stream" ? o.text.split("\n").filter(Boolean) : []));
      expect(printed.length).toBeGreaterThan(3);
      for (const line of printed) expect(run.stdout).toContain(line);

      const charts = outputs.filter(
        (o) =>
          (o.kind === "value" || o.kind === "display") && (o.view.type === "svg" || o.view.type === "html"),
      );
      const files = readdirSync(dir).filter((f) => /\.(svg|html)$/.test(f));
      expect(files.length).toBe(charts.length);
      for (const f of files) expect(readFileSync(join(dir, f), "utf8")).toMatch(/^<(svg|figure)/);
    },
  );
});
