// The page side of equation ↔ code links (rehype-eqlinks.ts marked the equations at build): marks the linked
// names in each paired cell's highlighted code, and while a symbol or a name is hovered or focused, marks it
// on both sides (class "eq-on"). A symbol's button (Enter, Space, click) takes the focus to where the cell
// computes it. Arrow keys move between the symbols of one equation, or the names of one cell. Where the
// cell computes the symbol with a library function (`const S = matmul(X, W)`), the highlight offers a link
// to that function's library page ("matmul in the library").
import { libraryPath, loadLibraryNames, type LibraryNames } from "../site/library/names.ts";
import { identifiers } from "./identifiers.ts";

const ON = "eq-on";
const SYMBOL = ".eq-sym";
const NAME = ".eq-code";
const LIBRARY = ".eq-library";
/** After an assignment's name: `= f(`, `= new F(`, `= await f(`, `= obj.f(` (type annotation allowed). */
const CALL =
  /^\s*(?::[^=;\n]*)?=(?![=>])\s*(?:await\s+)?(?:new\s+)?([A-Za-z_$][\w$]*)(?:\s*\.\s*([A-Za-z_$][\w$]*))?\s*\(/;

/** Wraps each linked name of a cell's static code in a span; the first assignment of each is a focus stop. */
function markCode(cell: HTMLElement, names: ReadonlySet<string>): void {
  const pre = cell.querySelector<HTMLElement>("[data-cell-code] pre");
  if (!pre || pre.querySelector(NAME)) return;
  const doc = pre.ownerDocument;
  const found = identifiers(pre.textContent ?? "").filter((t) => names.has(t.name));
  const texts: { node: Text; start: number }[] = [];
  const walker = doc.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
  for (let offset = 0, node = walker.nextNode(); node; node = walker.nextNode()) {
    texts.push({ node: node as Text, start: offset });
    offset += (node as Text).length;
  }
  const stops = new Map<string, HTMLElement>();
  // From the end, so the offsets of the names before each one stay where they were.
  for (const t of [...found].reverse()) {
    const at = texts.findLast((x) => x.start <= t.start);
    if (!at || t.end > at.start + at.node.length) continue; // split across highlighted tokens: left alone
    const span = doc.createElement("span");
    span.className = NAME.slice(1);
    span.dataset.eqCode = t.name;
    if (t.def) span.dataset.eqDef = "";
    const call = t.def ? CALL.exec((pre.textContent ?? "").slice(t.end)) : null;
    if (call) span.dataset.eqCall = call[2] ? `${call[1]}.${call[2]}` : call[1]!;
    const range = doc.createRange();
    range.setStart(at.node, t.start - at.start);
    range.setEnd(at.node, t.end - at.start);
    range.surroundContents(span);
    const stop = stops.get(t.name);
    // The first assignment of a name, else its first use (the loop runs backwards: the last seen wins).
    if (!stop || t.def || stop.dataset.eqDef === undefined) stops.set(t.name, span);
  }
  const ordered = [...stops.values()].sort((a, b) =>
    a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
  );
  ordered.forEach((span, i) => (span.tabIndex = i === 0 ? 0 : -1));
}

/** The cell and name a marked element stands for. */
function keyOf(el: Element): { cell: string; name: string } | null {
  const offer = el.closest<HTMLElement>(LIBRARY);
  if (offer) {
    const cell = offer.closest<HTMLElement>("[data-cell]")?.dataset.cellId;
    return cell && offer.dataset.eqFor ? { cell, name: offer.dataset.eqFor } : null;
  }
  const sym = el.closest<HTMLElement>(SYMBOL);
  if (sym) {
    const cell = sym.closest<HTMLElement>("[data-eq-cell]")?.dataset.eqCell;
    return cell && sym.dataset.eqSym ? { cell, name: sym.dataset.eqSym } : null;
  }
  const code = el.closest<HTMLElement>(NAME);
  const cell = code?.closest<HTMLElement>("[data-cell]")?.dataset.cellId;
  return code && cell && code.dataset.eqCode ? { cell, name: code.dataset.eqCode } : null;
}

function marked(doc: Document, { cell, name }: { cell: string; name: string }): HTMLElement[] {
  const c = CSS.escape(cell);
  const n = CSS.escape(name);
  return Array.from(
    doc.querySelectorAll<HTMLElement>(
      `[data-eq-cell="${c}"] ${SYMBOL}[data-eq-sym="${n}"], [data-cell-id="${c}"] ${NAME}[data-eq-code="${n}"]`,
    ),
  );
}

function start(doc: Document): void {
  const namesByCell = new Map<string, Set<string>>();
  for (const eq of doc.querySelectorAll<HTMLElement>("[data-eq-cell]")) {
    const names = namesByCell.get(eq.dataset.eqCell!) ?? new Set<string>();
    for (const name of (eq.dataset.eqNames ?? "").split(" ")) if (name) names.add(name);
    namesByCell.set(eq.dataset.eqCell!, names);
  }
  for (const [id, names] of namesByCell) {
    const cell = doc.querySelector<HTMLElement>(`[data-cell-id="${CSS.escape(id)}"]`);
    if (cell) markCode(cell, names);
  }

  let hovered: Element | null = null;
  let focused: Element | null = null;
  let library: LibraryNames | null = null;
  const update = (): void => {
    const keys = [hovered, focused].flatMap((el) => (el && keyOf(el) ? [keyOf(el)!] : []));
    const on = new Set(keys.flatMap((key) => marked(doc, key)));
    for (const el of doc.querySelectorAll(`.${ON}`)) if (!on.has(el as HTMLElement)) el.classList.remove(ON);
    for (const el of on) el.classList.add(ON);
    offerLibrary(doc, keys.at(-1) ?? null, library);
  };
  // The library's addresses, fetched once a symbol is first highlighted.
  const needLibrary = (): void => {
    void loadLibraryNames().then((names) => {
      if (names && !library) {
        library = names;
        update();
      }
    });
  };
  const linked = (target: EventTarget | null): Element | null =>
    target instanceof Element ? target.closest(`${SYMBOL}, ${NAME}, ${LIBRARY}`) : null;
  doc.addEventListener("pointerover", (e) => {
    const el = linked(e.target);
    if (el === hovered) return;
    hovered = el;
    if (el) needLibrary();
    update();
  });
  doc.addEventListener("focusin", (e) => {
    focused = linked(e.target);
    if (focused) needLibrary();
    update();
  });
  doc.addEventListener("focusout", (e) => {
    if (linked(e.relatedTarget)) return;
    focused = null;
    update();
  });

  doc.addEventListener("click", (e) => {
    const sym = e.target instanceof Element ? e.target.closest<HTMLElement>(`${SYMBOL}[role=button]`) : null;
    if (sym) goToCode(doc, sym);
  });
  doc.addEventListener("keydown", (e) => {
    const el = linked(e.target);
    if (!el || e.target !== el) return;
    if ((e.key === "Enter" || e.key === " ") && el.matches(SYMBOL)) {
      e.preventDefault();
      goToCode(doc, el as HTMLElement);
      return;
    }
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    if (step === undefined) return;
    const group = el.matches(SYMBOL)
      ? el.closest("[data-eq-cell]")?.querySelectorAll<HTMLElement>(`${SYMBOL}[role=button]`)
      : el.closest("pre")?.querySelectorAll<HTMLElement>(`${NAME}[tabindex]`);
    const stops = Array.from(group ?? []);
    const next = stops[(stops.indexOf(el as HTMLElement) + step + stops.length) % stops.length];
    if (!next || next === el) return;
    e.preventDefault();
    (el as HTMLElement).tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  });
}

/**
 * Shows, in the corner of the cell's code, a link to the library function that computes the highlighted
 * name (its assignment calls it), or hides the cell's link when nothing of it is highlighted.
 */
function offerLibrary(
  doc: Document,
  key: { cell: string; name: string } | null,
  names: LibraryNames | null,
): void {
  const cell = key && doc.querySelector<HTMLElement>(`[data-cell-id="${CSS.escape(key.cell)}"]`);
  const def = cell?.querySelector<HTMLElement>(
    `${NAME}[data-eq-code="${CSS.escape(key!.name)}"][data-eq-call]`,
  );
  const call = def?.dataset.eqCall;
  const [owner, member] = call?.split(".") ?? [];
  const path =
    names && owner ? libraryPath(names, { from: null, name: call!, owner: member ? owner : null }) : null;
  for (const offer of doc.querySelectorAll<HTMLElement>(LIBRARY)) {
    if (!path || !cell?.contains(offer)) offer.hidden = true;
  }
  if (!path || !cell || !key) return;
  const code = cell.querySelector<HTMLElement>("[data-cell-code]");
  if (!code) return;
  let offer = code.querySelector<HTMLAnchorElement>(LIBRARY);
  if (!offer) {
    offer = doc.createElement("a");
    offer.className = LIBRARY.slice(1);
    code.querySelector("pre")?.after(offer);
  }
  // Already showing this name's offer: left as it is (rebuilding it under a pressed pointer would lose the click).
  if (!offer.hidden && offer.dataset.eqFor === key.name && offer.childNodes.length > 0) return;
  const label = doc.createElement("code");
  // The method's own name where the library documents it (Matrix.from), else its object's (sigmoid).
  label.textContent = names && libraryPath(names, { from: null, name: call!, owner: null }) ? call! : owner!;
  offer.replaceChildren("Read ", label, " in the library →");
  offer.href = new URL(path, new URL(import.meta.env.BASE_URL, doc.baseURI)).href;
  offer.dataset.eqFor = key.name;
  offer.hidden = false;
}

/** Focuses (and scrolls to) where the paired cell computes a symbol: its first assignment, else first use. */
function goToCode(doc: Document, sym: HTMLElement): void {
  const key = keyOf(sym);
  if (!key) return;
  const names = marked(doc, key).filter((el) => el.matches(NAME));
  const target = names.find((el) => el.dataset.eqDef !== undefined) ?? names[0];
  if (target) {
    if (!target.hasAttribute("tabindex")) target.tabIndex = -1;
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "nearest", inline: "nearest" });
  } else {
    doc.querySelector(`[data-cell-id="${CSS.escape(key.cell)}"]`)?.scrollIntoView({ block: "nearest" });
  }
}

start(document);
