// Which request of a batch the checker works out for each: a cell's diagnostics and completions go stale as
// the reader types, and while the checker loads or checks, requests pile up (the linter asks at every pause).
// Only the newest of a kind for a cell is worked out; the older ones get its answer (their editor has moved
// on: CodeMirror drops an answer for a text it no longer shows, and a completion it no longer waits for).

interface Request {
  type: string;
  cell: number;
}

const STALE = new Set(["diagnostics", "completions"]);

/** For each request of `batch` (in the order read), the request whose answer it gets. */
export function answeredBy<R extends Request>(batch: readonly R[]): Map<R, R> {
  const newest = new Map<string, R>();
  for (const r of batch) if (STALE.has(r.type)) newest.set(`${r.type} ${r.cell}`, r);
  return new Map(batch.map((r) => [r, STALE.has(r.type) ? newest.get(`${r.type} ${r.cell}`)! : r]));
}
