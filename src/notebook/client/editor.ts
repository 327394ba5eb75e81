// The cell editor, loaded only when a reader starts editing: CodeMirror 6 in TypeScript mode, coloured
// through CSS variables (the site's tokens and cell.css) so it follows the light and dark themes like the
// static code. It lives in a shadow root: CodeMirror then styles itself with constructed style sheets,
// which the site's CSP allows, instead of <style> elements, which it does not. Custom properties still
// reach it. Tab is left to the browser (it moves focus), so the keyboard never gets trapped in a cell.
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  type CompletionSource,
} from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import {
  Compartment,
  EditorState,
  StateEffect,
  StateField,
  type Extension,
  type Range,
} from "@codemirror/state";
import {
  Decoration,
  drawSelection,
  EditorView,
  highlightSpecialChars,
  keymap,
  type DecorationSet,
} from "@codemirror/view";
import { tags as t } from "@lezer/highlight";
import { libraryLinks } from "./library-links.ts";

export interface EditorOptions {
  code: string;
  /** The editor's accessible name. */
  label: string;
  /** Where the caret starts (an offset in `code`); the end when absent. */
  cursor?: number;
  onChange(code: string): void;
  /** Shift+Enter (and Ctrl/Cmd+Enter). */
  onRun(): void;
  /** The editor got the focus. */
  onFocus?(): void;
  /** The editor lost the focus. */
  onBlur?(): void;
  /**
   * Completion, in the editor from its start: what the reader types before the type checker has loaded
   * still asks it (the source waits for the checker), where a source added later would never have seen it.
   */
  complete?: CompletionSource;
}

export interface Editor {
  /** Replaces the code; `silent`: without calling onChange (the change came from elsewhere, already saved). */
  setCode(code: string, options?: { silent?: boolean }): void;
  focus(): void;
  destroy(): void;
  /** Marks where the last run's error was (line and column 1-based; column null: the whole line); null clears. */
  markError(at: { line: number; column: number | null } | null): void;
  /** Adds extensions after the editor is made (the type checker's, once it has loaded: typecheck.ts). */
  configure(extension: Extension): void;
}

const setError = StateEffect.define<{ line: number; column: number | null } | null>();
const errorLine = Decoration.line({ class: "cm-error-line" });
const errorMark = Decoration.mark({ class: "cm-error-mark" });

/** The error's line and, from its column, the word there; gone at the next edit (the code no longer ran). */
const errorField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    if (tr.docChanged) marks = Decoration.none;
    for (const effect of tr.effects) {
      if (!effect.is(setError)) continue;
      marks = Decoration.none;
      const at = effect.value;
      if (!at || at.line < 1 || at.line > tr.state.doc.lines) continue;
      const line = tr.state.doc.line(at.line);
      const ranges: Range<Decoration>[] = [errorLine.range(line.from)];
      if (at.column !== null && at.column - 1 < line.length) {
        const from = line.from + at.column - 1;
        const word = /^[\w$]+|^./.exec(line.text.slice(at.column - 1))![0];
        ranges.push(errorMark.range(from, from + word.length));
      }
      marks = Decoration.set(ranges, true);
    }
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const colour = (name: string): string => `var(--cm-${name})`;

// The same roles Shiki's github-light/github-dark themes colour in the static code.
const highlight = HighlightStyle.define([
  {
    tag: [t.keyword, t.operatorKeyword, t.modifier, t.controlKeyword, t.moduleKeyword],
    color: colour("keyword"),
  },
  { tag: [t.string, t.special(t.string), t.regexp], color: colour("string") },
  { tag: [t.number, t.bool, t.null, t.atom, t.constant(t.name)], color: colour("constant") },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: colour("function") },
  { tag: [t.typeName, t.className, t.namespace], color: colour("type") },
  { tag: [t.comment, t.lineComment, t.blockComment], color: colour("comment"), fontStyle: "italic" },
  { tag: [t.definition(t.variableName), t.propertyName], color: colour("variable") },
]);

const theme = EditorView.theme({
  "&": {
    border: "1px solid var(--color-border)",
    borderRadius: "var(--radius)",
    background: "var(--color-bg-code)",
    color: "var(--color-text)",
    fontSize: "0.875em",
  },
  "&.cm-focused": { outline: "2px solid var(--color-focus)", outlineOffset: "2px" },
  ".cm-scroller": { fontFamily: "var(--font-mono)", lineHeight: "1.55", padding: "0.9rem 0" },
  ".cm-content": { padding: "0", caretColor: "var(--color-text)" },
  ".cm-line": { padding: "0 1rem" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--color-text)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground": {
    background: "var(--color-accent-soft)",
  },
  ".cm-error-line": { background: "color-mix(in srgb, var(--color-error) 12%, transparent)" },
  ".cm-error-mark": { textDecoration: "underline wavy var(--color-error)", textUnderlineOffset: "3px" },
  "&.cm-focused .cm-matchingBracket": {
    background: "transparent",
    outline: "1px solid var(--color-border-strong)",
  },
});

/** Mounts an editor in a shadow root of `host`. */
export function mountEditor(host: HTMLElement, options: EditorOptions): Editor {
  const root = host.attachShadow({ mode: "open" });
  // Keys typed in the editor are the editor's: outside the shadow root their target is the host, which page
  // shortcuts ("/" opens search) would not recognise as a text field.
  host.addEventListener("keydown", (event) => event.stopPropagation());
  const run = (): boolean => {
    options.onRun();
    return true;
  };
  const cursor = Math.min(options.cursor ?? options.code.length, options.code.length);
  const later = new Compartment();
  let quiet = false; // while setCode({ silent }) dispatches
  const view = new EditorView({
    parent: root,
    root,
    state: EditorState.create({
      doc: options.code,
      selection: { anchor: cursor },
      extensions: [
        history(),
        drawSelection(),
        highlightSpecialChars(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        javascript({ typescript: true }),
        syntaxHighlighting(highlight),
        theme,
        errorField,
        libraryLinks(),
        keymap.of([
          { key: "Shift-Enter", run },
          { key: "Mod-Enter", run },
          ...closeBracketsKeymap,
          ...defaultKeymap,
          ...historyKeymap,
        ]),
        EditorView.contentAttributes.of({ "aria-label": options.label }),
        options.complete ? autocompletion({ override: [options.complete] }) : [],
        later.of([]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !quiet) options.onChange(update.state.doc.toString());
          if (update.focusChanged) (update.view.hasFocus ? options.onFocus : options.onBlur)?.();
        }),
      ],
    }),
  });
  return {
    setCode(code, { silent = false } = {}) {
      quiet = silent;
      try {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
      } finally {
        quiet = false;
      }
    },
    focus() {
      view.focus();
    },
    destroy() {
      view.destroy();
    },
    markError(at) {
      view.dispatch({ effects: setError.of(at) });
    },
    configure(extension) {
      view.dispatch({ effects: later.reconfigure(extension) });
    },
  };
}
