// A helper cell's code and toolbar are folded (components/CellFold.astro, a <details>). A fold opens by
// itself when it holds something the reader must see: their own edit, restored as the page opened, or the
// notice that the site's version of a cell they edited has changed.
export function openFoldsWithEdits(doc: Document): void {
  for (const fold of doc.querySelectorAll<HTMLDetailsElement>("details[data-cell-fold]")) {
    if (fold.querySelector(".cell-plain, .cell-editor, .cell-notice")) fold.open = true;
  }
}
