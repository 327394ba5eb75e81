// A knob (knobs.ts) as a native, labelled control, for any Document: the build bakes it above the cell's output
// at its built value, and the page puts the reader's setting back in it and reads it from it (client/knobs.ts).
//   div.cell-knob[data-knob=n][data-knob-type] > label + input[type=range] + output   (a range)
//                                               > label + select                       (a select)
//                                               > input[type=checkbox] + label         (a checkbox)
// A log range's slider moves through LOG_POSITIONS even steps of log(value); it says the value itself to
// assistive technology (aria-valuetext), not its position.
import { formatKnobValue, LOG_POSITIONS, logPosition, logValue, snap, type KnobSpec } from "./knobs.ts";
import type { Output } from "./protocol.ts";

type KnobOutput = Extract<Output, { kind: "knob" }>;

/** The spec without its value: a control is rebuilt only when this changes (an edit of the cell's code). */
export function knobShape(spec: KnobSpec): string {
  const { value: _value, ...shape } = spec;
  return JSON.stringify(shape);
}

/** The control's id: the cell's id and the knob's number. */
export function knobId(cellId: string, n: number): string {
  return `${cellId}-knob-${n}`;
}

function rangeControl(doc: Document, spec: Extract<KnobSpec, { type: "range" }>, id: string): HTMLElement[] {
  const input = doc.createElement("input");
  input.type = "range";
  input.id = id;
  const log = spec.step === "log";
  input.setAttribute("min", String(log ? 0 : spec.min));
  input.setAttribute("max", String(log ? LOG_POSITIONS : spec.max));
  input.setAttribute("step", log ? "1" : String(spec.step));
  const position = log ? logPosition(spec.value, spec.min, spec.max) : spec.value;
  input.setAttribute("value", String(position));
  const text = formatKnobValue(spec);
  if (log) input.setAttribute("aria-valuetext", text);
  const output = doc.createElement("output");
  output.setAttribute("for", id);
  output.className = "cell-knob-value";
  output.textContent = text;
  return [input, output];
}

function selectControl(doc: Document, spec: Extract<KnobSpec, { type: "select" }>, id: string): HTMLElement {
  const select = doc.createElement("select");
  select.id = id;
  spec.options.forEach((text, k) => {
    const option = doc.createElement("option");
    option.setAttribute("value", String(k));
    if (k === spec.value) option.setAttribute("selected", "");
    option.textContent = text;
    select.append(option);
  });
  return select;
}

/** The control for a cell's knob output, at the value the output carries. */
export function renderKnob(doc: Document, { n, knob }: KnobOutput, cellId: string): HTMLElement {
  const box = doc.createElement("div");
  box.className = `cell-knob cell-knob-${knob.type}`;
  box.dataset.knob = String(n);
  box.dataset.knobType = knob.type;
  box.dataset.knobShape = knobShape(knob);
  box.dataset.knobValue = String(knob.value); // exact: a log slider's position only comes near it
  const id = knobId(cellId, n);
  const label = doc.createElement("label");
  label.setAttribute("for", id);
  label.textContent = knob.label || `knob ${n + 1}`;
  if (knob.type === "range") box.append(label, ...rangeControl(doc, knob, id));
  else if (knob.type === "select") box.append(label, selectControl(doc, knob, id));
  else {
    const input = doc.createElement("input");
    input.type = "checkbox";
    input.id = id;
    if (knob.value) input.setAttribute("checked", "");
    box.append(input, label);
  }
  return box;
}

/** The spec a control was made from. */
export function knobSpecOf(box: HTMLElement): Omit<KnobSpec, "value"> | null {
  try {
    return JSON.parse(box.dataset.knobShape ?? "") as Omit<KnobSpec, "value">;
  } catch {
    return null;
  }
}

/**
 * The knob's value as the control shows it now (a select's: its option index), or `built`: the value the
 * build (or the run that made the control) used.
 */
export function readKnob(box: HTMLElement, { built = false } = {}): number | boolean | null {
  const spec = knobSpecOf(box);
  const control = box.querySelector<HTMLInputElement | HTMLSelectElement>("input, select");
  if (!spec || !control) return null;
  if (built) {
    const made = box.dataset.knobValue;
    return spec.type === "checkbox" ? made === "true" : Number(made);
  }
  if (spec.type === "checkbox") return (control as HTMLInputElement).checked;
  const raw = Number(control.value);
  if (spec.type === "select") return raw;
  const range = spec as Extract<KnobSpec, { type: "range" }>;
  return range.step === "log"
    ? logValue(raw, range.min, range.max)
    : snap(raw, range.min, range.max, range.step);
}

/** Puts `value` in the control (the reader's saved setting, or the built value on Reset) and its text. */
export function writeKnob(box: HTMLElement, value: number | boolean): void {
  const spec = knobSpecOf(box);
  const control = box.querySelector<HTMLInputElement | HTMLSelectElement>("input, select");
  if (!spec || !control) return;
  if (spec.type === "checkbox") (control as HTMLInputElement).checked = value === true;
  else if (spec.type === "select") control.value = String(value);
  else if (typeof value === "number") {
    const range = { ...(spec as Extract<KnobSpec, { type: "range" }>), value };
    control.value = String(range.step === "log" ? logPosition(value, range.min, range.max) : value);
    sayValue(box, range);
  }
}

/** A range's value as text beside the slider, and (for a log range) to assistive technology. */
function sayValue(box: HTMLElement, range: Extract<KnobSpec, { type: "range" }>): void {
  const text = formatKnobValue(range);
  const output = box.querySelector("output");
  if (output) output.textContent = text;
  if (range.step === "log") box.querySelector("input")?.setAttribute("aria-valuetext", text);
}

/** Brings a range's shown value (and what it says to assistive technology) up to the slider's position. */
export function showKnobValue(box: HTMLElement): void {
  const spec = knobSpecOf(box);
  const value = readKnob(box);
  if (spec?.type === "range" && typeof value === "number")
    sayValue(box, { ...(spec as Extract<KnobSpec, { type: "range" }>), value });
}
