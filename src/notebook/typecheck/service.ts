// TypeScript's language service over a chapter's cells, for the editor in the page (in a worker of its own)
// and for tests in Node: the same cell modules as check-cells (cell-modules.ts), on a virtual file system
// that holds the standard library's .d.ts, the library's sources and Plot's types (files.ts collects them at
// build). Only this file's answers go to the page: diagnostics, hover text and completions for one cell.
import type ts from "typescript";
import { cellModules, type CellModule } from "./cell-modules.ts";

/** What the service needs besides the cells: compiler options and files by path from the repository root. */
export interface ServiceFiles {
  options: ts.CompilerOptions;
  files: Record<string, string>;
  /** The default library, e.g. "node_modules/typescript/lib/lib.esnext.full.d.ts". */
  defaultLib: string;
}

export interface CellDiagnosticRange {
  /** Offsets in the cell's code. */
  from: number;
  to: number;
  /** 1-based, in the cell. */
  line: number;
  column: number;
  code: number;
  message: string;
}

export interface HoverInfo {
  from: number;
  to: number;
  /** The type or signature, as TypeScript prints it. */
  signature: string;
  /** The JSDoc, if any. */
  doc: string;
}

export interface CompletionItem {
  name: string;
  kind: string;
  /** Where the completed word starts, in the cell. */
  from: number;
  sortText: string;
}

/** Unused names in the glue are the notebook's normal case (see check-chapters.ts). */
const UNUSED = new Set([6133, 6138, 6192, 6196, 6198, 6199, 6205]);
const CELLS = "/.cells/";
export const GLOBALS_FILE = `${CELLS}globals.d.ts`;

/** JSDoc as a paragraph: its source's line breaks go, blank lines stay. */
const unwrap = (doc: string): string => doc.replace(/(?<!\n)\n(?!\n)/g, " ");

export class CellService {
  readonly #ts: typeof ts;
  readonly #files = new Map<string, { text: string; version: number }>();
  readonly #dirs = new Set<string>();
  #modules: CellModule[] = [];
  readonly #service: ts.LanguageService;

  constructor(typescript: typeof ts, { options, files, defaultLib }: ServiceFiles, globalsDts: string) {
    this.#ts = typescript;
    for (const [path, text] of Object.entries(files)) this.#put(`/${path}`, text);
    this.#put(GLOBALS_FILE, globalsDts);
    const host: ts.LanguageServiceHost = {
      getCompilationSettings: () => options,
      getScriptFileNames: () => [GLOBALS_FILE, ...this.#modules.map((m) => CELLS + m.fileName)],
      getScriptVersion: (f) => String(this.#files.get(f)?.version ?? 0),
      getScriptSnapshot: (f) => {
        const file = this.#files.get(f);
        return file ? typescript.ScriptSnapshot.fromString(file.text) : undefined;
      },
      getCurrentDirectory: () => "/",
      getDefaultLibFileName: () => `/${defaultLib}`,
      fileExists: (f) => this.#files.has(f),
      readFile: (f) => this.#files.get(f)?.text,
      directoryExists: (d) => this.#dirs.has(d.replace(/\/$/, "")),
      getDirectories: () => [],
      useCaseSensitiveFileNames: () => true,
    };
    this.#service = typescript.createLanguageService(host, typescript.createDocumentRegistry());
  }

  #put(path: string, text: string): void {
    const old = this.#files.get(path);
    if (old?.text === text) return;
    this.#files.set(path, { text, version: (old?.version ?? 0) + 1 });
    for (let d = path.slice(0, path.lastIndexOf("/")); d !== ""; d = d.slice(0, d.lastIndexOf("/"))) {
      this.#dirs.add(d);
    }
  }

  /** The chapter's cells as the page has them now (edits included), in order. */
  setCells(codes: readonly string[]): void {
    this.#modules = cellModules(codes);
    for (const m of this.#modules) this.#put(CELLS + m.fileName, m.text);
  }

  #file(cell: number): { path: string; module: CellModule } {
    const module = this.#modules[cell];
    if (!module) throw new Error(`typecheck: no cell ${cell + 1} (${this.#modules.length} cells)`);
    return { path: CELLS + module.fileName, module };
  }

  /** The compiler's errors in cell `cell` (0-based), as check-cells reports them. */
  diagnostics(cell: number): CellDiagnosticRange[] {
    const { path, module } = this.#file(cell);
    const all = [
      ...this.#service.getSyntacticDiagnostics(path),
      ...this.#service.getSemanticDiagnostics(path),
    ];
    const source = this.#service.getProgram()!.getSourceFile(path)!;
    return all
      .filter((d) => !((d.start ?? 0) >= module.codeLength && UNUSED.has(d.code)))
      .map((d) => {
        const from = Math.min(d.start ?? 0, module.codeLength);
        const to = Math.min(from + (d.length ?? 0), module.codeLength);
        const { line, character } = source.getLineAndCharacterOfPosition(from);
        const message = this.#ts.flattenDiagnosticMessageText(d.messageText, "\n");
        return { from, to, line: line + 1, column: character + 1, code: d.code, message };
      });
  }

  /** The type and JSDoc of the name at `pos` in cell `cell`, or null. */
  hover(cell: number, pos: number): HoverInfo | null {
    const info = this.#service.getQuickInfoAtPosition(this.#file(cell).path, pos);
    if (!info) return null;
    const text = (parts?: ts.SymbolDisplayPart[]): string => (parts ?? []).map((p) => p.text).join("");
    const tags = (info.tags ?? []).map((t) => `@${t.name} ${text(t.text)}`.trim());
    return {
      from: info.textSpan.start,
      to: info.textSpan.start + info.textSpan.length,
      signature: text(info.displayParts),
      doc: [unwrap(text(info.documentation)), ...tags].filter(Boolean).join("\n"),
    };
  }

  /** What may come at `pos` in cell `cell`: members after a dot, option names in an object, names in scope. */
  completions(cell: number, pos: number): CompletionItem[] {
    const { path, module } = this.#file(cell);
    const result = this.#service.getCompletionsAtPosition(path, pos, {
      includeCompletionsWithInsertText: true,
      includeCompletionsForModuleExports: false,
    });
    if (!result) return [];
    const code = module.text.slice(0, module.codeLength);
    let from = pos;
    while (from > 0 && /[\w$]/.test(code[from - 1]!)) from--;
    return result.entries
      .filter((e) => !e.name.startsWith("$") || e.kind !== "warning")
      .map((e) => ({ name: e.name, kind: e.kind, from, sortText: e.sortText }));
  }

  /** The signature and JSDoc of one completion entry. */
  completionDetails(cell: number, pos: number, name: string): HoverInfo | null {
    const details = this.#service.getCompletionEntryDetails(
      this.#file(cell).path,
      pos,
      name,
      {},
      undefined,
      {},
      undefined,
    );
    if (!details) return null;
    const text = (parts?: ts.SymbolDisplayPart[]): string => (parts ?? []).map((p) => p.text).join("");
    return {
      from: pos,
      to: pos,
      signature: text(details.displayParts),
      doc: unwrap(text(details.documentation)),
    };
  }
}
