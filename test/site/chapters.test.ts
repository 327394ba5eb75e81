import { describe, expect, it } from "vitest";
import { neighbours, orderChapters } from "../../src/site/chapters.ts";

const entry = (id: string, order: number) => ({ id, data: { title: id, order, summary: "s", minutes: 1 } });

describe("orderChapters(entries)", () => {
  it("sorts by order and gives each chapter an address without its number", () => {
    const chapters = orderChapters([entry("10-mnist", 10), entry("02-weighted-sum", 2), entry("01-data", 1)]);
    expect(chapters.map((c) => [c.entry.id, c.slug, c.path])).toEqual([
      ["01-data", "data", "chapters/data/"],
      ["02-weighted-sum", "weighted-sum", "chapters/weighted-sum/"],
      ["10-mnist", "mnist", "chapters/mnist/"],
    ]);
  });

  it("rejects a file name without a number, naming the file", () => {
    expect(() => orderChapters([entry("data", 1)])).toThrow(
      "content/data.mdx: a chapter's file name is its number and a lower-case slug, e.g. 03-activations.mdx",
    );
  });

  it("rejects an order that disagrees with the file name", () => {
    expect(() => orderChapters([entry("03-loss", 4)])).toThrow(
      "content/03-loss.mdx: order is 4 but the file name says 3; make them agree",
    );
  });

  it("rejects two chapters with the same order", () => {
    expect(() => orderChapters([entry("01-data", 1), entry("1-intro", 1)])).toThrow(
      /content\/(01-data|1-intro)\.mdx and content\/(01-data|1-intro)\.mdx have the same order 1/,
    );
  });

  it("rejects two chapters that would share an address", () => {
    expect(() => orderChapters([entry("01-data", 1), entry("02-data", 2)])).toThrow(
      "content/01-data.mdx and content/02-data.mdx would both be at chapters/data/; rename one",
    );
  });
});

describe("neighbours(list, i)", () => {
  it("gives the previous and next items, undefined at the ends", () => {
    expect(neighbours(["a", "b", "c"], 0)).toEqual({ previous: undefined, next: "b" });
    expect(neighbours(["a", "b", "c"], 1)).toEqual({ previous: "a", next: "c" });
    expect(neighbours(["a", "b", "c"], 2)).toEqual({ previous: "b", next: undefined });
  });
});
