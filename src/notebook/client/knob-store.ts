// The reader's knob settings, kept in localStorage beside their edits, one entry per cell: key (chapter, cell,
// hash of the cell's original code), value { values: { n: setting }, savedAt }. A cell whose site code changed
// starts again from its built values, as an edit of an older version is not applied.

export const KNOB_PREFIX = "mlp-notebook:knob:";

export type KnobSetting = number | boolean;

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

const keyOf = (chapter: string, cellId: string, hash: string): string =>
  `${KNOB_PREFIX}${chapter}|${cellId}|${hash}`;

/** The cell's saved settings by knob number (none: an empty map). */
export function loadKnobs(chapter: string, cellId: string, hash: string): Map<number, KnobSetting> {
  const out = new Map<number, KnobSetting>();
  try {
    const text = storage()?.getItem(keyOf(chapter, cellId, hash));
    const parsed = JSON.parse(text ?? "null") as { values?: Record<string, unknown> } | null;
    for (const [n, v] of Object.entries(parsed?.values ?? {})) {
      if (/^\d+$/.test(n) && (typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v))))
        out.set(Number(n), v);
    }
  } catch {
    // unreadable: the built values
  }
  return out;
}

/** Saves the cell's settings (an empty map forgets them). False when the browser would not keep them. */
export function saveKnobs(
  chapter: string,
  cellId: string,
  hash: string,
  values: ReadonlyMap<number, KnobSetting>,
): boolean {
  const key = keyOf(chapter, cellId, hash);
  try {
    const store = storage();
    if (!store) return false;
    if (values.size === 0) store.removeItem(key);
    else store.setItem(key, JSON.stringify({ values: Object.fromEntries(values), savedAt: Date.now() }));
    return true;
  } catch {
    return false;
  }
}
