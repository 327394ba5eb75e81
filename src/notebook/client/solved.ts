// Which exercises the reader has solved, in localStorage beside their edits: key (chapter, exercise id), value
// the code that passed and when. The sidebar's counts and the exercises' marks listen for SOLVED_EVENT.

export const SOLVED_PREFIX = "mlp-notebook:solved:";
/** Dispatched on the document when an exercise is solved (or the record is cleared). */
export const SOLVED_EVENT = "notebook:solved";

export interface SolvedRecord {
  code: string;
  solvedAt: number;
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

const key = (chapter: string, id: string): string => `${SOLVED_PREFIX}${chapter}|${id}`;

export function isSolved(chapter: string, id: string): boolean {
  return storage()?.getItem(key(chapter, id)) != null;
}

export function markSolved(chapter: string, id: string, code: string): void {
  try {
    storage()?.setItem(
      key(chapter, id),
      JSON.stringify({ code, solvedAt: Date.now() } satisfies SolvedRecord),
    );
  } catch {
    // storage full or off: the mark lasts as long as the page
  }
  globalThis.document?.dispatchEvent(new CustomEvent(SOLVED_EVENT));
}

/** How many exercises of `chapter` are solved. */
export function solvedCount(chapter: string): number {
  const store = storage();
  if (!store) return 0;
  let n = 0;
  for (let i = 0; i < store.length; i++) if (store.key(i)?.startsWith(`${SOLVED_PREFIX}${chapter}|`)) n++;
  return n;
}
