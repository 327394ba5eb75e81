// Types in the editor, loaded when a reader opens a cell to edit it (never on page load): the TypeScript
// language service in a worker of its own (../typecheck/checker-worker.ts) gives each open editor the
// compiler's diagnostics (squiggles, and the same messages as text in the cell's [data-cell-diagnostics],
// announced politely), the type and JSDoc of the name under the pointer, and completion. Every answer is asynchronous: typing never
// waits for the checker, and a cell with type errors still runs.
import type { Completion, CompletionContext, CompletionResult } from "@codemirror/autocomplete";
import { linter, type Diagnostic } from "@codemirror/lint";
import { Prec, StateEffect, StateField, type Extension } from "@codemirror/state";
import { EditorView, hoverTooltip, keymap, showTooltip, ViewPlugin, type Tooltip } from "@codemirror/view";
import type { FromChecker, ToChecker } from "../typecheck/protocol.ts";
import type { CellDiagnosticRange, HoverInfo } from "../typecheck/service.ts";

type Request = ToChecker extends infer T ? (T extends { id: number } ? Omit<T, "id"> : never) : never;

export class Checker {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, (answer: FromChecker) => void>();
  #next = 1;
  /** Why the worker can answer nothing (it failed to load or threw), once it has. */
  #failed: string | null = null;
  /** The open editors by cell, so that an edit re-checks the cells below it (they see its names). */
  readonly #views = new Map<number, EditorView>();
  #below: { from: number; timer: ReturnType<typeof setTimeout> } | null = null;

  watch(cell: number, view: EditorView | null): void {
    if (view) this.#views.set(cell, view);
    else this.#views.delete(cell);
  }

  /** Cell `cell` changed: once typing pauses, the editors of the cells below it check again. */
  changed(cell: number): void {
    const from = Math.min(cell, this.#below?.from ?? cell);
    if (this.#below) clearTimeout(this.#below.timer);
    const timer = setTimeout(() => {
      this.#below = null;
      for (const [i, view] of this.#views) if (i > from) view.dispatch({ effects: recheck.of(null) });
    }, 600);
    this.#below = { from, timer };
  }

  /** `filesUrl`: the site's typecheck/files.json, absolute. */
  constructor(filesUrl: string) {
    this.#worker = new Worker(new URL("../typecheck/checker-worker.ts", import.meta.url), {
      type: "module",
      name: "type checker",
    });
    this.#worker.addEventListener("message", ({ data }: MessageEvent<FromChecker>) => {
      this.#waiting.get(data.id)?.(data);
      this.#waiting.delete(data.id);
    });
    this.#worker.addEventListener("error", (event) => {
      this.#fail(`the type checker stopped: ${event.message || "its worker did not load"}`);
    });
    // The files download while the worker loads the compiler, not after it.
    void fetch(filesUrl)
      .then(async (response) => {
        if (!response.ok) throw new Error(`${response.status} for ${filesUrl}`);
        return response.arrayBuffer();
      })
      .then(
        (bytes) => this.#worker.postMessage({ type: "files", bytes } satisfies ToChecker, [bytes]),
        (error: unknown) => {
          const message = `the type checker's files did not load (${String(error)})`;
          this.#worker.postMessage({ type: "files", error: message } satisfies ToChecker);
        },
      );
  }

  /** Every request waiting, and every later one, is answered with `message`: none is left unanswered. */
  #fail(message: string): void {
    this.#failed = message;
    for (const [id, answer] of this.#waiting) answer({ id, type: "error", message });
    this.#waiting.clear();
  }

  /** The checker's answer; a request made while it starts waits for it; on failure, an "error" answer. */
  ask(request: Request): Promise<FromChecker> {
    const id = this.#next++;
    if (this.#failed !== null) return Promise.resolve({ id, type: "error", message: this.#failed });
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve);
      this.#worker.postMessage({ ...request, id } as ToChecker);
    });
  }
}

export interface CellTypesOptions extends CellCodes {
  /** Where the messages go as text: inside the cell, a polite live region. */
  diagnostics: HTMLElement;
}

