// What a chapter's cells use of the library beyond the names they import: `net.backward(X, Y)` is
// MLP.backward, `net.layers[0].W` is Dense's W. The TypeScript checker reads each chapter's cells as one
// module (cells share a scope, as in the notebook) with "mlp" and "data" resolved to src/mlp and src/data,
// and each property a cell reads is followed to its declaration. Other modules (Plot) are left unresolved:
// nothing of theirs is the library's.
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { PACKAGES } from "./public-names.ts";

export interface MemberUse {
  /** "Dense.W", "MLP.backward". */
  name: string;
  /** The class or interface it belongs to ("Dense"). */
  owner: string;
  /** The declaring file, relative to the root ("src/mlp/layer.ts"), and the member's 1-based line. */
  file: string;
  line: number;
}

const LIBRARY = /^src\/(mlp|data)\//;

/** For each chapter (its cells' code, in order), the library members its cells use, each once. */
export function memberUses(root: string, chapters: readonly (readonly string[])[]): MemberUse[][] {
  const virtual = new Map(
    chapters.map((cells, i) => [join(root, `.chapter-cells-${i}.ts`), cells.join("\n;\n")]),
  );
  const options: ts.CompilerOptions = {
    noEmit: true,
    allowImportingTsExtensions: true,
    target: ts.ScriptTarget.ES2023,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2023.d.ts"],
    types: [],
    skipLibCheck: true,
    noResolve: false,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) => {
    const text = virtual.get(name);
    return text === undefined
      ? getSourceFile(name, language, ...rest)
      : ts.createSourceFile(name, text, language);
  };
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  host.readFile = (name) => virtual.get(name) ?? readFile(name);
  host.resolveModuleNameLiterals = (literals, containingFile) =>
    literals.map(({ text }) => {
      const index = (PACKAGES as Record<string, string>)[text];
      if (index !== undefined) {
        return { resolvedModule: { resolvedFileName: join(root, index), extension: ts.Extension.Ts } };
      }
      // Only the library's own relative imports are followed.
      if (!text.startsWith(".")) return { resolvedModule: undefined };
      return ts.resolveModuleName(text, containingFile, options, host);
    });
  const program = ts.createProgram({ rootNames: [...virtual.keys()], options, host });
  const checker = program.getTypeChecker();

  return [...virtual.keys()].map((name) => {
    const sf = program.getSourceFile(name)!;
    const uses = new Map<string, MemberUse>();
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const declaration = checker.getSymbolAtLocation(node.name)?.declarations?.[0];
        const file =
          declaration && relative(root, declaration.getSourceFile().fileName).split("\\").join("/");
        const owner = declaration?.parent;
        if (
          declaration &&
          file &&
          LIBRARY.test(file) &&
          owner &&
          (ts.isClassDeclaration(owner) || ts.isInterfaceDeclaration(owner)) &&
          owner.name
        ) {
          const member = `${owner.name.text}.${node.name.text}`;
          if (!uses.has(member)) {
            const at = declaration.getSourceFile().getLineAndCharacterOfPosition(declaration.getStart());
            uses.set(member, { name: member, owner: owner.name.text, file, line: at.line + 1 });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    return [...uses.values()];
  });
}

/** Every file the answer depends on besides the cells: the library's sources, recursively. */
function librarySources(root: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(`${dir}/${e.name}`) : e.name.endsWith(".ts") ? [`${dir}/${e.name}`] : [],
    );
  return ["src/mlp", "src/data"].flatMap(walk).sort();
}

/**
 * memberUses, kept in node_modules/.cache/library by a hash of the cells, the library's sources and the
 * compiler's version: the checker takes seconds, and most builds change neither.
 */
export function cachedMemberUses(root: string, chapters: readonly (readonly string[])[]): MemberUse[][] {
  const hash = createHash("sha256").update(ts.version).update(JSON.stringify(chapters));
  for (const file of librarySources(root)) hash.update(file).update(readFileSync(join(root, file)));
  const dir = join(root, "node_modules", ".cache", "library");
  const file = join(dir, `member-uses-${hash.digest("hex").slice(0, 32)}.json`);
  try {
    return JSON.parse(readFileSync(file, "utf8")) as MemberUse[][];
  } catch {
    // not computed yet for these sources
  }
  const uses = memberUses(root, chapters);
  mkdirSync(dir, { recursive: true });
  // A temporary name of its own: a build and tests (processes or threads) may write the same entry at once.
  const partial = `${file}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(partial, JSON.stringify(uses));
  renameSync(partial, file);
  return uses;
}
