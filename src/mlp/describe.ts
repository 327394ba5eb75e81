// How an error message names a value it was given, in the reader's terms: "a Matrix (4×2)", "an array",
// `"a" (a string)`. Plain duck typing, so it imports nothing and any file of the library can use it.

const article = (word: string): string => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`);

/** What `value` is, for "got …" in a message. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "string") {
    const text = value.length > 30 ? `${value.slice(0, 30)}…` : value;
    return `${JSON.stringify(text)} (a string)`;
  }
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return `${String(value)} (${article(typeof value)})`;
  }
  if (typeof value !== "object") return article(typeof value);
  if (Array.isArray(value)) return "an array";
  const m = value as { rows?: unknown; cols?: unknown; data?: unknown };
  if (typeof m.rows === "number" && typeof m.cols === "number" && m.data !== undefined) {
    return `a Matrix (${m.rows}×${m.cols})`;
  }
  if (ArrayBuffer.isView(value)) return article(value.constructor.name);
  return "an object";
}

/** True for an array or a typed array: what the library takes as a list of numbers (labels, predictions). */
export function isNumberList(value: unknown): value is ArrayLike<number> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/** Throws unless `value` is a list of class numbers; a Matrix of one-hot rows gets its own advice. */
export function checkLabelList(op: string, what: string, value: unknown): asserts value is ArrayLike<number> {
  if (isNumberList(value)) return;
  const got = describeValue(value);
  const hint = got.startsWith("a Matrix") ? "; for one-hot rows use argmaxRows(Y)" : "";
  throw new Error(
    `${op}: ${what} must be a list of class numbers (an array or Int32Array), got ${got}${hint}`,
  );
}
