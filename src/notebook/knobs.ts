// Knobs: inputs a cell declares, named like Observable's Inputs. In Node (build, tests, scripts) a knob is just
// its value; in the page each call also shows a native control above the cell's output (render-knob.ts), and the
// reader's setting comes back through the kernel's inputs under knobKey(cell, n) (client/knobs.ts).
//   const eta = range([0.001, 3], { value: 0.1, step: "log", label: "η" });
//   const B = select([1, 8, 64], { value: 8, label: "B" });
//   const noisy = checkbox({ value: true, label: "noisy data" });
import { inspect } from "./inspect.ts";

/** A log range's control has this many positions between min and max (and the keyboard moves one at a time). */
export const LOG_POSITIONS = 120;

/** What a control shows; `value` is the knob's value now (a select's: the chosen option's index). */
export type KnobSpec =
  | { type: "range"; label: string; min: number; max: number; step: number | "log" | "any"; value: number }
  | { type: "select"; label: string; options: string[]; value: number }
  | { type: "checkbox"; label: string; value: boolean };

/** The kernel input that holds the reader's setting of a cell's n-th knob (0-based, in the order it ran). */
export function knobKey(cellId: string, n: number): string {
  return `knob:${cellId}#${n}`;
}

export interface RangeOptions {
  /** The value at build and after Reset (default: the middle of the range). */
  value?: number;
  /** A number (the control snaps to multiples of it from min), "log" (even steps in log space), or "any". */
  step?: number | "log" | "any";
  /** What the reader sees beside the control: a word, or the equation's symbol (η). */
  label?: string;
}

export interface SelectOptions<T> {
  value?: T;
  label?: string;
  /** How an option reads in the list (default: its name, or its text). */
  format?: (option: T) => string;
}

export interface CheckboxOptions {
  value?: boolean;
  label?: string;
}

const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

function labelOf(fn: string, label: unknown): string {
  if (label === undefined) return "";
  if (typeof label !== "string") {
    throw new TypeError(`${fn}: label must be a string, like "η", got ${inspect(label)}`);
  }
  return label;
}

/** The digits a step has after the decimal point (0.05 → 2), for snapping without 0.30000000000000004. */
function decimals(step: number): number {
  const text = String(step);
  const e = /e-(\d+)$/.exec(text);
  if (e) return Number(e[1]);
  return text.includes(".") ? text.length - text.indexOf(".") - 1 : 0;
}

/** `v` on the range: clamped, and snapped to the step's grid from min. */
export function snap(v: number, min: number, max: number, step: number | "log" | "any"): number {
  const clamped = Math.min(max, Math.max(min, v));
  if (typeof step !== "number") return clamped;
  const snapped = min + Math.round((clamped - min) / step) * step;
  return Number(Math.min(max, snapped).toFixed(Math.max(decimals(step), decimals(min))));
}

/** A log range's control position (0 … LOG_POSITIONS) for a value, and back. */
export function logPosition(v: number, min: number, max: number): number {
  return Math.round((LOG_POSITIONS * Math.log(v / min)) / Math.log(max / min));
}
export function logValue(position: number, min: number, max: number): number {
  const v = min * (max / min) ** (position / LOG_POSITIONS);
  return Number(v.toPrecision(3));
}

/** The range's spec from range(domain, options), checked; `value` is the built value. */
export function rangeSpec(domain: unknown, options: RangeOptions = {}): Extract<KnobSpec, { type: "range" }> {
  const fn = "range([min, max], { value, step, label })";
  if (!Array.isArray(domain) || domain.length !== 2 || !finite(domain[0]) || !finite(domain[1])) {
    throw new TypeError(`${fn}: the first argument must be [min, max], two numbers, got ${inspect(domain)}`);
  }
  const [min, max] = domain as [number, number];
  if (!(min < max)) throw new RangeError(`${fn}: min must be below max, got [${min}, ${max}]`);
  const step = options.step ?? "any";
  if (step === "log" && !(min > 0)) {
    throw new RangeError(`${fn}: a log range needs min > 0 (log 0 is −∞), got min ${min}`);
  }
  if (step !== "log" && step !== "any" && !(finite(step) && step > 0)) {
    throw new TypeError(`${fn}: step must be a positive number, "log" or "any", got ${inspect(step)}`);
  }
  const value = options.value ?? (step === "log" ? Math.sqrt(min * max) : (min + max) / 2);
  if (!finite(value) || value < min || value > max) {
    throw new RangeError(`${fn}: value must be a number in [${min}, ${max}], got ${inspect(value)}`);
  }
  return {
    type: "range",
    label: labelOf(fn, options.label),
    min,
    max,
    step,
    value: snap(value, min, max, step),
  };
}

/** An option as the list shows it: its format, else its name (an activation, a function), else its text. */
function optionText<T>(option: T, format?: (option: T) => string): string {
  if (format) return String(format(option));
  if (typeof option === "string") return option;
  const name = (option as { name?: unknown } | null)?.name;
  return typeof name === "string" && name !== "" ? name : inspect(option);
}

export function selectSpec<T>(
  options: readonly T[],
  settings: SelectOptions<T> = {},
): Extract<KnobSpec, { type: "select" }> {
  const fn = "select(options, { value, label, format })";
  if (!Array.isArray(options) || options.length === 0) {
    throw new TypeError(`${fn}: options must be a non-empty array, got ${inspect(options)}`);
  }
  const index = "value" in settings ? options.indexOf(settings.value as T) : 0;
  if (index < 0) {
    throw new RangeError(`${fn}: value must be one of the options, got ${inspect(settings.value)}`);
  }
  const texts = options.map((o) => optionText(o, settings.format));
  return { type: "select", label: labelOf(fn, settings.label), options: texts, value: index };
}

export function checkboxSpec(settings: CheckboxOptions = {}): Extract<KnobSpec, { type: "checkbox" }> {
  const fn = "checkbox({ value, label })";
  const value = settings.value ?? false;
  if (typeof value !== "boolean")
    throw new TypeError(`${fn}: value must be true or false, got ${inspect(value)}`);
  return { type: "checkbox", label: labelOf(fn, settings.label), value };
}

/** The spec with the reader's setting in place of the built value (a setting that no longer fits is ignored). */
export function withSetting(spec: KnobSpec, setting: unknown): KnobSpec {
  if (setting === undefined) return spec;
  switch (spec.type) {
    case "range":
      return finite(setting) ? { ...spec, value: snap(setting, spec.min, spec.max, spec.step) } : spec;
    case "select":
      return Number.isInteger(setting) &&
        (setting as number) >= 0 &&
        (setting as number) < spec.options.length
        ? { ...spec, value: setting as number }
        : spec;
    case "checkbox":
      return typeof setting === "boolean" ? { ...spec, value: setting } : spec;
  }
}

/** The text shown beside a range for its value: as many digits as its step has, or 3 significant digits. */
export function formatKnobValue(spec: Extract<KnobSpec, { type: "range" }>, v = spec.value): string {
  if (typeof spec.step === "number") return v.toFixed(Math.max(decimals(spec.step), decimals(spec.min)));
  return String(Number(v.toPrecision(3)));
}
