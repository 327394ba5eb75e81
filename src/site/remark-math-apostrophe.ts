// An apostrophe right after inline math is an apostrophe: "example $i$'s label". SmartyPants, which curls
// the page's quotes before this plugin runs, sees the "'" at the start of a text and makes it an opening
// quote (‘s). After a formula, a ‘ followed by a letter is turned back into ’.
import type { Root, RootContent } from "mdast";

type Parent = { children: RootContent[] };

function visit(node: Parent): void {
  node.children.forEach((child, i) => {
    const before = node.children[i - 1];
    if (child.type === "text" && before?.type === "inlineMath" && /^[‘'](?=\p{L})/u.test(child.value)) {
      child.value = `’${child.value.slice(1)}`;
    }
    if ("children" in child) visit(child as Parent);
  });
}

/** The remark plugin (after remark-math and SmartyPants). */
export default function remarkMathApostrophe() {
  return (tree: Root): void => visit(tree);
}
