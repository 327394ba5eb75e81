// The page side of components/CellInput.astro: each widget hands the reader's value (CSV or JSON text, a
// drawn digit) to the chapter's kernel under its name, where cells read it with input(name, fallback), and
// runs the cell right after the widget. The notebook client listens (src/notebook/client/input-event.ts).
// That cell may need the cells above it to run first (seconds: a network trained in the page), so they start
// as soon as the reader starts to use the widget, and "Use this" finds them done or under way.
import { formatBytes } from "../notebook/render-download.ts";
import { PROGRESS_EVENT, prepareFor, sendInput } from "../notebook/client/input-event.ts";
import type { InputValue } from "../notebook/protocol.ts";
import type { WidgetReport } from "../notebook/client/widget-report.ts";
import { DigitPad } from "./digit-pad.ts";

/** A file larger than this is refused: the cells run in the page, and a CSV this size would not train live. */
const MAX_FILE_BYTES = 5_000_000;

/** Events inside a widget that show the reader is starting to use it. */
const INTENT = ["focusin", "pointerdown", "input", "change"] as const;

function wire(root: HTMLElement): void {
  const name = root.dataset.name ?? "";
  const use = root.querySelector<HTMLButtonElement>("button[data-input-use]")!;
  const status = root.querySelector<HTMLElement>("[data-input-status]")!;
  const show = root.querySelector<HTMLButtonElement>("button[data-input-show]")!;
  // One status line: the widget's own message ("Sent…", "Press Use this…"), until the notebook reports on the
  // cell it runs (how far the cells above have got, then that cell's answer or error, with a link to it).
  let own = "";
  let target: HTMLElement | null = null;
  const line = (text: string, to: HTMLElement | null, state = ""): void => {
    status.textContent = text;
    status.dataset.report = state;
    target = to;
    show.hidden = to === null;
    show.textContent = state === "ran" ? "See the output" : state === "failed" ? "See the error" : "See it";
  };
  const say = (text: string): void => {
    own = text;
    line(text, null);
  };
  show.addEventListener("click", () => {
    if (!target) return;
    target.scrollIntoView({ behavior: "smooth", block: "center" });
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  });
  root.addEventListener(PROGRESS_EVENT, (event) => {
    const report = (event as CustomEvent<WidgetReport>).detail;
    if (report.state === "") line(own, null);
    else line(report.text, report.target, report.state);
  });
  // Typing, drawing, picking a sample or a file, reaching "Use this": the reader is about to use the widget.
  const prepare = (): void => {
    for (const type of INTENT) root.removeEventListener(type, prepare);
    use.removeEventListener("pointerenter", prepare);
    prepareFor(root);
  };
  for (const type of INTENT) root.addEventListener(type, prepare);
  use.addEventListener("pointerenter", prepare);
  const send = (value: InputValue | null, what: string): void => {
    sendInput(root, { name, value, run: true });
    say(
      value === null
        ? "Cleared: the cell below uses its own example again."
        : `${what}: the cell below runs with it.`,
    );
  };

  if (root.dataset.kind === "digit") {
    const pad = new DigitPad(root);
    pad.onChange = (value) => say(value ? "Press “Use this” to read this digit." : "");
    use.addEventListener("click", () => {
      if (pad.value) send(pad.value, "Sent your digit");
      else say("The pad is empty: draw a digit, or pick a sample and press “Draw it”, first.");
    });
    return;
  }

  const text = root.querySelector<HTMLTextAreaElement>("textarea[data-input-text]")!;
  const file = root.querySelector<HTMLInputElement>("input[type=file]")!;
  const current = (): string | null => (text.value.trim() === "" ? null : text.value);
  use.addEventListener("click", () => send(current(), "Sent"));
  text.addEventListener("input", () => {
    file.value = ""; // the text is the reader's own now, not the file the picker still names
  });
  file.addEventListener("change", () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    if (chosen.size > MAX_FILE_BYTES) {
      say(
        `${chosen.name} is ${formatBytes(chosen.size)}: files up to ${formatBytes(MAX_FILE_BYTES)} can be used here.`,
      );
      return;
    }
    void chosen.text().then((content) => {
      text.value = content;
      send(current(), `Loaded ${chosen.name} (${formatBytes(chosen.size)})`);
    });
  });
}

for (const root of document.querySelectorAll<HTMLElement>("[data-cell-input]")) wire(root);
