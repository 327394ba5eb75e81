// A chapter as one TypeScript file a reader can run at home: every cell in order, its imports gathered at the
// top and pointed at the library's sources in a clone of the repository, the last value of each cell printed
// (show), and the notebook's globals from runtime.ts. A name a later cell declares again (re-running rebinds
// it) cannot be declared twice in one file, so from that cell on it is renamed `x_4` (cell 4's x); which uses
// mean which declaration is the compiler's answer, from the same program check-cells checks.
import ts from "typescript";
import { cellProgram, type CellFile, type ChapterCells } from "../typecheck/check-chapters.ts";

export interface ScriptChapter extends ChapterCells {
  /** File name without .mdx, e.g. "04-losses". */
  slug: string;
  title: string;
}

export interface ScriptOptions {
  /** The repository's root as the script's imports reach it: "./" for a script saved at the root. */
  root: string;
  /** Where the repository is on this disk, for the compiler (default: found from this file). */
  projectRoot?: string;
}

/** Where a cell's import points in the script. */
const MODULES: Record<string, string> = {
  mlp: "src/mlp/index.ts",
  data: "src/notebook/script/data.ts",
  "@observablehq/plot": "src/notebook/script/plot.ts",
};
const RUNTIME = "src/notebook/script/runtime.ts";
const GLOBALS = [
  "display",
  "progress",
  "progressBar",
  "input",
  "download",
  "range",
  "select",
  "checkbox",
  "signal",
];

interface Edit {
  start: number;
  end: number;
  text: string;
}

interface Owner {
  cell: number;
  name: string;
}

function isTopLevel(node: ts.Node): boolean {
  let n: ts.Node = node;
  while (ts.isBindingElement(n) || ts.isObjectBindingPattern(n) || ts.isArrayBindingPattern(n)) n = n.parent;
  if (ts.isVariableDeclaration(n)) {
    n = n.parent.parent; // the list, then the statement (not a for loop's head)
    if (!ts.isVariableStatement(n)) return false;
  }
  return ts.isSourceFile(n.parent);
}

/** The cell (0-based) whose top-level declaration an identifier means, or null for a local or a library name. */
function ownerOf(
  checker: ts.TypeChecker,
  id: ts.Identifier,
  byPath: ReadonlyMap<string, CellFile>,
): Owner | null {
  const symbol = ts.isShorthandPropertyAssignment(id.parent)
    ? checker.getShorthandAssignmentValueSymbol(id.parent)
    : checker.getSymbolAtLocation(id);
  const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const declaration = target?.declarations?.[0];
  if (!declaration) return null;
  const file = byPath.get(declaration.getSourceFile().fileName);
  if (!file) return null;
  if (declaration.getStart() >= file.module.codeLength) {
    // The glue's `declare let x: typeof import("./cell-K.ts").x`: a let of cell K.
    const type = ts.isVariableDeclaration(declaration) ? declaration.type : undefined;
    const argument = type && ts.isImportTypeNode(type) ? type.argument : undefined;
    const literal = argument && ts.isLiteralTypeNode(argument) ? argument.literal : undefined;
    const match = literal && ts.isStringLiteral(literal) ? /cell-(\d+)\.ts$/.exec(literal.text) : null;
    return match ? { cell: Number(match[1]) - 1, name: id.text } : null;
  }
  if (
    ts.isImportSpecifier(declaration) ||
    ts.isNamespaceImport(declaration) ||
    ts.isImportClause(declaration)
  ) {
    return null; // imports are gathered at the top, one binding for every cell
  }
  return isTopLevel(declaration) ? { cell: file.index, name: id.text } : null;
}

interface Imports {
  named: Map<string, { imported: string; typeOnly: boolean }>;
  namespace: string | null;
  default: string | null;
}

function importLine(specifier: string, imports: Imports): string[] {
  const lines: string[] = [];
  if (imports.namespace) lines.push(`import * as ${imports.namespace} from ${JSON.stringify(specifier)};`);
  const named = [...imports.named].map(([local, { imported, typeOnly }]) => {
    const name = imported === local ? local : `${imported} as ${local}`;
    return typeOnly ? `type ${name}` : name;
  });
  const parts = [imports.default, named.length > 0 ? `{ ${named.join(", ")} }` : null].filter(Boolean);
  if (parts.length > 0) lines.push(`import ${parts.join(", ")} from ${JSON.stringify(specifier)};`);
  return lines;
}

function apply(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  }
  return out;
}

