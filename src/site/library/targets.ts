// Where a link to a block lands: its page, its line and the element id that line has on the page.
import type { LibraryBlock, LibraryFile, LibraryPage, LibraryTarget } from "./library.ts";

/** What a page of several files puts before each of a file's ids ("kernels-"); nothing on a one-file page. */
export function idPrefix(page: LibraryPage, file: LibraryFile): string {
  return page.files.length > 1 ? `${file.file.slice(file.file.lastIndexOf("/") + 1, -".ts".length)}-` : "";
}

export const targetAt = (page: LibraryPage, file: LibraryFile, block: LibraryBlock): LibraryTarget => ({
  page,
  file,
  block,
  line: block.anchor,
  id: `${idPrefix(page, file)}L${block.anchor}`,
});
