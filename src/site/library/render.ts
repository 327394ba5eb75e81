// A library file as HTML: its opening comment as the introduction, then each block, a declaration's doc
// comment as prose (with its name and the chapters that import it) above its code. The code is highlighted
// as the cells are (both palettes) and numbered as in the file; every line has an anchor (#L52), and a
// block's first line (its doc comment's, when it has one) is the block's own, so a link to it shows the
// name and the prose above the code. Search indexes the prose and the names, not the code (its one-letter
// variables would answer every query that starts with their letter).
import { highlightLines } from "../highlight.ts";
import type { LibraryBlock, LibraryFile } from "./library.ts";

/** A chapter a "used in" note links to. */
export interface ChapterLink {
  order: number;
  href: string;
}

export const escapeHtml = (s: string): string =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

/** Comment prose as HTML: paragraphs at blank lines, `code` as code; nothing else is interpreted. */
export function proseHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => {
      const html = escapeHtml(paragraph.replace(/\s*\n\s*/g, " "));
      return `<p>${html.replace(/`([^`]+)`/g, "<code>$1</code>")}</p>`;
    })
    .join("");
}

function usedInHtml(block: LibraryBlock, chapterHref: (order: number) => string): string {
  if (block.usedIn.length === 0) return "";
  const links = block.usedIn.map((n) => `<a href="${escapeHtml(chapterHref(n))}">${n}</a>`);
  const list = links.length === 1 ? links[0]! : `${links.slice(0, -1).join(", ")} and ${links.at(-1)!}`;
  return `<p class="lib-used">Used in chapter${links.length === 1 ? "" : "s"} ${list}</p>`;
}

function headingHtml(block: LibraryBlock, prefix: string): string {
  const name = block.names.length > 0 ? block.names.join(", ") : block.name;
  if (!name || (!block.doc && block.names.length === 0)) return "";
  const level = block.name?.includes(".") || block.names.length === 0 ? "h3" : "h2";
  const id = prefix + (block.names[0] ?? block.name!);
  return `<${level} class="lib-name" id="${escapeHtml(id)}"><code>${escapeHtml(name)}</code></${level}>`;
}

export interface RenderOptions {
  /** A chapter's address, for "used in" links. */
  chapterHref(order: number): string;
  /** Put before every id when one page holds several files ("kernels-" gives kernels-L52). */
  idPrefix?: string;
}

/** The HTML of one file's blocks (the introduction is rendered apart, see introHtml). */
export async function renderFile(file: LibraryFile, options: RenderOptions): Promise<string> {
  const { preClass, preStyle, lines } = await highlightLines(file.source);
  const p = options.idPrefix ?? "";
  const anchors = new Set(file.blocks.map((b) => b.anchor));
  const lineHtml = (n: number): string => {
    const id = anchors.has(n) ? "" : ` id="${p}L${n}"`;
    return (
      `<span class="line"${id}><a class="ln" href="#${p}L${n}" data-n="${n}" tabindex="-1" aria-hidden="true"></a>` +
      `${lines[n - 1] ?? ""}</span>`
    );
  };
  const sections = file.blocks.map((block) => {
    const code: string[] = [];
    for (let n = block.from; n <= block.to; n++) code.push(lineHtml(n));
    const pre =
      code.length === 0
        ? ""
        : `<pre class="${preClass}" style="${preStyle}" tabindex="0" data-language="ts" data-pagefind-ignore><code>${code.join("\n")}</code></pre>`;
    const head = headingHtml(block, p) + usedInHtml(block, options.chapterHref);
    const doc = block.doc ? `<div class="lib-doc">${proseHtml(block.doc.text)}</div>` : "";
    const kind = block.names.length > 0 ? "lib-block lib-export" : "lib-block";
    return `<section class="${kind}" id="${p}L${block.anchor}">${head}${doc}${pre}</section>`;
  });
  return sections.join("\n");
}

/** The file's opening comment as the page's introduction, at the anchor of its first line. */
export function introHtml(file: LibraryFile, idPrefix = ""): string {
  if (!file.intro) return "";
  // The comment's lines are wrapped at the source's width; a line that ends a sentence and starts a list
  // or a numbered step keeps its break.
  const paragraphs = file.intro.replace(/\n(?=(?:- |\d+\. ))/g, "\n\n");
  return `<div class="lib-intro" id="${idPrefix}L${file.introLines[0]}">${proseHtml(paragraphs)}</div>`;
}
