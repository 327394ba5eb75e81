// Headings that contain math. KaTeX writes each formula three times (MathML, its TeX annotation, and the
// visual HTML), so Astro's heading text for "Why $f$ must bend" is "Why fff must bend", and so is its id.
// This plugin runs after rehype-katex and before Astro collects headings: it gives every heading an id
// slugged from its text with each formula counted once (as its TeX source), and exports each heading's text
// as segments, plain text and TeX, in the chapter's `headingSegments` (render(entry).remarkPluginFrontmatter)
// so the table of contents can typeset the math instead of repeating it.
import GithubSlugger from "github-slugger";
import type { MarkdownHeading } from "astro";
import type { Element, ElementContent, Root, RootContent } from "hast";

export type HeadingSegment = { text: string } | { tex: string };

/** A heading as Astro collects it, with its text as segments. */
export interface TocHeading extends MarkdownHeading {
  segments: HeadingSegment[];
}

const HEADING = /^h[1-6]$/;

function classes(node: Element): string[] {
  const value: unknown = node.properties["className"];
  return Array.isArray(value) ? value.map(String) : typeof value === "string" ? value.split(/\s+/) : [];
}

function textOf(node: ElementContent): string {
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map(textOf).join("");
  return "";
}

/** The TeX source of a KaTeX span: its MathML <annotation encoding="application/x-tex">. */
function texOf(katex: Element): string | undefined {
  const stack: ElementContent[] = [...katex.children];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type !== "element") continue;
    if (node.tagName === "annotation") return textOf(node).trim();
    stack.push(...node.children);
  }
  return undefined;
}

/** A heading's content as text and TeX segments, adjacent text merged. */
export function headingSegments(heading: Element): HeadingSegment[] {
  const segments: HeadingSegment[] = [];
  const push = (segment: HeadingSegment) => {
    const last = segments.at(-1);
    if ("text" in segment && last && "text" in last) last.text += segment.text;
    else segments.push(segment);
  };
  const walk = (node: ElementContent) => {
    if (node.type === "text") push({ text: node.value });
    if (node.type !== "element") return;
    const tex = classes(node).includes("katex") ? texOf(node) : undefined;
    if (tex !== undefined) push({ tex });
    else node.children.forEach(walk);
  };
  heading.children.forEach(walk);
  return segments;
}

export function segmentsText(segments: readonly HeadingSegment[]): string {
  return segments.map((s) => ("text" in s ? s.text : s.tex)).join("");
}

export default function rehypeHeadingMath() {
  return (tree: Root, file: { data: { astro?: { frontmatter?: Record<string, unknown> } } }) => {
    const slugger = new GithubSlugger();
    const bySlug: Record<string, HeadingSegment[]> = {};
    const visit = (node: Root | RootContent) => {
      if (node.type === "element" && HEADING.test(node.tagName)) {
        const segments = headingSegments(node);
        if (typeof node.properties["id"] !== "string")
          node.properties["id"] = slugger.slug(segmentsText(segments));
        bySlug[node.properties["id"] as string] = segments;
        return;
      }
      if ("children" in node) node.children.forEach(visit);
    };
    visit(tree);
    file.data.astro ??= {};
    file.data.astro.frontmatter ??= {};
    file.data.astro.frontmatter["headingSegments"] = bySlug;
  };
}
