// Outputs → DOM: text stays text, charts are rebuilt from an allowlist, live outputs replace themselves.
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import type { Output } from "../../src/notebook/protocol.ts";
import { appendOutput, progressText, renderOutput } from "../../src/notebook/render.ts";

function dom() {
  const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");
  return document as unknown as Document;
}

const INJECTION = '<img src="x" onerror="alert(1)"><script>alert(2)</script>';

describe("renderOutput(doc, output)", () => {
  it("puts user strings in as text, never as markup, in every kind of output", () => {
    const doc = dom();
    const outputs: Output[] = [
      { kind: "stream", stream: "stdout", text: INJECTION },
      { kind: "value", view: { type: "text", text: INJECTION, truncated: INJECTION + INJECTION } },
      {
        kind: "value",
        view: { type: "table", caption: INJECTION, columns: [INJECTION], rows: [[INJECTION]], more: 0 },
      },
      { kind: "progress", displayId: "p", label: INJECTION, done: 1, total: 2, etaSeconds: null },
      { kind: "error", name: "Error", message: INJECTION, line: 1, column: 2 },
    ];
    for (const output of outputs) {
      const node = renderOutput(doc, output);
      expect(node.querySelector("img, script")).toBeNull();
      expect(node.textContent).toContain(INJECTION);
    }
  });

  it("marks each node with its kind, and displays and progress bars with their id", () => {
    const doc = dom();
    expect(renderOutput(doc, { kind: "stream", stream: "stderr", text: "x" }).dataset).toMatchObject({
      output: "stream",
      stream: "stderr",
    });
    const display = renderOutput(doc, {
      kind: "display",
      displayId: "d1",
      view: { type: "text", text: "1" },
    });
    expect(display.dataset).toMatchObject({ output: "display", displayId: "d1" });
  });

  it("shows a truncated value with a 'Show all' disclosure holding the full text", () => {
    const node = renderOutput(dom(), {
      kind: "value",
      view: { type: "text", text: "a\n…", truncated: "a\nb\nc" },
    });
    expect(node.querySelector("pre")!.textContent).toBe("a\n…");
    expect(node.querySelector("details summary")!.textContent).toBe("Show all");
    expect(node.querySelector("details pre")!.textContent).toBe("a\nb\nc");
  });

  it("shows a table with its caption, header cells and the number of rows left out", () => {
    const node = renderOutput(dom(), {
      kind: "value",
      view: { type: "table", caption: "Matrix (12×2)", columns: ["0", "1"], rows: [["1", "2"]], more: 11 },
    });
    expect(node.querySelector("caption")!.textContent).toBe("Matrix (12×2)");
    expect([...node.querySelectorAll("th")].map((th) => th.textContent)).toEqual(["0", "1"]);
    expect([...node.querySelectorAll("td")].map((td) => td.textContent)).toEqual(["1", "2"]);
    expect(node.querySelector(".cell-more-rows")!.textContent).toBe("… 11 more rows");
  });

  it("rebuilds an SVG without scripts, event handlers, foreign content or links off the page", () => {
    const svg = [
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)">',
      "<script>alert(2)</script>",
      '<g fill="red" onclick="alert(3)" style="background: url(https://example.com/t.png)"><path d="M0,0L1,1"/>',
      '<text x="1" style="font-weight: bold">a &lt; b</text></g>',
      '<a href="javascript:alert(4)"><rect width="1" height="1"/></a>',
      '<image href="https://example.com/track.png"/>',
      '<circle id="local" r="1"/><use href="#local"/>',
      '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">html</div></foreignObject>',
      "<style>:where(.plot) { fill: none; }</style><style>@import url(https://example.com/x.css);</style>",
      "</svg>",
    ].join("");
    const node = renderOutput(dom(), { kind: "value", view: { type: "svg", svg } });
    const html = node.outerHTML;
    expect(html).not.toMatch(
      /script|onload|onclick|javascript|example\.com|foreignObject|<a[\s>]|<image|@import|url\(/i,
    );
    expect(node.querySelector("svg")!.getAttribute("viewBox")).toBe("0 0 10 10");
    expect(node.querySelector("path")!.getAttribute("d")).toBe("M0,0L1,1");
    expect(node.querySelector("text")!.textContent).toBe("a < b");
    expect(node.querySelector("use")!.getAttribute("href")).toBe(`#${node.querySelector("circle")!.id}`);
    expect(node.querySelector("circle")!.id).toMatch(/^chart\d+-local$/);
    expect(node.querySelector("text")!.getAttribute("style")).toBe("font-weight: bold");
    expect(node.querySelectorAll("style")).toHaveLength(1);
  });

  it("gives named SVG groups and shapes the role ARIA requires for a name (Plot names its marks)", () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" aria-label="chart"><g aria-label="line"><path d="M0,0"/></g>' +
      '<g><path/></g><rect aria-label="frame"/></svg>';
    const node = renderOutput(dom(), { kind: "value", view: { type: "svg", svg } });
    const [named, plain] = Array.from(node.querySelectorAll("g"));
    expect(named!.getAttribute("role")).toBe("group");
    expect(named!.getAttribute("aria-label")).toBe("line");
    expect(plain!.hasAttribute("role")).toBe(false);
    expect(node.querySelector("rect")!.getAttribute("role")).toBe("img");
    expect(node.querySelector("svg")!.hasAttribute("role")).toBe(false);
  });

  it("puts every chart in a named, focusable box (it scrolls sideways on a phone, so keys must reach it)", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 400"><path d="M0,0"/></svg>';
    for (const view of [
      { type: "svg", svg },
      { type: "html", html: `<figure class="plot-f">${svg}<figcaption>loss</figcaption></figure>` },
    ] as const) {
      const box = renderOutput(dom(), { kind: "value", view }).querySelector(".cell-plot")!;
      expect(box.querySelector("svg")).not.toBeNull();
      expect([
        box.getAttribute("role"),
        box.getAttribute("aria-label"),
        box.getAttribute("tabindex"),
      ]).toEqual(["group", "chart", "0"]);
    }
  });

  it("rebuilds a Plot figure (title, legend, chart) from HTML the same way", () => {
    const html =
      '<figure class="plot-f"><h2>Loss</h2><div class="swatches"><span><svg width="15"><rect/></svg>a</span></div>' +
      '<svg viewBox="0 0 5 5"><g><circle r="1"/></g></svg><iframe src="https://example.com"></iframe></figure>';
    const node = renderOutput(dom(), { kind: "value", view: { type: "html", html } });
    expect(node.querySelector("figure h2")!.textContent).toBe("Loss");
    expect(node.querySelectorAll("svg")).toHaveLength(2);
    expect(node.querySelector("circle")).not.toBeNull();
    expect(node.querySelector("iframe")).toBeNull();
  });

  it("writes a progress bar's state and ETA", () => {
    const node = renderOutput(dom(), {
      kind: "progress",
      displayId: "p",
      label: "epochs",
      done: 3,
      total: 10,
      etaSeconds: 75,
    });
    const bar = node.querySelector("progress")!;
    expect([bar.getAttribute("value"), bar.getAttribute("max"), bar.getAttribute("aria-label")]).toEqual([
      "3",
      "10",
      "epochs",
    ]);
    expect(node.textContent).toBe("epochs 3/10 · about 1 min 15 s left");
  });

  it("writes an error with its position", () => {
    const node = renderOutput(dom(), {
      kind: "error",
      name: "TypeError",
      message: "x is not a function",
      line: 3,
      column: 7,
    });
    expect(node.textContent).toBe("TypeError: x is not a function (in this cell at line 3, column 7)");
  });
});

