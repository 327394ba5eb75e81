import { describe, expect, it } from "vitest";
import { withBase } from "../../src/site/url.ts";

describe("withBase(base, path)", () => {
  it("joins a base with or without its trailing slash and a path with or without a leading one", () => {
    expect(withBase("/", "chapters/data/")).toBe("/chapters/data/");
    expect(withBase("/", "/pagefind/pagefind.js")).toBe("/pagefind/pagefind.js");
    expect(withBase("/sub", "chapters/data/")).toBe("/sub/chapters/data/");
    expect(withBase("/sub/", "/chapters/data/")).toBe("/sub/chapters/data/");
  });

  it("gives the base itself for the home page", () => {
    expect(withBase("/")).toBe("/");
    expect(withBase("/sub")).toBe("/sub/");
  });
});
