// The one place that says what a cell can produce and what the page and its worker say to each other.
// Everything here is plain data (structured-clone safe), so the same values flow through a Web Worker in
// the browser and through a direct call in Node.
import type { KnobSpec } from "./knobs.ts";

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
  /** A knob the cell declared (range, select, checkbox: knobs.ts), its n-th, at the value the run used. */
  | { kind: "knob"; n: number; knob: KnobSpec }
  /** download(text, filename, mime): a file the reader can save (render.ts makes the link). */
  | { kind: "download"; filename: string; mime: string; text: string };

/**
 * A reader's input (components/CellInput.astro), read in a cell by input(name, fallback): CSV or JSON text,
 * or a drawn digit (784 values in [0, 1], 28×28 row-major, white on black); or a knob's setting (a range's
 * number, a select's option index, a checkbox's boolean: knobs.ts). null clears it.
 */
export type InputValue = string | Float64Array | number | boolean;

/** Page → worker. */
export type ToKernel =
  | { type: "run"; runId: number; cellId: string; source: string }
  | { type: "abort" } // ask the running cell to stop (its signal aborts)
  | { type: "cancel"; cellId: string } // end what the cell's ended runs left going (Reset): Kernel.cancel
  | { type: "input"; name: string; value: InputValue | null } // what input(name, …) returns from now on
  | { type: "analyze"; requestId: number; sources: string[] }; // which names each cell declares and reads

/** Worker → page. */
export type FromKernel =
  | { type: "ready" }
  | { type: "output"; runId: number; output: Output }
  | { type: "done"; runId: number; ok: boolean; ms: number; stopped: boolean }
  /** The answer to "analyze": per cell, in order, its names (null for a cell that does not parse). */
  | { type: "analysis"; requestId: number; cells: (CellNames | null)[] };

/** The top-level names a cell declares, the notebook names it reads, and those it assigns (transform.ts). */
export interface CellNames {
  declared: string[];
  reads: string[];
  assigns: string[];
}