describe("progressText(output)", () => {
  it("says done when the bar is full, and nothing about time before there is a rate", () => {
    expect(
      progressText({ kind: "progress", displayId: "p", label: "", done: 5, total: 5, etaSeconds: 0 }),
    ).toBe("5/5 · done");
    expect(
      progressText({ kind: "progress", displayId: "p", label: "x", done: 0, total: 5, etaSeconds: null }),
    ).toBe("x 0/5");
  });

  it("says where a stopped bar stopped, with no time left", () => {
    const o = { kind: "progress", displayId: "p", label: "steps", done: 37, total: 250 } as const;
    expect(progressText({ ...o, etaSeconds: null, stopped: true })).toBe("steps 37/250 · stopped at step 37");
  });
});

describe("appendOutput(container, output)", () => {
  it("replaces a display or progress bar in place and joins text on the same stream", () => {
    const doc = dom();
    const box = doc.createElement("div");
    appendOutput(box, { kind: "stream", stream: "stdout", text: "a\n" });
    appendOutput(box, { kind: "stream", stream: "stdout", text: "b\n" });
    appendOutput(box, { kind: "display", displayId: "d", view: { type: "text", text: "1" } });
    appendOutput(box, { kind: "stream", stream: "stderr", text: "c\n" });
    appendOutput(box, { kind: "display", displayId: "d", view: { type: "text", text: "2" } });
    expect([...box.children].map((c) => `${(c as HTMLElement).dataset.output}:${c.textContent}`)).toEqual([
      "stream:a\nb\n",
      "display:2",
      "stream:c\n",
    ]);
  });
});
