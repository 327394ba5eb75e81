// Which cells a Run, a "Run all above" or a widget's preparation runs, and in what order: a pure function of
// the cells (which are `norun`) and of which are in memory, so it is tested without a page or a worker.

/** Run a cell (after the cells above it not in memory), run every cell above it, or only those above it. */
export type Mode = "cell" | "above" | "prepare";

export interface RunPlan {
  /** The cells above i that run first, top to bottom. */
  first: number[];
  /** Every cell that runs, in order: `first`, then i itself for a Run. */
  list: number[];
}

/**
 * The plan for `mode` on cell i. Cells marked `norun` above i never run for it (only when asked). Run and a
 * widget's preparation skip the cells above that are in memory; "Run all above" runs them all again.
 */
export function planRun(
  cells: readonly { norun: boolean }[],
  i: number,
  mode: Mode,
  inMemory: (j: number) => boolean,
): RunPlan {
  const above = cells.slice(0, i).flatMap((c, j) => (c.norun ? [] : [j]));
  const first = mode === "above" ? above : above.filter((j) => !inMemory(j));
  return { first, list: mode === "cell" ? [...first, i] : first };
}
