// Reading progress where CSS scroll-driven animations are missing: the bar's scale is the scrolled fraction.
import { onScrollFrame } from "./on-scroll-frame.ts";

/** Fraction of the page scrolled, 0 at the top and 1 at the bottom (1 for a page that does not scroll). */
export function scrolledFraction(scrollTop: number, scrollHeight: number, clientHeight: number): number {
  const range = scrollHeight - clientHeight;
  return range <= 0 ? 1 : Math.min(1, Math.max(0, scrollTop / range));
}

export function initReadingProgress(bar: HTMLElement): void {
  if (CSS.supports("animation-timeline: scroll()")) return;
  onScrollFrame(() => {
    const { scrollTop, scrollHeight, clientHeight } = document.documentElement;
    bar.style.setProperty("--progress", String(scrolledFraction(scrollTop, scrollHeight, clientHeight)));
  });
}
