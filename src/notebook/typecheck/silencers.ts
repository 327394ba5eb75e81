// What in a cell could only silence the checker instead of satisfying it: `any`, a type assertion other than
// `as const`, and @ts-ignore / @ts-expect-error / @ts-nocheck. A non-null `!` is not counted: under
// noUncheckedIndexedAccess, `xs[i]!` is how the library itself says an index is in range.
import ts from "typescript";

export interface Silencer {
  /** 1-based, in the cell. */
  line: number;
  what: string;
  /** A comment on the same line or the line above that says why, starting with "because"; else null. */
  justification: string | null;
}

const DIRECTIVE = /@ts-(ignore|expect-error|nocheck)\b/;

export function silencers(code: string): Silencer[] {
  const file = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.ESNext, true, ts.ScriptKind.TS);
  const lines = code.split("\n");
  const commentOn = (line: number): string | null => {
    for (const l of [line, line - 1]) {
      const text = lines[l - 1] ?? "";
      const comment = /\/\/\s*(because\b.*)$/i.exec(text);
      if (comment) return comment[1]!.trim();
    }
    return null;
  };
  const found: Silencer[] = [];
  const add = (pos: number, what: string): void => {
    const line = file.getLineAndCharacterOfPosition(pos).line + 1;
    found.push({ line, what, justification: commentOn(line) });
  };
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) add(node.getStart(file), "any");
    if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) {
      const type = node.type;
      const isConst = ts.isTypeReferenceNode(type) && type.typeName.getText(file) === "const";
      if (!isConst) add(node.getStart(file), `a type assertion to ${type.getText(file)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  lines.forEach((text, i) => {
    const match = DIRECTIVE.exec(text);
    if (match) found.push({ line: i + 1, what: `@ts-${match[1]}`, justification: null });
  });
  return found;
}
