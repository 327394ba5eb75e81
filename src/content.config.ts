// One collection: the chapters, read from the top-level content/ folder (01-data.mdx, 02-…), each checked
// against chapterSchema while the site builds.
import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { chapterSchema } from "./site/chapter-schema.ts";

const chapters = defineCollection({
  loader: glob({ base: "./content", pattern: "*.mdx" }),
  schema: chapterSchema,
});

export const collections = { chapters };
