// The search dialog: Pagefind's browser API (dist/pagefind/pagefind.js, written by the build) is imported
// from the site the first time the reader opens search. Excerpts are rebuilt from text nodes and <mark>
// only, never assigned as HTML.
import { withBase } from "./url.ts";

interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
}

interface PagefindResultData {
  url: string;
  excerpt: string;
  /** The page's indexed text. */
  content: string;
  meta: { title?: string };
  sub_results: PagefindSubResult[];
}

interface Pagefind {
  options(options: { baseUrl?: string; excerptLength?: number }): Promise<void>;
  init(): Promise<void>;
  debouncedSearch(
    term: string,
    options?: object,
    delay?: number,
  ): Promise<{ results: { data(): Promise<PagefindResultData> }[] } | null>;
}

const MAX_PAGES = 8;
const MAX_SECTIONS = 3;

let pagefind: Promise<Pagefind> | undefined;

function loadPagefind(base: string): Promise<Pagefind> {
  pagefind ??= (async () => {
    const module = (await import(/* @vite-ignore */ withBase(base, "pagefind/pagefind.js"))) as Pagefind;
    await module.options({ baseUrl: withBase(base), excerptLength: 24 });
    await module.init();
    return module;
  })();
  return pagefind;
}

/** Lower case, without accents: "Xavier" and "xavier", "Hinton" and "hinton" are one word. */
function fold(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * Whether `content` has, for every word of `query`, a word that starts with it. Pagefind, finding no word for
 * a term, still returns pages for a shorter part of it ("xavier" found every page with an "x"): such a page
 * is no match.
 */
export function matchesEveryTerm(content: string, query: string): boolean {
  const words = fold(content).split(/[^\p{L}\p{N}]+/u);
  const terms = fold(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== "");
  return terms.every((t) => words.some((w) => w.startsWith(t)));
}

/** Text and <mark> from a Pagefind excerpt, as DOM nodes. */
export function excerptNodes(doc: Document, excerpt: string): Node[] {
  const parsed = new DOMParser().parseFromString(`<body>${excerpt}</body>`, "text/html").body;
  return [...parsed.childNodes].map((node) => {
    if (node.nodeName === "MARK") {
      const mark = doc.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    }
    return doc.createTextNode(node.textContent ?? "");
  });
}

function resultItem(
  doc: Document,
  url: string,
  title: string,
  section: string | null,
  excerpt: string,
): HTMLLIElement {
  const li = doc.createElement("li");
  const a = doc.createElement("a");
  a.href = url;
  const heading = doc.createElement("span");
  heading.className = "result-title";
  heading.textContent = title;
  if (section) {
    const sub = doc.createElement("span");
    sub.className = "result-section";
    sub.textContent = ` › ${section}`;
    heading.append(sub);
  }
  const text = doc.createElement("span");
  text.className = "result-excerpt";
  text.append(...excerptNodes(doc, excerpt));
  a.append(heading, text);
  li.append(a);
  return li;
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
  );
}

export function initSearch(doc: Document, base: string = import.meta.env.BASE_URL): void {
  const dialog = doc.querySelector<HTMLDialogElement>("[data-search-dialog]");
  const input = doc.querySelector<HTMLInputElement>("[data-search-input]");
  const status = doc.querySelector<HTMLElement>("[data-search-status]");
  const list = doc.querySelector<HTMLUListElement>("[data-search-results]");
  const form = doc.querySelector<HTMLFormElement>("[data-search-form]");
  if (!dialog || !input || !status || !list || !form) return;

  const open = () => {
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    loadPagefind(base).catch(() => {
      status.textContent = "Search is not available here: its index is built by npm run build.";
    });
  };

  let latest = 0;
  const search = async () => {
    const term = input.value.trim();
    const ticket = ++latest;
    if (term === "") {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    try {
      const api = await loadPagefind(base);
      const found = await api.debouncedSearch(term, {}, 150);
      if (found === null || ticket !== latest) return; // a newer query superseded this one
      const all = await Promise.all(found.results.map((r) => r.data()));
      if (ticket !== latest) return;
      const matching = all.filter((page) => matchesEveryTerm(page.content, term));
      const pages = matching.slice(0, MAX_PAGES);
      const items: HTMLLIElement[] = [];
      for (const page of pages) {
        const title = page.meta.title ?? page.url;
        // A page's matches come by section; the one at the page's own URL is the text before its first heading.
        const sections: PagefindSubResult[] =
          page.sub_results.length > 0 ? page.sub_results.slice(0, MAX_SECTIONS) : [{ ...page, title }];
        for (const s of sections) {
          const section = s.url === page.url || s.title === title ? null : s.title;
          items.push(resultItem(doc, s.url, title, section, s.excerpt));
        }
      }
      list.replaceChildren(...items);
      const n = matching.length;
      status.textContent =
        n === 0 ? `No results for “${term}”.` : `${n} ${n === 1 ? "page matches" : "pages match"} “${term}”.`;
    } catch {
      status.textContent = "Search is not available here: its index is built by npm run build.";
    }
  };

  for (const button of doc.querySelectorAll("[data-search-open]")) button.addEventListener("click", open);
  doc.querySelector("[data-search-close]")?.addEventListener("click", () => dialog.close());
  input.addEventListener("input", () => void search());
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    list.querySelector("a")?.click();
  });
  // A click on the backdrop (outside the panel) closes the dialog.
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });
  // Arrow keys move between the input and the results.
  dialog.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const stops = [input, ...list.querySelectorAll<HTMLAnchorElement>("a")];
    const at = stops.indexOf(doc.activeElement as HTMLInputElement);
    if (at === -1) return;
    event.preventDefault();
    stops[Math.min(stops.length - 1, Math.max(0, at + (event.key === "ArrowDown" ? 1 : -1)))]?.focus();
  });
  doc.addEventListener("keydown", (event) => {
    const shortcut = event.key === "/" || (event.key === "k" && (event.metaKey || event.ctrlKey));
    // composedPath()[0]: the element typed in, even inside a shadow root (the cell editor's).
    if (shortcut && !dialog.open && !isTyping(event.composedPath()[0] ?? null) && !event.altKey) {
      event.preventDefault();
      open();
    }
  });
}
