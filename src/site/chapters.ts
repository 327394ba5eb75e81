// Reading order and addresses of the chapters. A chapter file is named after its place and its idea
// (content/02-weighted-sum.mdx); its address drops the number (chapters/weighted-sum/) so that inserting a
// chapter does not change the links to the others.
import type { ChapterData } from "./chapter-schema.ts";

export interface ChapterEntry {
  /** The glob loader's id: the file name without .mdx, e.g. "02-weighted-sum". */
  id: string;
  data: ChapterData;
}

export interface Chapter<E extends ChapterEntry = ChapterEntry> {
  entry: E;
  slug: string;
  /** Site path without the base, e.g. "chapters/weighted-sum/". */
  path: string;
}

const FILE_NAME = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** Sorts chapters into reading order; throws, naming the file, when names, orders or slugs disagree. */
export function orderChapters<E extends ChapterEntry>(entries: readonly E[]): Chapter<E>[] {
  const chapters = entries.map((entry) => {
    const match = FILE_NAME.exec(entry.id);
    if (!match) {
      throw new Error(
        `content/${entry.id}.mdx: a chapter's file name is its number and a lower-case slug, e.g. 03-activations.mdx`,
      );
    }
    const [, number, slug] = match as unknown as [string, string, string];
    if (Number(number) !== entry.data.order) {
      throw new Error(
        `content/${entry.id}.mdx: order is ${entry.data.order} but the file name says ${Number(number)}; make them agree`,
      );
    }
    return { entry, slug, path: `chapters/${slug}/` };
  });
  chapters.sort((a, b) => a.entry.data.order - b.entry.data.order);
  for (let i = 1; i < chapters.length; i++) {
    const [a, b] = [chapters[i - 1]!, chapters[i]!];
    if (a.entry.data.order === b.entry.data.order) {
      throw new Error(
        `content/${a.entry.id}.mdx and content/${b.entry.id}.mdx have the same order ${a.entry.data.order}`,
      );
    }
  }
  const bySlug = new Map<string, string>();
  for (const { entry, slug } of chapters) {
    const other = bySlug.get(slug);
    if (other !== undefined) {
      throw new Error(
        `content/${other}.mdx and content/${entry.id}.mdx would both be at chapters/${slug}/; rename one`,
      );
    }
    bySlug.set(slug, entry.id);
  }
  return chapters;
}

/** The chapters before and after position i in reading order. */
export function neighbours<T>(
  list: readonly T[],
  i: number,
): { previous: T | undefined; next: T | undefined } {
  return { previous: list[i - 1], next: list[i + 1] };
}
