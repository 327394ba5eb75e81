// What a chapter's script (chapter-script.ts) finds instead of the page: the notebook's own helpers (display,
// progress, input, download), whose outputs are printed, charts written to SVG files, downloads to files.
import { writeFileSync } from "node:fs";
import { createHelpers, isDisplayHandle, type RunContext } from "../helpers.ts";
import { inspect, view } from "../inspect.ts";
import type { Output, ValueView } from "../protocol.ts";

let chapter = "chapter";
let charts = 0;
const controller = new AbortController();
let current: RunContext = {
  cellId: "0",
  emit: print,
  pending: new Set(),
  signal: controller.signal,
  stopped: new Set(),
};
// Live displays show their first and their final view: the script has nobody watching in between.
const helpers = createHelpers({
  current: () => current,
  throttleMs: 1e9,
  now: () => performance.now(),
  inputs: new Map(),
});

function printView(v: ValueView): void {
  if (v.type === "text") console.log(v.truncated ?? v.text);
  else if (v.type === "table") {
    console.log(v.caption);
    console.log([v.columns, ...v.rows].map((row) => row.join("\t")).join("\n"));
    if (v.more > 0) console.log(`… ${v.more} more rows`);
  } else {
    const file = `${chapter}-cell-${current.cellId}${++charts > 1 ? `-${charts}` : ""}.${v.type}`;
    writeFileSync(file, v.type === "svg" ? v.svg : v.html);
    console.log(`[chart saved to ${file}]`);
  }
}

function print(output: Output): void {
  switch (output.kind) {
    case "stream":
      (output.stream === "stdout" ? process.stdout : process.stderr).write(output.text);
      break;
    case "value":
    case "display":
      printView(output.view);
      break;
    case "progress":
      if (output.done >= output.total)
        console.log(`${output.label || "progress"}: ${output.done}/${output.total}`);
      break;
    case "download":
      writeFileSync(output.filename, output.text);
      console.log(`[download saved to ${output.filename}]`);
      break;
    case "error":
      console.error(`${output.name}: ${output.message}`);
      break;
    case "knob": // a script's knob is its value: change the call's `value` to try another
      break;
  }
}

function endCell(): void {
  for (const flush of [...current.pending]) flush();
}

/** Names the chapter, for the files the script writes. */
export function setChapter(slug: string): void {
  chapter = slug;
}

/** Starts cell n: the displays of the cell before end on their final view, as in the notebook. */
export function cell(n: number): void {
  endCell();
  current = { ...current, cellId: String(n), pending: new Set() };
  charts = 0;
  console.log(`\n── cell ${n}`);
}

/** Prints a cell's last value as the notebook shows it (a chart goes to an SVG file). */
export function show(value: unknown): void {
  if (value === undefined || isDisplayHandle(value)) return;
  try {
    printView(view(value));
  } catch {
    console.log(inspect(value));
  }
}

/** Ends the last cell: its displays show their final view (and no throttle timer keeps Node running). */
export function end(): void {
  endCell();
}

export const { display, progress, progressBar, input, download, range, select, checkbox } = helpers;
/** Never aborts: a script has no Stop button (Ctrl+C ends it). */
export const signal: AbortSignal = controller.signal;
