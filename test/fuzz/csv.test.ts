// Fuzzing the reader's CSV: lines built from numbers, near-numbers and junk. Every input is either read into
// exactly what its lines say, or refused with a message that names the line (or says there is no data).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsvDataset } from "../../src/data/csv.ts";
import { attempt, fuzz } from "./fuzz.ts";

const RUNS = 3000;

const field = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer({ min: -3, max: 4 }).map(String),
  fc.constantFrom(
    "",
    " ",
    "0x10",
    "0b11",
    "0o7",
    "1e999",
    "-1e999",
    "NaN",
    "Infinity",
    "1_0",
    "1e8",
    "1e300",
    "4294967296",
    "2.0",
    "+1",
    "-.5",
    ".",
    "-",
    "e5",
    "1e",
    "x1",
    "label",
    "١",
    "1,5",
    '"1"',
    "\t3 ",
  ),
);
const line = fc.oneof(
  fc.array(field, { minLength: 3, maxLength: 3 }).map((f) => f.join(",")),
  fc.array(field, { minLength: 0, maxLength: 5 }).map((f) => f.join(",")),
  fc.string({ maxLength: 12 }),
);
const junkFile = fc
  .tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom("\n", "\r\n", "\r"))
  .map(([lines, end]) => lines.join(end));
const good = fc.tuple(
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.integer({ min: 0, max: 2 }),
);
/** A well-formed file (classes 0 and 1 at least), perhaps with a header, one line perhaps replaced by junk. */
const nearlyGood = fc
  .tuple(fc.array(good, { maxLength: 10 }), fc.boolean(), fc.option(fc.tuple(fc.nat(), line)))
  .map(([points, header, junk]) => {
    const lines = ["1,2,0", "-3,4.5,1", ...points.map((p) => p.join(","))];
    if (junk) lines[junk[0] % lines.length] = junk[1];
    return (header ? ["x1,x2,label", ...lines] : lines).join("\n");
  });
const csv = fc.oneof(junkFile, nearlyGood);

/** A decimal number as a person writes one: digits, one point, an exponent; nothing Number() also reads. */
const decimal = (s: string): boolean =>
  /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s) && Number.isFinite(+s);

describe("fuzz: parseCsvDataset", () => {
  it(`reads or refuses with the line, for ${RUNS} generated files`, () => {
    const tried = fuzz(
      "csv",
      csv,
      (text) => {
        const r = attempt(() => parseCsvDataset(text), /^(line \d+: .+|no data: .+|only class 0 found: .+)$/);
        if (!r.accepted) return false;
        const { X, y } = r.value;
        const data = text
          .split(/\r\n|\r|\n/)
          .map((l) => l.split(",").map((f) => f.trim()))
          .filter((f) => f.join("") !== "" || f.length > 1);
        const rows = data.filter((f) => f.every(decimal));
        // accepted: every line with content has three decimal fields, but perhaps a header first
        expect(
          rows.length === data.length || (rows.length === data.length - 1 && !data[0]!.some(decimal)),
        ).toBe(true);
        expect(X.shape).toEqual([rows.length, 2]);
        rows.forEach((f, i) => {
          expect([X.get(i, 0), X.get(i, 1), y[i]]).toEqual(f.map(Number));
        });
        const K = y.reduce((a, b) => Math.max(a, b)) + 1;
        expect(K).toBeGreaterThanOrEqual(2);
        for (let k = 0; k < K; k++) expect(y.includes(k)).toBe(true);
        return true;
      },
      RUNS,
    );
    expect(tried).toBe(RUNS);
  });
});
