// One cell's DOM, as components/Cell.astro leaves it, plus the few things the client adds: an Edit button,
// an "Edited" badge, the notice offering an edit of an older version. Every state is said in text.

export type Action = "run" | "run-above" | "stop" | "reset" | "edit";

export interface CellView {
  root: HTMLElement;
  id: string;
  /** 1-based position in the page, as readers count cells. */
  number: number;
  hash: string;
  original: string;
  norun: boolean;
  /** A knob above never re-runs it (fence option `manual`). */
  manual: boolean;
  code: HTMLElement;
  output: HTMLElement;
  /** The cell's knobs (render-knob.ts), above its output. */
  knobs: HTMLElement;
  status: HTMLElement;
  /** Why the output may not match the code: visible text, outside the live region. */
  note: HTMLElement;
  buttons: Record<Action, HTMLButtonElement>;
  badge: HTMLElement;
}

function button(doc: Document, action: Action, label: string): HTMLButtonElement {
  const b = doc.createElement("button");
  b.type = "button";
  b.className = "tool-button";
  b.dataset.cellAction = action;
  b.textContent = label;
  return b;
}

/** The original code: the JSON island, else the highlighted block's text. */
function originalCode(root: HTMLElement, code: HTMLElement): string {
  const island = root.querySelector("script[data-cell-source]");
  try {
    const parsed = JSON.parse(island?.textContent ?? "") as { code?: unknown };
    if (typeof parsed.code === "string") return parsed.code;
  } catch {
    // no island: fall through
  }
  return (code.querySelector("pre")?.textContent ?? code.textContent ?? "").replace(/\n$/, "");
}

function readCell(root: HTMLElement, index: number): CellView {
  const doc = root.ownerDocument;
  const need = <T extends HTMLElement>(selector: string, make: () => T): T =>
    root.querySelector<T>(selector) ?? make();
  const code = need("[data-cell-code]", () => {
    const div = doc.createElement("div");
    div.dataset.cellCode = "";
    root.prepend(div);
    return div;
  });
  const toolbar = need("[data-cell-toolbar]", () => {
    const div = doc.createElement("div");
    div.className = "cell-toolbar";
    div.dataset.cellToolbar = "";
    code.after(div);
    return div;
  });
  const output = need("[data-cell-output]", () => {
    const div = doc.createElement("div");
    div.className = "cell-output";
    div.dataset.cellOutput = "";
    toolbar.after(div);
    return div;
  });
  const knobs = need("[data-cell-knobs]", () => {
    const div = doc.createElement("div");
    div.className = "cell-knobs";
    div.dataset.cellKnobs = "";
    div.setAttribute("role", "group");
    div.setAttribute("aria-label", `Knobs of cell ${index + 1}`);
    output.before(div);
    return div;
  });
  const status = need("[data-cell-status]", () => {
    const span = doc.createElement("span");
    span.className = "cell-status";
    span.dataset.cellStatus = "";
    span.setAttribute("role", "status");
    toolbar.append(span);
    return span;
  });
  const labels: Record<Action, string> = {
    run: "Run",
    "run-above": "Run all above",
    stop: "Stop",
    reset: "Reset",
    edit: "Edit",
  };
  const buttons = {} as Record<Action, HTMLButtonElement>;
  for (const action of Object.keys(labels) as Action[]) {
    buttons[action] = need(`button[data-cell-action="${action}"]`, () => {
      const b = button(doc, action, labels[action]);
      status.before(b);
      return b;
    });
  }
  buttons.edit.title = "Edit the code (or click it)";
  buttons.stop.disabled = true;
  const badge = doc.createElement("span");
  badge.className = "cell-badge";
  badge.textContent = "Edited";
  badge.hidden = true;
  status.before(badge);
  const note = doc.createElement("span");
  note.className = "cell-note";
  status.after(note);
  toolbar.hidden = false;
  return {
    root,
    id: root.dataset.cellId ?? String(index + 1),
    number: index + 1,
    hash: root.dataset.cellHash ?? "",
    original: originalCode(root, code),
    norun: root.dataset.norun !== undefined,
    manual: root.dataset.manual !== undefined,
    code,
    output,
    knobs,
    status,
    note,
    buttons,
    badge,
  };
}

export function readCells(doc: Document): CellView[] {
  return Array.from(doc.querySelectorAll<HTMLElement>("[data-cell]"), readCell);
}

/** Shows code as plain text until the editor arrives (an edit restored as the page opens). */
export function showPlainCode(view: CellView, text: string): void {
  const doc = view.root.ownerDocument;
  const pre = doc.createElement("pre");
  pre.className = "cell-plain";
  pre.tabIndex = 0;
  const code = doc.createElement("code");
  code.textContent = text;
  pre.append(code);
  view.code.replaceChildren(pre);
}

/** A notice above the code with buttons; returns a function that removes it. */
export function showNotice(
  view: CellView,
  text: string,
  actions: { label: string; run: () => void }[],
): () => void {
  const doc = view.root.ownerDocument;
  const notice = doc.createElement("div");
  notice.className = "cell-notice";
  notice.setAttribute("role", "note");
  const p = doc.createElement("p");
  p.textContent = text;
  notice.append(p);
  const remove = (): void => notice.remove();
  for (const { label, run } of actions) {
    const b = doc.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", () => {
      remove();
      view.buttons.run.focus(); // the focused button is gone: keep the keyboard in the cell
      run();
    });
    notice.append(b);
  }
  view.code.before(notice);
  return remove;
}
