// The files the page's checker needs, collected at build from the program check-cells builds (so the page
// checks against exactly what CI checks): the standard library's .d.ts, the sources of "mlp" and "data" and
// what they import, the notebook helpers the globals come from, Plot's types and their package.json files.
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { cellCompilerOptions, cellProgram } from "./check-chapters.ts";
import type { ServiceFiles } from "./service.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** A cell that imports every module a cell may import, so that the program holds all their files. */
const PROBE =
  'import * as a from "mlp";\nimport * as b from "data";\nimport * as c from "@observablehq/plot";';

/**
 * The files, by path from the repository's root. With `stripLibComments`, the standard library's .d.ts lose
 * their comments (lib.dom.d.ts is 2.3 MB, mostly MDN notes): the page loads half the bytes, and the hover
 * still shows the JSDoc of "mlp", "data" and Plot.
 */
export function serviceFiles(root = ROOT, { stripLibComments = false } = {}): ServiceFiles {
  const { program } = cellProgram([{ chapter: "probe", cells: [{ code: PROBE, line: null }] }], root);
  const files: Record<string, string> = {};
  // Keeps `/// <reference lib>` and the licence header (a pinned /*! comment).
  const printer = ts.createPrinter({ removeComments: true });
  for (const file of program.getSourceFiles()) {
    const path = relative(root, file.fileName);
    if (path.startsWith(".cells")) continue; // the cells and their globals: the page makes its own
    const lib = path.startsWith("node_modules/typescript/lib/");
    files[path] = lib && stripLibComments ? printer.printFile(file) : file.text;
    const pkg = /^(node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];
    if (pkg && !files[`${pkg}/package.json`] && existsSync(join(root, pkg, "package.json"))) {
      files[`${pkg}/package.json`] = readFileSync(join(root, pkg, "package.json"), "utf8");
    }
  }
  const {
    configFilePath: _configFilePath,
    pathsBasePath: _pathsBasePath,
    ...options
  } = cellCompilerOptions(root) as ts.CompilerOptions & { pathsBasePath?: string };
  const defaultLib = relative(root, join(ts.getDefaultLibFilePath(options)));
  return { options, files, defaultLib };
}
