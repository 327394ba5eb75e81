// A chart wider than its box (a 640-px chart on a phone keeps its width and scrolls sideways, see
// components/Cell.astro) is marked data-wide, so the page can say that there is more of it to the right.
// Charts come and go as cells run: new outputs are watched too.

const BOX = ".cell-plot";

function mark(box: Element): void {
  box.toggleAttribute("data-wide", box.scrollWidth > box.clientWidth + 1);
}

export function watchWideCharts(doc: Document): void {
  const resized = new ResizeObserver((entries) => {
    for (const entry of entries) mark(entry.target);
  });
  const watch = (root: ParentNode): void => {
    for (const box of root.querySelectorAll(BOX)) resized.observe(box);
  };
  watch(doc);
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.matches(BOX)) resized.observe(node);
        watch(node);
      }
    }
  }).observe(doc.body, { childList: true, subtree: true });
}
