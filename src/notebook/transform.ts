// The cell pipeline's pure half: a cell's TypeScript → the source of an async function the kernel can run.
// sucrase strips the types (keeping every line where it was), acorn parses the result, and the notebook
// rewrite (rewrite.ts) shares top-level names through a scope object. Golden-tested in test/notebook/golden.
import { parse } from "acorn";
import { transform as sucrase } from "sucrase";
import { Edits } from "./edits.ts";
import {
  alignColumn,
  decodeMappings,
  lineStarts,
  mapThrough,
  offsetAt,
  positionAt,
  type Position,
} from "./positions.ts";
import { RewriteError, rewriteCell } from "./rewrite.ts";

export { SCOPE, IMPORT } from "./rewrite.ts";

export interface TransformedCell {
  /** `(async function ($scope, $import) { … })`: evaluate it, call it with the scope and the resolver. */
  code: string;
  /** Top-level names the cell binds in the scope, in order of first declaration. */
  declared: string[];
  /** Notebook names the cell reads but does not declare (names of cells above, or globals such as display). */
  reads: string[];
  /** Notebook names the cell assigns but does not declare (a `let` of a cell above). */
  assigns: string[];
  /** Maps a position in `code` (line 1-based, column 0-based) to the same in the cell's TypeScript. */
  sourcePosition(generated: Position): Position;
}

/** A cell that does not parse; line and column (both 1-based) are in the cell's own TypeScript source. */
export class CellSyntaxError extends SyntaxError {
  readonly line: number;
  readonly column: number;
  constructor(message: string, { line, column }: Position) {
    super(message);
    this.name = "SyntaxError";
    this.line = line;
    this.column = column + 1;
  }
}

/** Parser messages end in "(line:column)"; the position is reported separately. */
function bare(message: string): string {
  return message.replace(/^Error transforming cell\.ts: /, "").replace(/\s*\(\d+:\d+\)$/, "");
}

function errorOffset(error: unknown): number | null {
  const pos = (error as { pos?: unknown }).pos;
  return typeof pos === "number" ? pos : null;
}

export function transformCell(source: string): TransformedCell {
  const tsStarts = lineStarts(source);
  let js: string;
  let sourceMap: string;
  try {
    const result = sucrase(source, {
      transforms: ["typescript"],
      disableESTransforms: true, // keep modern syntax as written: browsers and Node run it
      keepUnusedImports: true, // a cell may import a name only later cells use
      sourceMapOptions: { compiledFilename: "cell.js" },
      filePath: "cell.ts",
    });
    js = result.code;
    sourceMap = result.sourceMap?.mappings ?? "";
  } catch (error) {
    // sucrase gives most errors a position; one without (e.g. "Invalid scope depth at end of file") is put at
    // the end of the cell, where the parser gave up.
    const offset = errorOffset(error) ?? source.length;
    throw new CellSyntaxError(bare(String((error as Error).message)), positionAt(tsStarts, offset));
  }
  const segments = decodeMappings(sourceMap);
  const jsStarts = lineStarts(js);
  const [tsLines, jsLines] = [source.split("\n"), js.split("\n")];
  const sameLines = tsLines.length === jsLines.length;
  const jsToTs = (offset: number): Position => {
    const p = positionAt(jsStarts, offset);
    const column = sameLines ? alignColumn(tsLines[p.line - 1]!, jsLines[p.line - 1]!, p.column) : null;
    return column === null ? mapThrough(segments, p) : { line: p.line, column };
  };

  const edits = new Edits(js);
  let names: { declared: string[]; reads: string[]; assigns: string[] };
  try {
    const program = parse(js, { ecmaVersion: "latest", sourceType: "module" });
    names = rewriteCell(program, js, edits);
  } catch (error) {
    const offset = error instanceof RewriteError ? error.offset : errorOffset(error);
    if (offset === null || !(error instanceof Error)) throw error;
    throw new CellSyntaxError(bare(error.message), jsToTs(offset));
  }
  const { code, toSource } = edits.apply();
  const codeStarts = lineStarts(code);
  return {
    code,
    ...names,
    sourcePosition: (generated) => jsToTs(toSource(offsetAt(codeStarts, generated))),
  };
}