export interface CellCodes {
  /** 0-based. */
  cell: number;
  /** The chapter's cells as the page has them now. */
  codes(): string[];
}

/** [data-cell-diagnostics] for a cell, made once, just below its code. */
export function diagnosticsElement(code: HTMLElement): HTMLElement {
  const next = code.nextElementSibling;
  if (next instanceof HTMLElement && next.hasAttribute("data-cell-diagnostics")) return next;
  const element = code.ownerDocument.createElement("div");
  element.className = "cell-diagnostics";
  element.dataset.cellDiagnostics = "";
  element.setAttribute("aria-live", "polite");
  code.after(element);
  return element;
}

function showDiagnostics(element: HTMLElement, found: readonly CellDiagnosticRange[]): void {
  const doc = element.ownerDocument;
  element.replaceChildren(
    ...found.map((d) => {
      const p = doc.createElement("p");
      p.textContent = `Type error at line ${d.line}, column ${d.column}: ${d.message} (TS${d.code})`;
      return p;
    }),
  );
}

/** CodeMirror's completion types (its icons) for TypeScript's kinds of names. */
const KIND: Record<string, string> = {
  method: "method",
  function: "function",
  "local function": "function",
  property: "property",
  getter: "property",
  setter: "property",
  var: "variable",
  let: "variable",
  const: "constant",
  "local var": "variable",
  parameter: "variable",
  alias: "variable",
  class: "class",
  interface: "interface",
  type: "type",
  enum: "enum",
  module: "namespace",
  keyword: "keyword",
};

function infoElement(doc: Document, info: HoverInfo): HTMLElement {
  const root = doc.createElement("div");
  root.className = "cm-type-info";
  const signature = doc.createElement("code");
  signature.className = "cm-type-signature";
  signature.textContent = info.signature;
  root.append(signature);
  if (info.doc) {
    const text = doc.createElement("p");
    text.className = "cm-type-doc";
    text.textContent = info.doc;
    root.append(text);
  }
  return root;
}

const theme = EditorView.theme({
  ".cm-tooltip": {
    background: "var(--color-bg)",
    color: "var(--color-text)",
    border: "1px solid var(--color-border-strong)",
    borderRadius: "var(--radius)",
    maxWidth: "min(36rem, 90vw)",
  },
  ".cm-type-info": { padding: "0.35rem 0.6rem", fontSize: "0.85rem" },
  ".cm-type-signature": { display: "block", fontFamily: "var(--font-mono)", whiteSpace: "pre-wrap" },
  ".cm-type-doc": { margin: "0.35rem 0 0", fontFamily: "var(--font-sans, inherit)", whiteSpace: "pre-wrap" },
  ".cm-tooltip.cm-tooltip-autocomplete > ul": { fontFamily: "var(--font-mono)", maxHeight: "14em" },
  ".cm-tooltip.cm-tooltip-autocomplete > ul > li[aria-selected]": {
    background: "var(--color-accent-soft)",
    color: "var(--color-text)",
  },
  ".cm-completionDetail": { color: "var(--color-text-muted)", fontStyle: "normal" },
  ".cm-diagnostic": { padding: "0.3rem 0.6rem", fontSize: "0.85rem" },
  // CodeMirror's own: #d11, and the code at 70% size and opacity, faint on the dark theme's background.
  ".cm-diagnostic-error": { borderLeftColor: "var(--color-error)" },
  ".cm-diagnosticSource": { opacity: "1", fontSize: "0.75rem", color: "var(--color-text-muted)" },
  ".cm-tooltip-lint": { padding: "0" },
});

/** A cell above changed: this cell's names may mean something else now (the linter's needsRefresh). */
const recheck = StateEffect.define<null>();

/** The hover's text for the keyboard: Ctrl/Cmd+I shows it for the name at the caret; any change hides it. */
const setKeyTip = StateEffect.define<Tooltip | null>();
const keyTip = StateField.define<Tooltip | null>({
  create: () => null,
  update(tip, tr) {
    for (const effect of tr.effects) if (effect.is(setKeyTip)) return effect.value;
    return tr.docChanged || tr.selection ? null : tip;
  },
  provide: (field) => showTooltip.from(field),
});

