// What each chapter's cells use of the library: the names they import, and what they reach through values
// (a documented method by its own name, any other member by its class). It is also what makes a block
// "used in" a chapter: its names imported there, or a member it declares read there.
import type { ChapterImports } from "./chapter-imports.ts";
import type { ChapterUse, LibraryPage, LibraryTarget } from "./library.ts";
import type { MemberUse } from "./member-uses.ts";
import type { PackageName } from "./public-names.ts";
import { targetAt } from "./targets.ts";

/**
 * Adds to each block's usedIn the chapters that read a member it declares, and gives the list of what a
 * chapter uses, in the library's reading order (imported names first on each page).
 */
export function chapterUses(
  pages: readonly LibraryPage[],
  chapters: readonly ChapterImports[],
  members: readonly (readonly MemberUse[])[],
  target: (from: PackageName, name: string) => LibraryTarget | undefined,
): (order: number) => ChapterUse[] {
  // Members the cells use: the block declaring each, and its class's block, are used in that chapter.
  const reached = new Map<number, { name: string; target: LibraryTarget }[]>();
  chapters.forEach((chapter, i) => {
    const list: { name: string; target: LibraryTarget }[] = [];
    for (const use of members[i] ?? []) {
      const at = memberTarget(pages, use);
      if (!at) continue;
      const owner = at.file.blocks.find((b) => b.names.includes(use.owner));
      // A documented method is its own block; any other member is read in its class's.
      const own = at.block.name === use.name && at.block.declarationLine === use.line;
      for (const block of own ? [at.block, owner] : [owner]) {
        if (block && !block.usedIn.includes(chapter.order)) {
          block.usedIn.push(chapter.order);
          block.usedIn.sort((a, b) => a - b);
        }
      }
      if (own) list.push({ name: use.name, target: at });
      else if (owner) list.push({ name: use.owner, target: targetAt(at.page, at.file, owner) });
    }
    reached.set(chapter.order, list);
  });

  return (order: number): ChapterUse[] => {
    const chapter = chapters.find((c) => c.order === order);
    if (!chapter) return [];
    const found = new Map<string, ChapterUse>();
    for (const { from, name } of chapter.names) {
      const at = target(from, name);
      if (at && !found.has(`${at.file.file}:${name}`))
        found.set(`${at.file.file}:${name}`, { name, imported: true, target: at });
    }
    for (const { name, target: at } of reached.get(order) ?? []) {
      if (!found.has(`${at.file.file}:${name}`))
        found.set(`${at.file.file}:${name}`, { name, imported: false, target: at });
    }
    const pageIndex = (u: ChapterUse) => pages.indexOf(u.target.page);
    return [...found.values()].sort(
      (a, b) =>
        pageIndex(a) - pageIndex(b) ||
        Number(b.imported) - Number(a.imported) ||
        a.target.line - b.target.line,
    );
  };
}

/** The page and block where a member used by a cell is declared (the block holding its line). */
function memberTarget(pages: readonly LibraryPage[], use: MemberUse): LibraryTarget | undefined {
  for (const page of pages) {
    const file = page.files.find((f) => f.file === use.file);
    const block = file?.blocks.findLast((b) => b.anchor <= use.line);
    if (file && block) return targetAt(page, file, block);
  }
  return undefined;
}
