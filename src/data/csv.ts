// A reader's own data: two features and a class per line, "x1,x2,label", as typed or pasted into a page.
// Every mistake is reported by its line number, in the terms of the format, with what to do about it.
import { Matrix } from "../mlp/matrix.ts";
import type { Dataset } from "./dataset.ts";

const FIELDS = ["x1", "x2", "label"] as const;
const FORMAT = `${FIELDS.length} values (${FIELDS.join(", ")})`;

// Decimal only: Number() would also read 0x10, 0b11, 0o7 and Infinity, which no data file means.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const isNumber = (field: string): boolean => DECIMAL.test(field) && Number.isFinite(Number(field));

/**
 * A mistake in the data, named by its line in the data. It carries no stack: the kernel would add the
 * position of the call in the cell's code, a second "line" that is not the one to fix.
 */
function dataError(message: string): Error {
  const error = new Error(message);
  error.name = "CsvError";
  error.stack = `${error.name}: ${message}`;
  return error;
}

/**
 * Parses lines of "x1,x2,label" into X (m×2) and y (m labels). Blank lines and spaces around values are
 * ignored; the first line may be a header of three names. Labels are the classes 0 … K−1, each present.
 */
export function parseCsvDataset(text: string): Dataset {
  if (typeof text !== "string") throw new Error(`parseCsvDataset: expected text, got ${typeof text}`);
  const rows: { line: number; x1: number; x2: number; label: number; text: string }[] = [];
  let header = false;
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return;
    const fields = raw.split(",").map((f) => f.trim());
    if (fields.length !== FIELDS.length) {
      throw dataError(
        `line ${line}: expected ${FORMAT}, found ${fields.length} — write each point as x1,x2,label, e.g. 0.5,-1.2,0`,
      );
    }
    // A header is the first line with content when none of its fields is a number ("x1,x2,label").
    if (rows.length === 0 && !header && !fields.some(isNumber)) {
      header = true;
      return;
    }
    const [x1, x2, label] = fields.map((field, j) => {
      const name = FIELDS[j]!;
      if (field === "")
        throw dataError(`line ${line}: ${name} is empty, expected a number such as 0.5 or -1.2`);
      if (!isNumber(field))
        throw dataError(`line ${line}: ${name} is "${field}", expected a number such as 0.5 or -1.2`);
      return Number(field);
    }) as [number, number, number];
    if (!Number.isInteger(label) || label < 0) {
      throw dataError(
        `line ${line}: label is "${fields[2]}", expected a class 0, 1, 2, … — number the classes with whole numbers from 0`,
      );
    }
    rows.push({ line, x1, x2, label, text: fields[2]! });
  });

  if (rows.length === 0)
    throw dataError(`no data: expected lines of ${FIELDS.join(",")} — one point per line, e.g. 0.5,-1.2,0`);
  // The largest label, by a loop: spreading the labels into Math.max passes each as an argument, which
  // overflows the stack for a long file.
  const top = rows.reduce((a, r) => (r.label > a.label ? r : a));
  const K = top.label + 1;
  if (K > rows.length) {
    // More classes than points: some class is missing; say so before allocating K counts (K may be 1e300).
    throw dataError(
      `line ${top.line}: label ${top.text} means classes 0 … ${K - 1}, but there are only ${rows.length} points — number the classes from 0 without gaps`,
    );
  }
  const counts = new Array<number>(K).fill(0);
  for (const r of rows) counts[r.label]!++;
  const missing = counts.findIndex((c) => c === 0);
  if (missing >= 0) {
    throw dataError(
      `line ${top.line}: label ${K - 1} means classes 0 … ${K - 1}, but class ${missing} is missing — number the classes from 0 without gaps`,
    );
  }
  if (K < 2)
    throw dataError(
      `only class 0 found: a classifier needs at least two classes — give some points the label 1`,
    );

  const X = new Matrix(rows.length, 2); // (m, 2)
  const y = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    X.set(i, 0, r.x1);
    X.set(i, 1, r.x2);
    y[i] = r.label;
  });
  return { X, y };
}
