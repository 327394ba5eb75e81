// Equation ↔ code links, made at build with no authoring: each display equation is paired with the first
// cell after it (in the same section), and each symbol of the equation that the cell's code names (W, b, S,
// δ → delta, η → eta, ∂E/∂W → dW; symbols.ts) is marked in KaTeX's HTML. The page script (client.ts, loaded
// through components/EqLinks.astro on pages that have links) marks the same names in the cell's code and
// highlights both sides on hover and focus.
//
// Accessibility: KaTeX hides its HTML from assistive technology (the MathML beside it is what is read). A
// linked equation's HTML becomes a group whose only exposed parts are its symbols, one button per name
// (arrow keys move between them, one Tab stop per equation); everything else in it stays aria-hidden.
import { fileURLToPath } from "node:url";
import { parse } from "acorn";
import { identifierNames } from "./identifiers.ts";
import { LOSS_SYMBOLS, codeName, gradientName, spokenFraction } from "./symbols.ts";

interface HNode {
  type: string;
  tagName?: string;
  name?: string;
  value?: string;
  properties?: Record<string, unknown>;
  attributes?: { type: string; name: string; value?: unknown }[];
  children?: HNode[];
  data?: unknown;
}

const CELL = "NotebookCell";
const COMPONENT = "EqLinks";
const COMPONENT_PATH = fileURLToPath(new URL("../../components/EqLinks.astro", import.meta.url));
/** Letters that are constants or indices when they stand alone: e (Euler's number), i and j. */
const NEVER = new Set(["e", "i", "j"]);

function classes(node: HNode): string[] {
  const c = node.properties?.["className"];
  return Array.isArray(c) ? (c as string[]) : typeof c === "string" ? c.split(/\s+/) : [];
}

function hasClass(node: HNode, name: string): boolean {
  return classes(node).includes(name);
}

function attribute(node: HNode, name: string): string | undefined {
  const value = node.attributes?.find((a) => a.name === name)?.value;
  return typeof value === "string" ? value : undefined;
}

function find(node: HNode, test: (n: HNode) => boolean): HNode | undefined {
  if (test(node)) return node;
  for (const child of node.children ?? []) {
    const found = find(child, test);
    if (found) return found;
  }
  return undefined;
}

/** The texts of the leaves of a subtree (sub- and superscripts left out): "∂", "W". */
function leaves(node: HNode): string[] {
  if (node.type === "text") return node.value?.trim() ? [node.value.trim()] : [];
  if (hasClass(node, "msupsub")) return [];
  return (node.children ?? []).flatMap(leaves);
}

/** Every leaf text of a subtree, scripts included. */
function allLeaves(node: HNode): string[] {
  if (node.type === "text") return node.value?.trim() ? [node.value.trim()] : [];
  return (node.children ?? []).flatMap(allLeaves);
}

/**
 * The code name of a symbol with scripts: W_1 is W1 (or W_1) when the cell has it, and no link otherwise (W
 * would be another matrix); W_l, W_{l+1}^⊤ are W.
 */
function scriptedName(symbol: string, scripts: string, names: ReadonlySet<string>): string | null {
  const index = /^\d+/.exec(scripts)?.[0];
  if (index === undefined) return codeName(symbol, names);
  const base = codeName(symbol, new Set([...names].map((n) => n.replace(/_?\d+$/, ""))));
  return base === null ? null : ([`${base}${index}`, `${base}_${index}`].find((n) => names.has(n)) ?? null);
}

/** A display equation, a heading or a cell, in document order (the equations' insides not entered). */
type Landmark = { kind: "equation" | "heading" | "cell"; node: HNode };

function landmarks(node: HNode, out: Landmark[] = []): Landmark[] {
  for (const child of node.children ?? []) {
    if (child.type === "element" && hasClass(child, "katex-display"))
      out.push({ kind: "equation", node: child });
    else if (child.type === "element" && /^h[1-6]$/.test(child.tagName ?? ""))
      out.push({ kind: "heading", node: child });
    else if (child.type === "mdxJsxFlowElement" && child.name === CELL)
      out.push({ kind: "cell", node: child });
    else landmarks(child, out);
  }
  return out;
}

