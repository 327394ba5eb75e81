// Which run an output belongs to. The cells of a chapter share one worker, so a timer or a promise that a cell
// left going can print while a later cell runs: that output goes to the cell that started it, never to the one
// running then. A timer's callback belongs to the run that set it. Anything else is read off the call stack:
// the outermost frame of a cell's code (called synchronously, or an async function's awaiting caller) names
// its run by the URL its code was evaluated under. With no cell frame (a `.then(console.log)`), the run during
// which the helper was looked up. Re-running or resetting a cell cancels its earlier runs: their timers are
// cleared, their signal aborts (so `train` ends), and what they still print is dropped with one note.
import type { RunContext } from "./helpers.ts";
import type { Output } from "./protocol.ts";

export interface Run extends RunContext {
  /** The file name the cell's code has in stack traces. */
  readonly url: string;
  readonly controller: AbortController;
  /** The host handles of the timers this run set and that may still fire. */
  readonly timers: Set<unknown>;
  cancelled: boolean;
}

/** V8's structured stack frame (Node and Chromium): read without formatting the stack, which costs far more. */
interface CallSite {
  getScriptNameOrSourceURL(): string | null | undefined;
}

/** A frame's file in a stack's text: V8's `at f (URL:line:column)`, Firefox's and Safari's `f@URL:line:column`. */
const FRAME_FILE = /([^\s()@]+):\d+:\d+\)?$/;

/** The files of the frames on the stack now, innermost first, async callers included. */
function frameFiles(): (string | null | undefined)[] {
  const prepare = Error.prepareStackTrace;
  Error.prepareStackTrace = (_error, sites) => sites;
  try {
    const holder: { stack?: unknown } = {};
    if (typeof Error.captureStackTrace === "function") Error.captureStackTrace(holder, frameFiles);
    else holder.stack = new Error().stack;
    const stack = holder.stack;
    if (Array.isArray(stack)) return (stack as CallSite[]).map((site) => site.getScriptNameOrSourceURL());
    return typeof stack === "string" ? stack.split("\n").map((line) => FRAME_FILE.exec(line)?.[1]) : [];
  } finally {
    Error.prepareStackTrace = prepare;
  }
}

const DROPPED =
  "(output from an earlier run of this cell, still going after it was run again or reset, is dropped)\n";

export class Runs {
  /** The run executing now, or the last one that did (a callback may fire after it ended). */
  running: Run | null = null;
  #executing = false;
  /** Set while a timer's callback runs: it belongs to the run that set the timer. */
  #entered: Run | null = null;
  #byUrl = new Map<string, Run>();
  #latest = new Map<string, Run>();

  /** A new run of `cellId`; its outputs go to `emit` until it is cancelled. */
  start(cellId: string, url: string, emit: (output: Output) => void): Run {
    const controller = new AbortController();
    let noted = false;
    const run: Run = {
      cellId,
      url,
      controller,
      signal: controller.signal,
      timers: new Set(),
      cancelled: false,
      pending: new Set(),
      stopped: new Set(),
      emit: (output) => {
        if (!run.cancelled) return emit(output);
        const latest = this.#latest.get(cellId);
        if (noted || !latest || latest.cancelled) return;
        noted = true;
        latest.emit({ kind: "stream", stream: "stderr", text: DROPPED });
      },
    };
    this.cancel(cellId);
    this.#byUrl.set(url, run);
    this.#latest.set(cellId, run);
    this.running = run;
    this.#executing = true;
    return run;
  }

  /** The run executing has ended: from now on what it does is a straggler. */
  end(): void {
    this.#executing = false;
  }

  /** Cancels the ended runs of `cellId` (the one executing, if any, is not a straggler). */
  cancel(cellId: string): void {
    for (const run of this.#byUrl.values()) {
      if (run.cellId !== cellId || run.cancelled || (this.#executing && run === this.running)) continue;
      run.cancelled = true;
      for (const timer of run.timers) clearTimeout(timer as Parameters<typeof clearTimeout>[0]);
      run.timers.clear();
      run.controller.abort();
    }
  }

  /** A timer's run while its callback runs, else the run executing (or the last one): no stack read. */
  get current(): Run | null {
    return this.#entered ?? this.running;
  }

  /** The run the code now executing belongs to; `fallback` when no cell's code is on the stack. */
  owner(fallback: Run | null = this.running): Run | null {
    if (this.#entered) return this.#entered;
    const files = frameFiles();
    for (let i = files.length - 1; i >= 0; i--) {
      const run = this.#byUrl.get(files[i] ?? "");
      if (run) return run;
    }
    return fallback;
  }

  /** `f` as a timer callback of `run`. */
  within(run: Run, f: (...args: unknown[]) => unknown, once: () => void) {
    return (...args: unknown[]): unknown => {
      const before = this.#entered;
      this.#entered = run;
      once();
      try {
        return f(...args);
      } finally {
        this.#entered = before;
      }
    };
  }

  /** setTimeout and setInterval as a cell sees them: each callback belongs to the run that set it. */
  timers() {
    const schedule =
      (host: typeof setTimeout, repeat: boolean) =>
      (f: unknown, ms?: number, ...args: unknown[]): unknown => {
        const run = this.owner();
        if (typeof f !== "function" || !run) return host(f as () => void, ms, ...args);
        const forget = (): void => void (repeat || run.timers.delete(handle));
        const handle: unknown = host(this.within(run, f as () => unknown, forget), ms, ...args);
        run.timers.add(handle);
        return handle;
      };
    return {
      setTimeout: schedule(setTimeout, false),
      setInterval: schedule(setInterval as typeof setTimeout, true),
    };
  }
}
