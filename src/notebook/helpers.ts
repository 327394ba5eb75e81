// What a cell finds in scope besides its own names: console (captured as the cell's output), display(x) with
// live updates, progress bars with an ETA, the reader's inputs and downloads. Updates are throttled so a chart
// redrawn on every training step costs one render per interval, plus the final one.
import { createCheck, type CellCheck } from "./check.ts";
import { formatArgs, inspect, view } from "./inspect.ts";
import {
  checkboxSpec,
  knobKey,
  rangeSpec,
  selectSpec,
  withSetting,
  type CheckboxOptions,
  type KnobSpec,
  type RangeOptions,
  type SelectOptions,
} from "./knobs.ts";
import type { InputValue, Output } from "./protocol.ts";

/** The run a helper writes to: its outputs, and the pending updates to flush when it ends. */
export interface RunContext {
  cellId: string;
  emit(output: Output): void;
  pending: Set<() => void>;
  /** Aborts when the reader presses Stop (Kernel.abort). */
  signal: AbortSignal;
  /** What to say when a run that was asked to stop ends (a progress bar: "stopped at step N"). */
  stopped: Set<() => void>;
}

export interface DisplayHandle {
  readonly displayId: string;
  /** Replaces the display in place; throttled. Pass a function to build the value only when it is shown. */
  update(value: unknown): void;
}

export interface ProgressBar {
  /** Advances by `n` (default 1) steps. */
  tick(n?: number): void;
  /** Sets the number of steps done. */
  set(done: number): void;
}

export interface CellHelpers {
  console: Pick<
    Console,
    "log" | "info" | "debug" | "warn" | "error" | "dir" | "table" | "assert" | "time" | "timeEnd"
  >;
  display(value: unknown): DisplayHandle;
  progress(done: number, total: number, label?: string): void;
  progressBar(total: number, label?: string): ProgressBar;
  /** The reader's value of the page widget `name` (components/CellInput.astro), or `fallback` if none. */
  input<T>(name: string, fallback: T): string | Float64Array | T;
  /** Offers `text` to the reader as a file to save. */
  download(text: string, filename: string, mime?: string): void;
  /** A number the reader sets with a slider above the cell's output: `range([0.001, 3], { value: 0.1, step: "log", label: "η" })`. */
  range(domain: readonly [number, number], options?: RangeOptions): number;
  /** One of `options`, chosen from a list above the cell's output: `select(["tanh", "relu"], { value: "tanh", label: "f" })`. */
  select<T>(options: readonly T[], settings?: SelectOptions<T>): T;
  /** true or false, from a checkbox above the cell's output: `checkbox({ value: true, label: "noise" })`. */
  checkbox(settings?: CheckboxOptions): boolean;
  /** An exercise's checks (check.ts): each case prints "✓ …" or "✗ … should be …, got …". */
  verify: CellCheck;
}

const HANDLE = Symbol("display handle");

/** A display handle: the kernel shows nothing for it when it is a cell's last value. */
export function isDisplayHandle(value: unknown): boolean {
  return typeof value === "object" && value !== null && HANDLE in value;
}

export interface HelperOptions {
  /** The run that is executing, or the last one when none is (a callback that fires later). */
  current(): RunContext;
  /** Minimum milliseconds between two updates of one display or progress bar. */
  throttleMs: number;
  now(): number;
  /** The reader's inputs by name (set by the host: Kernel.setInput). */
  inputs: ReadonlyMap<string, InputValue>;
  /** Numbers displays and progress bars; shared by helpers that write to one cell (default: a counter of its own). */
  nextId?: () => number;
}

const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+$/;

