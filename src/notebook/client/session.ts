// The page's side of the kernel worker: one worker per page, runs matched to their outputs by runId, and
// Stop: first asked of the running cell (its signal aborts; `train` ends after its step, keeping what it
// learned), then, for a cell that has not ended within STOP_GRACE_MS (a loop that never yields), the only
// sure way: terminate the worker, and every cell's results with it, and start a fresh one.
import type { CellNames, FromKernel, InputValue, Output, ToKernel } from "../protocol.ts";
import workerUrl from "../worker.ts?worker&url";

/**
 * The kernel worker's script: a blob: module that imports the bundled worker. A worker started from a blob:
 * URL runs under the page's Content-Security-Policy (one from the site's own URL would run under none, as no
 * static host sends one for it), so a cell can reach no other host and cannot eval (the kernel imports each
 * cell as a blob: module instead). One URL for the page: a fresh worker after Stop starts from it too.
 */
let bootstrapUrl: string | null = null;
function bootstrap(): string {
  const module = `import ${JSON.stringify(new URL(workerUrl, location.href).href)};`;
  bootstrapUrl ??= URL.createObjectURL(new Blob([module], { type: "text/javascript" }));
  return bootstrapUrl;
}

/** How long a cell asked to stop may take to end before its worker is ended. */
export const STOP_GRACE_MS = 1000;

/** A run ended (`stopped`: after Stop asked it to), or was `killed` with its worker. */
export type Outcome = { ok: boolean; ms: number; stopped: boolean } | { killed: true };

interface Pending {
  cellId: string;
  emit(output: Output): void;
  resolve(outcome: Outcome): void;
  done: boolean;
}

export class Session {
  /** Counts workers: bindings made in one generation are gone in the next. */
  generation = 0;
  #worker!: Worker;
  #runs = new Map<number, Pending>();
  #nextRun = 1;
  /** The reader's inputs (CellInput): given again to every new worker, so Stop does not lose them. */
  #inputs = new Map<string, InputValue>();
  /** Runs Stop asked to end, and the timer that ends their worker if they have not. */
  #stopping = new Set<Pending>();
  #kill: ReturnType<typeof setTimeout> | null = null;
  /** Open "analyze" requests, by id. */
  #analyses = new Map<number, { sources: string[]; resolve(cells: (CellNames | null)[]): void }>();
  #nextAnalysis = 1;

  constructor() {
    this.#start();
  }

  #start(): void {
    this.generation++;
    const worker = new Worker(bootstrap(), { type: "module", name: "notebook kernel" });
    worker.addEventListener("message", (event: MessageEvent<FromKernel>) => this.#receive(event.data));
    // A worker that cannot start (or an error thrown by a cell's callback after its run): said in the cell.
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      const message = event.message || "the notebook worker failed to start";
      const open = [...this.#runs.entries()].filter(([, r]) => !r.done);
      const target = open[0]?.[1] ?? [...this.#runs.values()].at(-1);
      target?.emit({ kind: "error", name: "Error", message, line: null, column: null });
      for (const [, run] of open) this.#finish(run, { ok: false, ms: 0, stopped: false });
    });
    this.#worker = worker;
    for (const [name, value] of this.#inputs) this.#post({ type: "input", name, value });
    // Questions the ended worker did not answer go to the new one.
    for (const [requestId, { sources }] of this.#analyses)
      this.#post({ type: "analyze", requestId, sources });
  }

  #receive(message: FromKernel): void {
    if (message.type === "ready") return;
    if (message.type === "analysis") {
      this.#analyses.get(message.requestId)?.resolve(message.cells);
      this.#analyses.delete(message.requestId);
      return;
    }
    const run = this.#runs.get(message.runId);
    if (!run) return;
    if (message.type === "output") run.emit(message.output);
    else this.#finish(run, { ok: message.ok, ms: message.ms, stopped: message.stopped });
  }

  #finish(run: Pending, outcome: Outcome): void {
    if (run.done) return;
    run.done = true;
    run.resolve(outcome);
  }

  #post(message: ToKernel): void {
    this.#worker.postMessage(message);
  }

  /** Runs a cell after those already sent; outputs a cell's callbacks send later still reach `emit`. */
  run(cellId: string, source: string, emit: (output: Output) => void): Promise<Outcome> {
    // Late outputs of this cell's earlier runs would mix with the new ones: they are dropped.
    for (const [id, run] of this.#runs) if (run.cellId === cellId && run.done) this.#runs.delete(id);
    const runId = this.#nextRun++;
    return new Promise((resolve) => {
      this.#runs.set(runId, { cellId, emit, resolve, done: false });
      this.#post({ type: "run", runId, cellId, source });
    });
  }

  /** Ends what the cell's ended runs left going (timers, promises): their later output is dropped. */
  cancel(cellId: string): void {
    for (const [id, run] of this.#runs) if (run.cellId === cellId && run.done) this.#runs.delete(id);
    this.#post({ type: "cancel", cellId });
  }

  /** The names each cell declares, reads and assigns (null for one that does not parse), from the worker. */
  analyze(sources: readonly string[]): Promise<(CellNames | null)[]> {
    const requestId = this.#nextAnalysis++;
    return new Promise((resolve) => {
      this.#analyses.set(requestId, { sources: [...sources], resolve });
      this.#post({ type: "analyze", requestId, sources: [...sources] });
    });
  }

  /** What input(name, fallback) returns in cells from now on; null clears it. */
  setInput(name: string, value: InputValue | null): void {
    if (value === null) this.#inputs.delete(name);
    else this.#inputs.set(name, value);
    this.#post({ type: "input", name, value });
  }

  /**
   * Asks the running cell to stop; if it (or any run sent before) has not ended within STOP_GRACE_MS, ends
   * the worker (every run still open ends `killed`) and starts an empty one.
   */
  stop(): void {
    const open = [...this.#runs.values()].filter((r) => !r.done);
    if (open.length === 0) return;
    this.#post({ type: "abort" });
    for (const run of open) this.#stopping.add(run);
    if (this.#kill !== null) return; // the second Stop waits for the first one's second
    this.#kill = setTimeout(() => {
      this.#kill = null;
      const stuck = [...this.#stopping].some((r) => !r.done);
      this.#stopping.clear();
      if (!stuck) return;
      this.#worker.terminate();
      for (const run of this.#runs.values()) this.#finish(run, { killed: true });
      this.#runs.clear();
      this.#start();
    }, STOP_GRACE_MS);
  }

  /** Ends the worker; runs still open end `killed`. The session cannot run anything after. */
  close(): void {
    if (this.#kill !== null) clearTimeout(this.#kill);
    this.#worker.terminate();
    for (const run of this.#runs.values()) this.#finish(run, { killed: true });
    this.#runs.clear();
  }
}
