// How a value looks in a cell's output: a readable text (Node's util.inspect, simplified), a Matrix as a
// table with its shape, a Plot chart as its SVG. Pure; runs in Node and in a worker.
import type { ValueView } from "./protocol.ts";

const MAX_ITEMS = 100; // array items / object keys listed before "… n more"
const MAX_DEPTH = 4;
const SHORT_LINES = 40; // what is shown before "Show all"
const SHORT_CHARS = 4000;
const FULL_CHARS = 200_000; // what "Show all" shows at most
const TABLE_ROWS = 10;
const TABLE_COLS = 10;
const LINE_WIDTH = 80;

interface MatrixLike {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** Duck-typed so a Matrix from any copy of the library (worker bundle, test module graph) is recognised. */
export function isMatrix(value: unknown): value is MatrixLike {
  const v = value as Partial<MatrixLike> | null;
  return (
    typeof v === "object" &&
    v !== null &&
    v.data instanceof Float64Array &&
    Number.isInteger(v.rows) &&
    Number.isInteger(v.cols) &&
    v.data.length === v.rows! * v.cols!
  );
}

interface ElementLike {
  tagName: string;
  outerHTML: string;
}

/** A DOM element (from Plot), whatever document made it: linkedom's in Node and workers, the page's in tests. */
export function isElement(value: unknown): value is ElementLike {
  const v = value as Partial<ElementLike> | null;
  return (
    typeof v === "object" && v !== null && typeof v.tagName === "string" && typeof v.outerHTML === "string"
  );
}

/** A number as a person reads it: integers whole, others with 4 significant digits (-0 stays visible). */
export function formatNumber(x: number): string {
  if (Object.is(x, -0)) return "-0";
  if (Number.isInteger(x) || !Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(4)));
}

function constructorName(value: object): string {
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  return proto?.constructor?.name ?? "";
}

function joined(open: string, items: string[], close: string, indent: string): string {
  if (items.length === 0) return `${open}${close}`;
  const flat = `${open}${open === "[" ? "" : " "}${items.join(", ")}${close === "]" ? "" : " "}${close}`;
  if (flat.length <= LINE_WIDTH && !flat.includes("\n")) return flat;
  return `${open}\n${items.map((i) => `${indent}  ${i}`).join(",\n")}\n${indent}${close}`;
}

function listItems(values: ArrayLike<unknown>, depth: number, seen: Set<object>, indent: string): string[] {
  const n = Math.min(values.length, MAX_ITEMS);
  const items: string[] = [];
  for (let i = 0; i < n; i++) items.push(inspectAt(values[i], depth + 1, seen, `${indent}  `));
  if (values.length > n) items.push(`… ${values.length - n} more`);
  return items;
}

