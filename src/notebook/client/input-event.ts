// How a page widget (components/CellInput.astro: CSV, JSON, a drawn digit) hands a reader's input to the
// page's kernel, without loading the notebook runtime itself: a DOM event the notebook listens for.
import type { InputValue } from "../protocol.ts";

export const INPUT_EVENT = "notebook-input";
/** A widget's first use is coming (the reader started to type, draw, pick a file): run the cells above now. */
export const PREPARE_EVENT = "notebook-prepare";
/** Notebook → a cell's root: the reader changed its code (detail: the code now), e.g. an exercise after solving. */
export const CODE_EVENT = "notebook-code";
/** Notebook → widget: what its cell is doing or did (a WidgetReport, client/widget-report.ts), for its status. */
export const PROGRESS_EVENT = "notebook-progress";

export interface NotebookInput {
  /** The name cells read with input(name, fallback). */
  name: string;
  /** The value; null clears it (cells get their fallback again). */
  value: InputValue | null;
  /** Then run the first cell after the widget (with the cells above it that need to run). */
  run?: boolean;
}

/** Sends `input` to the page's kernel (kept across Stop); `from` is the widget, which says which cell is next. */
export function sendInput(from: Element, input: NotebookInput): void {
  from.dispatchEvent(new CustomEvent<NotebookInput>(INPUT_EVENT, { detail: input, bubbles: true }));
}

/**
 * Says that the reader has started to use the widget `from`: the cells above the cell it runs (those not in
 * the kernel's memory yet) start running now, so that "Use this" finds them done, or nearly.
 */
export function prepareFor(from: Element): void {
  from.dispatchEvent(new CustomEvent(PREPARE_EVENT, { bubbles: true }));
}
