// The page side of equation ↔ code links (rehype-eqlinks.ts marked the equations at build): marks the linked
// names in each paired cell's highlighted code, and while a symbol or a name is hovered or focused, marks it
// on both sides (class "eq-on"). A symbol's button (Enter, Space, click) takes the focus to where the cell
// computes it. Arrow keys move between the symbols of one equation, or the names of one cell.
import { identifiers } from "./identifiers.ts";

const ON = "eq-on";
const SYMBOL = ".eq-sym";
const NAME = ".eq-code";

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
  const update = (): void => {
    const on = new Set([hovered, focused].flatMap((el) => (el && keyOf(el) ? marked(doc, keyOf(el)!) : [])));
    for (const el of doc.querySelectorAll(`.${ON}`)) if (!on.has(el as HTMLElement)) el.classList.remove(ON);
    for (const el of on) el.classList.add(ON);
  };
  const linked = (target: EventTarget | null): Element | null =>
    target instanceof Element ? target.closest(`${SYMBOL}, ${NAME}`) : null;
  doc.addEventListener("pointerover", (e) => {
    const el = linked(e.target);
    if (el === hovered) return;
    hovered = el;
    update();
  });
  doc.addEventListener("focusin", (e) => {
    focused = linked(e.target);
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
