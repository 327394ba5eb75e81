// Type-checks the cells of chapters, in Node, with the real compiler and the project's strict settings: one
// program holds every chapter's cells as modules (cell-modules.ts), the library's sources ("mlp", "data"),
// Plot's types and the cells' globals, so the standard library and the sources are read and bound once.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { cellModules, type CellModule } from "./cell-modules.ts";
import { cellGlobalsDts } from "./globals-dts.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** Where the cells' modules seem to live: inside the repository, so that node_modules resolves from them. */
const VIRTUAL = ".cells";

export interface ChapterCells {
  /** As messages name it, e.g. "content/04-losses.mdx". */
  chapter: string;
  cells: readonly { code: string; line: number | null }[];
}

export interface CellDiagnostic {
  chapter: string;
  /** 1-based. */
  cell: number;
  /** The line of the cell's opening fence in the chapter, if known. */
  fenceLine: number | null;
  /** Line and column in the cell, both 1-based. */
  line: number;
  column: number;
  code: number;
  message: string;
}

/** Unused names in the glue are the notebook's normal case: a cell need not use every name above it. */
const UNUSED = new Set([6133, 6138, 6192, 6196, 6198, 6199, 6205]);

/** `content/04-losses.mdx:59:5: cell 3 (fence at line 57), line 2, column 5: TS2322: Type …` */
export function formatCellDiagnostic(d: CellDiagnostic): string {
  const at = d.fenceLine === null ? "" : `:${d.fenceLine + d.line}:${d.column}`;
  const fence = d.fenceLine === null ? "" : ` (fence at line ${d.fenceLine})`;
  return `${d.chapter}${at}: cell ${d.cell}${fence}, line ${d.line}, column ${d.column}: TS${d.code}: ${d.message}`;
}

/** The project's compiler options, for cells: no Node globals (cells also run in a browser worker). */
export function cellCompilerOptions(root = ROOT): ts.CompilerOptions {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error(`check-cells: cannot read ${join(root, "tsconfig.json")}`);
  return {
    ...config.options,
    types: [],
    noEmit: true,
    paths: { mlp: ["./src/mlp/index.ts"], data: ["./src/data/index.ts"] },
  };
}

/** Source files of the standard library and the sources, shared by every check in this process. */
const shared = new Map<string, ts.SourceFile>();

export interface CellFile {
  /** The module's path in the program. */
  path: string;
  chapter: ChapterCells;
  /** 0-based. */
  index: number;
  module: CellModule;
}

/** One program with every cell of the given chapters as a module, and the compiler host that reads them. */
export function cellProgram(
  chapters: readonly ChapterCells[],
  root = ROOT,
): { program: ts.Program; host: ts.CompilerHost; files: CellFile[] } {
  const options = cellCompilerOptions(root);
  const host = ts.createCompilerHost(options, true);
  const virtual = new Map<string, string>();
  const globals = join(root, VIRTUAL, "globals.d.ts");
  virtual.set(globals, cellGlobalsDts("../src/notebook/helpers.ts"));
  const files: CellFile[] = [];
  chapters.forEach((chapter, c) => {
    cellModules(chapter.cells.map((cell) => cell.code)).forEach((module, index) => {
      const path = join(root, VIRTUAL, `chapter-${c}`, module.fileName);
      virtual.set(path, module.text);
      files.push({ path, chapter, index, module });
    });
  });
  const real = {
    getSourceFile: host.getSourceFile.bind(host),
    fileExists: host.fileExists.bind(host),
    readFile: host.readFile.bind(host),
  };
  host.getCurrentDirectory = () => root;
  host.fileExists = (f) => virtual.has(f) || real.fileExists(f);
  host.readFile = (f) => virtual.get(f) ?? real.readFile(f);
  const virtualDir = join(root, VIRTUAL);
  const realDirectoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (d) => d.startsWith(virtualDir) || (realDirectoryExists?.(d) ?? true);
  host.getSourceFile = (f, language, onError) => {
    const text = virtual.get(f);
    if (text !== undefined) return ts.createSourceFile(f, text, language, true);
    let file = shared.get(f);
    if (!file) {
      file = real.getSourceFile(f, language, onError);
      if (file) shared.set(f, file);
    }
    return file;
  };

  const program = ts.createProgram({ rootNames: [globals, ...files.map((f) => f.path)], options, host });
  return { program, host, files };
}

export function checkChapters(chapters: readonly ChapterCells[], root = ROOT): CellDiagnostic[] {
  const { program, host, files } = cellProgram(chapters, root);

  const setup = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  if (setup.length > 0) {
    throw new Error(`check-cells: ${ts.formatDiagnostics(setup, host)}`);
  }
  const found: CellDiagnostic[] = [];
  for (const { path, chapter, index, module } of files) {
    const file = program.getSourceFile(path)!;
    const diagnostics = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
    for (const d of diagnostics) {
      const start = d.start ?? 0;
      const inGlue = start >= module.codeLength;
      if (inGlue && UNUSED.has(d.code)) continue;
      const position = file.getLineAndCharacterOfPosition(Math.min(start, module.codeLength));
      const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      found.push({
        chapter: chapter.chapter,
        cell: index + 1,
        fenceLine: chapter.cells[index]!.line,
        line: position.line + 1,
        column: position.character + 1,
        code: d.code,
        message: inGlue
          ? `${message} (in the names this cell shares: ${file.text.slice(start, start + 60)})`
          : message,
      });
    }
  }
  return found;
}
