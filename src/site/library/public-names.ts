// What a cell can import from "mlp" and "data", and where each name is declared: the TypeScript compiler
// follows the index files' re-exports (export *, export { a as b }) to the declaration, so a renamed or
// moved export is found wherever it lives.
import { relative } from "node:path";
import ts from "typescript";

/** The modules cells import, and their index files (relative to the project root). */
export const PACKAGES = { mlp: "src/mlp/index.ts", data: "src/data/index.ts" } as const;
export type PackageName = keyof typeof PACKAGES;

export interface PublicName {
  /** The package a cell imports it from. */
  from: PackageName;
  /** The name a cell imports. */
  name: string;
  /** The declaring file, relative to the root with forward slashes ("src/mlp/layer.ts"). */
  file: string;
  /** 1-based line of the declaration (its name's statement, doc comment excluded). */
  line: number;
  /** True for types and interfaces only (nothing runs). */
  typeOnly: boolean;
}

const DECLARATION_STATEMENT = (node: ts.Node): ts.Node => {
  // A `const f = …` is declared by its statement, whose line is the one a reader looks for.
  if (ts.isVariableDeclaration(node) && ts.isVariableDeclarationList(node.parent)) return node.parent.parent;
  return node;
};

/** Every public name of the packages, in each package's order of export. */
export function publicNames(root: string): PublicName[] {
  const program = ts.createProgram({
    rootNames: Object.values(PACKAGES).map((p) => `${root}/${p}`),
    options: {
      allowImportingTsExtensions: true,
      noEmit: true,
      noResolve: false,
      noLib: true,
      types: [],
      skipLibCheck: true,
      target: ts.ScriptTarget.Latest,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
    },
  });
  const checker = program.getTypeChecker();
  const names: PublicName[] = [];
  for (const [from, index] of Object.entries(PACKAGES) as [PackageName, string][]) {
    const sf = program.getSourceFile(`${root}/${index}`);
    const module = sf && checker.getSymbolAtLocation(sf);
    if (!module) throw new Error(`library pages: cannot read ${index}`);
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declaration = symbol.declarations?.[0];
      if (!declaration) throw new Error(`library pages: "${exported.name}" of ${index} has no declaration`);
      const statement = DECLARATION_STATEMENT(declaration);
      const file = declaration.getSourceFile();
      names.push({
        from,
        name: exported.name,
        file: relative(root, file.fileName).split("\\").join("/"),
        line: file.getLineAndCharacterOfPosition(statement.getStart(file)).line + 1,
        typeOnly: (symbol.flags & ts.SymbolFlags.Value) === 0,
      });
    }
  }
  return names;
}
