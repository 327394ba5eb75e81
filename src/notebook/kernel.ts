// The cell pipeline's runtime half: runs transformed cells one at a time in one shared scope, and turns what
// they print, show, return and throw into Outputs. The same code runs in Node (build, tests) and in a worker.
import { bridgePlot } from "./plot-bridge.ts";
import { createHelpers, isDisplayHandle, type CellHelpers, type RunContext } from "./helpers.ts";
import { inspect, view } from "./inspect.ts";
import type { InputValue, Output } from "./protocol.ts";
import { Runs, type Run } from "./runs.ts";
import { CellSyntaxError, SCOPE, transformCell, type TransformedCell } from "./transform.ts";

export interface KernelOptions {
  /** The module a cell imports by name ("mlp", "data", "@observablehq/plot"); undefined if there is none. */
  resolveModule(specifier: string): unknown;
  /** A DOM document for Plot (linkedom's in Node and workers); without one Plot uses the page's. */
  document?: unknown;
  /** Minimum milliseconds between two updates of a display or progress bar (default 100). */
  throttleMs?: number;
  /** The clock for run times, throttling and ETAs (default performance.now). */
  now?: () => number;
  /**
   * Turns a transformed cell into the function it defines; `url` is the name its frames must have in stack
   * traces (`//# sourceURL`). Default: an indirect eval. The worker imports it as a blob: module instead, which
   * its Content-Security-Policy allows where it refuses eval.
   */
  evaluate?(code: string, url: string): CellFunction | Promise<CellFunction>;
}

/** What a transformed cell evaluates to. */
export type CellFunction = (scope: object, load: (specifier: string) => Promise<unknown>) => Promise<unknown>;

const evalCell = (code: string, url: string): CellFunction =>
  (0, eval)(`${code}\n//# sourceURL=${url}`) as CellFunction;

export interface RunResult {
  ok: boolean;
  ms: number;
  /** abort() asked this run to stop before it ended (it ended on its own terms: ok says how). */
  stopped: boolean;
}

export interface Kernel {
  /** Runs one cell after any cell still running; outputs go to `emit` in the order they happen. */
  run(cellId: string, source: string, emit: (output: Output) => void): Promise<RunResult>;
  /** Forgets every binding: the next cell starts from an empty scope. */
  reset(): void;
  /** The names the cells have bound so far. */
  names(): string[];
  /** Sets what input(name, fallback) returns from now on (the reader's CSV, weights, digit); null clears it. */
  setInput(name: string, value: InputValue | null): void;
  /**
   * Asks the running cell to stop: its `signal` aborts, so `train` ends after its current step keeping what
   * the network learned, and the cell's code after it runs as usual. A cell that never yields cannot hear it.
   */
  abort(): void;
  /** Cancels what the ended runs of `cellId` left going (timers, `signal`); what they still print is dropped. */
  cancel(cellId: string): void;
  /** Writes `text` to the stderr of the run the code executing now belongs to (or the last run). */
  warn(text: string): void;
}

/** Stream text is batched (a cell logging in a loop sends one message per batch) and capped per run. */
const STREAM_BATCH_MS = 50;
const STREAM_LIMIT = 1_000_000;
/** New displays and progress bars per run (updates of one already shown are free), and downloads. */
const DISPLAY_LIMIT = 200;
const DOWNLOAD_LIMIT = { files: 20, bytes: 10_000_000 };

function outbox(emit: (output: Output) => void, now: () => number) {
  let buffer: { stream: "stdout" | "stderr"; text: string } | null = null;
  let since = 0;
  let written = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const shown = new Set<string>();
  let files = 0,
    bytes = 0;
  const said = new Set<string>();
  /** Drops an output over its limit, with one note per kind the first time. */
  const over = (what: string, note: string): true => {
    if (!said.has(what)) {
      said.add(what);
      flush();
      emit({ kind: "stream", stream: "stderr", text: `${note}\n` });
    }
    return true;
  };
  const dropped = (output: Output): boolean => {
    if (output.kind === "display" || output.kind === "progress") {
      if (shown.has(output.displayId)) return false;
      if (shown.size >= DISPLAY_LIMIT) {
        const what = output.kind === "display" ? "display()" : "progress()";
        return over(
          what,
          `${what}: this run showed ${DISPLAY_LIMIT} outputs, the most a cell may; later ones are dropped`,
        );
      }
      shown.add(output.displayId);
    }
    if (output.kind === "download") {
      if (files + 1 > DOWNLOAD_LIMIT.files || bytes + output.text.length > DOWNLOAD_LIMIT.bytes) {
        return over(
          "download()",
          `download(): this run offered ${DOWNLOAD_LIMIT.files} files or ${DOWNLOAD_LIMIT.bytes / 1e6} MB, the most a cell may; later ones are dropped`,
        );
      }
      files++;
      bytes += output.text.length;
    }
    return false;
  };
  const flush = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (buffer) emit({ kind: "stream", ...buffer });
    buffer = null;
  };
  return {
    flush,
    emit(output: Output): void {
      if (output.kind !== "stream") {
        if (dropped(output)) return;
        flush();
        return emit(output);
      }
      if (written >= STREAM_LIMIT) return;
      written += output.text.length;
      const text =
        written >= STREAM_LIMIT
          ? `${output.text}… (output stopped after ${STREAM_LIMIT} characters)\n`
          : output.text;
      if (buffer && buffer.stream !== output.stream) flush();
      if (!buffer) {
        buffer = { stream: output.stream, text: "" };
        since = now();
        timer = setTimeout(flush, STREAM_BATCH_MS); // for text logged by a callback after its run ended
      }
      buffer.text += text;
      if (now() - since >= STREAM_BATCH_MS) flush();
    },
  };
}

