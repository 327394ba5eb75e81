// The notebook rewrite of one cell's JavaScript: its top-level names become properties of a scope object that
// all cells of a chapter share, its imports become awaits of the host's module resolver, and its last
// expression is returned. Edits are offsets in the parsed text, so lines never move.
import type {
  AnonymousClassDeclaration,
  AnyNode,
  ClassDeclaration,
  ClassExpression,
  Function as FunctionNode,
  Identifier,
  ImportDeclaration,
  Pattern,
  Program,
  Statement,
  ModuleDeclaration,
  VariableDeclaration,
} from "acorn";
import type { Edits } from "./edits.ts";
import { GLOBALS } from "./globals.ts";
import { Scope, children, lexicalNames, patternNames, varNames } from "./scopes.ts";

/** The parameters of the function a cell becomes: the shared scope and the module resolver. */
export const SCOPE = "$scope";
export const IMPORT = "$import";

export class RewriteError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = "SyntaxError";
    this.offset = offset;
  }
}

type PatternMode = "local" | "cell" | "assign";
type Where = "list" | "statement" | "for-init" | "for-left";

class Rewriter {
  readonly #edits: Edits;
  readonly #source: string;
  readonly #cell: Scope;
  // Scopes that are function bodies: a `var` inside stops there instead of reaching the cell.
  readonly #functionScopes = new WeakSet<Scope>();
  /** Notebook names the cell reads (or assigns), anywhere in it, its own included. */
  readonly reads = new Set<string>();
  /** Notebook names the cell assigns without declaring them (`x = …` of a `let` above). */
  readonly assigns = new Set<string>();

  constructor(edits: Edits, source: string, cell: Scope) {
    this.#edits = edits;
    this.#source = source;
    this.#cell = cell;
  }

  /** A name that lives in the notebook scope here: declared by the cell, or free and not a host global. */
  #inCell(name: string, scope: Scope): boolean {
    return !scope.isLocal(name) && (this.#cell.names.has(name) || !GLOBALS.has(name));
  }

  #varReachesCell(scope: Scope): boolean {
    for (let s: Scope | null = scope; s; s = s.parent) if (this.#functionScopes.has(s)) return false;
    return true;
  }

  statements(body: readonly (Statement | ModuleDeclaration)[], scope: Scope): void {
    for (const s of body) this.statement(s, scope, "list");
  }

  statement(node: Statement | ModuleDeclaration, scope: Scope, where: Where): void {
    switch (node.type) {
      case "VariableDeclaration":
        return this.#declaration(node, scope, where);
      case "ClassDeclaration":
        return this.#class(node, scope, scope === this.#cell);
      case "ImportDeclaration":
        return this.#import(node);
      case "ExportNamedDeclaration":
      case "ExportDefaultDeclaration":
      case "ExportAllDeclaration":
        throw new RewriteError(
          "export is not supported in a cell: top-level names are already shared",
          node.start,
        );
      default:
        return this.visit(node, scope);
    }
  }

