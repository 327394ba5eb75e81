// Output → DOM, for any Document: the page's in the browser, linkedom's when the build bakes outputs.
// Text goes in as text nodes. Chart markup is parsed by DOMParser and rebuilt element by element from an
// allowlist (no script, no event handlers, no links off the chart, no CSS that loads), never assigned to innerHTML.
import type { Output, ValueView } from "./protocol.ts";
import { renderDownload } from "./render-download.ts";

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

/** CSS that can load nothing (no url(), no @import) and hides no escapes that could spell either. */
function inertCss(css: string): boolean {
  return !/url\s*\(|@import|\\|expression\s*\(/i.test(css);
}

/** Keeps an attribute when it can neither run code nor fetch anything: links only to fragments of the chart. */
function safeAttribute(name: string, value: string): boolean {
  if (!/^[a-z][\w:.-]*$/i.test(name) || /^on/i.test(name) || name.startsWith("xmlns")) return false;
  if (/^(xlink:)?href$|^src$/i.test(name)) return value.startsWith("#");
  if (name === "style") return inertCss(value);
  return !/^\s*javascript:/i.test(value);
}

/**
 * Plot's own <style> (scoped `:where(.plot-…)` rules; the site's CSP allows it by hash). Kept only as plain
 * rules: nothing that loads (url(), @import) and no escapes that could spell one.
 */
function safeStyle(doc: Document, node: ParsedNode, inSvg: boolean): Node | null {
  const css = node.textContent ?? "";
  if (!inertCss(css)) return null;
  const style = inSvg ? doc.createElementNS(SVG_NS, "style") : doc.createElement("style");
  style.textContent = css;
  return style;
}

function rebuild(doc: Document, node: ParsedNode, inSvg: boolean): Node | null {
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
    if (!safeAttribute(attribute, value)) continue;
    const canonical = isSvg ? (SVG_ATTRIBUTES.get(attribute.toLowerCase()) ?? attribute) : attribute;
    element.setAttribute(canonical === "xlink:href" ? "href" : canonical, value);
  }
  // Plot names its marks (aria-label="line" on a <g>, "frame" on a <rect>); ARIA allows a name on them only
  // with a role: a group for a <g>, an image for a single shape.
  if (isSvg && name !== "svg" && element.hasAttribute("aria-label") && !element.hasAttribute("role")) {
    element.setAttribute("role", name === "g" ? "group" : "img");
  }
  for (const child of Array.from(node.childNodes)) {
    const rebuilt = rebuild(doc, child, isSvg);
    if (rebuilt) element.appendChild(rebuilt);
  }
  return element;
}

type ParserClass = new () => { parseFromString(text: string, type: string): Document };

/** Parses chart markup and rebuilds its allowed part in `doc`; a paragraph says so if nothing could be read. */
function importMarkup(doc: Document, markup: string, type: "image/svg+xml" | "text/html"): Node {
  const Parser = ((doc.defaultView as unknown as { DOMParser?: ParserClass } | null)?.DOMParser ??
    (globalThis as unknown as { DOMParser?: ParserClass }).DOMParser)!;
  const parsed = new Parser().parseFromString(
    type === "text/html" ? `<!doctype html><html><body>${markup}</body></html>` : markup,
    type,
  );
  const roots =
    type === "text/html"
      ? Array.from((parsed.body ?? parsed.documentElement).childNodes)
      : [parsed.documentElement];
  const out = doc.createDocumentFragment();
  for (const root of roots) {
    if (!root || root.nodeName.toLowerCase() === "parsererror") continue;
    const rebuilt = rebuild(doc, root as unknown as ParsedNode, false);
    if (rebuilt) out.appendChild(rebuilt);
  }
  if (out.childNodes.length === 0) return element(doc, "p", "cell-text", "(this chart could not be read)");
  return out;
}

function element(doc: Document, tag: string, className: string, text?: string): HTMLElement {
  const e = doc.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function renderView(doc: Document, v: ValueView): Node {
  switch (v.type) {
    case "text": {
      const pre = element(doc, "pre", "cell-text", v.text);
      if (v.truncated === undefined) return pre;
      const box = doc.createDocumentFragment();
      const more = element(doc, "details", "cell-more");
      more.append(element(doc, "summary", "", "Show all"), element(doc, "pre", "cell-text", v.truncated));
      box.append(pre, more);
      return box;
    }
    case "table": {
      const wrap = element(doc, "div", "cell-table-wrap");
      const table = element(doc, "table", "cell-table");
      table.append(element(doc, "caption", "", v.caption));
      const head = doc.createElement("thead");
      const headRow = doc.createElement("tr");
      for (const c of v.columns) {
        const th = element(doc, "th", "", c);
        th.setAttribute("scope", "col");
        headRow.append(th);
      }
      head.append(headRow);
      const body = doc.createElement("tbody");
      for (const row of v.rows) {
        const tr = doc.createElement("tr");
        for (const cell of row) tr.append(element(doc, "td", "", cell));
        body.append(tr);
      }
      table.append(head, body);
      wrap.append(table);
      if (v.more > 0)
        wrap.append(element(doc, "p", "cell-more-rows", `… ${v.more} more row${v.more === 1 ? "" : "s"}`));
      return wrap;
    }
    case "svg": {
      const plot = chartBox(doc);
      if (v.title) plot.append(element(doc, "p", "cell-plot-title", v.title));
      plot.append(importMarkup(doc, v.svg, "image/svg+xml"));
      return plot;
    }
    case "html": {
      const plot = chartBox(doc);
      plot.append(importMarkup(doc, v.html, "text/html"));
      return plot;
    }
  }
}

/**
 * The box a chart sits in. On a phone the chart keeps its own width (its text would shrink to ~5 px if it
 * were scaled to fit) and the box scrolls sideways, so it is focusable, as a scrolling region must be for
 * keyboard readers, and named for screen readers.
 */
function chartBox(doc: Document): HTMLElement {
  const box = element(doc, "div", "cell-plot");
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", "chart");
  box.setAttribute("tabindex", "0");
  return box;
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.ceil(s - 60 * m)} s`;
}

/** The text beside a progress bar: "training 30/100 · about 5 s left". */
export function progressText(o: Extract<Output, { kind: "progress" }>): string {
  const label = o.label ? `${o.label} ` : "";
  const eta =
    o.done >= o.total
      ? " · done"
      : o.stopped
        ? ` · stopped at step ${o.done}`
        : o.etaSeconds === null
          ? ""
          : ` · about ${formatSeconds(o.etaSeconds)} left`;
  return `${label}${o.done}/${o.total}${eta}`;
}

/** One output as a DOM node of `doc`, marked `data-output="<kind>"` (and `data-display-id` when it can be replaced). */
export function renderOutput(doc: Document, output: Output): HTMLElement {
  let node: HTMLElement;
  switch (output.kind) {
    case "stream":
      node = element(doc, "pre", `cell-stream cell-${output.stream}`, output.text);
      node.dataset.stream = output.stream;
      break;
    case "value":
    case "display":
      node = element(doc, "div", "cell-value");
      node.append(renderView(doc, output.view));
      if (output.kind === "display") node.dataset.displayId = output.displayId;
      break;
    case "progress": {
      node = element(doc, "div", "cell-progress");
      node.dataset.displayId = output.displayId;
      const bar = doc.createElement("progress");
      bar.setAttribute("max", String(Math.max(output.total, 1)));
      bar.setAttribute("value", String(Math.min(output.done, output.total)));
      bar.setAttribute("aria-label", output.label || "progress");
      node.append(bar, element(doc, "span", "cell-progress-text", progressText(output)));
      break;
    }
    case "error": {
      // "in this cell": the message itself may name a line of something else (a JSON text, a CSV file)
      const where =
        output.line === null
          ? ""
          : ` (in this cell at line ${output.line}${output.column === null ? "" : `, column ${output.column}`})`;
      node = element(doc, "pre", "cell-error", `${output.name}: ${output.message}${where}`);
      break;
    }
    case "download":
      node = renderDownload(doc, output);
      break;
  }
  node.dataset.output = output.kind;
  return node;
}

/**
 * Adds an output to a cell's output area as it arrives: a display or progress bar replaces the earlier node
 * with its id, and text on the same stream extends the last block.
 */
export function appendOutput(container: Element, output: Output): void {
  const doc = container.ownerDocument;
  if (output.kind === "display" || output.kind === "progress") {
    const old = Array.from(container.children).find(
      (c) => (c as HTMLElement).dataset.displayId === output.displayId,
    );
    if (old) return old.replaceWith(renderOutput(doc, output));
  }
  const last = container.lastElementChild as HTMLElement | null;
  if (
    output.kind === "stream" &&
    last?.dataset.output === "stream" &&
    last.dataset.stream === output.stream
  ) {
    last.textContent += output.text;
    return;
  }
  container.append(renderOutput(doc, output));
}
