// Equation ↔ code links at build: MDX through the pipeline the site uses (remark-math, the cells plugin,
// rehype-katex, then ours), the linked equations read back as HTML with linkedom.
import { compile } from "@mdx-js/mdx";
import { toHtml } from "hast-util-to-html";
import { parseHTML } from "linkedom";
import rehypeKatex from "rehype-katex";
import remarkMath from "remark-math";
import { describe, expect, it } from "vitest";
import rehypeEqlinks from "../../src/eqlink/rehype-eqlinks.ts";
import remarkCells from "../../src/notebook/remark-cells.ts";

interface Node {
  type: string;
  name?: string;
  value?: string;
  properties?: { className?: string[] };
  children?: Node[];
}

/** The page's top-level nodes and its display equations as DOM elements. */
async function render(mdx: string) {
  let tree: Node = { type: "root" };
  await compile(
    { value: mdx, path: "/site/content/06-test.mdx" },
    {
      remarkPlugins: [remarkMath, [remarkCells, { run: false }]],
      rehypePlugins: [
        [rehypeKatex, { output: "htmlAndMathml" }],
        rehypeEqlinks,
        () => (t: Node) => void (tree = structuredClone(t)),
      ],
    },
  );
  const displays = (tree.children ?? []).filter((n) => n.properties?.className?.includes("katex-display"));
  const { document } = parseHTML(`<body>${displays.map((d) => toHtml(d as never)).join("")}</body>`);
  const equations = Array.from(document.querySelectorAll(".katex-display")) as HTMLElement[];
  return { nodes: tree.children ?? [], equations };
}

const cell = (code: string) => "```ts cell\n" + code + "\n```\n";

/** A button's accessible name: its aria-label, or else the text of its content not hidden (a fraction's words). */
const nameOf = (el: Element): string | null =>
  el.getAttribute("role") !== "button"
    ? null
    : (el.getAttribute("aria-label") ??
      Array.from(el.children)
        .filter((c) => c.getAttribute("aria-hidden") !== "true")
        .map((c) => c.textContent)
        .join(""));

/** [data-eq-sym, accessible name or null, tabindex or null] of each linked symbol of an equation. */
const symbols = (eq: Element) =>
  Array.from(eq.querySelectorAll(".eq-sym"), (s) => [
    s.getAttribute("data-eq-sym"),
    nameOf(s),
    s.getAttribute("tabindex"),
  ]);

