import { describe, expect, it } from "vitest";
import { chapterSchema } from "../../src/site/chapter-schema.ts";

const good = { title: "Data and conventions", order: 1, summary: "Rows are examples.", minutes: 6 };

function problems(data: unknown): string[] {
  const result = chapterSchema.safeParse(data);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("chapterSchema", () => {
  it("accepts a chapter with title, order, summary and minutes", () => {
    expect(chapterSchema.parse(good)).toEqual(good);
  });

  it("trims the title and summary", () => {
    expect(chapterSchema.parse({ ...good, title: "  Data ", summary: " One line. " })).toMatchObject({
      title: "Data",
      summary: "One line.",
    });
  });

  it("names every missing field and what it must be", () => {
    expect(problems({})).toEqual([
      "title: required: a non-empty string: the chapter's heading",
      "order: required: a whole number ≥ 1: the chapter's place in reading order",
      "summary: required: one sentence of at most 200 characters for the chapter list",
      "minutes: required: the reading time in whole minutes, from 1 to 180",
    ]);
  });

  it("rejects wrong types and out-of-range values, field by field", () => {
    expect(problems({ ...good, title: "   " })).toEqual([
      "title: must be a non-empty string: the chapter's heading",
    ]);
    expect(problems({ ...good, title: 3 })).toEqual([
      "title: must be a non-empty string: the chapter's heading",
    ]);
    expect(problems({ ...good, order: 1.5 })).toEqual([
      "order: must be a whole number ≥ 1: the chapter's place in reading order",
    ]);
    expect(problems({ ...good, order: 0 })).toEqual([
      "order: must be a whole number ≥ 1: the chapter's place in reading order",
    ]);
    expect(problems({ ...good, order: "1" })).toEqual([
      "order: must be a whole number ≥ 1: the chapter's place in reading order",
    ]);
    expect(problems({ ...good, summary: "x".repeat(201) })).toEqual([
      "summary: must be one sentence of at most 200 characters for the chapter list",
    ]);
    expect(problems({ ...good, minutes: 0 })).toEqual([
      "minutes: must be the reading time in whole minutes, from 1 to 180",
    ]);
    expect(problems({ ...good, minutes: 181 })).toEqual([
      "minutes: must be the reading time in whole minutes, from 1 to 180",
    ]);
  });

  it("names a misspelt or unknown field, together with the other problems", () => {
    const { summary: _summary, ...withoutSummary } = good;
    expect(problems({ ...withoutSummary, sumary: "typo" })).toEqual([
      "summary: required: one sentence of at most 200 characters for the chapter list",
      "sumary: unknown field: a chapter's frontmatter has only title, order, summary, minutes",
    ]);
  });
});
