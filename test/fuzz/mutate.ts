// Damage to a JSON document, for the fuzz suites: one value somewhere in the tree replaced, or a key removed.
import fc from "fast-check";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value in `value`, the root first. */
function paths(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const here = [at];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => paths(v, [...at, i])));
  if (value !== null && typeof value === "object") {
    return here.concat(...Object.entries(value).map(([k, v]) => paths(v, [...at, k])));
  }
  return here;
}

/** A copy of `doc` with the value at path number `which` replaced by `by`, or removed when `by` is undefined. */
export function mutateAt(doc: Json, which: number, by: Json | undefined): Json {
  const all = paths(doc);
  const path = all[which % all.length]!;
  if (path.length === 0) return by ?? null;
  const copy = structuredClone(doc);
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = path.at(-1)!;
  if (by === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = by;
  return copy;
}

/** Values that have broken loaders: names of Object.prototype, numbers JSON.parse makes Infinity of, … */
export const hostileJson: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  fc.constantFrom<Json | undefined>(
    undefined,
    "constructor",
    "__proto__",
    "toString",
    -1,
    0,
    1.5,
    2 ** 32,
    1e300,
    "",
    [],
    {},
    null,
  ),
);

/** A document as text, perhaps with one number written as 1e999 (which JSON.parse reads as Infinity). */
export function asText(doc: Json, infinity: number | null): string {
  const text = JSON.stringify(doc);
  if (infinity === null) return text;
  const numbers = [...text.matchAll(/(?<=[:[,])-?\d[\d.e+-]*/g)];
  if (numbers.length === 0) return text;
  const m = numbers[infinity % numbers.length]!;
  return text.slice(0, m.index) + "1e999" + text.slice(m.index! + m[0].length);
}

export type { Json };
