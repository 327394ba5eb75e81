import { describe, expect, it } from "vitest";
import { scrolledFraction } from "../../src/site/reading-progress.ts";
import { currentSection, readingLine } from "../../src/site/scroll-spy.ts";

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