function inspectAt(value: unknown, depth: number, seen: Set<object>, indent: string): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "bigint":
      return `${value}n`;
    case "undefined":
    case "boolean":
    case "symbol":
      return String(value);
    case "function": {
      const source = Function.prototype.toString.call(value);
      const kind = source.startsWith("class") ? "class" : "Function";
      return value.name ? `[${kind} ${value.name}]` : `[${kind}]`;
    }
  }
  if (value === null) return "null";
  const object = value as object;
  if (seen.has(object)) return "[Circular]";
  if (isElement(object)) return `<${object.tagName.toLowerCase()}>`;
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? "Invalid Date" : object.toISOString();
  if (object instanceof RegExp) return String(object);
  if (object instanceof Error) return `${object.name}: ${object.message}`;
  if (object instanceof Promise) return "Promise {…}";
  const name = constructorName(object);
  if (depth > MAX_DEPTH) return Array.isArray(object) ? "[Array]" : `[${name || "Object"}]`;
  seen.add(object);
  try {
    if (isMatrix(object)) {
      const rows: string[] = [];
      for (let i = 0; i < Math.min(object.rows, MAX_ITEMS); i++) {
        const row = Array.from(
          object.data.subarray(i * object.cols, i * object.cols + Math.min(object.cols, MAX_ITEMS)),
        );
        const items = row.map(formatNumber);
        if (object.cols > MAX_ITEMS) items.push(`… ${object.cols - MAX_ITEMS} more`);
        rows.push(joined("[", items, "]", `${indent}  `));
      }
      if (object.rows > MAX_ITEMS) rows.push(`… ${object.rows - MAX_ITEMS} more rows`);
      return `Matrix (${object.rows}×${object.cols}) ${joined("[", rows, "]", indent)}`;
    }
    if (Array.isArray(object)) return joined("[", listItems(object, depth, seen, indent), "]", indent);
    if (ArrayBuffer.isView(object) && !(object instanceof DataView)) {
      const typed = object as unknown as ArrayLike<unknown>;
      return `${name}(${typed.length}) ${joined("[", listItems(typed, depth, seen, indent), "]", indent)}`;
    }
    if (object instanceof Map) {
      const entries = [...object].slice(0, MAX_ITEMS).map(([k, v]) => {
        const key = inspectAt(k, depth + 1, seen, `${indent}  `);
        return `${key} => ${inspectAt(v, depth + 1, seen, `${indent}  `)}`;
      });
      if (object.size > MAX_ITEMS) entries.push(`… ${object.size - MAX_ITEMS} more`);
      return `Map(${object.size}) ${joined("{", entries, "}", indent)}`;
    }
    if (object instanceof Set)
      return `Set(${object.size}) ${joined("{", listItems([...object], depth, seen, indent), "}", indent)}`;
    const keys = Object.keys(object);
    const entries = keys.slice(0, MAX_ITEMS).map((key) => {
      const label = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
      const v = (object as Record<string, unknown>)[key];
      return `${label}: ${inspectAt(v, depth + 1, seen, `${indent}  `)}`;
    });
    if (keys.length > MAX_ITEMS) entries.push(`… ${keys.length - MAX_ITEMS} more`);
    const prefix = name && name !== "Object" ? `${name} ` : "";
    return `${prefix}${joined("{", entries, "}", indent)}`;
  } finally {
    seen.delete(object);
  }
}

/** util.inspect-like text of any value: strings quoted, nesting and lengths bounded. */
export function inspect(value: unknown): string {
  return inspectAt(value, 0, new Set(), "");
}

/** Text as console.log shows its arguments: strings as they are, anything else inspected. */
export function formatArgs(args: readonly unknown[]): string {
  return args.map((a) => (typeof a === "string" ? a : inspect(a))).join(" ");
}

/** A text view, cut to a readable length; the full text (bounded) stays in `truncated` for "Show all". */
export function textView(full: string): ValueView {
  const lines = full.split("\n");
  if (lines.length <= SHORT_LINES && full.length <= SHORT_CHARS) return { type: "text", text: full };
  const short = lines.slice(0, SHORT_LINES).join("\n").slice(0, SHORT_CHARS);
  const kept =
    full.length > FULL_CHARS
      ? `${full.slice(0, FULL_CHARS)}\n… ${full.length - FULL_CHARS} more characters`
      : full;
  return { type: "text", text: `${short}\n…`, truncated: kept };
}

function matrixView(M: MatrixLike): ValueView {
  const rows = Math.min(M.rows, TABLE_ROWS);
  const cols = Math.min(M.cols, TABLE_COLS);
  const columns = Array.from({ length: cols }, (_, j) => String(j));
  if (M.cols > cols) columns.push(`… ${M.cols - cols} more`);
  const body = Array.from({ length: rows }, (_, i) => {
    const row = Array.from({ length: cols }, (_, j) => formatNumber(M.data[i * M.cols + j]!));
    if (M.cols > cols) row.push("…");
    return row;
  });
  return { type: "table", caption: `Matrix (${M.rows}×${M.cols})`, columns, rows: body, more: M.rows - rows };
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** A Plot chart: a bare <svg> (given its namespace so it parses as SVG on its own) or a <figure>. */
function elementView(element: ElementLike): ValueView {
  const tag = element.tagName.toLowerCase();
  if (tag === "svg") {
    const svg = element.outerHTML.startsWith("<svg xmlns=")
      ? element.outerHTML
      : element.outerHTML.replace(/^<svg/, `<svg xmlns="${SVG_NS}"`);
    return { type: "svg", svg };
  }
  return { type: "html", html: element.outerHTML };
}

/** What a value shows as: the last expression of a cell, or display(x). */
export function view(value: unknown): ValueView {
  if (typeof value === "string") return textView(value);
  if (isMatrix(value)) return matrixView(value);
  if (isElement(value)) return elementView(value);
  return textView(inspect(value));
}