  visit(node: AnyNode, scope: Scope): void {
    switch (node.type) {
      case "Identifier":
        if (this.#inCell(node.name, scope)) {
          this.reads.add(node.name);
          this.#edits.open(node.start, `${SCOPE}.`);
        }
        return;
      case "AssignmentExpression":
      case "UpdateExpression": {
        const target = node.type === "AssignmentExpression" ? node.left : node.argument;
        if (target.type === "Identifier" && this.#inCell(target.name, scope)) this.assigns.add(target.name);
        for (const child of children(node)) this.visit(child, scope);
        return;
      }
      case "MemberExpression":
        this.visit(node.object, scope);
        if (node.computed) this.visit(node.property, scope);
        return;
      case "Property":
        if (node.computed) this.visit(node.key, scope);
        if (node.shorthand && node.value.type === "Identifier")
          return this.#shorthand(node.value, scope, "assign");
        return this.visit(node.value, scope);
      case "MethodDefinition":
      case "PropertyDefinition":
        if (node.computed) this.visit(node.key, scope);
        if (node.value) this.visit(node.value, scope);
        return;
      case "LabeledStatement":
        return this.statement(node.body, scope, "statement");
      case "BreakStatement":
      case "ContinueStatement":
      case "MetaProperty":
        return;
      case "ImportExpression":
        // import("mlp") goes through the same resolver as a static import.
        this.#edits.replace(node.start, node.start + "import".length, IMPORT);
        return this.visit(node.source, scope);
      case "UnaryExpression":
        if (node.operator === "typeof" && node.argument.type === "Identifier") {
          const { name } = node.argument;
          if (this.#inCell(name, scope)) this.reads.add(name);
          if (this.#inCell(name, scope) && !this.#cell.names.has(name)) {
            // A free name may be undefined; `typeof` must not throw the scope's ReferenceError.
            const safe = `(${JSON.stringify(name)} in ${SCOPE} ? typeof ${SCOPE}.${name} : "undefined")`;
            this.#edits.replace(node.start, node.end, safe);
            return;
          }
        }
        return this.visit(node.argument, scope);
      case "ObjectPattern":
      case "ArrayPattern":
      case "AssignmentPattern":
      case "RestElement":
        return this.#pattern(node, scope, "assign");
      case "FunctionDeclaration":
      case "FunctionExpression":
      case "ArrowFunctionExpression":
        return this.#function(node, scope);
      case "ClassDeclaration":
      case "ClassExpression":
        return this.#class(node, scope, false);
      case "BlockStatement":
      case "StaticBlock":
        return this.#block(node.body, scope);
      case "ForStatement": {
        const inner = this.#loopScope(node.init, scope);
        if (node.init?.type === "VariableDeclaration") this.#declaration(node.init, inner, "for-init");
        else if (node.init) this.visit(node.init, inner);
        if (node.test) this.visit(node.test, inner);
        if (node.update) this.visit(node.update, inner);
        return this.statement(node.body, inner, "statement");
      }
      case "ForInStatement":
      case "ForOfStatement": {
        const inner = this.#loopScope(node.left, scope);
        this.visit(node.right, scope);
        if (node.left.type === "VariableDeclaration") this.#declaration(node.left, inner, "for-left");
        else this.visit(node.left, inner);
        return this.statement(node.body, inner, "statement");
      }
      case "SwitchStatement": {
        this.visit(node.discriminant, scope);
        const inner = new Scope(lexicalNames(node.cases.flatMap((c) => c.consequent)), scope);
        for (const c of node.cases) {
          if (c.test) this.visit(c.test, inner);
          for (const s of c.consequent) this.statement(s, inner, "list");
        }
        return;
      }
      case "CatchClause": {
        const inner = new Scope(node.param ? patternNames(node.param) : [], scope);
        if (node.param) this.#pattern(node.param, inner, "local");
        return this.#block(node.body.body, inner);
      }
      case "IfStatement":
        this.visit(node.test, scope);
        this.statement(node.consequent, scope, "statement");
        if (node.alternate) this.statement(node.alternate, scope, "statement");
        return;
      case "WhileStatement":
      case "DoWhileStatement":
        this.visit(node.test, scope);
        return this.statement(node.body, scope, "statement");
      case "VariableDeclaration":
        return this.#declaration(node, scope, "statement");
      case "ImportDeclaration":
      case "ExportNamedDeclaration":
      case "ExportDefaultDeclaration":
      case "ExportAllDeclaration":
        return this.statement(node, scope, "list");
      default:
        for (const child of children(node)) this.visit(child, scope);
    }
  }

  #block(body: readonly Statement[], scope: Scope): void {
    const inner = new Scope(lexicalNames(body), scope);
    for (const s of body) this.statement(s, inner, "list");
  }

  #loopScope(head: AnyNode | null | undefined, scope: Scope): Scope {
    const lexical = head?.type === "VariableDeclaration" && head.kind !== "var";
    return new Scope(lexical ? head.declarations.flatMap((d) => patternNames(d.id)) : [], scope);
  }

