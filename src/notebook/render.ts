// Output → DOM, for any Document: the page's in the browser, linkedom's when the build bakes outputs.
// Text goes in as text nodes; chart markup goes through sanitize.ts, never innerHTML.
import type { Output, ValueView } from "./protocol.ts";
import { renderDownload } from "./render-download.ts";
import { renderKnob } from "./render-knob.ts";
import { importMarkup } from "./sanitize.ts";

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
    case "knob": // its place is above the output (appendOutput leaves it out): see render-knob.ts
      node = renderKnob(doc, output, "cell");
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
  if (output.kind === "knob") return; // a control, above the output: client/knobs.ts and bake.ts place it
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
