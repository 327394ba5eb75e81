// Which names a piece of JavaScript declares, and where: the lexical scoping rules the cell transform needs to
// tell a cell's top-level names (shared by the notebook) from the locals of its functions and blocks.
import type { AnyNode, Pattern, Statement, ModuleDeclaration } from "acorn";

export function isNode(value: unknown): value is AnyNode {
  return (
    typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string"
  );
}

/** The child nodes of a node, in source order. */
export function children(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === "loc" || key === "range") continue;
    if (Array.isArray(value)) for (const item of value) if (isNode(item)) out.push(item);
    if (isNode(value)) out.push(value);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The identifiers a binding pattern declares: `{ a, b: [c, ...d], e = 1 }` → a, c, d, e. */
export function patternNames(pattern: Pattern, out: string[] = []): string[] {
  switch (pattern.type) {
    case "Identifier":
      out.push(pattern.name);
      break;
    case "ObjectPattern":
      for (const p of pattern.properties) patternNames(p.type === "Property" ? (p.value as Pattern) : p, out);
      break;
    case "ArrayPattern":
      for (const e of pattern.elements) if (e) patternNames(e, out);
      break;
    case "AssignmentPattern":
      patternNames(pattern.left, out);
      break;
    case "RestElement":
      patternNames(pattern.argument, out);
      break;
    default: // MemberExpression: an assignment target, not a declaration
      break;
  }
  return out;
}

function isFunction(node: AnyNode): boolean {
  return (
    node.type === "FunctionDeclaration" ||
    node.type === "FunctionExpression" ||
    node.type === "ArrowFunctionExpression"
  );
}

/** `var` names anywhere under `node` that hoist to its function (not those of nested functions). */
export function varNames(node: AnyNode, out: string[] = []): string[] {
  for (const child of children(node)) {
    if (isFunction(child)) continue;
    if (child.type === "VariableDeclaration" && child.kind === "var") {
      for (const d of child.declarations) patternNames(d.id, out);
    }
    varNames(child, out);
  }
  return out;
}

/** Names a statement list declares for its own block: let, const, class, and (in strict code) functions. */
export function lexicalNames(body: readonly (Statement | ModuleDeclaration)[]): string[] {
  const out: string[] = [];
  for (const s of body) {
    if (s.type === "VariableDeclaration" && s.kind !== "var")
      for (const d of s.declarations) patternNames(d.id, out);
    if ((s.type === "FunctionDeclaration" || s.type === "ClassDeclaration") && s.id) out.push(s.id.name);
    if (s.type === "ImportDeclaration") for (const spec of s.specifiers) out.push(spec.local.name);
  }
  return out;
}

/** A chain of scopes; the outermost (parent null) is the cell's top level. */
export class Scope {
  readonly names: Set<string>;
  readonly parent: Scope | null;

  constructor(names: Iterable<string>, parent: Scope | null) {
    this.names = new Set(names);
    this.parent = parent;
  }

  /** True when `name` is declared by this scope or one inside the cell's top level (a local). */
  isLocal(name: string): boolean {
    if (!this.parent) return false;
    return this.names.has(name) || this.parent.isLocal(name);
  }
}