  #function(node: FunctionNode & AnyNode, scope: Scope): void {
    const names = node.params.flatMap((p) => patternNames(p));
    if (node.type !== "ArrowFunctionExpression") names.push("arguments");
    if (node.type === "FunctionExpression" && node.id) names.push(node.id.name);
    if (node.body.type === "BlockStatement")
      names.push(...varNames(node.body), ...lexicalNames(node.body.body));
    const inner = new Scope(names, scope);
    this.#functionScopes.add(inner);
    for (const p of node.params) this.#pattern(p, inner, "local");
    if (node.body.type === "BlockStatement") for (const s of node.body.body) this.statement(s, inner, "list");
    else this.visit(node.body, inner);
  }

  #class(
    node: ClassDeclaration | ClassExpression | AnonymousClassDeclaration,
    scope: Scope,
    topLevel: boolean,
  ): void {
    if (node.superClass) this.visit(node.superClass, scope);
    const inner = new Scope(node.id ? [node.id.name] : [], scope);
    for (const member of node.body.body) this.visit(member, inner);
    if (topLevel && node.id) {
      // `class C {}` → `$scope.C = class C {};`: the class keeps its own name inside its body.
      this.#edits.open(node.start, `${SCOPE}.${node.id.name} = `);
      this.#edits.close(node.end, ";");
    }
  }

  /** `{ a }` → `{ a: $scope.a }` where `a` lives in the notebook scope. */
  #shorthand(id: Identifier, scope: Scope, mode: PatternMode): void {
    const toCell = mode === "cell" || (mode === "assign" && this.#inCell(id.name, scope));
    if (toCell && mode === "assign") this.reads.add(id.name);
    if (toCell) this.#edits.replace(id.start, id.end, `${id.name}: ${SCOPE}.${id.name}`);
  }

  #pattern(node: Pattern, scope: Scope, mode: PatternMode): void {
    switch (node.type) {
      case "Identifier":
        if (mode === "cell" || (mode === "assign" && this.#inCell(node.name, scope))) {
          if (mode === "assign") this.reads.add(node.name);
          this.#edits.open(node.start, `${SCOPE}.`);
        }
        return;
      case "ObjectPattern":
        for (const p of node.properties) {
          if (p.type === "RestElement") {
            this.#pattern(p, scope, mode);
            continue;
          }
          if (p.computed) this.visit(p.key, scope);
          const value = p.value as Pattern;
          if (p.shorthand && value.type === "Identifier") this.#shorthand(value, scope, mode);
          else if (p.shorthand && value.type === "AssignmentPattern" && value.left.type === "Identifier") {
            this.#shorthand(value.left, scope, mode);
            this.visit(value.right, scope);
          } else this.#pattern(value, scope, mode);
        }
        return;
      case "ArrayPattern":
        for (const e of node.elements) if (e) this.#pattern(e, scope, mode);
        return;
      case "AssignmentPattern":
        this.#pattern(node.left, scope, mode);
        return this.visit(node.right, scope);
      case "RestElement":
        return this.#pattern(node.argument, scope, mode);
      case "MemberExpression":
        return this.visit(node, scope);
    }
  }

  #declaration(node: VariableDeclaration, scope: Scope, where: Where): void {
    const toCell = scope === this.#cell || (node.kind === "var" && this.#varReachesCell(scope));
    if (!toCell) {
      for (const d of node.declarations) {
        this.#pattern(d.id, scope, "local");
        if (d.init) this.visit(d.init, scope);
      }
      return;
    }
    if (node.kind !== "var" && node.kind !== "let" && node.kind !== "const") {
      throw new RewriteError(`'${node.kind}' is not supported at the top level of a cell`, node.start);
    }
    // `const a = 1, { b } = o` → `$scope.a = 1, ({ b: $scope.b } = o)`
    const first = node.declarations[0]!;
    const isPattern = (d: typeof first): boolean => d.id.type !== "Identifier";
    const gap = this.#source.slice(node.start + node.kind.length, first.start);
    const keywordEnd = gap.includes("\n") ? node.start + node.kind.length : first.start;
    // A leading `(` or `[` must not continue the previous statement.
    const guard = where === "list" && isPattern(first) ? ";" : "";
    this.#edits.replace(node.start, keywordEnd, guard);
    // Closers are placed innermost first, so outer ones are added before visiting what they enclose.
    const last = node.declarations.at(-1)!;
    if ((where === "list" || where === "statement") && this.#source[node.end - 1] !== ";") {
      this.#edits.close(last.end, ";");
    }
    for (const d of node.declarations) {
      if (isPattern(d) && where !== "for-left") {
        this.#edits.open(d.start, "(");
        this.#edits.close(d.end, ")");
      }
      if (!d.init && where !== "for-left") this.#edits.close(d.id.end, " = undefined");
      this.#pattern(d.id, scope, "cell");
      if (d.init) this.visit(d.init, scope);
    }
  }

  #import(node: ImportDeclaration): void {
    const load = `await ${IMPORT}(${JSON.stringify(node.source.value)})`;
    const key = (spec: ImportDeclaration["specifiers"][number]): string =>
      spec.type === "ImportDefaultSpecifier"
        ? "default"
        : spec.type === "ImportSpecifier"
          ? spec.imported.type === "Identifier"
            ? spec.imported.name
            : JSON.stringify(spec.imported.value)
          : "";
    const namespace = node.specifiers.find((s) => s.type === "ImportNamespaceSpecifier");
    const named = node.specifiers.filter((s) => s.type !== "ImportNamespaceSpecifier");
    const target = (name: string): string => `${SCOPE}.${name}`;
    let text: string;
    if (named.length === 0) text = namespace ? `${target(namespace.local.name)} = ${load};` : `${load};`;
    else {
      const fields = named.map((s) => `${key(s)}: ${target(s.local.name)}`).join(", ");
      const value = namespace ? `${target(namespace.local.name)} = ${load}` : load;
      text = `;({ ${fields} } = ${value});`;
    }
    const lines = this.#source.slice(node.start, node.end).split("\n").length - 1;
    this.#edits.replace(node.start, node.end, text + "\n".repeat(lines));
  }
}

