// Which cells a knob re-runs: its own cell, then every cell below that reads a name the cells re-run so far
// declare or assign (a pure function of the cells' names, as transform.ts reads them, tested without a page).
// A cell below that declares such a name again without reading it hides the earlier one from the cells after it.
import type { CellNames } from "../protocol.ts";

export interface DependentCell {
  /** Null when the cell does not parse: it cannot be said to read anything. */
  names: CellNames | null;
  /** `norun` and `manual` cells run only when the reader asks. */
  norun: boolean;
  manual?: boolean;
}

/** Cell i and the cells below it that depend on the names it changes, top to bottom. */
export function knobDependents(cells: readonly DependentCell[], i: number): number[] {
  const own = cells[i]?.names;
  if (!own) return [i];
  const changed = new Set([...own.declared, ...own.assigns]);
  const list = [i];
  for (let j = i + 1; j < cells.length; j++) {
    const { names, norun, manual = false } = cells[j]!;
    if (!names || norun || manual) continue;
    if (names.reads.some((name) => changed.has(name))) {
      list.push(j);
      for (const name of [...names.declared, ...names.assigns]) changed.add(name);
    } else {
      for (const name of names.declared) changed.delete(name);
    }
  }
  return list;
}
