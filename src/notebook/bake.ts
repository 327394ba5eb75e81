// Outputs as static HTML for the build: rendered by the same renderer as the browser, into linkedom's DOM.
import { blankDocument } from "./blank-document.ts";
import type { Output } from "./protocol.ts";
import { appendOutput } from "./render.ts";

export function bakeOutputs(outputs: readonly Output[]): string {
  const document = blankDocument();
  const box = document.createElement("div");
  for (const output of outputs) appendOutput(box as unknown as Element, output);
  return box.innerHTML;
}
