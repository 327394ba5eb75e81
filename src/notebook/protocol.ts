// The one place that says what a cell can produce and what the page and its worker say to each other.
// Everything here is plain data (structured-clone safe), so the same values flow through a Web Worker in
// the browser and through a direct call in Node.

/** A rendered value: what the last expression of a cell, or display(x), shows. */
export type ValueView =
  | { type: "text"; text: string; truncated?: string } // `truncated` holds the full text when `text` was cut
  | { type: "table"; caption: string; columns: string[]; rows: string[][]; more: number } // more = rows left out
  | { type: "svg"; svg: string; title?: string } // a Plot chart (<svg xmlns=…>), serialised by Plot itself
  | { type: "html"; html: string }; // a Plot <figure> (title, legend, chart): renderers rebuild it from an allowlist

/** One piece of a cell's output, in the order it was produced. */
export type Output =
  | { kind: "stream"; stream: "stdout" | "stderr"; text: string }
  | { kind: "value"; view: ValueView }
  /** A display that later outputs may replace in place (live charts): same displayId, new view. */
  | { kind: "display"; displayId: string; view: ValueView }
  | {
      kind: "progress";
      displayId: string;
      label: string;
      done: number;
      total: number;
      etaSeconds: number | null;
    }
  | { kind: "error"; name: string; message: string; line: number | null; column: number | null };

/** Page → worker. */
export type ToKernel = { type: "run"; runId: number; cellId: string; source: string } | { type: "reset" }; // forget every binding (a fresh scope)

/** Worker → page. */
export type FromKernel =
  | { type: "ready" }
  | { type: "output"; runId: number; output: Output }
  | { type: "done"; runId: number; ok: boolean; ms: number };
