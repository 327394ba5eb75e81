// Every export of "mlp" and "data" has a JSDoc line: it is what the editor's hover shows a reader in a cell.
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

function undocumented(entry: string): { exports: number; missing: string[] } {
  const program = ts.createProgram([entry], {
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  const exports = checker.getExportsOfModule(module);
  const missing = exports
    .filter((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return ts.displayPartsToString(target.getDocumentationComment(checker)).trim() === "";
    })
    .map((symbol) => symbol.name)
    .sort();
  return { exports: exports.length, missing };
}

describe("JSDoc", () => {
  it.each(["src/mlp/index.ts", "src/data/index.ts"])("every export of %s has a doc comment", (entry) => {
    const { exports, missing } = undocumented(join(ROOT, entry));
    expect(exports).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});