/** download()'s arguments, checked: the file name loses any folders and characters no file system takes. */
function downloadOutput(text: unknown, filename: unknown, mime: unknown): Output {
  if (typeof text !== "string") {
    const got = text === null ? "null" : typeof text;
    throw new TypeError(
      `download(text, filename): text must be a string, got ${got} (for a value, pass JSON.stringify(value))`,
    );
  }
  // eslint-disable-next-line no-control-regex
  const name = typeof filename === "string" ? filename.replace(/^.*[\\/]|[\u0000-\u001f<>:"|?*]/g, "") : "";
  if (name === "" || name === "." || name === "..") {
    throw new TypeError(
      `download(text, filename): filename must name a file, like "weights.json", got ${inspect(filename)}`,
    );
  }
  if (typeof mime !== "string" || !MEDIA_TYPE.test(mime)) {
    throw new TypeError(
      `download(text, filename, mime): mime must be a media type like "text/csv", got ${inspect(mime)}`,
    );
  }
  return { kind: "download", filename: name, mime, text };
}

/** Calls `send` at most once per interval with the latest value; `flush` sends whatever is pending. */
function throttled<T>(options: HelperOptions, ctx: RunContext, send: (value: T) => void, last = -Infinity) {
  let pending: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    ctx.pending.delete(flush);
    if (!pending) return;
    const { value } = pending;
    pending = null;
    last = options.now();
    send(value);
  };
  return {
    push(value: T, force = false): void {
      pending = { value };
      const wait = last + options.throttleMs - options.now();
      if (force || wait <= 0) return flush();
      ctx.pending.add(flush);
      timer ??= setTimeout(flush, wait);
    },
  };
}

export function createHelpers(options: HelperOptions): CellHelpers {
  let ids = 0;
  const nextId = options.nextId ?? (() => ++ids);
  const write = (stream: "stdout" | "stderr", args: readonly unknown[]): void =>
    options.current().emit({ kind: "stream", stream, text: `${formatArgs(args)}\n` });
  const timers = new Map<string, number>();

  const progressTo = (ctx: RunContext, label: string) => {
    const displayId = `${ctx.cellId}:progress:${nextId()}`;
    let first: { time: number; done: number } | null = null;
    let last = { done: 0, total: 0 };
    const send = throttled<{ done: number; total: number }>(options, ctx, ({ done, total }) => {
      const time = options.now();
      first ??= { time, done };
      // ETA from the rate since the first report: (time per step) × (steps left).
      const rate = done > first.done ? (time - first.time) / 1000 / (done - first.done) : null;
      const etaSeconds = done >= total ? 0 : rate === null ? null : rate * (total - done);
      ctx.emit({ kind: "progress", displayId, label, done, total, etaSeconds });
    });
    // Stopped before the end: the bar says where, instead of an ETA for steps that will not come.
    const stop = (): void => {
      if (last.done < last.total)
        ctx.emit({ kind: "progress", displayId, label, ...last, etaSeconds: null, stopped: true });
    };
    ctx.stopped.add(stop);
    return (done: number, total: number): void => {
      last = { done, total };
      send.push({ done, total }, done === 0 || done >= total);
    };
  };
  // A run's knobs are numbered in the order it declares them: the n-th reads its setting under knobKey(cell, n).
  const knobCounts = new WeakMap<RunContext, number>();
  const knob = (spec: KnobSpec): KnobSpec => {
    const ctx = options.current();
    const n = knobCounts.get(ctx) ?? 0;
    knobCounts.set(ctx, n + 1);
    const now = withSetting(spec, options.inputs.get(knobKey(ctx.cellId, n)));
    ctx.emit({ kind: "knob", n, knob: now });
    return now;
  };

  // progress(done, total, label) keeps one bar per label within a run.
  const bars = new WeakMap<RunContext, Map<string, (done: number, total: number) => void>>();

  return {
    console: {
      log: (...args: unknown[]) => write("stdout", args),
      info: (...args: unknown[]) => write("stdout", args),
      debug: (...args: unknown[]) => write("stdout", args),
      dir: (value: unknown) => write("stdout", [inspect(value)]),
      table: (value: unknown) => write("stdout", [inspect(value)]),
      warn: (...args: unknown[]) => write("stderr", args),
      error: (...args: unknown[]) => write("stderr", args),
      assert: (condition?: boolean, ...args: unknown[]) => {
        if (!condition) write("stderr", ["Assertion failed", ...args]);
      },
      time: (label = "default") => void timers.set(label, options.now()),
      timeEnd: (label = "default") => {
        const start = timers.get(label);
        timers.delete(label);
        if (start === undefined) write("stderr", [`No such label: ${label}`]);
        else write("stdout", [`${label}: ${(options.now() - start).toFixed(1)} ms`]);
      },
    },

    display(value: unknown): DisplayHandle {
      const ctx = options.current();
      const displayId = `${ctx.cellId}:display:${nextId()}`;
      const show = (v: unknown): void => ctx.emit({ kind: "display", displayId, view: view(v) });
      show(value);
      const build = (v: unknown): unknown => (typeof v === "function" ? (v as () => unknown)() : v);
      const send = throttled<unknown>(options, ctx, (v) => show(build(v)), options.now());
      return { [HANDLE]: true, displayId, update: (v: unknown) => send.push(v) } as DisplayHandle;
    },

    progress(done: number, total: number, label = ""): void {
      const ctx = options.current();
      let byLabel = bars.get(ctx);
      if (!byLabel) bars.set(ctx, (byLabel = new Map()));
      let bar = byLabel.get(label);
      if (!bar) byLabel.set(label, (bar = progressTo(ctx, label)));
      bar(done, total);
    },

    progressBar(total: number, label = ""): ProgressBar {
      const bar = progressTo(options.current(), label);
      let done = 0;
      bar(0, total);
      return {
        tick: (n = 1) => bar((done += n), total),
        set: (d: number) => bar((done = d), total),
      };
    },

    input<T>(name: string, fallback: T): string | Float64Array | T {
      if (typeof name !== "string") {
        throw new TypeError(`input(name, fallback): name must be a string, got ${inspect(name)}`);
      }
      const value = options.inputs.get(name);
      // A knob's setting (a number or a boolean) is read by its knob, not by input().
      if (value === undefined || typeof value === "number" || typeof value === "boolean") return fallback;
      // A copy, so a cell that changes the array changes nothing the next run reads.
      return typeof value === "string" ? value : new Float64Array(value);
    },

    download(text: string, filename: string, mime = "application/json"): void {
      options.current().emit(downloadOutput(text, filename, mime));
    },

    verify: createCheck((output) => options.current().emit(output)),

    range(domain, settings) {
      return knob(rangeSpec(domain, settings)).value as number;
    },

    select<T>(choices: readonly T[], settings?: SelectOptions<T>): T {
      return choices[knob(selectSpec(choices, settings)).value as number]!;
    },

    checkbox(settings) {
      return knob(checkboxSpec(settings)).value as boolean;
    },
  };
}
