// Outputs as static HTML for the build: rendered by the same renderer as the browser, into linkedom's DOM.
import { blankDocument } from "./blank-document.ts";
import type { Output } from "./protocol.ts";
import { appendOutput } from "./render.ts";
import { renderKnob } from "./render-knob.ts";

export function bakeOutputs(outputs: readonly Output[]): string {
  const document = blankDocument();
  const box = document.createElement("div");
  for (const output of outputs) appendOutput(box as unknown as Element, output);
  return box.innerHTML;
}

/** The cell's knobs as native controls at their built values, for the box above its output. */
export function bakeKnobs(outputs: readonly Output[], cellId: string): string {
  const document = blankDocument() as unknown as Document;
  const box = document.createElement("div");
  for (const output of outputs) if (output.kind === "knob") box.append(renderKnob(document, output, cellId));
  return box.innerHTML;
}
