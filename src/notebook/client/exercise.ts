// An exercise's Check, Hint and Show solution in the page (components/CellExercise.astro). Check runs the
// reader's code as it is now (the saved edit, else the starter), then the author's checks, as one cell in a
// worker of its own that ends with the check: the notebook's scope is not touched, and a name the reader has
// since deleted cannot linger from an earlier attempt. A solved exercise is remembered (solved.ts) with the code
// that solved it; once the reader changes that code (CODE_EVENT, from the notebook), the mark goes until Check
// passes again: "Solved" always means the code on the page passes.
import { checkVerdict, type Verdict } from "../check.ts";
import { checkSource } from "../exercise.ts";
import type { Output } from "../protocol.ts";
import { CODE_EVENT } from "./input-event.ts";
import { markSolved, markUnsolved, isSolved, solvedCode, SOLVED_EVENT } from "./solved.ts";
import { EditStore } from "./store.ts";

interface Source {
  id: string;
  check: string;
  hints: number;
}

function readSource(root: HTMLElement): Source | null {
  try {
    const value = JSON.parse(root.querySelector("script[data-exercise-source]")?.textContent ?? "") as Source;
    return typeof value.check === "string" && typeof value.id === "string" ? value : null;
  } catch {
    return null;
  }
}

function originalCode(root: HTMLElement): string {
  try {
    const value = JSON.parse(root.querySelector("script[data-cell-source]")?.textContent ?? "") as {
      code?: unknown;
    };
    return typeof value.code === "string" ? value.code : "";
  } catch {
    return "";
  }
}

/** What Check says: a headline, then each case, then where the reader's code threw. */
function report(
  doc: Document,
  verdict: Verdict,
  outputs: readonly Output[],
  codeLines: number,
): HTMLElement[] {
  const headline = doc.createElement("p");
  const total = verdict.passed.length + verdict.failed.length;
  headline.textContent = verdict.solved
    ? `Solved: all ${total} checks pass.`
    : total > 0
      ? `Not yet: ${verdict.passed.length} of ${total} checks pass.`
      : "Not yet: the checks did not run to the end.";
  const list = doc.createElement("ul");
  for (const [lines, cls, mark] of [
    [verdict.failed, "fail", "✗"],
    [verdict.passed, "pass", "✓"],
  ] as const) {
    for (const line of lines) {
      const li = doc.createElement("li");
      li.className = cls;
      li.textContent = `${mark} ${line}`;
      list.append(li);
    }
  }
  const parts: HTMLElement[] = [headline, list];
  const error = outputs.find((o) => o.kind === "error");
  if (error) {
    const p = doc.createElement("div");
    p.className = "error";
    const inReader = error.line !== null && error.line <= codeLines;
    const where = inReader
      ? `Line ${error.line}${error.column === null ? "" : `, column ${error.column}`} of your code: `
      : "While checking: ";
    p.textContent = `${where}${error.name}: ${error.message}`;
    parts.push(p);
  }
  return parts;
}

function wire(root: HTMLElement, store: EditStore, chapter: string): void {
  const source = readSource(root);
  const bar = root.querySelector<HTMLElement>("[data-exercise-bar]");
  if (!source || !bar) return;
  const doc = root.ownerDocument;
  const button = (action: string) =>
    bar.querySelector<HTMLButtonElement>(`button[data-exercise-action="${action}"]`)!;
  const [check, hint, solution] = [button("check"), button("hint"), button("solution")];
  const result = root.querySelector<HTMLElement>("[data-exercise-result]")!;
  const solvedBadge = bar.querySelector<HTMLElement>("[data-exercise-solved]")!;
  const showSolved = (solved: boolean): void => {
    solvedBadge.hidden = !solved;
    solvedBadge.textContent = "✓ Solved";
    if (solved) root.dataset.solved = "";
    else delete root.dataset.solved;
  };
  showSolved(isSolved(chapter, source.id));
  doc.addEventListener(SOLVED_EVENT, () => showSolved(isSolved(chapter, source.id)));
  root.addEventListener(CODE_EVENT, (event) => {
    const solved = solvedCode(chapter, source.id);
    if (solved !== null && solved !== (event as CustomEvent<string>).detail) markUnsolved(chapter, source.id);
  });

  const hints = Array.from(root.querySelectorAll<HTMLElement>("[data-exercise-hints] > li"));
  const nextHint = (): void => {
    const next = hints.find((h) => h.hidden);
    if (next) next.hidden = false;
    const left = hints.filter((h) => h.hidden).length;
    hint.textContent = left === 0 ? "No more hints" : "Hint";
    hint.disabled = left === 0;
  };
  hint.addEventListener("click", nextHint);

  const panel = root.querySelector<HTMLElement>("[data-exercise-solution]")!;
  solution.addEventListener("click", () => {
    const open = panel.hidden;
    panel.hidden = !open;
    solution.setAttribute("aria-expanded", String(open));
    solution.textContent = open ? "Hide solution" : "Show solution";
  });

  check.addEventListener("click", async () => {
    const id = root.dataset.cellId ?? "";
    const code = store.find(id, root.dataset.cellHash ?? "").edit?.code ?? originalCode(root);
    check.disabled = true;
    result.replaceChildren(doc.createTextNode("Checking…"));
    const outputs: Output[] = [];
    const { Session } = await import("./session.ts");
    const session = new Session();
    try {
      const outcome = await session.run(`${id}:check`, checkSource(code, source), (o) => outputs.push(o));
      const ok = !("killed" in outcome) && outcome.ok;
      const verdict = checkVerdict(outputs, ok);
      result.replaceChildren(...report(doc, verdict, outputs, code.split("\n").length));
      if (verdict.solved) markSolved(chapter, source.id, code);
      showSolved(verdict.solved || isSolved(chapter, source.id));
    } finally {
      session.close();
      check.disabled = false;
    }
  });
  bar.hidden = false;
}

export function wireExercises(doc: Document): void {
  const roots = Array.from(doc.querySelectorAll<HTMLElement>("[data-cell][data-exercise]"));
  const chapter = roots[0]?.dataset.chapter;
  if (chapter === undefined) return;
  const store = new EditStore(chapter);
  for (const root of roots) wire(root, store, chapter);
}
