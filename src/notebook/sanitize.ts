// Chart markup (Plot's SVG or figure) from a cell → DOM nodes that stay inert and inside the cell's box.
// The markup is parsed by DOMParser and rebuilt element by element from an allowlist, never assigned to
// innerHTML. What is refused, and why:
// - scripts, event handlers, foreign content, links and images: they run code or fetch;
// - url(…) and image-set(…) in any attribute or style, but for url(#id) naming an element of the chart itself:
//   they fetch (a tracking pixel needs no script);
// - styles that lift the chart out of its box: position fixed/absolute/sticky, z-index, negative margins or
//   offsets, transforms; and <style> rules that select anything but Plot's own scoped classes;
// - data-* attributes (the page keys its own state on them); and every id is renamed with a prefix unique in
//   the page, the chart's own references (url(#id), href="#id") renamed with it, so no id collides.

const SVG_NS = "http://www.w3.org/2000/svg";

const SVG_ELEMENTS = [
  "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "title", "desc",
  "defs", "clipPath", "mask", "pattern", "marker", "linearGradient", "radialGradient", "stop", "symbol", "use",
]; // prettier-ignore
const HTML_ELEMENTS = new Set([
  "figure", "figcaption", "h2", "h3", "div", "span", "p", "br", "b", "i", "em", "strong", "small", "sub", "sup",
]); // prettier-ignore
/** SVG names by their lower-case form: an HTML parser may lower-case what an XML parser keeps. */
const SVG_NAMES = new Map(SVG_ELEMENTS.map((name) => [name.toLowerCase(), name]));
const SVG_ATTRIBUTES = new Map(
  [
    "viewBox", "preserveAspectRatio", "gradientUnits", "gradientTransform", "patternUnits", "patternContentUnits",
    "patternTransform", "markerWidth", "markerHeight", "markerUnits", "refX", "refY", "clipPathUnits", "maskUnits",
    "maskContentUnits", "textLength", "lengthAdjust", "startOffset", "spreadMethod",
  ].map((name) => [name.toLowerCase(), name]),
); // prettier-ignore

interface ParsedNode {
  nodeType: number;
  nodeName: string;
  localName?: string | null;
  textContent: string | null;
  childNodes: ArrayLike<ParsedNode>;
  attributes?: ArrayLike<{ name: string; value: string }>;
}

