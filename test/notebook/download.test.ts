// A download output as the reader gets it: baked at build (a data: link when small, inert text when not),
// and in the page a link whose Blob URL is made when it is clicked.
import { resolveObjectURL } from "node:buffer";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import type { Output } from "../../src/notebook/protocol.ts";
import { appendOutput, renderOutput } from "../../src/notebook/render.ts";
import { formatBytes, INLINE_DOWNLOAD_BYTES, renderDownload } from "../../src/notebook/render-download.ts";

function dom() {
  const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");
  return document as unknown as Document;
}

function download(text: string, filename = "weights.json", mime = "application/json") {
  return { kind: "download", filename, mime, text } as const satisfies Output;
}

function click(link: Element): void {
  const doc = link.ownerDocument;
  link.dispatchEvent(new (doc.defaultView as unknown as typeof globalThis).Event("click"));
}

describe("formatBytes(n)", () => {
  it("says bytes, kilobytes and megabytes as a reader reads them", () => {
    expect([formatBytes(812), formatBytes(12_345), formatBytes(1_400_000)]).toEqual([
      "812 B",
      "12.3 kB",
      "1.4 MB",
    ]);
  });
});

describe("renderOutput(doc, download) at build (a document that is not the page's)", () => {
  it("bakes a small file into a data: link named after the file, with its size", () => {
    const text = JSON.stringify({ W: [[0.5, -1]], note: "é" });
    const node = renderOutput(dom(), download(text));
    expect(node.dataset.output).toBe("download");
    const link = node.querySelector("a")!;
    expect(link.getAttribute("download")).toBe("weights.json");
    expect(link.textContent).toBe(`Save weights.json (${new TextEncoder().encode(text).length} B)`);
    const href = link.getAttribute("href")!;
    expect(href.startsWith("data:application/json;base64,")).toBe(true);
    expect(Buffer.from(href.split(",")[1]!, "base64").toString("utf8")).toBe(text);
  });

  it("leaves a large file out of the page: inert text with the name and size, no link", () => {
    const text = "x".repeat(INLINE_DOWNLOAD_BYTES + 1);
    const node = renderOutput(dom(), download(text, "big.csv", "text/csv"));
    expect(node.querySelector("a")).toBeNull();
    expect(node.textContent).toBe("big.csv (32.8 kB): run this cell to save it");
  });

  it("puts the file name in as text and attribute, never as markup", () => {
    const evil = '<img src=x onerror="alert(1)">.json';
    const node = renderOutput(dom(), download("{}", evil));
    expect(node.querySelector("img")).toBeNull();
    expect(node.querySelector("a")!.getAttribute("download")).toBe(evil);
    expect(node.textContent).toContain(evil);
  });

  it("appends after the other outputs of the cell", () => {
    const box = dom().createElement("div");
    appendOutput(box, { kind: "stream", stream: "stdout", text: "saved\n" });
    appendOutput(box, download("{}"));
    expect(Array.from(box.children, (c) => (c as HTMLElement).dataset.output)).toEqual([
      "stream",
      "download",
    ]);
  });
});

describe("renderDownload(doc, output, baked = false) in the page", () => {
  it("makes a Blob URL of the text when clicked, and frees the previous one on the next click", async () => {
    const text = "y".repeat(INLINE_DOWNLOAD_BYTES * 2);
    const link = renderDownload(dom(), download(text, "big.json"), false).querySelector("a")!;
    expect(link.getAttribute("href")).toBe("#");
    expect(link.textContent).toBe("Save big.json (65.5 kB)");
    click(link);
    const first = link.getAttribute("href")!;
    expect(first.startsWith("blob:")).toBe(true);
    const blob = resolveObjectURL(first)!;
    expect(blob.type).toBe("application/json");
    expect(await blob.text()).toBe(text);
    click(link);
    expect(link.getAttribute("href")).not.toBe(first);
    expect(resolveObjectURL(first)).toBeUndefined();
  });
});