/**
 * Cell `cell`'s completions at the caret: the members after a dot, the options in an object literal, the names
 * in scope, with their kinds and, when one is selected, its signature and doc. The editor has this source from
 * its start (editor.ts), not from when the checker loads, so it sees the reader's first keystrokes too; it
 * answers null when the checker fails.
 */
export async function complete(
  checker: Checker,
  { cell, codes }: CellCodes,
  context: CompletionContext,
): Promise<CompletionResult | null> {
  const word = context.matchBefore(/[\w$]*/);
  const afterDot = context.state.sliceDoc(Math.max(0, context.pos - 1), context.pos) === ".";
  if (!word || (!context.explicit && word.from === word.to && !afterDot)) return null;
  const doc = context.state.doc.toString();
  const codesNow = codes().map((code, i) => (i === cell ? doc : code));
  const answer = await checker.ask({ type: "completions", codes: codesNow, cell, pos: context.pos });
  if (context.aborted || answer.type !== "completions") return null;
  const options: Completion[] = answer.result.map((entry) => ({
    label: entry.name,
    type: KIND[entry.kind] ?? "variable",
    detail: entry.kind,
    boost: -Math.min(99, Number.parseInt(entry.sortText, 10) || 0),
    info: async () => {
      const details = await checker.ask({
        type: "details",
        codes: codesNow,
        cell,
        pos: context.pos,
        name: entry.name,
      });
      const info = details.type === "details" ? details.result : null;
      return info ? infoElement(context.view?.dom.ownerDocument ?? document, info) : null;
    },
  }));
  return { from: word.from, options, validFor: /^[\w$]*$/ };
}

/** The extensions that give cell `cell`'s editor its types (completion is the editor's own: see complete). */
export function cellTypes(checker: Checker, { cell, codes, diagnostics }: CellTypesOptions): Extension {
  const withDoc = (doc: string): string[] => codes().map((code, i) => (i === cell ? doc : code));
  const lint = linter(
    async (view): Promise<Diagnostic[]> => {
      const doc = view.state.doc.toString();
      const answer = await checker.ask({ type: "diagnostics", codes: withDoc(doc), cell });
      if (answer.type !== "diagnostics") return [];
      if (view.state.doc.toString() === doc) showDiagnostics(diagnostics, answer.result);
      return answer.result.map((d) => ({
        from: d.from,
        to: Math.max(d.to, d.from),
        severity: "error",
        source: `TS${d.code}`,
        message: d.message,
      }));
    },
    {
      delay: 200,
      needsRefresh: (update) => update.transactions.some((tr) => tr.effects.some((e) => e.is(recheck))),
    },
  );
  const typeAt = async (view: EditorView, pos: number): Promise<Tooltip | null> => {
    const answer = await checker.ask({ type: "hover", codes: withDoc(view.state.doc.toString()), cell, pos });
    const info = answer.type === "hover" ? answer.result : null;
    if (!info) return null;
    return {
      pos: info.from,
      end: info.to,
      above: true,
      create: () => ({ dom: infoElement(view.dom.ownerDocument, info) }),
    };
  };
  const hover = hoverTooltip(typeAt, { hoverTime: 250 });
  const showTypeAtCaret = (view: EditorView): boolean => {
    const pos = view.state.selection.main.head;
    void typeAt(view, pos).then((tip) => {
      if (view.state.selection.main.head === pos) view.dispatch({ effects: setKeyTip.of(tip) });
    });
    return true;
  };
  // Above the editor's default keymap, where Mod-i selects the enclosing syntax node.
  const keys = Prec.high(
    keymap.of([
      { key: "Mod-i", run: showTypeAtCaret },
      {
        key: "Escape",
        run: (view) => {
          if (!view.state.field(keyTip)) return false;
          view.dispatch({ effects: setKeyTip.of(null) });
          return true;
        },
      },
    ]),
  );
  const below = ViewPlugin.define((view) => {
    checker.watch(cell, view);
    return {
      update: (update) => {
        if (update.docChanged) checker.changed(cell);
      },
      destroy: () => checker.watch(cell, null),
    };
  });
  return [lint, hover, keyTip, keys, below, theme];
}
