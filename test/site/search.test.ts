import { describe, expect, it } from "vitest";
import { matchesEveryTerm } from "../../src/site/search.ts";

describe("matchesEveryTerm(content, query)", () => {
  const page = "Xavier Glorot's initialisation keeps the softmax outputs of a layer near 1/n.";
  it("is true when every word of the query starts a word of the page, whatever the case or accents", () => {
    expect(matchesEveryTerm(page, "xavier")).toBe(true);
    expect(matchesEveryTerm(page, "SOFT glorot")).toBe(true);
    expect(matchesEveryTerm("Hinton, Rumelhart and Wílliams", "williams")).toBe(true);
  });
  it("is false for a word the page does not have, even if a shorter part of it is there", () => {
    expect(matchesEveryTerm("x is a matrix; so is W", "xavier")).toBe(false);
    expect(matchesEveryTerm("x is a matrix; so is W", "sofmax")).toBe(false);
    expect(matchesEveryTerm(page, "softmax adam")).toBe(false);
  });
});
