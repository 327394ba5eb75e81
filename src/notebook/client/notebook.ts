// A page's cells in the browser: edits (kept across reloads), runs in the page's kernel worker, Stop.
//
// What runs when a reader presses Run on cell i: the page keeps, for each cell, the code of every cell down to
// it that its shown output came from. A cell is "in memory" when it ran without error in the current worker
// with the code now above it and in it. Run first runs, in order, every cell above i that is not in memory
// (except `norun` cells, which only run when asked), then i; the first failure stops the chain. So the scope
// a cell sees is the one the code on the page, read top to bottom, makes. "Run all above" re-runs every
// cell above (again except `norun` ones). A cell whose output came from other code above than the code shown
// now is marked out of date; Stop marks the cells whose results the old worker held.
//
// A widget (CellInput) runs the cell after it, and that cell may need many cells above it first (chapter 10's
// digit pad needs the network trained in the page). So they start when the reader starts to use the widget
// (PREPARE_EVENT), not when they press "Use this"; meanwhile that cell says which cell above runs, and how
// many are left, and its Stop ends them.
//
// A knob (client/knobs.ts) re-runs its cell and the cells below that read what it changes (dependents.ts), a
// short while after the reader stops moving it; a run of that cell or of any cell below is stopped first, while
// the cells above that it needs keep running (they start when the reader first touches the knob).
import type { CompletionContext, CompletionResult } from "@codemirror/autocomplete";
import type { InputValue, Output } from "../protocol.ts";
import { caretOffset } from "./caret.ts";
import {
  allAboveFailed,
  allAboveRan,
  allAboveStopped,
  cellStatus,
  seconds,
  type AboveProgress,
  type Cell,
} from "./cell-state.ts";
import { readCells, showNotice, showPlainCode } from "./cell-view.ts";
import { knobDependents } from "./dependents.ts";
import type { Editor } from "./editor.ts";
import { CODE_EVENT, INPUT_EVENT, PREPARE_EVENT, PROGRESS_EVENT, type NotebookInput } from "./input-event.ts";
import { CellKnobs } from "./knobs.ts";
import { planRun, type Mode } from "./plan-run.ts";
import { EditStore } from "./store.ts";
import { widgetReport } from "./widget-report.ts";

type Runtime = typeof import("./runtime.ts");
type Types = typeof import("./typecheck.ts");
type TypesLoaded = { types: Types; checker: InstanceType<Types["Checker"]> };
type Session = InstanceType<Runtime["Session"]>;
type Outcome = Awaited<ReturnType<Session["run"]>>;

/** How long after the last move of a knob its cells run: while dragging, and after the release. */
const KNOB_DRAG_MS = 250;
const KNOB_RELEASE_MS = 40;

export class Notebook {
  readonly cells: Cell[];
  readonly #store: EditStore;
  #runtime: Promise<Runtime> | null = null;
  /**
   * The type checker: loaded when the reader first opens a cell to edit it (or focuses an editor, or edits),
   * never on page load (the first load stays light); started then, it has its files read by the first keystroke.
   */
  #types: Promise<TypesLoaded> | null = null;
  #session: Session | null = null;
  #chain: Promise<void> = Promise.resolve();
  /** Incremented by Stop: a queued job of an earlier epoch does nothing. */
  #epoch = 0;
  #refreshing = false;
  /** While the cells above cell `target` run first for it: how far they have got. */
  #above: (AboveProgress & { target: number }) | null = null;
  /** Cells whose cells above are queued to run for a widget (PREPARE_EVENT), not yet run. */
  #preparing = new Set<number>();
  /** The widget before a cell (the one that runs it), and the progress it was last told. */
  #widgets = new Map<number, { widget: Element; told: string }>();
  /** When each cell's code shown was saved (here or in another tab): an older save never replaces it. */
  #savedAt = new Map<number, number>();
  /** The notices shown, by cell and kind ("unsaved", "elsewhere", "reset"): one of a kind at a time. */
  #notices = new Map<string, () => void>();
  /** Each cell's knobs, and the reader's settings the kernel has (given again to every new session). */
  readonly #knobs: CellKnobs[];
  readonly #knobInputs = new Map<string, InputValue>();
  #knobTimers = new Map<number, ReturnType<typeof setTimeout>>();
  /** The names each cell declares, reads and assigns, for the code they had then. */
  #names: { codes: string[]; names: Awaited<ReturnType<Session["analyze"]>> } | null = null;