describe("rehypeEqlinks()", () => {
  it("links each symbol of an equation that the next cell's code names, one button per name", async () => {
    const { equations } = await render(
      `$$\nS = X W + b, \\quad S_{ij} = X_{il} W_{lj} + b_j\n$$\n\n${cell("const S = addRowVector(matmul(X, W), b); // (m, k)")}`,
    );
    const [eq] = equations;
    expect(eq!.dataset).toMatchObject({ eqCell: "06-test-1", eqNames: "S X W b" });
    expect(symbols(eq!)).toEqual([
      ["S", "S in cell 1", "0"],
      ["X", "X in cell 1", "-1"],
      ["W", "W in cell 1", "-1"],
      ["b", "b in cell 1", "-1"],
      ["S", null, null],
      ["X", null, null],
      ["W", null, null],
      ["b", null, null],
    ]);
    expect(eq!.querySelectorAll('.eq-sym[role="button"]')).toHaveLength(4);
  });

  it("marks a symbol with scripts whole (W_{l+1}^⊤), and leaves the scripts' letters alone", async () => {
    const { equations } = await render(`$$\nW_{l+1}^\\top\n$$\n\n${cell("const W = 1; const l = 2;")}`);
    const sym = equations[0]!.querySelector(".eq-sym")!;
    expect(sym.querySelector(".msupsub")).not.toBeNull();
    expect(sym.textContent).toContain("W");
    expect(symbols(equations[0]!).map(([name]) => name)).toEqual(["W"]);
  });

  it("reads a numbered symbol as the numbered name (W_1 → W1), and links it to nothing else", async () => {
    const { equations } = await render(
      `$$\n(X W_1 + b_1) W_2 + b_2 = X W\n$$\n\n${cell("const W1 = 1, b1 = 2, W2 = 3, b2 = 4;\nconst W = W1 * W2;")}`,
    );
    expect(equations[0]!.dataset.eqNames).toBe("W1 b1 W2 b2 W");
    const alone = await render(`$$\nW_1 + W\n$$\n\n${cell("const W = 1;")}`);
    expect(symbols(alone.equations[0]!).map(([name]) => name)).toEqual(["W"]);
    expect(alone.equations[0]!.querySelector(".eq-sym")!.textContent).toBe("W");
  });

  it("spells Greek letters as the code does (δ → delta, η → eta) and reads ∂E/∂W as dW", async () => {
    const { equations } = await render(
      `$$\n\\frac{\\partial E}{\\partial W_l} = A_{l-1}^\\top \\delta_l, \\quad W \\leftarrow W - \\eta \\frac{\\partial E}{\\partial W}\n$$\n\n` +
        cell("const dW = matmulTransA(A, delta);\nW = sub(W, scale(dW, eta));"),
    );
    const linked = symbols(equations[0]!);
    expect(linked.filter(([, label]) => label !== null)).toEqual([
      ["dW", "partial E over partial W l, dW in cell 1", "0"],
      ["A", "Al−1⊤, A in cell 1", "-1"],
      ["delta", "δl, delta in cell 1", "-1"],
      ["W", "W in cell 1", "-1"],
      ["eta", "η, eta in cell 1", "-1"],
    ]);
    // Each symbol's name starts with the text it shows (label in name, WCAG 2.5.3); a fraction, whose text
    // runs denominator first ("∂Wl∂E"), is named by words in it, its KaTeX parts hidden.
    for (const b of Array.from(equations[0]!.querySelectorAll('[role="button"]'))) {
      const label = b.getAttribute("aria-label");
      if (label !== null) expect(label.startsWith(b.textContent!.replaceAll("\u200b", ""))).toBe(true);
      else {
        const shown = Array.from(b.children).filter((c) => c.getAttribute("aria-hidden") !== "true");
        expect(shown.map((c) => c.className)).toEqual(["sr-only"]);
      }
    }
    // The W inside each ∂E/∂W is the gradient's, not a link to W of its own.
    const fractions = Array.from(equations[0]!.querySelectorAll('.eq-sym[data-eq-sym="dW"]'));
    expect(fractions).toHaveLength(2);
    for (const f of fractions) expect(f.querySelector('.eq-sym[data-eq-sym="W"]')).toBeNull();
  });

  it("reads each derivative's fraction aloud numerator first: ∂L/∂A, dE/dW, ∂E/∂W₁₂, ∂E/∂b_{l−1}", async () => {
    const { equations } = await render(
      `$$\n\\frac{\\partial L}{\\partial A} + \\frac{dE}{dW} + \\frac{\\partial E}{\\partial W_{12}} + \\frac{\\partial E}{\\partial b_{l-1}} + \\frac{\\partial E}{\\partial \\delta}\n$$\n\n` +
        cell("const dA = 1, dW = 2, dW12 = 3, db = 4, ddelta = 5;"),
    );
    expect(symbols(equations[0]!).map(([name, label]) => [name, label])).toEqual([
      ["dA", "partial L over partial A, dA in cell 1"],
      ["dW", "d E over d W, dW in cell 1"],
      ["dW", null],
      ["db", "partial E over partial b l minus 1, db in cell 1"],
      ["ddelta", "partial E over partial delta, ddelta in cell 1"],
    ]);
  });

  it("links only names the code uses outside comments and strings, and never e, i, j or an accented ŷ", async () => {
    const { equations } = await render(
      `$$\nP = e^{S} + X + \\hat{y} + y + i\n$$\n\n${cell('// X is the input\nconst P = "X";\nconst e = 1, i = 2, y = 3;')}`,
    );
    expect(equations[0]!.dataset.eqNames).toBe("P y");
  });

  it("keeps KaTeX's HTML hidden from assistive technology except the symbols' buttons", async () => {
    const { equations } = await render(`$$\nS = X W + b\n$$\n\n${cell("const S = X;")}`);
    const html = equations[0]!.querySelector(".katex-html")!;
    expect(html.getAttribute("aria-hidden")).toBeNull();
    expect(html.getAttribute("role")).toBe("group");
    expect(html.getAttribute("aria-label")).toBe(
      "Symbols in the code of cell 1 (arrow keys move between them)",
    );
    // Every element is a button, inside a button, on the way to a button, or hidden (itself or an ancestor).
    for (const el of Array.from(html.querySelectorAll("*"))) {
      const exposed =
        el.closest('[role="button"]') !== null ||
        el.querySelector('[role="button"]') !== null ||
        el.closest('[aria-hidden="true"]') !== null;
      expect(exposed, el.outerHTML.slice(0, 80)).toBe(true);
    }
    expect(html.querySelectorAll('[aria-hidden="true"] [role="button"]')).toHaveLength(0);
    expect(html.textContent).toContain("+"); // hidden, not removed
  });

  it("pairs an equation with the first cell after it in its section: equations in a row share it", async () => {
    const { equations } = await render(
      `$$\nX\n$$\n\n$$\nW\n$$\n\nText.\n\n${cell("const X = 1, W = 2;")}\n## Next\n\n$$\nX\n$$\n\n## After\n\n${cell("const X = 3;")}\n$$\nX\n$$\n`,
    );
    expect(equations.map((eq) => eq.dataset.eqCell ?? null)).toEqual(["06-test-1", "06-test-1", null, null]);
  });

  it("adds the page script (components/EqLinks.astro) only to a page with links", async () => {
    const withLinks = await render(`$$\nX\n$$\n\n${cell("const X = 1;")}`);
    expect(withLinks.nodes[0]).toMatchObject({ type: "mdxjsEsm" });
    expect(withLinks.nodes[0]!.value).toMatch(/^import EqLinks from ".*\/components\/EqLinks\.astro";$/);
    expect(withLinks.nodes.at(-1)).toMatchObject({ type: "mdxJsxFlowElement", name: "EqLinks" });
    const without = await render(`$$\nQ\n$$\n\n${cell("const X = 1;")}`);
    expect(without.nodes.filter((n) => n.name === "EqLinks" || /EqLinks/.test(n.value ?? ""))).toEqual([]);
  });
});
