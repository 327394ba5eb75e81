// What a widget (components/CellInput.astro) shows of the cell it runs, on its one status line, where the
// reader is: how far the cells above have got, then the cell's answer in one line (or its error), with a
// link to the whole output, which is often a screen or more below the box.
import { aboveText, type AboveProgress, type Cell } from "./cell-state.ts";

export interface WidgetReport {
  /** "": nothing to say (the widget's own message stands); the rest say what the text is about. */
  state: "" | "running" | "ran" | "failed" | "blocked";
  text: string;
  /** What the link beside the text scrolls to: the cell's output (ran, failed) or the failed cell above. */
  target: HTMLElement | null;
}

const NONE: WidgetReport = { state: "", text: "", target: null };

/** The last non-empty line of `text`. */
function lastLine(text: string): string {
  return (
    text
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "")
      .at(-1) ?? ""
  );
}

/** The line an output area ends its printed text with (what a cell says last), or "" if it printed none. */
export function outputSummary(output: Element): string {
  const streams = output.querySelectorAll('[data-output="stream"]:not(.cell-stderr)');
  return lastLine(streams[streams.length - 1]?.textContent ?? "");
}

/** The report for the widget before cell i; `above` is set while the cells above it run first for it. */
export function widgetReport(cells: readonly Cell[], i: number, above: AboveProgress | null): WidgetReport {
  const cell = cells[i]!;
  const output = cell.view.output;
  if (above && above.done < above.list.length) {
    return { state: "running", text: aboveText(above), target: null };
  }
  if (cell.phase === "running") return { state: "running", text: "Running the cell below…", target: null };
  if (cell.phase === "queued") {
    return { state: "running", text: "The cell below waits for the cells above it…", target: null };
  }
  if (cell.blocked) {
    const failed = cells.slice(0, i).findLast((c) => c.result.startsWith("Failed"));
    const why = cell.blocked.replace(/^Not run: /, "");
    return {
      state: "blocked",
      text: `The cell below did not run: ${why}.`,
      target: failed?.view.root ?? null,
    };
  }
  if (cell.result.startsWith("Failed")) {
    const error = (output.querySelector(".cell-error")?.textContent ?? "").replace(/\s+/g, " ").trim();
    return { state: "failed", text: `The cell below failed: ${error || "see its output"}`, target: output };
  }
  if (/^(Ran|Stopped) /.test(cell.result)) {
    const said = outputSummary(output);
    return {
      state: "ran",
      text: said ? `The cell below says: ${said}` : "The cell below ran.",
      target: output,
    };
  }
  return NONE;
}