  constructor(doc: Document) {
    const views = readCells(doc);
    const chapter = views[0]?.root.dataset.chapter ?? doc.location.pathname.replace(/\/+$/, "");
    this.#store = new EditStore(chapter);
    const originals = views.map((v) => v.original);
    this.cells = views.map((view, i) => ({
      view,
      code: view.original,
      editor: null,
      staticCode: Array.from(view.code.childNodes),
      basis: originals.slice(0, i + 1),
      ranIn: null,
      phase: "idle",
      stopping: false,
      result: view.norun ? "Not run yet: press Run" : "",
      blocked: null,
      shownOk: view.root.dataset.ran === "true",
    }));
    this.#knobs = this.cells.map(
      ({ view }, i) =>
        new CellKnobs(view, chapter, {
          input: (key, value) => {
            if (value === null) this.#knobInputs.delete(key);
            else this.#knobInputs.set(key, value);
            this.#session?.setInput(key, value);
          },
          moved: (released) => this.#knobMoved(i, released),
          prepare: () => this.prepare(i),
        }),
    );
    this.cells.forEach((cell, i) => {
      this.#restore(cell, i);
      this.#wire(cell, i);
    });
    this.#restoreKnobs(doc);
    if (doc.defaultView)
      this.#store.watch(doc.defaultView, (id, hash, edit) => this.#elsewhere(id, hash, edit));
    doc.addEventListener(INPUT_EVENT, (event) => void this.#input(event as CustomEvent<NotebookInput>));
    doc.addEventListener(PREPARE_EVENT, (event) => {
      const next = this.#nextCell(event.target as Element);
      if (next >= 0) this.prepare(next);
    });
    this.refresh();
  }

  /** The index of the first cell after `widget`, or −1; the widget is told how far that cell's runs get. */
  #nextCell(widget: Element): number {
    const next = this.cells.findIndex(
      (c) => widget.compareDocumentPosition(c.view.root) & Node.DOCUMENT_POSITION_FOLLOWING,
    );
    if (next >= 0 && !this.#widgets.has(next)) this.#widgets.set(next, { widget, told: "" });
    return next;
  }

