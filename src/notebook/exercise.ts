// An exercise: a ```ts cell exercise="id" fence holds the reader's starter code (with a gap), and the fences
// right after it hold what the page keeps back: ```ts solution (the author's answer, which the build runs in
// the exercise's place), ```ts check (run after the reader's code when they press Check; `verify` prints each
// case) and one ```text hint per hint, shown one at a time. None of them is shown as a code block.
import type { Code } from "mdast";

export interface Exercise {
  id: string;
  solution: string;
  check: string;
  hints: string[];
}

export type CompanionKind = "solution" | "check" | "hint";

export interface Companion {
  kind: CompanionKind;
  text: string;
  node: Code;
  parent: { children: unknown[] };
}

/** ```ts solution, ```ts check, ```text hint → a companion of the exercise above; any other block → null. */
export function companionFence(code: Code, parent: { children: unknown[] }, where: string): Companion | null {
  const word = (code.meta ?? "").trim();
  const ts = code.lang === "ts" || code.lang === "typescript";
  const kind: CompanionKind | null =
    ts && (word === "solution" || word === "check")
      ? word
      : (code.lang === "text" || code.lang === "md") && word === "hint"
        ? "hint"
        : null;
  if (kind === null) return null;
  if (code.value.trim() === "") throw new Error(`${where}: the ${kind} fence is empty`);
  return { kind, text: code.value, node: code, parent };
}

/** Adds a companion fence to the cell above it, which must be an exercise. */
export function attachCompanion(
  cell: { exercise: string | null; companions: Companion[] } | undefined,
  companion: Companion,
  where: string,
): void {
  if (!cell?.exercise) {
    throw new Error(
      `${where}: a ${companion.kind} fence belongs to an exercise: put it after a \`\`\`ts cell exercise="id" fence`,
    );
  }
  cell.companions.push(companion);
}

/** The exercise a cell's companions make: one solution, one check, at least one hint. */
export function exerciseOf(id: string, companions: readonly Companion[], where: string): Exercise {
  const of = (kind: CompanionKind): string[] => companions.filter((c) => c.kind === kind).map((c) => c.text);
  const [solution, ...moreSolutions] = of("solution");
  const [check, ...moreChecks] = of("check");
  const hints = of("hint");
  const lacks = [
    solution === undefined || moreSolutions.length > 0 ? "one ```ts solution fence" : null,
    check === undefined || moreChecks.length > 0 ? "one ```ts check fence" : null,
    hints.length === 0 ? "at least one ```text hint fence" : null,
  ].filter((x) => x !== null);
  if (lacks.length > 0) {
    throw new Error(`${where}: exercise "${id}" needs, after its cell, ${lacks.join(", ")}`);
  }
  return { id, solution: solution!, check: check!, hints };
}

/** What Check runs: the reader's code, then the checks, as one cell (so an error's line is the reader's). */
export function checkSource(code: string, exercise: Pick<Exercise, "check">): string {
  return `${code}\n;\n${exercise.check}`;
}
