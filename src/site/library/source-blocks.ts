// A library file cut into what its page shows: the opening comment as the introduction, then blocks of
// code in file order, each top-level declaration (and each documented method of a class) with its doc
// comment lifted out as prose. The TypeScript compiler's parser finds the declarations, their doc comments
// and their lines; nothing here parses TypeScript by hand.
import ts from "typescript";

export interface Block {
  /** 1-based lines of the code shown, in the file (doc comment lines excluded). */
  from: number;
  to: number;
  /** The doc comment's text (without its delimiters) and its first line, when the declaration has one. */
  doc: { text: string; line: number } | null;
  /** The declared name (`Dense`, `Dense.backwardInto`), or null for imports and statements. */
  name: string | null;
  /** True when the top-level declaration is exported. */
  exported: boolean;
  /** The line a link to this block lands on: its doc comment's first line, or its code's. */
  anchor: number;
  /** The 1-based line of the declaration's name, and so on (for members, the member's). */
  declarationLine: number;
}

export interface SourceBlocks {
  /** The opening `//` comment, one string per paragraph-free line run, delimiters removed. */
  intro: string;
  /** The lines of the file the intro takes (1-based, inclusive); 0..0 when there is none. */
  introLines: [number, number];
  blocks: Block[];
  lineCount: number;
}

/** The text of a `/** … *\/` comment without its delimiters and leading stars. */
export function docText(comment: string): string {
  return comment
    .replace(/^\/\*\*/, "")
    .replace(/\*\/$/, "")
    .split("\n")
    .map((line) => line.replace(/^\s*\* ?/, "").trimEnd())
    .join("\n")
    .trim();
}

interface Cut {
  /** First line of the block (its doc comment's, or the comments' just above it, or its own). */
  line: number;
  doc: { text: string; from: number; to: number } | null;
  name: string | null;
  exported: boolean;
  declarationLine: number;
}

function isExported(node: ts.Node): boolean {
  return (
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
  );
}

function declaredName(node: ts.Node, sf: ts.SourceFile): string | null {
  if (ts.isVariableStatement(node)) {
    return node.declarationList.declarations.map((d) => d.name.getText(sf)).join(", ");
  }
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const name = (node as { name?: ts.Node }).name;
  return name ? name.getText(sf) : null;
}

export function sourceBlocks(text: string, fileName = "file.ts"): SourceBlocks {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const lineOf = (pos: number): number => sf.getLineAndCharacterOfPosition(pos).line + 1;
  const lines = text.split("\n");
  const lineCount = text.endsWith("\n") ? lines.length - 1 : lines.length;

  // The introduction: the run of `//` lines the file opens with.
  const introComments: string[] = [];
  for (const range of ts.getLeadingCommentRanges(text, 0) ?? []) {
    if (range.kind !== ts.SyntaxKind.SingleLineCommentTrivia) break;
    if (introComments.length > 0 && lineOf(range.pos) !== introComments.length + 1) break;
    introComments.push(text.slice(range.pos + 2, range.end).replace(/^ /, ""));
  }
  const introLines: [number, number] = [introComments.length > 0 ? 1 : 0, introComments.length];

  // Where each declaration's block starts: its doc comment, or the plain comments right above it.
  const cutAt = (node: ts.Node, name: string | null, exported: boolean): Cut => {
    const jsDoc = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc).at(-1);
    const start = node.getStart(sf);
    let line = lineOf(jsDoc ? jsDoc.getStart(sf) : start);
    // Plain comments directly above an undocumented declaration (no blank line between) belong to it.
    const comments = jsDoc ? [] : (ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []);
    for (const c of [...comments].reverse()) {
      const [from, to] = [lineOf(c.pos), lineOf(c.end)];
      if (to < line - 1 || from <= introLines[1]) break;
      line = from;
    }
    return {
      line,
      doc: jsDoc
        ? {
            text: docText(text.slice(jsDoc.getStart(sf), jsDoc.getEnd())),
            from: lineOf(jsDoc.getStart(sf)),
            to: lineOf(jsDoc.getEnd()),
          }
        : null,
      name,
      exported,
      declarationLine: lineOf(start),
    };
  };

  const cuts: Cut[] = [];
  for (const statement of sf.statements) {
    if (ts.isImportDeclaration(statement)) continue;
    const name = declaredName(statement, sf);
    const exported = isExported(statement);
    cuts.push(cutAt(statement, name, exported));
    if (ts.isClassDeclaration(statement) && name) {
      // A class reads as one block per documented method: its doc, then its code.
      for (const member of statement.members) {
        const isCode =
          ts.isMethodDeclaration(member) ||
          ts.isConstructorDeclaration(member) ||
          ts.isGetAccessor(member) ||
          ts.isSetAccessor(member);
        if (!isCode || ts.getJSDocCommentsAndTags(member).filter(ts.isJSDoc).length === 0) continue;
        const memberName = declaredName(member, sf);
        cuts.push(cutAt(member, `${name}.${memberName}`, exported));
      }
    }
  }

  const blocks: Block[] = [];
  const firstCode = introLines[1] + 1;
  const starts = [...cuts.map((c) => c.line)];
  // The lines before the first declaration (imports) are a block of their own.
  if (cuts.length === 0 || cuts[0]!.line > firstCode) {
    blocks.push({
      from: firstCode,
      to: (cuts[0]?.line ?? lineCount + 1) - 1,
      doc: null,
      name: null,
      exported: false,
      anchor: firstCode,
      declarationLine: firstCode,
    });
  }
  cuts.forEach((cut, i) => {
    const end = (starts[i + 1] ?? lineCount + 1) - 1;
    // The doc comment is prose; the code shown starts below it.
    const from = cut.doc && cut.doc.from === cut.line ? cut.doc.to + 1 : cut.line;
    blocks.push({
      from,
      to: end,
      doc: cut.doc ? { text: cut.doc.text, line: cut.doc.from } : null,
      name: cut.name,
      exported: cut.exported,
      anchor: cut.line,
      declarationLine: cut.declarationLine,
    });
  });
  // Blank lines at a block's edges are not shown.
  const blank = (n: number): boolean => (lines[n - 1] ?? "").trim() === "";
  const shown = blocks
    .map((b) => {
      let { from, to } = b;
      while (from <= to && blank(from)) from++;
      while (to >= from && blank(to)) to--;
      // The lines above the first declaration are anchored at their first line that is shown.
      return { ...b, from, to, anchor: b.name === null && !b.doc ? from : b.anchor };
    })
    .filter((b) => b.from <= b.to || b.doc);
  return { intro: introComments.join("\n"), introLines, blocks: shown, lineCount };
}