interface Target {
  node: HNode;
  code: string;
  /** How a fraction reads aloud ("partial E over partial W l"); other symbols are named by what they show. */
  spoken?: string;
}

interface FractionParts {
  /** The leaves of each part without scripts (["∂", "W"]), and with them (["∂", "W", "l"]). */
  numerator: string[];
  denominator: string[];
  numeratorAll: string[];
  denominatorAll: string[];
}

/** The numerator and denominator leaves of a KaTeX fraction (its vlist lists the denominator first). */
function fractionParts(frac: HNode): FractionParts | null {
  const vlist = find(frac, (n) => hasClass(n, "vlist"));
  const rows = (vlist?.children ?? [])
    .filter((row) => !find(row, (n) => hasClass(n, "frac-line")))
    .filter((row) => leaves(row).length > 0);
  if (rows.length !== 2) return null;
  const [below, above] = rows as [HNode, HNode];
  return {
    numerator: leaves(above),
    denominator: leaves(below),
    numeratorAll: allLeaves(above),
    denominatorAll: allLeaves(below),
  };
}

const isDerivative = (part: string[]): boolean => part[0] === "∂" || (part[0] === "d" && part.length === 2);

/** The symbols of an equation's KaTeX HTML that `names` (the cell's identifiers) has. */
function targets(html: HNode, names: ReadonlySet<string>): Target[] {
  const found: Target[] = [];
  let previous = "";
  const walk = (node: HNode, parent: HNode | null): void => {
    if (node.type !== "element") return;
    if (["msupsub", "text", "accent"].some((c) => hasClass(node, c))) return;
    if (hasClass(node, "mfrac")) {
      const parts = fractionParts(node);
      if (parts && isDerivative(parts.numerator) && isDerivative(parts.denominator)) {
        const [, loss] = parts.numerator;
        const [, symbol] = parts.denominator;
        const code =
          parts.numerator.length === 2 && parts.denominator.length === 2 && LOSS_SYMBOLS.has(loss!)
            ? gradientName(symbol!, names)
            : null;
        const whole = parent && hasClass(parent, "mord") ? parent : node;
        const spoken = spokenFraction(parts.numeratorAll, parts.denominatorAll);
        if (code) found.push({ node: whole, code, spoken });
        previous = "";
        return;
      }
    }
    if (hasClass(node, "mop")) {
      const word = leaves(node).join("");
      const code = codeName(word, names);
      if (code) found.push({ node, code });
      previous = word;
      return;
    }
    const only = node.children?.length === 1 ? node.children[0] : undefined;
    if (only?.type === "text") {
      const text = only.value?.trim() ?? "";
      const skip = previous === "∂" || NEVER.has(text) || !hasClass(node, "mord");
      previous = text;
      if (skip) return;
      // A symbol with scripts (W_{l+1}^⊤) is marked whole: its parent holds it and its scripts.
      const scripts =
        parent && hasClass(parent, "mord") && parent.children?.[0] === node && parent.children.length === 2
          ? parent.children[1]!
          : null;
      const scripted = scripts !== null && hasClass(scripts, "msupsub");
      const code = scripted
        ? scriptedName(text, (scripts.children ?? []).flatMap(allLeaves).join(""), names)
        : codeName(text, names);
      if (!code) return;
      found.push({ node: scripted ? parent! : node, code });
      return;
    }
    for (const child of node.children ?? []) walk(child, node);
  };
  walk(html, null);
  return found;
}

