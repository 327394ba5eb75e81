// A chapter's cells as TypeScript modules the compiler can check with the notebook's semantics (tslab's idea):
// cell i is a module that exports every name it declares and imports, from the latest cell above that declared
// it, every name it does not declare itself. So a cell sees the names above it with their inferred types, and
// a later cell may declare a name again, as re-running rebinds it. The glue goes after the cell's own code,
// so a position in the module is the same position in the cell.
import ts from "typescript";
import { cellNames, type CellName } from "./cell-names.ts";

export interface CellModule {
  /** e.g. "cell-3.ts", relative to the chapter's folder. */
  fileName: string;
  /** The cell's code, then the glue. */
  text: string;
  /** Where the glue starts: a diagnostic at or past it is about the glue, not the reader's code. */
  codeLength: number;
}

export const cellFileName = (index: number): string => `cell-${index + 1}.ts`;

function glue(own: readonly CellName[], seen: ReadonlyMap<string, { cell: number; name: CellName }>): string {
  const mine = new Set(own.map((n) => n.name));
  const values = own.filter((n) => !n.typeOnly).map((n) => n.name);
  const types = own.filter((n) => n.typeOnly).map((n) => n.name);
  const lines = [`export { ${values.join(", ")} };`];
  if (types.length > 0) lines.push(`export type { ${types.join(", ")} };`);
  const imports = new Map<number, { values: string[]; types: string[] }>();
  for (const [name, { cell, name: n }] of seen) {
    if (mine.has(name)) continue;
    const from = `./${cellFileName(cell)}`;
    if (n.assignable) {
      // An import cannot be assigned; a `let` of an earlier cell can, so it is declared here with its type.
      lines.push(`declare let ${name}: typeof import(${JSON.stringify(from)}).${name};`);
      continue;
    }
    let entry = imports.get(cell);
    if (!entry) imports.set(cell, (entry = { values: [], types: [] }));
    (n.typeOnly ? entry.types : entry.values).push(name);
  }
  for (const [cell, { values: v, types: t }] of imports) {
    const from = JSON.stringify(`./${cellFileName(cell)}`);
    if (v.length > 0) lines.push(`import { ${v.join(", ")} } from ${from};`);
    if (t.length > 0) lines.push(`import type { ${t.join(", ")} } from ${from};`);
  }
  return `\n;${lines.join("")}\n`;
}

/** The modules of a chapter's cells, in order (cells skipped at build are checked too: readers run them). */
export function cellModules(sources: readonly string[]): CellModule[] {
  const seen = new Map<string, { cell: number; name: CellName }>();
  return sources.map((code, i) => {
    const parsed = ts.createSourceFile(
      cellFileName(i),
      code,
      ts.ScriptTarget.ESNext,
      false,
      ts.ScriptKind.TS,
    );
    const own = cellNames(parsed);
    const text = code + glue(own, seen);
    for (const name of own) seen.set(name.name, { cell: i, name });
    return { fileName: cellFileName(i), text, codeLength: code.length };
  });
}
