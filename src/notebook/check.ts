// `verify`, the helper an exercise's checks are written with (```ts check fences): each case prints one line,
// "✓ what" or "✗ what should be …, got …", in the reader's terms. The page and the tests read those lines
// (checkVerdict): an exercise is solved when its checks ran to the end, printed a ✓ and no ✗.
import { inspect } from "./inspect.ts";
import type { Output } from "./protocol.ts";

export const PASS = "✓ ";
export const FAIL = "✗ ";

/** A number, a list of numbers, or a matrix (the library's Matrix: rows, cols and row-major data). */
type Numeric = number | ArrayLike<number> | { rows: number; cols: number; data: ArrayLike<number> };

export interface NearOptions {
  /** Largest difference taken as equal (default 1e-6, relative to the size of `want` above 1). */
  tolerance?: number;
  /** What to compare with, said after a miss: "compare with gradCheck". */
  hint?: string;
}

export interface CellCheck {
  /** `got` is `want` up to the tolerance: "sigmoidPrime(0) should be 0.25, got 0.5". */
  near(what: string, got: unknown, want: Numeric, options?: NearOptions): boolean;
  /** A condition: "✗ what: detail" when it is false. */
  that(what: string, ok: boolean, detail?: string): boolean;
}

/** A number as a reader reads it: at most 6 significant digits. */
export function num(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(6))) : String(x);
}

function isMatrix(x: unknown): x is { rows: number; cols: number; data: ArrayLike<number> } {
  return typeof x === "object" && x !== null && "rows" in x && "cols" in x && "data" in x;
}

function isList(x: unknown): x is ArrayLike<number> {
  return Array.isArray(x) || ArrayBuffer.isView(x);
}

function shape(x: unknown): string {
  if (isMatrix(x)) return `a ${x.rows}×${x.cols} matrix`;
  if (isList(x)) return `a list of ${x.length}`;
  return typeof x === "number" ? "a number" : inspect(x);
}

/** The first difference between `got` and `want`, as a sentence, or null if they agree. */
export function difference(
  what: string,
  got: unknown,
  want: Numeric,
  options: NearOptions = {},
): string | null {
  const tolerance = options.tolerance ?? 1e-6;
  const close = (g: number, w: number): boolean => Math.abs(g - w) <= tolerance * Math.max(1, Math.abs(w));
  const hint = options.hint ? `: ${options.hint}` : "";
  if (typeof want === "number") {
    if (typeof got !== "number") return `${what} should be ${num(want)}, got ${shape(got)}`;
    return close(got, want) ? null : `${what} should be ${num(want)}, got ${num(got)}${hint}`;
  }
  const wantCols = isMatrix(want) ? want.cols : null;
  const gotCols = isMatrix(got) ? got.cols : isList(got) && wantCols === null ? null : -1;
  const gotData = isMatrix(got) ? got.data : isList(got) ? got : null;
  const wantData = isMatrix(want) ? want.data : want;
  if (gotData === null || gotCols !== wantCols || gotData.length !== wantData.length) {
    return `${what} should be ${shape(want)}, got ${shape(got)}`;
  }
  for (let k = 0; k < wantData.length; k++) {
    const g = gotData[k]!;
    const w = wantData[k]!;
    if (close(g, w)) continue;
    const at = wantCols === null ? `[${k}]` : `[${Math.floor(k / wantCols)}][${k % wantCols}]`;
    return Number.isFinite(g)
      ? `${what}${at} is off by ${num(Math.abs(g - w))} (should be ${num(w)}, got ${num(g)})${hint}`
      : `${what}${at} should be ${num(w)}, got ${num(g)}${hint}`;
  }
  return null;
}

export function createCheck(emit: (output: Output) => void): CellCheck {
  const say = (text: string): void => emit({ kind: "stream", stream: "stdout", text: `${text}\n` });
  return {
    near(what, got, want, options) {
      const miss = difference(what, got, want, options);
      say(miss === null ? `${PASS}${what}` : `${FAIL}${miss}`);
      return miss === null;
    },
    that(what, ok, detail) {
      say(ok ? `${PASS}${what}` : `${FAIL}${what}${detail ? `: ${detail}` : ""}`);
      return ok;
    },
  };
}

export interface Verdict {
  passed: string[];
  failed: string[];
  /** Solved: the run ended without error, with at least one ✓ and no ✗. */
  solved: boolean;
}

/** What a check run's outputs say. */
export function checkVerdict(outputs: readonly Output[], ok: boolean): Verdict {
  const lines = outputs.flatMap((o) => (o.kind === "stream" ? o.text.split("\n") : []));
  const passed = lines.filter((l) => l.startsWith(PASS)).map((l) => l.slice(PASS.length));
  const failed = lines.filter((l) => l.startsWith(FAIL)).map((l) => l.slice(FAIL.length));
  const error = outputs.some((o) => o.kind === "error");
  return { passed, failed, solved: ok && !error && passed.length > 0 && failed.length === 0 };
}
