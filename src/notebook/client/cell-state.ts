// What the page knows of each cell, and what it says about it: the status line is the one place where a
// cell's state is put in words (running, waiting, not run and why, out of date, edited, lost to Stop).
import type { CellView } from "./cell-view.ts";
import type { Editor } from "./editor.ts";

export interface Cell {
  view: CellView;
  /** The code as the reader sees it (the original, or their edit). */
  code: string;
  editor: Promise<Editor> | null;
  /** The highlighted block the build made, kept to put back on Reset before an editor exists. */
  staticCode: Node[];
  /** The code of cells 1…this one that the shown output came from. */
  basis: string[];
  /** The worker generation this cell last ran in without error, or null. */
  ranIn: number | null;
  phase: "idle" | "queued" | "running";
  /** Stop asked it to end (it is running still, for at most a second). */
  stopping: boolean;
  /** What the last run (or action) left to say. */
  result: string;
  /** Why the run the reader asked for did not happen (a cell above failed, Stop): said first. */
  blocked: string | null;
  /** The output shown came from a run without error (at build, or here) of the code in `basis`. */
  shownOk: boolean;
}

export function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export interface Status {
  /** What happens or happened to the run the reader asked for; said aloud (a live region). */
  text: string;
  /** Why the shown output may not match the code (out of date, edited, lost to Stop); shown, not announced. */
  note: string;
  /** For styles and tests: idle | running | queued | blocked | stale | edited | lost. */
  state: string;
  /** The shown output came from other code above than the code now shown there. */
  stale: boolean;
}

/** How far the cells above a cell have got when they run for it (its Run or Run all above, or a widget's). */
export interface AboveProgress {
  /** Indexes of the cells above that run, in order. */
  list: readonly number[];
  /** How many of them have finished. */
  done: number;
  /** Run all above (every cell above runs; the cell itself does not), not the cells a run needs first. */
  all?: boolean;
}

/** What a cell says while the cells above it run: how many of how many (the page numbers no cell). */
export function aboveText({ list, done, all = false }: AboveProgress): string {
  const at = `${Math.min(done + 1, list.length)} of ${list.length}`;
  if (all) return `Running the ${list.length} cells above: ${at}…`;
  return `Running the cells above first: ${at}…`;
}

/** 1st, 2nd, 3rd, 4th, …, 11th, 12th, 13th, …, 21st. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}

const cellsAbove = (n: number): string => (n === 1 ? "the cell above" : `the ${n} cells above`);

/** What the cell whose Run all above ran them all says after. */
export function allAboveRan(total: number, ms: number): string {
  return `Ran ${cellsAbove(total)} in ${seconds(ms)}`;
}

/** …after the cell at index `failed` of the `total` failed (the rest did not run). */
export function allAboveFailed(failed: number, total: number): string {
  return total === 1
    ? "The cell above failed: see its error"
    : `The ${ordinal(failed + 1)} of the ${total} cells above failed (see its error); the rest did not run`;
}

/** …after Stop. */
export function allAboveStopped({ list, done }: AboveProgress): string {
  return list.length === 1
    ? "Stopped before the cell above ended"
    : `Stopped after ${done} of the ${list.length} cells above`;
}

/**
 * Cell i's status; `generation` is the current worker's (null before the first run); `above` is set while the
 * cells above cell i run first for it.
 */
export function cellStatus(
  cells: readonly Cell[],
  i: number,
  generation: number | null,
  above: AboveProgress | null = null,
): Status {
  const cell = cells[i]!;
  const idle = cell.phase === "idle";
  const hasOutput = cell.view.output.childNodes.length > 0;
  const stale = idle && hasOutput && cells.slice(0, i).some((c, k) => c.code !== cell.basis[k]);
  const edited = idle && hasOutput && cell.code !== cell.basis[i];
  const lost = idle && cell.ranIn !== null && generation !== null && cell.ranIn !== generation;
  const [state, note] = stale
    ? ["stale", "Out of date: a cell above changed since this output was made"]
    : edited
      ? ["edited", "Edited since this output was made: run it to update"]
      : lost
        ? ["lost", "Run again: Stop cleared this cell's results from memory"]
        : [cell.phase, ""];
  if (cell.phase === "running") return { text: cell.stopping ? "Stopping…" : "Running…", note, state, stale };
  if (above && above.done < above.list.length)
    return { text: aboveText(above), note, state: "queued", stale };
  if (cell.phase === "queued") return { text: "Waiting for the cells above…", note, state, stale };
  if (cell.blocked) return { text: cell.blocked, note, state: "blocked", stale };
  return { text: cell.result, note, state, stale };
}
