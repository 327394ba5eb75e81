// The tests that hold the speed code equal to the plain loops, as the speed page lists them: the titles of
// the `it(…)` calls in test/mlp/fast (test/mlp's kernel tests before the move), read with the TypeScript
// parser, each under its `describe(…)`. A title built in a loop shows "…" for what varies.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

export interface TestTitle {
  /** The test file, relative to the root. */
  file: string;
  title: string;
}

const DIRS = ["test/mlp/fast"];
const FALLBACK = ["test/mlp/kernels.test.ts", "test/mlp/wat.test.ts"];

function literalText(node: ts.Node, sf: ts.SourceFile): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return node.head.text + node.templateSpans.map((s) => `…${s.literal.text}`).join("");
  }
  return node.getText(sf);
}

/** The `describe › it` titles of one test file's source. */
export function testTitles(source: string): string[] {
  const sf = ts.createSourceFile("t.ts", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const titles: string[] = [];
  const visit = (node: ts.Node, within: string[]): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.arguments[0]) {
      const callee = node.expression.text;
      const title = literalText(node.arguments[0], sf);
      if ((callee === "it" || callee === "test") && title !== null) {
        titles.push([...within, title].join(" › "));
        return;
      }
      if (callee === "describe" && title !== null) {
        ts.forEachChild(node, (child) => visit(child, [...within, title]));
        return;
      }
    }
    ts.forEachChild(node, (child) => visit(child, within));
  };
  visit(sf, []);
  return titles;
}

export function equalityTests(root: string): TestTitle[] {
  const dir = DIRS.find((d) => existsSync(join(root, d)));
  const files = dir
    ? readdirSync(join(root, dir))
        .filter((f) => f.endsWith(".test.ts"))
        .sort()
        .map((f) => `${dir}/${f}`)
    : FALLBACK.filter((f) => existsSync(join(root, f)));
  return files.flatMap((file) =>
    testTitles(readFileSync(join(root, file), "utf8")).map((title) => ({ file, title })),
  );
}
