// A reader's edits, kept in localStorage under (chapter, cell, hash of the cell's original code). An edit made
// to an older version of a cell is never applied to the new one: it is found and offered instead.

const PREFIX = "mlp-notebook:edit:";

export interface StoredEdit {
  code: string;
  savedAt: number;
}

export interface Found {
  /** The edit of this very version of the cell, applied as the page opens. */
  edit: StoredEdit | null;
  /** The latest edit of an earlier version of the cell (its original code has changed since). */
  older: (StoredEdit & { key: string }) | null;
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage disabled: edits last as long as the page
  }
}

export function parse(text: string | null): StoredEdit | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as Partial<StoredEdit>;
    return typeof value.code === "string" ? { code: value.code, savedAt: Number(value.savedAt) || 0 } : null;
  } catch {
    return null;
  }
}

export class EditStore {
  readonly #chapter: string;

  constructor(chapter: string) {
    this.#chapter = chapter;
  }

  #cellPrefix(cellId: string): string {
    return `${PREFIX}${this.#chapter}|${cellId}|`;
  }

  find(cellId: string, hash: string): Found {
    const store = storage();
    if (!store) return { edit: null, older: null };
    const prefix = this.#cellPrefix(cellId);
    let older: Found["older"] = null;
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (key === null || !key.startsWith(prefix) || key === prefix + hash) continue;
      const edit = parse(store.getItem(key));
      if (edit && (!older || edit.savedAt > older.savedAt)) older = { ...edit, key };
    }
    return { edit: parse(store.getItem(prefix + hash)), older };
  }

  /**
   * Saves the cell's code, or forgets the edit when `code` is null (the original again). Returns when it was
   * saved, or null when it could not be (storage full or turned off): the caller must say so, the edit then
   * lives on the page only.
   */
  save(cellId: string, hash: string, code: string | null): { savedAt: number } | null {
    const store = storage();
    const key = this.#cellPrefix(cellId) + hash;
    const savedAt = Date.now();
    try {
      if (!store) return null;
      if (code === null) store.removeItem(key);
      else store.setItem(key, JSON.stringify({ code, savedAt } satisfies StoredEdit));
      return { savedAt };
    } catch {
      return null;
    }
  }

  /**
   * Calls `changed` when another tab saves or forgets an edit of this chapter (the `storage` event fires in
   * every other tab of the origin, never in the one that wrote). Returns a function that stops listening.
   */
  watch(
    target: Pick<Window, "addEventListener" | "removeEventListener">,
    changed: (cellId: string, hash: string, edit: StoredEdit | null) => void,
  ): () => void {
    const prefix = `${PREFIX}${this.#chapter}|`;
    const listener = (event: StorageEvent): void => {
      if (event.key === null || !event.key.startsWith(prefix)) return;
      const [cellId, hash] = event.key.slice(prefix.length).split("|");
      if (cellId === undefined || hash === undefined) return;
      changed(cellId, hash, parse(event.newValue));
    };
    target.addEventListener("storage", listener);
    return () => target.removeEventListener("storage", listener);
  }

  forget(key: string): void {
    if (key.startsWith(PREFIX)) storage()?.removeItem(key);
  }
}
