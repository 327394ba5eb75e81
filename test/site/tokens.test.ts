// The design tokens (src/styles/tokens.css): every colour written once, as light-dark(light, dark), with the
// theme chosen by color-scheme alone; and the text colours readable on the backgrounds in both themes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const css = readFileSync(join(import.meta.dirname, "..", "..", "src", "styles", "tokens.css"), "utf8");

/** The rules of a flat stylesheet (no nesting), comments removed: selector → declarations in order. */
function rules(text: string): { selector: string; declarations: [string, string][] }[] {
  const plain = text.replace(/\/\*[\s\S]*?\*\//g, "");
  return [...plain.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({
    selector: m[1]!.trim(),
    declarations: m[2]!
      .split(";")
      .map((d) => d.trim())
      .filter((d) => d !== "")
      .map((d) => {
        const colon = d.indexOf(":");
        return [
          d.slice(0, colon).trim(),
          d
            .slice(colon + 1)
            .trim()
            .replace(/\s+/g, " "),
        ] as [string, string];
      }),
  }));
}

/** The two arguments of each light-dark(…) in a value (commas inside rgb() left alone). */
function lightDarks(value: string): [string, string][] {
  const found: [string, string][] = [];
  for (let at = value.indexOf("light-dark("); at >= 0; at = value.indexOf("light-dark(", at + 1)) {
    let depth = 0;
    const args: string[] = [""];
    for (const c of value.slice(at + "light-dark(".length)) {
      if (c === ")" && depth === 0) break;
      if (c === "(") depth++;
      if (c === ")") depth--;
      if (c === "," && depth === 0) args.push("");
      else args[args.length - 1] += c;
    }
    found.push(args.map((a) => a.trim()) as [string, string]);
    if (args.length !== 2) throw new Error(`light-dark() needs 2 values, got ${args.length} in ${value}`);
  }
  return found;
}

const all = rules(css);
const root = all.find((r) => r.selector === ":root")!;
const colours = root.declarations.filter(([name]) => name.startsWith("--color-") || name === "--shadow");

/** A token's value in one theme: each light-dark(a, b) replaced by a or b. */
function themed(name: string, theme: 0 | 1): string {
  const value = colours.find(([n]) => n === name)?.[1];
  if (value === undefined) throw new Error(`tokens.css has no ${name}`);
  let out = value;
  for (const pair of lightDarks(value)) out = out.replace(`light-dark(${pair.join(", ")})`, pair[theme]);
  return out;
}

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string): number => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe("tokens.css", () => {
  it("writes each colour token once, with exactly one light and one dark value", () => {
    expect(colours.length).toBeGreaterThanOrEqual(14);
    const names = colours.map(([name]) => name);
    expect(new Set(names).size).toBe(names.length);
    for (const [name, value] of colours) {
      const pairs = lightDarks(value);
      expect(pairs, `${name}: ${value}`).toHaveLength(1);
      const [light, dark] = pairs[0]!;
      expect(light, name).not.toBe("");
      expect(dark, name).not.toBe("");
      expect(light, `${name} is the same in both themes`).not.toBe(dark);
    }
  });

  it("defines no colour anywhere else: the themes set only color-scheme, and no media query repeats them", () => {
    expect(css).not.toMatch(/@media/);
    expect(root.declarations).toContainEqual(["color-scheme", "light dark"]);
    const others = all.filter((r) => r !== root);
    expect(others.map((r) => r.selector).sort()).toEqual([
      ':root[data-theme="dark"]',
      ':root[data-theme="light"]',
    ]);
    for (const rule of others) {
      const theme = /"(\w+)"/.exec(rule.selector)![1];
      expect(rule.declarations).toEqual([["color-scheme", theme]]);
    }
  });

  it("keeps text at 4.5:1 or more on every background, and focus rings at 3:1, in both themes", () => {
    const text = ["--color-text", "--color-text-muted", "--color-accent", "--color-error"];
    const backgrounds = ["--color-bg", "--color-bg-soft", "--color-bg-code"];
    for (const theme of [0, 1] as const) {
      for (const fg of text) {
        for (const bg of backgrounds) {
          const ratio = contrast(themed(fg, theme), themed(bg, theme));
          expect(ratio, `${fg} on ${bg} (${theme ? "dark" : "light"})`).toBeGreaterThanOrEqual(4.5);
        }
      }
      const onAccent = contrast(themed("--color-accent-text", theme), themed("--color-accent", theme));
      expect(onAccent).toBeGreaterThanOrEqual(4.5);
      const onMark = contrast(themed("--color-text", theme), themed("--color-mark", theme));
      expect(onMark).toBeGreaterThanOrEqual(4.5);
      const focus = contrast(themed("--color-focus", theme), themed("--color-bg", theme));
      expect(focus).toBeGreaterThanOrEqual(3);
    }
  });
});