/** A scope lookup of a name no cell declared: a host global, or the ReferenceError JavaScript would give. */
function fallbackScope(): object {
  const host = globalThis as Record<string | symbol, unknown>;
  return new Proxy(Object.create(null) as object, {
    get(_target, key) {
      if (typeof key === "symbol" || key === "then" || key in host) return host[key];
      throw new ReferenceError(`${key} is not defined`);
    },
    has: (_target, key) => key in host,
  });
}

/** Line and column (1-based) of the innermost frame of this cell's code in an error's stack. */
function cellFrame(
  error: unknown,
  url: string,
  cell: TransformedCell,
): { line: number; column: number } | null {
  let stack: unknown;
  try {
    stack = (error as { stack?: unknown } | null)?.stack; // formatted on first read: a Symbol name throws
  } catch {
    return null;
  }
  if (typeof stack !== "string") return null;
  const escaped = url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(stack);
  if (!match) return null;
  const p = cell.sourcePosition({ line: Number(match[1]), column: Number(match[2]) - 1 });
  return { line: p.line, column: p.column + 1 };
}

/** Messages read as the reader wrote the code: V8 quotes the expression (`$scope.f is not a function`). */
function clean(message: string): string {
  return message.replaceAll(`${SCOPE}.`, "");
}

/** A property of a thrown value as text, whatever it holds (a Symbol, an object, a getter that throws). */
function textOf(read: () => unknown, fallback: string): string {
  try {
    const value = read();
    if (value === undefined) return fallback;
    return typeof value === "string" ? value : typeof value === "symbol" ? String(value) : inspect(value);
  } catch {
    return fallback;
  }
}

function errorOutput(error: unknown, position: { line: number; column: number } | null): Output {
  if (error instanceof Error) {
    return {
      kind: "error",
      name: textOf(() => error.name, "Error"),
      message: clean(textOf(() => error.message, "(the error's message could not be read)")),
      line: position?.line ?? null,
      column: position?.column ?? null,
    };
  }
  return {
    kind: "error",
    name: "Error",
    message: `Uncaught ${inspect(error)}`,
    line: position?.line ?? null,
    column: position?.column ?? null,
  };
}

type Train = (net: unknown, X: unknown, Y: unknown, options?: { signal?: AbortSignal }) => Promise<unknown>;

/** "mlp" as a cell imports it: `train` also listens to the signal of the run that called it (Stop). */
function withRunSignal(mlp: Record<string, unknown>, signal: () => AbortSignal): Record<string, unknown> {
  const train = mlp.train as Train;
  return {
    ...mlp,
    train(net: unknown, X: unknown, Y: unknown, options?: { signal?: AbortSignal }) {
      const own = options?.signal;
      const run = signal();
      const either = own ? AbortSignal.any([own, run]) : run;
      return train(net, X, Y, { ...options, signal: either });
    },
  };
}

const idle: RunContext = {
  cellId: "",
  emit: () => {},
  pending: new Set(),
  signal: new AbortController().signal,
  stopped: new Set(),
};

