// The top-level names a cell declares, read with TypeScript's own parser: what the notebook shares with later
// cells. Each name says whether it is a type only (interface, type alias, `import type`), which a later cell
// must import as a type, and whether it can be assigned (`let`, `var`), which an import cannot.
import ts from "typescript";

export interface CellName {
  name: string;
  /** Declared by `let` or `var`: a later cell may assign it. */
  assignable: boolean;
  /** An interface, type alias or type-only import: no value at run time. */
  typeOnly: boolean;
}

function bindingNames(name: ts.BindingName, out: string[] = []): string[] {
  if (ts.isIdentifier(name)) out.push(name.text);
  else
    for (const element of name.elements)
      if (!ts.isOmittedExpression(element)) bindingNames(element.name, out);
  return out;
}

function importNames(node: ts.ImportDeclaration): CellName[] {
  const clause = node.importClause;
  if (!clause) return [];
  const typeOnly = clause.isTypeOnly;
  const out: CellName[] = [];
  if (clause.name) out.push({ name: clause.name.text, assignable: false, typeOnly });
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) {
    out.push({ name: bindings.name.text, assignable: false, typeOnly });
  } else if (bindings) {
    for (const e of bindings.elements) {
      out.push({ name: e.name.text, assignable: false, typeOnly: typeOnly || e.isTypeOnly });
    }
  }
  return out;
}

/** The names a parsed cell declares at its top level, in order; a name declared twice is listed once. */
export function cellNames(file: ts.SourceFile): CellName[] {
  const out = new Map<string, CellName>();
  const add = (n: CellName): void => {
    const seen = out.get(n.name);
    // A function and an interface of one name merge: the name is a value as soon as one part is.
    out.set(n.name, seen ? { ...n, typeOnly: seen.typeOnly && n.typeOnly } : n);
  };
  for (const s of file.statements) {
    if (ts.isVariableStatement(s)) {
      const assignable = !(s.declarationList.flags & ts.NodeFlags.Const);
      for (const d of s.declarationList.declarations) {
        for (const name of bindingNames(d.name)) add({ name, assignable, typeOnly: false });
      }
    } else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) {
      add({ name: s.name.text, assignable: false, typeOnly: false });
    } else if ((ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name) {
      add({ name: s.name.text, assignable: false, typeOnly: true });
    } else if (ts.isImportDeclaration(s)) {
      for (const n of importNames(s)) add(n);
    }
  }
  return [...out.values()];
}
