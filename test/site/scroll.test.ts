import { describe, expect, it } from "vitest";
import { scrolledFraction } from "../../src/site/reading-progress.ts";
import { parseHTML } from "linkedom";
import { currentSection, readingLine, trackedHeadings } from "../../src/site/scroll-spy.ts";

describe("scrolledFraction(scrollTop, scrollHeight, clientHeight)", () => {
  it("is 0 at the top, 1 at the bottom and proportional between", () => {
    expect(scrolledFraction(0, 3000, 1000)).toBe(0);
    expect(scrolledFraction(500, 3000, 1000)).toBe(0.25);
    expect(scrolledFraction(2000, 3000, 1000)).toBe(1);
  });

  it("stays within [0, 1] when overscrolled, and is 1 for a page that does not scroll", () => {
    expect(scrolledFraction(-40, 3000, 1000)).toBe(0);
    expect(scrolledFraction(2100, 3000, 1000)).toBe(1);
    expect(scrolledFraction(0, 800, 1000)).toBe(1);
  });
});

describe("currentSection(headingTops, line)", () => {
  it("is the last heading whose top has passed the line", () => {
    expect(currentSection([-900, -100, 300, 1200], 80)).toBe(1);
    expect(currentSection([-900, -100, 80, 1200], 80)).toBe(2);
  });

  it("is the first heading before any has passed", () => {
    expect(currentSection([200, 900], 80)).toBe(0);
  });
});

describe("readingLine(headerHeight, viewportHeight)", () => {
  it("is a third of the way down the screen below the header, not the header's edge", () => {
    expect(readingLine(80, 980)).toBe(380);
    expect(readingLine(80, 50)).toBe(80);
  });
});

describe("trackedHeadings(doc)", () => {
  it("lists the headings the sidebar and the contents link to in the page's order, each once", () => {
    const { document } = parseHTML(`<!doctype html><html><body>
      <nav class="sidebar-sections"><a href="#one">One</a><a href="#two">Two</a></nav>
      <main><h2 id="one">One</h2><h3 id="one-a">One a</h3><p id="note">not linked</p><h2 id="two">Two</h2></main>
      <nav class="toc"><a href="#one">One</a><a href="#one-a">One a</a><a href="#two">Two</a></nav>
    </body></html>`);
    const ids = trackedHeadings(document as unknown as Document).map((h) => h.id);
    expect(ids).toEqual(["one", "one-a", "two"]);
  });
});