/** url(#id) with a plain id: a reference inside the chart, which fetches nothing. */
const LOCAL_URL = /url\(\s*(["']?)#([\w-]+)\1\s*\)/gi;

/** Text that could load something or hide a way to: url() but local ones, image-set(), @import, escapes. */
function loads(text: string): boolean {
  return /url\s*\(|image-set\s*\(|@import|\\|expression\s*\(/i.test(text.replace(LOCAL_URL, ""));
}

/** CSS declarations that would move the chart out of its box or over the page. */
function escapesBox(css: string): boolean {
  return (
    /position\s*:\s*(fixed|absolute|sticky)/i.test(css) ||
    /z-index\s*:/i.test(css) ||
    /(^|[;{\s])(margin|margin-[\w-]+|top|left|right|bottom|inset|inset-[\w-]+)\s*:[^;}]*-\s*[\d.]/i.test(
      css,
    ) ||
    /(^|[;{\s])(transform|translate)\s*:/i.test(css)
  );
}

/** CSS that can load nothing and stays in the box. */
const inertCss = (css: string): boolean => !loads(css) && !escapesBox(css);

/**
 * Plot's own <style>: rules whose every selector is one of its scoped classes (`:where(.plot-…)`, `.plot-…`),
 * so it styles the chart and nothing else on the page; and no at-rules.
 */
function scopedCss(css: string): boolean {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, "");
  if (withoutComments.includes("@")) return false;
  const preludes = withoutComments.split(/\{[^{}]*\}/).filter((p) => p.trim() !== "");
  return preludes.every((prelude) =>
    prelude.split(",").every((selector) => /^\s*(:where\(\s*)?\.plot[\w-]*[^{}]*$/.test(selector)),
  );
}

/** The ids the chart defines, each with the unique name it gets in the page. */
type Ids = Map<string, string>;

/**
 * An attribute as it may be kept (ids and references renamed), or null to drop it: nothing that runs code,
 * fetches, reaches outside the chart, escapes the box or collides with the page's data-* keys.
 */
function safeAttribute(name: string, value: string, ids: Ids): string | null {
  if (!/^[a-z][\w:.-]*$/i.test(name) || /^on/i.test(name) || name.startsWith("xmlns")) return null;
  if (/^data-/i.test(name)) return null;
  if (name === "id") return ids.get(value) ?? null;
  if (/^(xlink:)?href$|^src$/i.test(name)) {
    const target = value.startsWith("#") ? ids.get(value.slice(1)) : undefined;
    return target === undefined ? null : `#${target}`;
  }
  if (loads(value) || /^\s*javascript:/i.test(value)) return null;
  if (name === "style" && escapesBox(value)) return null;
  let dangling = false;
  const renamed = value.replace(LOCAL_URL, (_, _q: string, id: string) => {
    const target = ids.get(id);
    if (target === undefined) dangling = true;
    return `url(#${target})`;
  });
  return dangling ? null : renamed;
}

/** The CSS texts each live page already holds in its shared <style> elements. */
const hoisted = new WeakMap<Document, Set<string>>();

/**
 * In the live page, a chart's CSS goes once into a <style> of the head instead of into every chart: a chart
 * redrawn while a network trains otherwise removes one style sheet and adds another each time, and each
 * change makes the browser work out again which of the page's rules apply where (chapter 10's full-MNIST
 * cell: 5–8 ms of main-thread CPU a redraw, in tasks up to 64 ms long on a busy 2-core machine). The rules
 * select Plot's classes only (scopedCss), and a <style> applies to the whole document wherever it sits, so
 * they match what they matched before. Pages baked at build (linkedom) keep each chart's own <style>.
 * True if the CSS is (now) in the head.
 */
function hoistStyle(doc: Document, css: string): boolean {
  if ((doc.defaultView as unknown) !== globalThis || !doc.head) return false;
  let texts = hoisted.get(doc);
  if (!texts) hoisted.set(doc, (texts = new Set()));
  if (!texts.has(css)) {
    texts.add(css);
    const style = doc.createElement("style");
    style.setAttribute("data-chart-css", "");
    style.textContent = css;
    doc.head.append(style);
  }
  return true;
}

function safeStyle(doc: Document, node: ParsedNode, inSvg: boolean): Node | null {
  const css = node.textContent ?? "";
  if (!inertCss(css) || !scopedCss(css)) return null;
  if (hoistStyle(doc, css)) return null;
  const style = inSvg ? doc.createElementNS(SVG_NS, "style") : doc.createElement("style");
  style.textContent = css;
  return style;
}

function rebuild(doc: Document, node: ParsedNode, inSvg: boolean, ids: Ids): Node | null {
  if (node.nodeType === 3) return doc.createTextNode(node.textContent ?? "");
  if (node.nodeType !== 1) return null;
  const raw = (node.localName ?? node.nodeName).toLowerCase();
  const svgName = SVG_NAMES.get(raw);
  const isSvg = svgName !== undefined && (inSvg || raw === "svg");
  if (raw === "style") return safeStyle(doc, node, inSvg);
  if (!isSvg && (inSvg || !HTML_ELEMENTS.has(raw))) return null;
  const name = isSvg ? svgName : raw;
  const element = isSvg ? doc.createElementNS(SVG_NS, name) : doc.createElement(name);
  for (const { name: attribute, value } of Array.from(node.attributes ?? [])) {
    const kept = safeAttribute(attribute, value, ids);
    if (kept === null) continue;
    const canonical = isSvg ? (SVG_ATTRIBUTES.get(attribute.toLowerCase()) ?? attribute) : attribute;
    element.setAttribute(canonical === "xlink:href" ? "href" : canonical, kept);
  }
  // Plot names its marks (aria-label="line" on a <g>, "frame" on a <rect>); ARIA allows a name on them only
  // with a role: a group for a <g>, an image for a single shape.
  if (isSvg && name !== "svg" && element.hasAttribute("aria-label") && !element.hasAttribute("role")) {
    element.setAttribute("role", name === "g" ? "group" : "img");
  }
  for (const child of Array.from(node.childNodes)) {
    const rebuilt = rebuild(doc, child, isSvg, ids);
    if (rebuilt) element.appendChild(rebuilt);
  }
  return element;
}

/** Every id attribute in the parsed tree. */
function idsIn(node: ParsedNode, out: string[] = []): string[] {
  for (const { name, value } of Array.from(node.attributes ?? [])) if (name === "id") out.push(value);
  for (const child of Array.from(node.childNodes ?? [])) idsIn(child, out);
  return out;
}

/** Removes references to ids that did not survive the rebuild (their element was refused). */
function dropDangling(out: DocumentFragment): void {
  const elements = Array.from(out.querySelectorAll("*"));
  const kept = new Set(elements.map((e) => e.getAttribute("id")).filter((id) => id !== null));
  for (const e of elements) {
    for (const { name, value } of Array.from(e.attributes)) {
      const targets = [...value.matchAll(/url\(#([\w-]+)\)/g)].map((m) => m[1]!);
      if (/href$/i.test(name)) targets.push(value.slice(1));
      if (targets.some((id) => !kept.has(id))) e.removeAttribute(name);
    }
  }
}

let charts = 0;

/** A prefix no id of `doc` starts with yet: the build bakes charts with some, the page then adds more. */
function freshPrefix(doc: Document): string {
  let prefix: string;
  do prefix = `chart${++charts}-`;
  while (doc.querySelector(`[id^="${prefix}"]`));
  return prefix;
}

type ParserClass = new () => { parseFromString(text: string, type: string): Document };

/** Parses chart markup and rebuilds its allowed part in `doc`; a paragraph says so if nothing could be read. */
export function importMarkup(doc: Document, markup: string, type: "image/svg+xml" | "text/html"): Node {
  const Parser = ((doc.defaultView as unknown as { DOMParser?: ParserClass } | null)?.DOMParser ??
    (globalThis as unknown as { DOMParser?: ParserClass }).DOMParser)!;
  const parsed = new Parser().parseFromString(
    type === "text/html" ? `<!doctype html><html><body>${markup}</body></html>` : markup,
    type,
  );
  const roots = (type === "text/html"
    ? Array.from((parsed.body ?? parsed.documentElement).childNodes)
    : [parsed.documentElement]
  ).filter((root) => root && root.nodeName.toLowerCase() !== "parsererror") as unknown as ParsedNode[];
  const defined = roots.flatMap((root) => idsIn(root));
  const prefix = defined.length > 0 ? freshPrefix(doc) : "";
  const ids: Ids = new Map(defined.filter((id) => /^[\w-]+$/.test(id)).map((id) => [id, `${prefix}${id}`]));
  const out = doc.createDocumentFragment();
  for (const root of roots) {
    const rebuilt = rebuild(doc, root, false, ids);
    if (rebuilt) out.appendChild(rebuilt);
  }
  dropDangling(out);
  if (out.childNodes.length === 0) {
    const p = doc.createElement("p");
    p.className = "cell-text";
    p.textContent = "(this chart could not be read)";
    return p;
  }
  return out;
}
