// How a page widget (components/CellInput.astro: CSV, JSON, a drawn digit) hands a reader's input to the
// page's kernel, without loading the notebook runtime itself: a DOM event the notebook listens for.
import type { InputValue } from "../protocol.ts";

export const INPUT_EVENT = "notebook-input";

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