export function createKernel(options: KernelOptions): Kernel {
  const now = options.now ?? ((): number => performance.now());
  const evaluate = options.evaluate ?? evalCell;
  const runs = new Runs();
  let controller: AbortController | null = null;
  const inputs = new Map<string, InputValue>();
  let ids = 0;
  // One set of helpers per run, found by the stack when a cell reads `console`: a straggler of cell A reading
  // it while cell B runs gets A's. Each call asks the stack again; a helper handed on as a value and called
  // with no cell on the stack (`.then(console.log)`) writes to the run it was read in.
  const helpersOf = new WeakMap<RunContext, CellHelpers>();
  const helpers = (run: Run | null): CellHelpers => {
    const bound = run ?? idle;
    let h = helpersOf.get(bound);
    if (!h) {
      const current = (): RunContext => runs.owner(run) ?? bound;
      const nextId = () => ++ids;
      helpersOf.set(
        bound,
        (h = createHelpers({ current, throttleMs: options.throttleMs ?? 100, now, inputs, nextId })),
      );
    }
    return h;
  };
  const builtins = Object.assign(Object.create(fallbackScope()) as object, runs.timers());
  // A cell may declare a name a helper has (chapter 11's own `range`): its binding then hides the helper.
  const shadow = (name: string) =>
    function (this: object, value: unknown): void {
      Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
    };
  for (const name of Object.keys(helpers(null)) as (keyof CellHelpers)[]) {
    Object.defineProperty(builtins, name, {
      get: () => helpers(runs.owner(runs.current))[name],
      set: shadow(name),
      enumerable: true,
    });
  }
  // `signal`: the running cell's AbortSignal, for a loop of its own that should end on Stop.
  const signal = (): AbortSignal => (runs.owner() ?? idle).signal;
  Object.defineProperty(builtins, "signal", { get: signal, enumerable: true });
  let scope = Object.create(builtins) as Record<string, unknown>;
  const modules = new Map<string, Promise<unknown>>();
  let queue: Promise<unknown> = Promise.resolve();
  let count = 0;
  // Library code may be deep below the cell's frame; the frame must stay in the stack to be found.
  if (Error.stackTraceLimit < 50) Error.stackTraceLimit = 50;

  const load = async (specifier: string): Promise<unknown> => {
    const raw = await options.resolveModule(specifier);
    if (raw === undefined) {
      throw new Error(
        `Cannot find module "${specifier}": cells can import "mlp", "data" and "@observablehq/plot"`,
      );
    }
    if (specifier === "mlp") return withRunSignal(raw as Record<string, unknown>, signal);
    const isPlot = specifier === "@observablehq/plot" && options.document !== undefined;
    return isPlot ? bridgePlot(raw as Parameters<typeof bridgePlot>[0], options.document) : raw;
  };
  // Awaited here (not handed out as a shared promise) so that a failure's async stack reaches the cell's line.
  const importModule = async (specifier: string): Promise<unknown> => {
    let module = modules.get(specifier);
    if (!module) modules.set(specifier, (module = load(specifier)));
    try {
      return await module;
    } catch (error) {
      modules.delete(specifier);
      throw error;
    }
  };

  async function execute(cellId: string, source: string, emit: (output: Output) => void): Promise<RunResult> {
    const start = now();
    const out = outbox(emit, now);
    const url = `cell-${encodeURIComponent(cellId)}-${++count}.js`;
    const run = runs.start(cellId, url, out.emit);
    controller = run.controller;
    let ok = true;
    try {
      const cell = transformCell(source);
      try {
        const fn = await evaluate(cell.code, url);
        const value = await fn(scope, importModule);
        for (const flush of [...run.pending]) flush(); // live displays end on their final state, above the value
        if (value !== undefined && !isDisplayHandle(value)) out.emit({ kind: "value", view: view(value) });
      } catch (error) {
        ok = false;
        out.emit(errorOutput(error, cellFrame(error, url, cell)));
      }
    } catch (error) {
      ok = false;
      const position = error instanceof CellSyntaxError ? { line: error.line, column: error.column } : null;
      out.emit(errorOutput(error, position));
    } finally {
      for (const flush of [...run.pending]) flush();
      if (run.signal.aborted) for (const say of run.stopped) say();
      out.flush();
      runs.end();
      controller = null;
    }
    return { ok, ms: now() - start, stopped: run.signal.aborted };
  }

  return {
    run(cellId, source, emit) {
      const result = queue.then(() => execute(cellId, source, emit));
      queue = result.catch(() => {});
      return result;
    },
    reset() {
      scope = Object.create(builtins) as Record<string, unknown>;
    },
    names: () => Object.keys(scope),
    setInput(name, value) {
      if (value === null) inputs.delete(name);
      else inputs.set(name, value);
    },
    abort() {
      controller?.abort();
    },
    cancel: (cellId) => runs.cancel(cellId),
    warn(text) {
      (runs.owner() ?? idle).emit({ kind: "stream", stream: "stderr", text: `${text}\n` });
    },
  };
}
