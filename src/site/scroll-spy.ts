// Marks, in the table of contents and the sidebar, the section the reader is in: the last heading whose top
// has passed the reading line, a third of the way down the screen below the sticky header. (Just under the
// header, the mark lagged a section behind: a heading halfway up the screen starts the section being read.)
import { onScrollFrame } from "./on-scroll-frame.ts";

/** Where the reader reads: a third of the way down the part of the screen below the header. */
export function readingLine(headerHeight: number, viewportHeight: number): number {
  return headerHeight + Math.max(0, viewportHeight - headerHeight) / 3;
}

/** Index of the last heading at or above `line` (the first heading if none has passed it yet). */
export function currentSection(headingTops: readonly number[], line: number): number {
  let current = 0;
  for (let i = 0; i < headingTops.length; i++) if (headingTops[i]! <= line) current = i;
  return current;
}

const LINKS = ".toc a[href^='#'], .sidebar-sections a[href^='#']";

/** The headings the table of contents and the sidebar link to, in the page's order. (In the links' order,
 *  the sidebar's level-2 sections came before the contents' level-3 ones, and a passed level-3 heading
 *  outranked every level-2 heading after it.) */
export function trackedHeadings(doc: Document): HTMLElement[] {
  const ids = new Set(
    [...doc.querySelectorAll<HTMLAnchorElement>(LINKS)].map((a) =>
      decodeURIComponent(a.getAttribute("href")!.slice(1)),
    ),
  );
  return [...doc.querySelectorAll<HTMLElement>("[id]")].filter((el) => ids.has(el.id));
}

export function initScrollSpy(doc: Document): void {
  const links = [...doc.querySelectorAll<HTMLAnchorElement>(LINKS)];
  const headings = trackedHeadings(doc);
  if (headings.length === 0) return;
  onScrollFrame(() => {
    const header = parseFloat(getComputedStyle(doc.documentElement).scrollPaddingTop) || 80;
    const at = currentSection(
      headings.map((h) => h.getBoundingClientRect().top),
      readingLine(header, innerHeight) + 1,
    );
    const id = headings[at]!.id;
    for (const a of links) {
      if (decodeURIComponent(a.hash.slice(1)) === id) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    }
  });
}
