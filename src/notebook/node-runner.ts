// The kernel in Node, for the build and the tests: cells import the real library modules, Plot draws into
// linkedom's document, and a chapter's cells run in order, the first failure named by chapter, cell and line.
import { blankDocument } from "./blank-document.ts";
import { createKernel, type Kernel, type KernelOptions } from "./kernel.ts";
import type { Output } from "./protocol.ts";

type Loader = () => Promise<unknown>;

const loaders: Record<string, Loader> = {
  mlp: () => import("../mlp/index.ts"),
  // As in the browser, except that the MNIST subsets are read from public/data on disk instead of fetched.
  data: async () => {
    const [data, node] = await Promise.all([import("../data/index.ts"), import("../data/mnist-node.ts")]);
    return {
      ...data,
      loadMnistSubset: (name: string) => node.loadMnistSubsetFromDisk(name),
      loadMnistFile: (name: string, part: "images" | "labels") => node.loadMnistFileFromDisk(name, part),
      loadMnistFull: (options?: Parameters<typeof node.loadMnistFullFromDisk>[0]) =>
        node.loadMnistFullFromDisk(options),
    };
  },
  "@observablehq/plot": () => import("@observablehq/plot"),
};

/** Resolves a cell's import to the module Node has for it, or undefined for any other name. */
export function resolveNodeModule(specifier: string): Promise<unknown> | undefined {
  return loaders[specifier]?.();
}

/** A fresh DOM document for Plot to draw into. */
export const nodeDocument = blankDocument;

export function createNodeKernel(options: Partial<KernelOptions> = {}): Kernel {
  return createKernel({ resolveModule: resolveNodeModule, document: nodeDocument(), ...options });
}

export interface CellRun {
  outputs: Output[];
  ok: boolean;
  ms: number;
}

/** The first line of a cell, for messages that must say which cell. */
export function firstLine(source: string): string {
  const line = source.split("\n").find((l) => l.trim() !== "") ?? "";
  return line.length > 60 ? `${line.slice(0, 59).trimEnd()}…` : line.trim();
}

/** A cell that threw: the message names the chapter, the cell (1-based index and first line) and the line. */
export class CellFailure extends Error {
  readonly chapter: string;
  readonly cell: number;
  readonly error: Extract<Output, { kind: "error" }>;
  constructor(chapter: string, cell: number, source: string, error: Extract<Output, { kind: "error" }>) {
    const where =
      error.line === null
        ? ""
        : ` at line ${error.line}${error.column === null ? "" : `, column ${error.column}`}`;
    super(`${chapter}: cell ${cell} (${firstLine(source)}) failed${where}: ${error.name}: ${error.message}`);
    this.name = "CellFailure";
    this.chapter = chapter;
    this.cell = cell;
    this.error = error;
  }
}

export interface RunCellsOptions {
  /** Names the chapter in failures and cell ids (e.g. "content/02-weighted-sum.mdx"). */
  chapter: string;
  kernel?: Kernel;
  /** Cells not to run (e.g. `norun` cells): their result is `null`. */
  skip?: (index: number) => boolean;
}

/** Runs a chapter's cells in order in one scope; throws CellFailure at the first cell that throws. */
export async function runCells(
  sources: readonly string[],
  options: RunCellsOptions,
): Promise<(CellRun | null)[]> {
  const kernel = options.kernel ?? createNodeKernel();
  const runs: (CellRun | null)[] = [];
  for (const [i, source] of sources.entries()) {
    if (options.skip?.(i)) {
      runs.push(null);
      continue;
    }
    const outputs: Output[] = [];
    const { ok, ms } = await kernel.run(`${options.chapter}#${i + 1}`, source, (o) => outputs.push(o));
    const error = outputs.find((o) => o.kind === "error");
    if (!ok || error) {
      const fallback = {
        kind: "error",
        name: "Error",
        message: "the cell failed",
        line: null,
        column: null,
      } as const;
      throw new CellFailure(options.chapter, i + 1, source, error ?? fallback);
    }
    runs.push({ outputs, ok, ms });
  }
  return runs;
}
