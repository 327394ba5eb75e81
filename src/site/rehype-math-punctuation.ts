// Inline math keeps the punctuation around it on its line. A browser may break a line right after an inline
// KaTeX box, as after a word, so "… the sum $S$:" could leave the ":" alone at the start of the next line.
// This plugin (after rehype-katex) puts each inline formula, with the punctuation right after it (and an
// opening bracket or quote right before it), into one <span class="math-nowrap"> (white-space: nowrap).
import type { Element, ElementContent, Root, Text } from "hast";

const AFTER = /^[.,;:!?)\]’”…]+/u;
const BEFORE = /[([‘“]+$/u;

function isInlineMath(node: ElementContent | undefined): node is Element {
  if (node?.type !== "element" || node.tagName !== "span") return false;
  const value: unknown = node.properties["className"];
  const classes = Array.isArray(value) ? value.map(String) : String(value ?? "").split(/\s+/);
  return classes.includes("katex");
}

const text = (value: string): Text => ({ type: "text", value });

/** The children of one element with every inline formula and its punctuation wrapped. */
function wrapChildren(children: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!;
    if (!isInlineMath(node)) {
      out.push(node);
      continue;
    }
    const before = out.at(-1);
    const opening = before?.type === "text" ? (BEFORE.exec(before.value)?.[0] ?? "") : "";
    const next = children[i + 1];
    const closing = next?.type === "text" ? (AFTER.exec(next.value)?.[0] ?? "") : "";
    if (!opening && !closing) {
      out.push(node);
      continue;
    }
    if (opening && before?.type === "text") {
      before.value = before.value.slice(0, -opening.length);
      if (before.value === "") out.pop();
    }
    const parts: ElementContent[] = [
      ...(opening ? [text(opening)] : []),
      node,
      ...(closing ? [text(closing)] : []),
    ];
    out.push({
      type: "element",
      tagName: "span",
      properties: { className: ["math-nowrap"] },
      children: parts,
    });
    if (closing && next?.type === "text") {
      const rest = next.value.slice(closing.length);
      if (rest) out.push(text(rest));
      i++; // the text after the formula is consumed
    }
  }
  return out;
}

function visit(node: Root | Element): void {
  if (node.type === "element" && isInlineMath(node)) return; // inside a formula: nothing to do
  for (const child of node.children) if (child.type === "element") visit(child);
  node.children = wrapChildren(node.children as ElementContent[]) as typeof node.children;
}

/** The rehype plugin. */
export default function rehypeMathPunctuation() {
  return (tree: Root): void => visit(tree);
}