function script(
  chapter: ScriptChapter,
  files: CellFile[],
  program: ts.Program,
  options: ScriptOptions,
): string {
  const checker = program.getTypeChecker();
  const byPath = new Map(files.map((f) => [f.path, f]));
  const first = new Map<string, number>(); // name → the first cell that declares it
  const imports = new Map<string, Imports>();
  const bodies: string[] = [];
  const renamedIn = new Map<number, Set<string>>();
  const globalsUsed = new Set<string>();

  for (const file of files) {
    const source = program.getSourceFile(file.path)!;
    const code = file.module.codeLength;
    const edits: Edit[] = [];
    for (const statement of source.statements) {
      if (statement.getStart() >= code) break;
      if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
        const specifier = statement.moduleSpecifier.text;
        const to = MODULES[specifier] ? `${options.root}${MODULES[specifier]}` : specifier;
        let entry = imports.get(to);
        if (!entry) imports.set(to, (entry = { named: new Map(), namespace: null, default: null }));
        const clause = statement.importClause;
        if (clause?.name) entry.default = clause.name.text;
        const bindings = clause?.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) entry.namespace = bindings.name.text;
        else if (bindings) {
          for (const e of bindings.elements) {
            const typeOnly = (clause?.isTypeOnly ?? false) || e.isTypeOnly;
            const seen = entry.named.get(e.name.text);
            entry.named.set(e.name.text, {
              imported: (e.propertyName ?? e.name).text,
              typeOnly: typeOnly && (seen?.typeOnly ?? true),
            });
          }
        }
        edits.push({ start: statement.getFullStart(), end: statement.getEnd(), text: "" });
      }
    }
    const visit = (node: ts.Node): void => {
      if (node.getStart(source) >= code) return;
      if (ts.isIdentifier(node)) {
        if (GLOBALS.includes(node.text) && isGlobal(checker, node)) globalsUsed.add(node.text);
        const owner = ownerOf(checker, node, byPath);
        if (owner) {
          if (owner.cell === file.index && isDeclarationName(node)) {
            if (!first.has(owner.name)) first.set(owner.name, owner.cell);
          }
          const firstCell = first.get(owner.name) ?? owner.cell;
          if (firstCell !== owner.cell) {
            const renamed = `${owner.name}_${owner.cell + 1}`;
            if (!renamedIn.has(owner.cell)) renamedIn.set(owner.cell, new Set());
            renamedIn.get(owner.cell)!.add(owner.name);
            const parent = node.parent;
            const keyed =
              ts.isShorthandPropertyAssignment(parent) ||
              (ts.isBindingElement(parent) &&
                !parent.propertyName &&
                ts.isObjectBindingPattern(parent.parent));
            const text = keyed ? `${node.text}: ${renamed}` : renamed;
            edits.push({ start: node.getStart(source), end: node.getEnd(), text });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    // The last expression is what the notebook shows under the cell: here it is printed.
    const last = source.statements.filter((s) => s.getStart() < code).at(-1);
    if (last && ts.isExpressionStatement(last) && !printsItself(last.expression)) {
      edits.push({
        start: last.expression.getStart(source),
        end: last.expression.getStart(source),
        text: "show(",
      });
      edits.push({ start: last.expression.getEnd(), end: last.expression.getEnd(), text: ")" });
    }
    const body = apply(
      source.text.slice(0, code),
      edits.filter((e) => e.start <= code),
    ).trim();
    const line = file.chapter.cells[file.index]!.line;
    const where = line === null ? "" : ` (${chapter.chapter}, line ${line})`;
    const again = [...(renamedIn.get(file.index) ?? [])];
    const note = again.length
      ? `\n// This cell declares ${again.join(", ")} again; from here on ${again.map((n) => `${n}_${file.index + 1}`).join(", ")}.`
      : "";
    bodies.push(`// ── cell ${file.index + 1}${where}${note}\ncell(${file.index + 1});\n${body}\n`);
  }

  const header = [
    `// ${chapter.title}: every cell of ${chapter.chapter}, in order, as one TypeScript file.`,
    "// Save it at the root of a clone of the repository and, after `npm install`, run it with the project's Node:",
    `//   npx node ${chapter.slug}.ts`,
    `// It prints what the cells print; charts are saved as SVG files (${chapter.slug}-cell-<n>.svg) where it runs.`,
    ...importLine(`${options.root}${RUNTIME}`, {
      named: new Map(
        ["setChapter", "cell", "show", "end", ...GLOBALS.filter((g) => globalsUsed.has(g))].map((n) => [
          n,
          { imported: n, typeOnly: false },
        ]),
      ),
      namespace: null,
      default: null,
    }),
    ...[...imports].flatMap(([specifier, entry]) => importLine(specifier, entry)),
    "",
    `setChapter(${JSON.stringify(chapter.slug)});`,
  ];
  return `${header.join("\n")}\n\n${bodies.join("\n")}\nend();\n`;
}

/** True when an identifier means one of the notebook's globals (declared in the cells' globals.d.ts). */
function isGlobal(checker: ts.TypeChecker, id: ts.Identifier): boolean {
  const declaration = checker.getSymbolAtLocation(id)?.declarations?.[0];
  return declaration?.getSourceFile().fileName.endsWith("globals.d.ts") ?? false;
}

/** console.log(…) and display(…) show what they show; their value is nothing to print. */
function printsItself(expression: ts.Expression): boolean {
  if (!ts.isCallExpression(expression)) return false;
  const callee = expression.expression;
  if (ts.isIdentifier(callee)) return callee.text === "display";
  return (
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === "console"
  );
}

function isDeclarationName(id: ts.Identifier): boolean {
  const parent = id.parent;
  return (
    (ts.isVariableDeclaration(parent) ||
      ts.isBindingElement(parent) ||
      ts.isFunctionDeclaration(parent) ||
      ts.isClassDeclaration(parent) ||
      ts.isInterfaceDeclaration(parent) ||
      ts.isTypeAliasDeclaration(parent)) &&
    parent.name === id
  );
}

/** The script of each chapter, by slug. */
export function chapterScripts(
  chapters: readonly ScriptChapter[],
  options: ScriptOptions,
): Map<string, string> {
  const { program, files } = cellProgram(chapters, options.projectRoot);
  return new Map(
    chapters.map((chapter) => [
      chapter.slug,
      script(
        chapter,
        files.filter((f) => f.chapter === chapter),
        program,
        options,
      ),
    ]),
  );
}
