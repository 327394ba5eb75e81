// A helper cell's code and toolbar are folded (components/CellFold.astro, a <details>). A fold opens by
// itself when it holds something the reader must see: their own edit, restored as the page opened, the notice
// that the site's version of a cell they edited has changed, or a failure (its status, its line marked).
const FAILED = /^Failed/;

export function watchHelperFolds(doc: Document): void {
  for (const fold of doc.querySelectorAll<HTMLDetailsElement>("details[data-cell-fold]")) {
    if (fold.querySelector(".cell-plain, .cell-editor, .cell-notice")) fold.open = true;
    const status = fold.querySelector("[data-cell-status]");
    if (!status) continue;
    new MutationObserver(() => {
      if (FAILED.test(status.textContent ?? "")) fold.open = true;
    }).observe(status, { childList: true, characterData: true, subtree: true });
  }
}
