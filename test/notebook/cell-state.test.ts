// What a cell says about the cells above it that run for it (Run, Run all above): counts, never the cell
// numbers the page does not show.
import { describe, expect, it } from "vitest";
import {
  aboveText,
  allAboveFailed,
  allAboveRan,
  allAboveStopped,
  ordinal,
} from "../../src/notebook/client/cell-state.ts";

describe("aboveText(progress)", () => {
  it("counts the cells that run first for a Run, and the cells Run all above runs", () => {
    expect(aboveText({ list: [0, 2, 3], done: 1 })).toBe("Running the cells above first: 2 of 3…");
    expect(aboveText({ list: [0, 1, 2, 3], done: 3, all: true })).toBe("Running the 4 cells above: 4 of 4…");
    // Between the last one's end and the refresh that clears it: never "5 of 4".
    expect(aboveText({ list: [0, 1, 2, 3], done: 4, all: true })).toBe("Running the 4 cells above: 4 of 4…");
  });
});

describe("ordinal(n)", () => {
  it("1st 2nd 3rd 4th, 11th 12th 13th, 21st 22nd 23rd, 101st, 111th", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual([
      "1st",
      "2nd",
      "3rd",
      "4th",
      "11th",
      "12th",
      "13th",
      "21st",
      "22nd",
      "23rd",
      "101st",
      "111th",
    ]);
  });
});

describe("Run all above: what the clicked cell says after", () => {
  it("ran them all, in how long", () => {
    expect(allAboveRan(11, 3200)).toBe("Ran the 11 cells above in 3.2 s");
    expect(allAboveRan(1, 12)).toBe("Ran the cell above in 12 ms");
  });
  it("which one failed, by its place among them", () => {
    expect(allAboveFailed(4, 11)).toBe(
      "The 5th of the 11 cells above failed (see its error); the rest did not run",
    );
    expect(allAboveFailed(0, 1)).toBe("The cell above failed: see its error");
  });
  it("how far it got when stopped", () => {
    expect(allAboveStopped({ list: [0, 1, 2], done: 1, all: true })).toBe(
      "Stopped after 1 of the 3 cells above",
    );
  });
});
