// The sidebar's count of solved exercises per chapter ([data-chapter-solved] holds the chapter's id and how
// many exercises it has), filled from the reader's records and kept up to date as they solve more.
import { SOLVED_EVENT, solvedCount } from "./solved.ts";

export function showSolvedCounts(doc: Document): void {
  const update = (): void => {
    for (const el of doc.querySelectorAll<HTMLElement>("[data-chapter-solved]")) {
      const total = Number(el.dataset.exercises);
      const solved = Math.min(solvedCount(el.dataset.chapterSolved ?? ""), total);
      el.textContent = `${solved}/${total}`;
      el.title = `${solved} of ${total} exercises solved`;
      el.setAttribute("aria-label", el.title);
      el.hidden = false;
      if (solved === total) el.dataset.all = "";
      else delete el.dataset.all;
    }
  };
  update();
  doc.addEventListener(SOLVED_EVENT, update);
  globalThis.addEventListener?.("storage", update);
}
