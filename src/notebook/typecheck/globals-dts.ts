// What a cell finds in scope without an import (helpers.ts), as declarations for the compiler: the types come
// from the runtime's own source, so the checker and the kernel cannot disagree.

/** The text of a .d.ts that declares the cells' globals; `helpers` is the module specifier of helpers.ts. */
export function cellGlobalsDts(helpers: string): string {
  const from = JSON.stringify(helpers);
  return `import type { CellHelpers } from ${from};
declare global {
  /** Shows \`value\` under the cell and returns a handle; \`handle.update(v)\` replaces it in place (throttled; pass a function to build the value only when shown). */
  const display: CellHelpers["display"];
  /** One progress bar per label, with an ETA: \`progress(done, total, label?)\`. */
  const progress: CellHelpers["progress"];
  /** A progress bar of \`total\` steps: \`{ tick(n = 1), set(done) }\`. */
  const progressBar: CellHelpers["progressBar"];
  /** The reader's value of the page widget \`name\`, or \`fallback\` if none. */
  const input: CellHelpers["input"];
  /** Offers \`text\` to the reader as a file to save: \`download(text, filename, mime = "application/json")\`. */
  const download: CellHelpers["download"];
  /** A number the reader sets with a slider above the cell's output (in Node: its value): \`range([0.001, 3], { value: 0.1, step: "log", label: "η" })\`. */
  const range: CellHelpers["range"];
  /** One of \`options\`, chosen from a list above the cell's output (in Node: \`value\`, else the first). */
  const select: CellHelpers["select"];
  /** true or false, from a checkbox above the cell's output (in Node: \`value\`, else false). */
  const checkbox: CellHelpers["checkbox"];
  /** The running cell's AbortSignal: it aborts when the reader presses Stop (a loop of the cell's own can end on it). */
  const signal: AbortSignal;
  /** An exercise's checks: \`verify.near(what, got, want, { tolerance, hint })\`, \`verify.that(what, ok, detail)\`. */
  const verify: CellHelpers["verify"];
}
export {};
`;
}
