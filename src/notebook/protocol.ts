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
      /** The run was stopped (Stop) at step `done`. */
      stopped?: boolean;
    }
  | { kind: "error"; name: string; message: string; line: number | null; column: number | null }
  /** download(text, filename, mime): a file the reader can save (render.ts makes the link). */
  | { kind: "download"; filename: string; mime: string; text: string };

/**
 * A reader's input (components/CellInput.astro), read in a cell by input(name, fallback): CSV or JSON text,
 * or a drawn digit (784 values in [0, 1], 28×28 row-major, white on black). null clears it.
 */
export type InputValue = string | Float64Array;

/** Page → worker. */
export type ToKernel =
  | { type: "run"; runId: number; cellId: string; source: string }
  | { type: "abort" } // ask the running cell to stop (its signal aborts)
  | { type: "cancel"; cellId: string } // end what the cell's ended runs left going (Reset): Kernel.cancel
  | { type: "input"; name: string; value: InputValue | null }; // what input(name, …) returns from now on

/** Worker → page. */
export type FromKernel =
  | { type: "ready" }
  | { type: "output"; runId: number; output: Output }
  | { type: "done"; runId: number; ok: boolean; ms: number; stopped: boolean };
