// Which library names each chapter's cells import: the `ts cell` fences of content/*.mdx, read as the site
// reads them (extractCells), and each cell's import declarations, read by the TypeScript parser.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { extractCells } from "../../notebook/remark-cells.ts";
import { PACKAGES, type PackageName } from "./public-names.ts";

export interface ChapterImports {
  /** The chapter's number (its file name's prefix) and its address's slug. */
  order: number;
  slug: string;
  /** The names its cells import, per package, in order of first import. */
  names: { from: PackageName; name: string }[];
  /** The code of its cells, in order. */
  cells: string[];
}

const CHAPTER_FILE = /^(\d+)-([a-z0-9-]+)\.mdx$/;

/** The library names a cell's code imports (`import { a, b as c } from "mlp"` gives a and b). */
export function cellImports(code: string): { from: PackageName; name: string }[] {
  const sf = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: { from: PackageName; name: string }[] = [];
  for (const statement of sf.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const from = statement.moduleSpecifier.text;
    if (!Object.hasOwn(PACKAGES, from)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        found.push({ from: from as PackageName, name: (element.propertyName ?? element.name).text });
      }
    } else if (bindings && ts.isNamespaceImport(bindings)) {
      // import * as mlp from "mlp": the names are the ones read off the namespace (mlp.Dense).
      const namespace = bindings.name.text;
      const visit = (node: ts.Node): void => {
        if (
          ts.isPropertyAccessExpression(node) &&
          ts.isIdentifier(node.expression) &&
          node.expression.text === namespace
        ) {
          found.push({ from: from as PackageName, name: node.name.text });
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
  }
  return found;
}

/** Every chapter of `contentDir` in reading order, with the library names its cells import. */
export function chapterImports(contentDir: string): ChapterImports[] {
  const chapters: ChapterImports[] = [];
  for (const file of readdirSync(contentDir).sort()) {
    const match = CHAPTER_FILE.exec(file);
    if (!match) continue;
    const names: { from: PackageName; name: string }[] = [];
    const seen = new Set<string>();
    const cells = extractCells(readFileSync(join(contentDir, file), "utf8"), `content/${file}`).map(
      (c) => c.code,
    );
    for (const cell of cells) {
      for (const imported of cellImports(cell)) {
        const key = `${imported.from}:${imported.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        names.push(imported);
      }
    }
    chapters.push({ order: Number(match[1]), slug: match[2]!, names, cells });
  }
  return chapters.sort((a, b) => a.order - b.order);
}
