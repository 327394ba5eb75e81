// A wide table or equation scrolls sideways on a narrow screen. Keyboard users scroll it by focusing it,
// so each one that overflows joins the tab order (and leaves it again when the window grows).

export const SCROLLERS = ".prose table, .prose .katex-display";

export function initScrollableFocus(doc: Document, selector = SCROLLERS): void {
  const update = () => {
    for (const el of doc.querySelectorAll<HTMLElement>(selector)) {
      if (el.scrollWidth > el.clientWidth + 1) el.tabIndex = 0;
      else el.removeAttribute("tabindex");
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  addEventListener("resize", () => {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
  update();
}
