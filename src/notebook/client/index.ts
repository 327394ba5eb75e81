// The notebook's entry on a page with cells (imported by components/Cell.astro). Small on purpose: the
// editor, the renderer and the worker load only when the reader edits or runs a cell.
import "./cell.css";
import { watchHelperFolds } from "./helper-folds.ts";
import { Notebook } from "./notebook.ts";
import { watchWideCharts } from "./wide-charts.ts";

if (document.querySelector("[data-cell]")) {
  new Notebook(document);
  watchHelperFolds(document);
  watchWideCharts(document);
}