/** Hides from assistive technology every part of `node` that holds none of `keep`. */
function hideAllBut(node: HNode, keep: ReadonlySet<HNode>): void {
  for (const child of node.children ?? []) {
    if (child.type !== "element" || keep.has(child)) continue;
    if (find(child, (n) => keep.has(n))) hideAllBut(child, keep);
    else child.properties = { ...child.properties, ariaHidden: "true" };
  }
}

/** Links one equation to its cell; returns how many symbols it linked. */
function link(equation: HNode, cell: HNode): number {
  const code = attribute(cell, "code") ?? "";
  const cellId = attribute(cell, "id");
  const number = attribute(cell, "index") ?? "";
  const html = find(equation, (n) => hasClass(n, "katex-html"));
  if (!cellId || !html) return 0;
  const found = targets(html, identifierNames(code));
  if (found.length === 0) return 0;
  const first = new Map<string, Target>();
  for (const t of found) if (!first.has(t.code)) first.set(t.code, t);
  for (const t of found) {
    t.node.properties = {
      ...t.node.properties,
      className: [...classes(t.node), "eq-sym"],
      dataEqSym: t.code,
    };
  }
  [...first.values()].forEach((t, i) => {
    Object.assign(t.node.properties!, { role: "button", tabIndex: i === 0 ? 0 : -1 });
    if (t.spoken !== undefined) {
      // A fraction's text runs denominator first in KaTeX's HTML ("∂Wl∂E"), so it is named in words, by
      // hidden text inside it rather than aria-label: what a reader would say for what they see (WCAG 2.5.3).
      for (const child of t.node.children ?? [])
        if (child.type === "element") child.properties = { ...child.properties, ariaHidden: "true" };
      t.node.children = [
        ...(t.node.children ?? []),
        {
          type: "element",
          tagName: "span",
          properties: { className: ["sr-only"] },
          children: [{ type: "text", value: `${t.spoken}, ${t.code} in cell ${number}` }],
        },
      ];
      return;
    }
    // The name starts with the text the symbol shows, scripts included ("δ2, delta2"), so that what a
    // reader sees is what speech input and screen readers call it (WCAG 2.5.3, label in name).
    const visible = allLeaves(t.node).join("").replaceAll("\u200b", "");
    const what = visible === t.code ? t.code : `${visible}, ${t.code}`;
    t.node.properties!["ariaLabel"] = `${what} in cell ${number}`;
  });
  const { ariaHidden: _hidden, ...shown } = html.properties ?? {};
  html.properties = {
    ...shown,
    role: "group",
    ariaLabel: `Symbols in the code of cell ${number} (arrow keys move between them)`,
  };
  hideAllBut(html, new Set([...first.values()].map((t) => t.node)));
  equation.properties = {
    ...equation.properties,
    dataEqCell: cellId,
    dataEqNames: [...first.keys()].join(" "),
  };
  return first.size;
}

export interface EqLinkOptions {
  /** Adds the page script (components/EqLinks.astro) to pages with links; default true. */
  script?: boolean;
}

/** The rehype plugin (after rehype-katex): links every display equation to the first cell after it. */
export default function rehypeEqlinks(options: EqLinkOptions = {}) {
  // Typed loosely: any hast root (and the MDX nodes in it) is read through HNode.
  return function transformer(root: object): void {
    const tree = root as HNode;
    const marks = landmarks(tree);
    let linked = 0;
    marks.forEach((mark, i) => {
      if (mark.kind !== "equation") return;
      const next = marks.slice(i + 1).find((m) => m.kind !== "equation");
      if (next?.kind === "cell") linked += link(mark.node, next.node);
    });
    if (linked === 0 || options.script === false) return;
    const source = `import ${COMPONENT} from ${JSON.stringify(COMPONENT_PATH)};`;
    const estree = parse(source, { ecmaVersion: "latest", sourceType: "module" });
    tree.children ??= [];
    tree.children.unshift({ type: "mdxjsEsm", value: source, data: { estree } });
    tree.children.push({ type: "mdxJsxFlowElement", name: COMPONENT, attributes: [], children: [] });
  };
}