/**
 * Rewrites a parsed cell in `edits` and returns the names it declares at top level. The result, once
 * applied, is the body of `async function ($scope, $import) { … }`.
 */
export function rewriteCell(
  program: Program,
  source: string,
  edits: Edits,
): { declared: string[]; reads: string[]; assigns: string[] } {
  const declared = [...new Set([...lexicalNames(program.body), ...varNames(program)])];
  const cell = new Scope(declared, null);
  const hoisted = program.body.flatMap((s) => (s.type === "FunctionDeclaration" && s.id ? [s.id.name] : []));
  edits.open(0, `(async function (${SCOPE}, ${IMPORT}) { "use strict"; `);
  // Function declarations hoist: they are bound before the first statement runs, as in a module.
  for (const name of hoisted) edits.open(0, `${SCOPE}.${name} = ${name}; `);
  // An insertion, not a closer: closers at an offset go before openers, and in an empty cell the opener above
  // is at the same offset 0.
  edits.replace(source.length, source.length, "\n})");
  const last = program.body.at(-1);
  if (last?.type === "ExpressionStatement") {
    edits.open(last.start, "return (");
    edits.close(source[last.end - 1] === ";" ? last.end - 1 : last.end, ")");
  }
  const rewriter = new Rewriter(edits, source, cell);
  rewriter.statements(program.body, cell);
  const own = new Set(declared);
  return {
    declared,
    reads: [...rewriter.reads].filter((name) => !own.has(name)),
    assigns: [...rewriter.assigns].filter((name) => !own.has(name)),
  };
}
