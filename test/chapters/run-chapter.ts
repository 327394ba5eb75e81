// A chapter's cells run as the build runs them (extractCells + runCells), in a kernel the test keeps, so that
// a chapter test can assert what the prose claims: the values the cells bound (read), what they printed (text)
// and the charts they drew (charts, compared with committed goldens by expectGolden).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { knobKey } from "../../src/notebook/knobs.ts";
import { createNodeKernel, runCells, type CellRun } from "../../src/notebook/node-runner.ts";
import type { Output } from "../../src/notebook/protocol.ts";
import { extractCells, type CellSpec } from "../../src/notebook/remark-cells.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const GOLDEN = join(import.meta.dirname, "golden");
const PROBE = "__chapterTestProbe";

export interface Chart {
  /** 1-based index of the cell that drew it. */
  cell: number;
  /** The chart's markup: a Plot <svg>, or a <figure> holding one. */
  markup: string;
}

export interface ChapterRun {
  cells: CellSpec[];
  runs: (CellRun | null)[];
  /** Milliseconds all cells took, added up. */
  ms: number;
  /** The 1-based index of the only cell whose code contains `fragment`. */
  cellWith(fragment: string): number;
  /** Everything cell `cell` (1-based) printed, stream text joined. */
  text(cell: number): string;
  /** Every chart the cells showed, in order. */
  charts: Chart[];
  /** The values the cells bound to `names`, read by one more cell run in the chapter's scope. */
  read(...names: string[]): Promise<Record<string, unknown>>;
  /** Runs cell `cell` (1-based) once more in the chapter's scope, as the page's Run does; its outputs. */
  runAgain(cell: number): Promise<Output[]>;
  /** Sets knob `n` (0-based) of cell `cell` (1-based) as a reader would (null: its own value again). */
  setKnob(cell: number, n: number, value: number | boolean | null): void;
}

/** Runs content/<slug>.mdx; throws the runner's CellFailure (chapter, cell, line) if a cell fails. */
export async function runChapter(slug: string): Promise<ChapterRun> {
  const chapter = `content/${slug}.mdx`;
  const cells = extractCells(readFileSync(join(ROOT, chapter), "utf8"), chapter);
  const kernel = createNodeKernel();
  const runs = await runCells(
    cells.map((c) => c.code),
    { chapter, kernel, skip: (i) => cells[i]!.options.includes("norun") },
  );
  const outputs = (cell: number): Output[] => runs[cell - 1]?.outputs ?? [];
  const charts: Chart[] = [];
  runs.forEach((run, i) => {
    for (const o of run?.outputs ?? []) {
      if (o.kind !== "value" && o.kind !== "display") continue;
      if (o.view.type === "svg") charts.push({ cell: i + 1, markup: o.view.svg });
      if (o.view.type === "html") charts.push({ cell: i + 1, markup: o.view.html });
    }
  });
  return {
    cells,
    runs,
    ms: runs.reduce((sum, r) => sum + (r?.ms ?? 0), 0),
    cellWith(fragment) {
      const found = cells.flatMap((c, i) => (c.code.includes(fragment) ? [i + 1] : []));
      if (found.length !== 1) {
        throw new Error(
          `cellWith(${JSON.stringify(fragment)}): ${found.length} cells of ${chapter} contain it`,
        );
      }
      return found[0]!;
    },
    text: (cell) =>
      outputs(cell)
        .map((o) => (o.kind === "stream" ? o.text : ""))
        .join(""),
    charts,
    setKnob(cell, n, value) {
      kernel.setInput(knobKey(`${chapter}#${cell}`, n), value);
    },
    async runAgain(cell) {
      const outputs: Output[] = [];
      await kernel.run(`${chapter}#${cell}`, cells[cell - 1]!.code, (o) => outputs.push(o));
      return outputs;
    },
    async read(...names) {
      for (const name of names) {
        if (!/^[A-Za-z_$][\w$]*$/.test(name))
          throw new Error(`read: "${name}" is not a name a cell can bind`);
      }
      let received: Record<string, unknown> | undefined;
      const host = globalThis as Record<string, unknown>;
      // A name no cell declared falls through the kernel's scope to the host's globals: the probe is one.
      host[PROBE] = (values: Record<string, unknown>) => (received = values);
      try {
        const source = `${PROBE}({ ${names.map((n) => `${n}: ${n}`).join(", ")} });`;
        const errors: Output[] = [];
        await kernel.run(`${chapter}#read`, source, (o) => o.kind === "error" && errors.push(o));
        if (errors.length > 0 || !received) {
          throw new Error(`read(${names.join(", ")}) in ${chapter}: ${JSON.stringify(errors)}`);
        }
        return received;
      } finally {
        delete host[PROBE];
      }
    },
  };
}

/** Every decimal number rounded to 3 places, and one element per line, so goldens diff readably. */
export function normaliseChart(markup: string): string {
  return markup
    .replace(/-?\d+\.\d+(?:e[-+]?\d+)?/gi, (x) => String(Number(Number(x).toFixed(3))))
    .replace(/></g, ">\n<");
}

/**
 * Compares a chart with test/chapters/golden/<name>.svg. The golden is written only when UPDATE_GOLDEN=1;
 * read its diff before committing it.
 */
export function expectGolden(markup: string, name: string): void {
  const file = join(GOLDEN, `${name}.svg`);
  const actual = `${normaliseChart(markup)}\n`;
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  if (!existsSync(file)) {
    throw new Error(`no golden ${file}: run UPDATE_GOLDEN=1 npx vitest run test/chapters, then read it`);
  }
  expect(actual).toBe(readFileSync(file, "utf8"));
}
