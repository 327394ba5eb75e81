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

/** The code that solved the exercise, or null if it is not solved. */
export function solvedCode(chapter: string, id: string): string | null {
  try {
    const record = JSON.parse(storage()?.getItem(key(chapter, id)) ?? "null") as SolvedRecord | null;
    return typeof record?.code === "string" ? record.code : null;
  } catch {
    return null;
  }
}

/** Forgets that the exercise is solved (its code changed since). */
export function markUnsolved(chapter: string, id: string): void {
  try {
    storage()?.removeItem(key(chapter, id));
  } catch {
    // storage off: nothing was kept
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