  /** A reader's input from a page widget (see input-event.ts): to the kernel, then maybe run the next cell. */
  async #input(event: CustomEvent<NotebookInput>): Promise<void> {
    const { name, value, run } = event.detail;
    const { session } = await this.#loadSession();
    session.setInput(name, value);
    const next = this.#nextCell(event.target as Element);
    if (run && next >= 0) this.run(next);
  }

  // ---- edits ------------------------------------------------------------------------------------------

  #restore(cell: Cell, i: number): void {
    const { view } = cell;
    const { edit, older } = this.#store.find(view.id, view.hash);
    if (edit) this.#savedAt.set(i, edit.savedAt);
    if (edit && edit.code !== view.original) {
      cell.code = edit.code;
      showPlainCode(view, edit.code); // at once, so the original never flashes; the editor follows
      void this.edit(i, { focus: false });
    }
    if (older && older.code !== view.original) {
      showNotice(
        view,
        `This cell has changed on the site since you edited it, so it shows the new version. ` +
          `Your edit of the earlier version is kept.`,
        [
          {
            label: "Restore my edit",
            run: () => {
              this.#store.forget(older.key);
              void this.setCode(i, older.code).then(() => this.edit(i));
            },
          },
          { label: "Discard my edit", run: () => this.#store.forget(older.key) },
        ],
      );
    }
  }

  /** Opens the editor of cell i (loading CodeMirror the first time), caret at `cursor`. */
  async edit(
    i: number,
    { cursor, focus = true }: { cursor?: number; focus?: boolean } = {},
  ): Promise<Editor> {
    const cell = this.cells[i]!;
    if (!cell.editor) {
      if (focus) {
        void this.#loadSession(); // the reader is about to run: start the worker now
        this.#startTypes(); // and to type: the checker's first answer then comes sooner
      }
      cell.editor = import("./editor.ts").then(({ mountEditor }) => {
        const host = cell.view.root.ownerDocument.createElement("div");
        host.className = "cell-editor";
        const editor = mountEditor(host, {
          code: cell.code,
          label: `Code of cell ${cell.view.number}`,
          ...(cursor === undefined ? {} : { cursor }),
          onChange: (code) => this.#changed(i, code),
          onRun: () => this.run(i),
          onFocus: () => this.#startTypes(), // an edit restored on load: the reader is back in it
          onBlur: () => this.#closeIfUnchanged(i),
          complete: (context) => this.#complete(i, context),
        });
        cell.view.code.replaceChildren(host);
        cell.view.buttons.edit.hidden = true;
        if (this.#types) void this.#types.then((t) => this.#giveTypes(i, editor, t));
        return editor;
      });
    }
    const editor = await cell.editor;
    if (focus) editor.focus();
    return editor;
  }

  /**
   * Back to the static block when the editor loses the focus with the original code in it: the block the
   * build made carries the equation ↔ code links and the names' colours, which the editor does not.
   */
  #closeIfUnchanged(i: number): void {
    const cell = this.cells[i]!;
    const editor = cell.editor;
    if (!editor || cell.code !== cell.view.original) return;
    cell.editor = null;
    void editor.then((e) => {
      e.destroy();
      if (cell.editor !== null) return; // opened again meanwhile: the new editor is in place
      cell.view.code.replaceChildren(...cell.staticCode);
      cell.view.buttons.edit.hidden = false;
    });
  }

  /** The reader changed cell i's code (or `save` false: another tab did, and saved it already). */
  #changed(i: number, code: string, save = true): void {
    const cell = this.cells[i]!;
    cell.code = code;
    cell.view.root.dispatchEvent(new CustomEvent(CODE_EVENT, { detail: code }));
    this.#startTypes();
    for (const c of this.cells) c.blocked = null; // what stopped them has changed
    if (save) this.#save(i, code);
    this.refresh();
  }

  /** Loads the type checker (once) and gives every open editor its diagnostics, hover and completion. */
  #startTypes(): void {
    if (this.#types) return;
    const filesUrl = new URL(`${import.meta.env.BASE_URL}typecheck/files.json`, document.baseURI).href;
    this.#types = import("./typecheck.ts").then((types) => ({ types, checker: new types.Checker(filesUrl) }));
    const loaded = this.#types;
    this.cells.forEach((cell, i) => {
      if (cell.editor)
        void Promise.all([cell.editor, loaded]).then(([editor, t]) => this.#giveTypes(i, editor, t));
    });
  }

  /** Cell i's completions: the request waits for the checker if it is still loading; null if it failed. */
  async #complete(i: number, context: CompletionContext): Promise<CompletionResult | null> {
    this.#startTypes();
    const loaded = await this.#types!.catch(() => null);
    if (!loaded) return null;
    return loaded.types.complete(
      loaded.checker,
      { cell: i, codes: () => this.cells.map((c) => c.code) },
      context,
    );
  }

  #giveTypes(i: number, editor: Editor, { types, checker }: TypesLoaded): void {
    const view = this.cells[i]!.view;
    editor.configure(
      types.cellTypes(checker, {
        cell: i,
        codes: () => this.cells.map((c) => c.code),
        diagnostics: types.diagnosticsElement(view.code),
      }),
    );
  }

  /** Saves cell i's code; if the browser will not keep it, the cell says so until a save works again. */
  #save(i: number, code: string): void {
    const { view } = this.cells[i]!;
    const saved = this.#store.save(view.id, view.hash, code === view.original ? null : code);
    if (saved) {
      this.#savedAt.set(i, saved.savedAt);
      this.#notices.get(`${i}:unsaved`)?.();
      this.#notices.delete(`${i}:unsaved`);
    } else if (!this.#notices.has(`${i}:unsaved`)) {
      this.#notice(
        i,
        "unsaved",
        "Your edit could not be saved in this browser (its storage is full or turned off): it is kept on " +
          "this page only, and lost when you leave it. Copy it somewhere to keep it.",
        [{ label: "OK", run: () => {} }],
      );
    }
  }

  /** Shows a notice on cell i, in place of any earlier one of the same kind. */
  #notice(i: number, kind: string, text: string, actions: { label: string; run: () => void }[]): void {
    const key = `${i}:${kind}`;
    this.#notices.get(key)?.();
    const remove = showNotice(
      this.cells[i]!.view,
      text,
      actions.map(({ label, run }) => ({
        label,
        run: () => {
          this.#notices.delete(key);
          run();
        },
      })),
    );
    this.#notices.set(key, remove);
  }

  /** Another tab of this chapter saved (or forgot) an edit: shown here too, unless this tab's is newer. */
  #elsewhere(cellId: string, hash: string, edit: { code: string; savedAt: number } | null): void {
    const i = this.cells.findIndex((c) => c.view.id === cellId && c.view.hash === hash);
    const cell = this.cells[i];
    if (!cell) return;
    const code = edit?.code ?? cell.view.original;
    const savedAt = edit?.savedAt ?? Date.now();
    if (savedAt < (this.#savedAt.get(i) ?? 0) || code === cell.code) return;
    this.#savedAt.set(i, savedAt);
    void this.setCode(i, code, false);
    this.#notice(i, "elsewhere", "You changed this cell in another tab: it shows that version now.", [
      { label: "OK", run: () => {} },
    ]);
  }

  /** Replaces cell i's code (Reset, Restore my edit, another tab's edit) and saves it unless `save` is false. */
  async setCode(i: number, code: string, save = true): Promise<void> {
    const cell = this.cells[i]!;
    if (cell.editor) (await cell.editor).setCode(code, { silent: !save });
    else if (code === cell.view.original) cell.view.code.replaceChildren(...cell.staticCode);
    else showPlainCode(cell.view, code);
    this.#changed(i, code, save);
  }

  /** Back to the original code; a notice offers the edit back until the reader leaves the page. */
  async reset(i: number): Promise<void> {
    const cell = this.cells[i]!;
    const edit = cell.code;
    // Knobs go back to their built values, and the cells that read them run again.
    if (this.#knobs[i]!.reset()) this.#knobMoved(i, true);
    if (edit === cell.view.original) return;
    await this.setCode(i, cell.view.original);
    this.#session?.cancel(cell.view.id); // timers and promises the edited code left going
    cell.result = "Back to the original code";
    this.refresh();
    this.#notice(i, "reset", "Back to the original code. Your edit is kept until you leave this page.", [
      { label: "Undo", run: () => void this.setCode(i, edit).then(() => this.edit(i, { focus: false })) },
    ]);
  }

  // ---- runs -------------------------------------------------------------------------------------------

  #loadSession(): Promise<{ runtime: Runtime; session: Session }> {
    this.#runtime ??= import("./runtime.ts");
    return this.#runtime.then((runtime) => {
      if (!this.#session) {
        this.#session = new runtime.Session();
        for (const [key, value] of this.#knobInputs) this.#session.setInput(key, value);
      }
      return { runtime, session: this.#session };
    });
  }

  /** In memory: ran without error in this worker, with the code now shown in it and above it. */
  #inMemory(j: number): boolean {
    const cell = this.cells[j]!;
    return (
      this.#session !== null &&
      cell.ranIn === this.#session.generation &&
      this.cells.slice(0, j + 1).every((c, k) => c.code === cell.basis[k])
    );
  }

  /** Runs cell i, after the cells above it that are not in memory. */
  run(i: number): void {
    this.#enqueue(i, "cell");
  }

  /** Runs every cell above i, in order. */
  runAbove(i: number): void {
    this.#enqueue(i, "above");
  }

  /** Runs the cells above i that are not in memory, as Run on i would first (a widget's use is coming). */
  prepare(i: number): void {
    if (this.#preparing.has(i) || this.cells[i]!.phase !== "idle") return;
    this.#preparing.add(i);
    this.#enqueue(i, "prepare");
  }

  /** `again`: queue a Run of cell i even while it runs (a knob moved: the run now is being stopped). */
  #enqueue(i: number, mode: Mode, again = false): void {
    const target = this.cells[i]!;
    if (mode === "cell" && target.phase !== "idle" && !again) return;
    const epoch = this.#epoch;
    if (mode === "cell" && target.phase === "idle") target.phase = "queued";
    this.refresh();
    this.#chain = this.#chain
      .then(() => this.#job(epoch, i, mode))
      .catch((error: unknown) => {
        target.phase = "idle";
        target.result = `Could not run: ${error instanceof Error ? error.message : String(error)}`;
        this.refresh();
      });
  }

  async #job(epoch: number, i: number, mode: Mode): Promise<void> {
    try {
      await this.#runList(epoch, i, mode);
    } finally {
      if (mode === "prepare") this.#preparing.delete(i);
      if (this.#above?.target === i) this.#above = null;
      this.refresh();
    }
  }

  async #runList(epoch: number, i: number, mode: Mode): Promise<void> {
    const { runtime, session } = await this.#loadSession();
    if (epoch !== this.#epoch) return;
    const norun = this.cells.map((c) => ({ norun: c.view.norun }));
    const { first, list } = planRun(norun, i, mode, (j) => this.#inMemory(j));
    // The cell the reader clicked, or is waiting for, says how far the cells above it have got.
    const all = mode === "above";
    if (first.length > 0) this.#above = { target: i, list: first, done: 0, all };
    if (all) this.cells[i]!.blocked = null;
    for (const j of list) this.cells[j]!.phase = "queued";
    this.refresh();
    const started = performance.now();
    for (const [n, j] of list.entries()) {
      if (epoch !== this.#epoch) return;
      const outcome = await this.#execute(j, session, runtime, !all && j !== i);
      if ("killed" in outcome) return;
      if (this.#above?.target === i && j !== i) this.#above.done = n + 1;
      if (!outcome.ok) {
        for (const k of list.slice(n + 1)) {
          this.cells[k]!.phase = "idle";
          this.cells[k]!.blocked = "Not run: a cell above failed";
        }
        if (mode === "prepare") this.cells[i]!.blocked = "Not run: a cell above failed";
        if (all) this.cells[i]!.result = allAboveFailed(n, list.length);
        return;
      }
    }
    if (all) this.cells[i]!.result = allAboveRan(list.length, performance.now() - started);
  }

  /**
   * Runs cell j. `onlyForMemory`: it runs because a cell below needs its names, not because the reader asked;
   * if the output it shows came, without error, from the same code in it and above it, that output stays
   * (redrawing the same charts would cost the page seconds) unless this run fails.
   */
  async #execute(j: number, session: Session, runtime: Runtime, onlyForMemory = false): Promise<Outcome> {
    const cell = this.cells[j]!;
    const { output } = cell.view;
    const basis = this.cells.slice(0, j + 1).map((c) => c.code);
    const generation = session.generation;
    let keep = onlyForMemory && cell.shownOk && basis.every((code, k) => code === cell.basis[k]);
    cell.phase = "running";
    cell.blocked = null;
    this.refresh();
    // The earlier output stays (dimmed) until the new one starts: no flash for a cell that takes 5 ms.
    let fresh = false;
    const held: Output[] = [];
    let error: { line: number; column: number | null } | null = null;
    void this.#markError(cell, null);
    const knobs = this.#knobs[j]!;
    const knobsSeen = new Set<number>();
    const emit = (o: Output): void => {
      if (o.kind === "knob") {
        knobsSeen.add(o.n);
        return knobs.place(o);
      }
      if (o.kind === "error" && o.line !== null) error ??= { line: o.line, column: o.column };
      // An error, or a file to save (the build's page holds only a note for one over 32 kB), shows the new output.
      if (keep && o.kind !== "error" && o.kind !== "download") return void held.push(o);
      if (!fresh) output.replaceChildren();
      fresh = true;
      for (const h of held.splice(0)) runtime.appendOutput(output, h);
      keep = false;
      runtime.appendOutput(output, o);
    };
    const started = performance.now();
    const outcome = await session.run(cell.view.id, cell.code, emit);
    const killed = "killed" in outcome;
    if (!killed && outcome.ok) knobs.prune(knobsSeen);
    // Kept (ran to its end without error, or killed before it showed anything): the shown output stands. A
    // cell stopped on request shows what it did before it stopped.
    if (!(keep && (killed || (outcome.ok && !outcome.stopped)))) {
      if (!fresh) output.replaceChildren();
      for (const h of held.splice(0)) runtime.appendOutput(output, h);
      cell.shownOk = !killed && outcome.ok && !outcome.stopped;
    }
    void this.#markError(cell, error);
    cell.phase = "idle";
    cell.stopping = false;
    cell.basis = basis;
    const took = seconds(performance.now() - started);
    if (killed) {
      cell.ranIn = null;
      cell.result = `Stopped after ${took}: it did not stop when asked, so its worker was ended`;
    } else {
      cell.ranIn = outcome.ok ? generation : null;
      cell.result = !outcome.ok
        ? "Failed: see the error below"
        : outcome.stopped
          ? `Stopped after ${took}; what it did so far is kept`
          : `Ran in ${seconds(outcome.ms)}`;
    }
    this.refresh();
    return outcome;
  }

  /** Marks the line (and word) of the last run's error in the cell's code: the editor's, or the static block's. */
  async #markError(cell: Cell, at: { line: number; column: number | null } | null): Promise<void> {
    for (const line of cell.view.code.querySelectorAll(".cell-error-line"))
      line.classList.remove("cell-error-line");
    if (cell.editor) return (await cell.editor).markError(at);
    if (at) cell.view.code.querySelectorAll("pre .line")[at.line - 1]?.classList.add("cell-error-line");
  }

  /**
   * Stops the running cell and drops everything queued. The cell is asked first and keeps what it did; one
   * that has not ended a second later is ended with its worker, which takes every cell's results with it.
   */
  stop(): void {
    this.#epoch++;
    this.#session?.stop();
    for (const cell of this.cells) if (cell.phase === "running") cell.stopping = true;
    // A cell whose cells above were running for it says so too (it was not queued itself); once its own
    // turn came, it was running, and says how long it ran instead.
    const waiting = this.#above && this.cells[this.#above.target]!;
    if (waiting && this.#above?.all) waiting.result = allAboveStopped(this.#above);
    else if (waiting && waiting.phase !== "running") waiting.blocked = "Not run: stopped";
    this.#above = null;
    for (const cell of this.cells) {
      if (cell.phase !== "queued") continue;
      cell.phase = "idle";
      cell.blocked = "Not run: stopped";
    }
    this.refresh();
  }

  // ---- knobs -----------------------------------------------------------------------------------------

  /** Settings restored as the page opens: the cell and those that read it run once it comes into view. */
  #restoreKnobs(doc: Document): void {
    const moved = this.#knobs.flatMap((knobs, i) => {
      for (const [key, value] of knobs.entries()) this.#knobInputs.set(key, value);
      return knobs.restore() ? [i] : [];
    });
    if (moved.length === 0) return;
    const view = doc.defaultView;
    if (!view || !("IntersectionObserver" in view)) return moved.forEach((i) => this.#knobMoved(i, true));
    const seen = new view.IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        seen.unobserve(entry.target);
        const i = this.cells.findIndex((c) => c.view.root === entry.target);
        if (i >= 0) this.#knobMoved(i, true);
      }
    });
    for (const i of moved) seen.observe(this.cells[i]!.view.root);
  }

  /** A knob of cell i moved: once it rests, that cell and the cells that read what it changes run. */
  #knobMoved(i: number, released: boolean): void {
    clearTimeout(this.#knobTimers.get(i));
    const wait = released ? KNOB_RELEASE_MS : KNOB_DRAG_MS;
    this.#knobTimers.set(
      i,
      setTimeout(() => void this.#rerunFrom(i), wait),
    );
  }

  async #rerunFrom(i: number): Promise<void> {
    this.#knobTimers.delete(i);
    // What was queued (a previous setting's runs) is dropped; a run of this cell or below is asked to stop.
    const epoch = ++this.#epoch;
    for (const cell of this.cells) if (cell.phase === "queued") cell.phase = "idle";
    const running = this.cells.findIndex((c) => c.phase === "running");
    if (running >= i) {
      this.#session?.stop();
      this.cells[running]!.stopping = true;
    }
    this.refresh();
    const { session } = await this.#loadSession();
    const codes = this.cells.map((c) => c.code);
    // The worker reads the names once per version of the page's code (a drag asks many times).
    const known = this.#names;
    const names =
      known && known.codes.every((code, k) => code === codes[k]) ? known.names : await session.analyze(codes);
    this.#names = { codes, names };
    if (epoch !== this.#epoch) return; // moved again meanwhile: that move's runs replace these
    const cells = names.map((n, k) => {
      const { norun, manual } = this.cells[k]!.view;
      return { names: n, norun, manual };
    });
    for (const j of knobDependents(cells, i)) this.#enqueue(j, "cell", true);
  }

  // ---- what each cell says ----------------------------------------------------------------------------

  /** Brings every cell's status, badge and buttons up to date (once for all the changes of one task). */
  refresh(): void {
    if (this.#refreshing) return;
    this.#refreshing = true;
    queueMicrotask(() => {
      this.#refreshing = false;
      this.cells.forEach((cell, i) => {
        const { view } = cell;
        const above = this.#above?.target === i ? this.#above : null;
        const widget = this.#widgets.get(i);
        if (widget) {
          const report = widgetReport(this.cells, i, above);
          const told = `${report.state}|${report.text}`;
          if (widget.told !== told) {
            widget.told = told;
            widget.widget.dispatchEvent(new CustomEvent(PROGRESS_EVENT, { detail: report }));
          }
        }
        const { text, note, state, stale } = cellStatus(
          this.cells,
          i,
          this.#session?.generation ?? null,
          above,
        );
        if (view.status.textContent !== text) view.status.textContent = text;
        if (view.note.textContent !== note) view.note.textContent = note;
        view.root.dataset.state = state;
        view.root.toggleAttribute("data-stale", stale);
        const edited = cell.code !== view.original;
        view.root.toggleAttribute("data-edited", edited);
        view.badge.hidden = !edited;
        // A cell whose cells above run first for it can stop them (its own phase may still be idle).
        const busy = cell.phase !== "idle" || above !== null;
        view.output.setAttribute("aria-busy", String(cell.phase === "running"));
        const stop = view.buttons.stop;
        if (stop.disabled === busy) {
          // Stop is about to be disabled while focused: keep the keyboard in the cell.
          if (!busy && stop === stop.ownerDocument.activeElement) view.buttons.run.focus();
          stop.disabled = !busy;
        }
      });
    });
  }

  // ---- controls ---------------------------------------------------------------------------------------

  #wire(cell: Cell, i: number): void {
    const { view } = cell;
    view.buttons.run.addEventListener("click", () => this.run(i));
    view.buttons["run-above"].addEventListener("click", () => this.runAbove(i));
    view.buttons.stop.addEventListener("click", () => this.stop());
    view.buttons.reset.addEventListener("click", () => void this.reset(i));
    view.buttons.edit.addEventListener("click", () => void this.edit(i));
    if (i === 0) view.buttons["run-above"].hidden = true; // nothing above the first cell
    // A pointer on Run (or the keyboard on it) means a run is coming: start the worker now, not on the click.
    for (const b of [view.buttons.run, view.buttons["run-above"]]) {
      for (const type of ["pointerenter", "focus"]) b.addEventListener(type, () => void this.#loadSession());
    }
    // The static block opens the editor where it was clicked (unless the reader was selecting text to copy).
    // Events from inside the editor come from its shadow host; the static (or plain) block is a <pre>.
    const onBlock = (event: Event): boolean => (event.target as Element).closest?.("pre") !== null;
    view.code.addEventListener("click", (event) => {
      if (!onBlock(event)) return;
      if (!(view.code.ownerDocument.getSelection()?.isCollapsed ?? true)) return;
      const block = view.code.querySelector("pre");
      const cursor = block ? caretOffset(block, event.clientX, event.clientY) : undefined;
      void this.edit(i, cursor === undefined ? {} : { cursor });
    });
    view.code.addEventListener("keydown", (event) => {
      if (!onBlock(event) || event.key !== "Enter") return;
      event.preventDefault();
      if (event.shiftKey) this.run(i);
      else void this.edit(i);
    });
  }
}
