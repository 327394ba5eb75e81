// Hostile chart markup: what a cell's SVG or figure may not do to the page. Each case once passed through
// (a tracking url() in a fill, a fixed overlay, an id the page uses); the rebuilt chart keeps the rest.
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { renderOutput } from "../../src/notebook/render.ts";

function page() {
  const { document } = parseHTML(
    '<!doctype html><html><head></head><body><header id="site-header" data-output="x"></header><main id="main"></main></body></html>',
  );
  return document as unknown as Document;
}
const svg = (body: string, attrs = "") => `<svg xmlns="http://www.w3.org/2000/svg" ${attrs}>${body}</svg>`;
const chart = (doc: Document, markup: string) => {
  const node = renderOutput(doc, { kind: "value", view: { type: "svg", svg: markup } });
  doc.querySelector("main")!.append(node);
  return node;
};

describe("the sanitiser refuses what would load", () => {
  it.each([
    ['<rect fill="url(https://evil.example/t.png)"/>', "fill"],
    ['<rect fill="url(//evil.example/t.png)" stroke="red"/>', "fill"],
    ["<rect mask=\"url('data:image/svg+xml,x')\"/>", "mask"],
    ['<rect style="fill: url(https://evil.example/t.png)"/>', "style"],
    ["<rect style=\"background-image: image-set('x.png' 1x)\"/>", "style"],
    ['<rect filter="-webkit-image-set(url(x.png) 1x)"/>', "filter"],
    ['<rect style="background: \\75 rl(https://evil.example/t.png)"/>', "style"],
    ['<rect fill="URL (https://evil.example/t.png)"/>', "fill"],
  ])("%s loses %s", (body, attribute) => {
    const node = chart(page(), svg(body));
    expect(node.querySelector("rect")!.hasAttribute(attribute)).toBe(false);
    expect(node.outerHTML).not.toMatch(/evil|image-set|\\75|data:/i);
  });

  it("keeps url(#id) that names an element of the chart, renamed with it", () => {
    const node = chart(
      page(),
      svg('<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs><rect fill="url(#g)"/>'),
    );
    const id = node.querySelector("linearGradient")!.id;
    expect(id).toMatch(/^chart\d+-g$/);
    expect(node.querySelector("rect")!.getAttribute("fill")).toBe(`url(#${id})`);
  });
});

describe("the sanitiser keeps the chart in its box", () => {
  it.each([
    "position: fixed; inset: 0",
    "position:absolute;top:0",
    "POSITION : Sticky",
    "z-index: 2147483647",
    "margin-top: -500px",
    "margin: 0 0 -1em 0",
    "top: -20px",
    "transform: translate(-100vw, 0)",
  ])("drops style %j", (style) => {
    const doc = page();
    const node = chart(doc, svg(`<rect style="${style}"/>`, `style="${style}"`));
    expect(node.querySelector("svg")!.hasAttribute("style")).toBe(false);
    expect(node.querySelector("rect")!.hasAttribute("style")).toBe(false);
    const figure = renderOutput(doc, {
      kind: "value",
      view: { type: "html", html: `<figure><div style="${style}">x</div></figure>` },
    });
    expect(figure.querySelector("figure div")!.hasAttribute("style")).toBe(false);
  });

  it("keeps styles that stay in the box", () => {
    const node = chart(page(), svg('<rect style="margin-bottom: 0.5em; position: relative; fill: red"/>'));
    expect(node.querySelector("rect")!.getAttribute("style")).toBe(
      "margin-bottom: 0.5em; position: relative; fill: red",
    );
  });

  it.each([
    "body { display: none }",
    "#site-header { visibility: hidden }",
    ":where(.plot-a), main { color: red }",
    ":where(.plot-a) { position: fixed }",
    "@media print { :where(.plot-a) { fill: red } }",
  ])("drops <style> %j (it reaches outside the chart or out of its box)", (css) => {
    const node = chart(page(), svg(`<style>${css}</style><rect/>`));
    expect(node.querySelector("style")).toBeNull();
  });

  it("keeps Plot's own scoped <style>", () => {
    const css =
      ":where(.plot-d6a7b5) { display: block; max-width: 100%; } :where(.plot-d6a7b5 text), :where(.plot-d6a7b5 tspan) { white-space: pre; }";
    const node = chart(page(), svg(`<style>${css}</style><rect/>`));
    expect(node.querySelector("style")!.textContent).toBe(css);
  });
});

describe("the sanitiser keeps ids and data-* from colliding with the page's", () => {
  it("renames every id with a prefix unique in the page, and its references with it", () => {
    const doc = page();
    const markup = svg(
      '<clipPath id="site-header"><rect/></clipPath><g clip-path="url(#site-header)"><use href="#site-header"/></g>',
    );
    const first = chart(doc, markup);
    const second = chart(doc, markup);
    const ids = [...doc.querySelectorAll("[id]")].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.querySelectorAll("#site-header")).toHaveLength(1); // the page's own header only
    for (const node of [first, second]) {
      const id = node.querySelector("clipPath")!.id;
      expect(node.querySelector("g")!.getAttribute("clip-path")).toBe(`url(#${id})`);
      expect(node.querySelector("use")!.getAttribute("href")).toBe(`#${id}`);
    }
  });

  it("drops references to ids outside the chart, and every data-* attribute", () => {
    const node = chart(
      page(),
      svg('<g clip-path="url(#main)" data-output="error" data-display-id="d1"><use href="#main"/></g>'),
    );
    const g = node.querySelector("g")!;
    expect(g.hasAttribute("clip-path")).toBe(false);
    expect(g.hasAttribute("data-output") || g.hasAttribute("data-display-id")).toBe(false);
    expect(node.querySelector("use")!.hasAttribute("href")).toBe(false);
  });
});
