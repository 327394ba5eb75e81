// Marks, in the table of contents and the sidebar, the section the reader is in: the last heading whose top
// has passed just under the sticky header.

/** Index of the last heading at or above `line` (the first heading if none has passed it yet). */
export function currentSection(headingTops: readonly number[], line: number): number {
  let current = 0;
  for (let i = 0; i < headingTops.length; i++) if (headingTops[i]! <= line) current = i;
  return current;
}

export function initScrollSpy(doc: Document): void {
  const links = [
    ...doc.querySelectorAll<HTMLAnchorElement>(".toc a[href^='#'], .sidebar-sections a[href^='#']"),
  ];
  const ids = [...new Set(links.map((a) => decodeURIComponent(a.hash.slice(1))))];
  const headings = ids.map((id) => doc.getElementById(id)).filter((h): h is HTMLElement => h !== null);
  if (headings.length === 0) return;
  let queued = false;
  const update = () => {
    queued = false;
    const line = parseFloat(getComputedStyle(doc.documentElement).scrollPaddingTop) || 80;
    const at = currentSection(
      headings.map((h) => h.getBoundingClientRect().top),
      line + 1,
    );
    const id = headings[at]!.id;
    for (const a of links) {
      if (decodeURIComponent(a.hash.slice(1)) === id) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    }
  };
  const queue = () => {
    if (!queued) requestAnimationFrame(update);
    queued = true;
  };
  addEventListener("scroll", queue, { passive: true });
  addEventListener("resize", queue);
  update();
}
