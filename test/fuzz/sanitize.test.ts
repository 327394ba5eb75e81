// Fuzzing the chart sanitiser: SVG and HTML built from hostile elements, attributes and values. Whatever
// goes in, what comes out loads nothing, runs nothing, stays in its box, and names no id or data-* key of
// the page's. The checks here are written apart from sanitize.ts's own patterns.
import fc from "fast-check";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { renderOutput } from "../../src/notebook/render.ts";
import { fuzz } from "./fuzz.ts";

const RUNS = 1500;

const ELEMENTS = ["svg", "g", "rect", "path", "text", "clipPath", "linearGradient", "use", "style", "script",
  "foreignObject", "a", "image", "iframe", "div", "span", "figure", "img", "object", "animate", "set", "feImage"]; // prettier-ignore
const ATTRIBUTES = ["id", "class", "style", "fill", "stroke", "clip-path", "mask", "filter", "href", "xlink:href",
  "src", "onload", "onclick", "data-output", "data-display-id", "transform", "marker-end", "begin", "to"]; // prettier-ignore
const VALUES = [
  "red", "url(#a)", "url(#main)", "url(https://evil.example/x)", "URL( //evil.example )", "url('data:x')",
  "image-set('x.png' 1x)", "\\75 rl(//evil.example)", "javascript:alert(1)", "#a", "#main", "a", "site-header",
  "position: fixed", "position:absolute;top:0", "z-index: 9", "margin-left: -9px", "top:-1px",
  "transform: translate(-9px)", "fill: blue", "margin: 1px", "@import 'x.css'", "expression(alert(1))",
]; // prettier-ignore
const CSS = [":where(.plot-a) { fill: red }", "body { display: none }", "#main { color: red }",
  ":where(.plot-a) { position: fixed }", "@import url(//evil.example/x.css);", ":where(.plot-a), main { x: y }"]; // prettier-ignore

type Tree = { name: string; attributes: [string, string][]; children: Tree[]; css: string };
const attribute = fc.tuple(
  fc.constantFrom(...ATTRIBUTES),
  fc.oneof(fc.constantFrom(...VALUES), fc.string({ maxLength: 8 })),
);
/** A tree of elements at most `depth` deep. */
const treeOf = (depth: number): fc.Arbitrary<Tree> =>
  fc.record({
    name: fc.constantFrom(...ELEMENTS),
    attributes: fc.array(attribute, { maxLength: 4 }),
    children: depth === 0 ? fc.constant([]) : fc.array(treeOf(depth - 1), { maxLength: 3 }),
    css: fc.constantFrom(...CSS),
  });
const tree = treeOf(3);

const quote = (v: string) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
function markup(t: Tree): string {
  const attrs = t.attributes.map(([n, v]) => ` ${n}="${quote(v)}"`).join("");
  const inner = t.name === "style" ? t.css : t.children.map(markup).join("");
  return `<${t.name}${attrs}>${inner}</${t.name}>`;
}

const ALLOWED = new Set([
  "svg",
  "g",
  "rect",
  "path",
  "text",
  "clippath",
  "lineargradient",
  "use",
  "style",
  "div",
  "span",
  "figure",
]);

describe("fuzz: the chart sanitiser", () => {
  it(`keeps charts inert and in their box, for ${RUNS} hostile charts`, () => {
    const tried = fuzz(
      "sanitize",
      fc.tuple(tree, fc.boolean()),
      ([t, asSvg]) => {
        const { document } = parseHTML(
          '<!doctype html><html><body><header id="site-header" data-output="x"></header><main id="main"></main></body></html>',
        );
        const doc = document as unknown as Document;
        const text = markup({ ...t, name: asSvg ? "svg" : "figure" });
        const view = asSvg
          ? { type: "svg" as const, svg: text.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"') }
          : { type: "html" as const, html: text };
        for (let twice = 0; twice < 2; twice++) {
          doc.querySelector("main")!.append(renderOutput(doc, { kind: "value", view }));
        }
        const box = doc.querySelector("main")!;
        const ids = new Set([...doc.querySelectorAll("[id]")].map((e) => e.id));
        expect(ids.size).toBe(doc.querySelectorAll("[id]").length); // no id twice in the page
        let kept = 0;
        for (const e of box.querySelectorAll(".cell-plot *")) {
          kept++;
          expect(ALLOWED.has(e.localName.toLowerCase()) || e.localName === "p", e.localName).toBe(true);
          for (const { name, value } of Array.from(e.attributes)) {
            expect(name).not.toMatch(/^on|^data-|^src$/i);
            expect(value).not.toMatch(/javascript:|image-set|@import|expression\(|\\|evil/i);
            for (const m of value.matchAll(/url\s*\(([^)]*)\)/gi)) {
              const target = m[1]!.trim().replace(/^['"]|['"]$/g, "");
              expect(target.startsWith("#") && ids.has(target.slice(1)), value).toBe(true);
            }
            if (name === "id") expect(value).toMatch(/^chart\d+-/);
            if (/href$/i.test(name))
              expect(ids.has(value.slice(1)) && value.startsWith("#"), value).toBe(true);
            if (name === "style") {
              expect(value).not.toMatch(
                /position\s*:\s*(fixed|absolute|sticky)|z-index|margin[\w-]*\s*:[^;]*-\d|top\s*:\s*-|transform/i,
              );
            }
          }
          if (e.localName === "style") {
            expect(e.textContent).not.toMatch(/body|#main|position\s*:\s*fixed|@import|url\(/i);
          }
        }
        expect(doc.querySelectorAll("#site-header, #main")).toHaveLength(2);
        return kept > 0;
      },
      RUNS,
    );
    expect(tried).toBe(RUNS);
  });
});
