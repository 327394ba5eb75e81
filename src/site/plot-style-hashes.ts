// Observable Plot puts a small, constant <style> element inside every chart and legend it draws (in the
// browser and in the outputs baked at build time). The Content-Security-Policy allows exactly those style
// elements by their SHA-256 hashes, taken here from Plot itself so that a Plot upgrade cannot break them.
import { createHash } from "node:crypto";
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

/** The "sha256-…" hash of every distinct <style> text Plot emits: chart, swatch legends (wrapped and in columns), ramp legend. */
export function plotStyleHashes(): string[] {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const data = [
    { x: 1, y: 2, c: "a" },
    { x: 2, y: 1, c: "b" },
  ];
  const dots = (fill: string) => Plot.dot(data, { x: "x", y: "y", fill });
  // Plot's types omit `document` and the legend's `columns`, which it reads from these options at run time.
  const nodes = [
    dots("c").plot({ document, color: { legend: true } } as Plot.PlotOptions),
    dots("c").plot({ document, color: { legend: true, columns: 2 } } as Plot.PlotOptions),
    // A quantized scale draws its ramp with SVG rects; a continuous one needs a canvas, which linkedom lacks.
    dots("x").plot({ document, color: { type: "quantize", legend: true } } as Plot.PlotOptions),
  ];
  const texts = new Set<string>();
  for (const node of nodes) {
    for (const style of node.querySelectorAll("style")) texts.add(style.textContent ?? "");
  }
  return [...texts].map((text) => `sha256-${createHash("sha256").update(text).digest("base64")}`);
}
