// elementary.ts against Node's own Math, which is what every recorded number of the book was made with: each
// function must give the same bits (Object.is: −0 ≠ 0, NaN = NaN) on millions of arguments, over the ranges
// the library meets, every kind of double, and the neighbours of each place where fdlibm changes branch.
import { describe, expect, it } from "vitest";
import * as elementary from "../../src/mlp/elementary.ts";
import { Rng } from "../../src/mlp/random.ts";

const rng = new Rng(1993);
const uniform = (n: number, lo: number, hi: number) =>
  Float64Array.from({ length: n }, () => lo + (hi - lo) * rng.uniform());
const symmetric = (n: number, r: number) => uniform(n, -r, r);

/** Every kind of double: random sign, exponent and mantissa bits (NaNs, infinities, subnormals, all scales). */
function anyBits(n: number): Float64Array {
  const words = new Uint32Array(2 * n);
  for (let q = 0; q < words.length; q++) words[q] = Math.floor(rng.uniform() * 2 ** 32);
  return new Float64Array(words.buffer);
}

/** Doubles spread evenly over the exponents 2^-1074 … 2^1023, both signs. */
function allScales(n: number): Float64Array {
  return Float64Array.from(
    { length: n },
    () => (rng.uniform() < 0.5 ? -1 : 1) * 2 ** (2100 * rng.uniform() - 1074),
  );
}

/** b and its 16 neighbours on each side, ulp by ulp, and the same for −b. */
function around(b: number): number[] {
  const bits = new BigInt64Array(Float64Array.of(b).buffer);
  const out: number[] = [];
  for (let d = -16n; d <= 16n; d++) {
    const x = new Float64Array(BigInt64Array.of(bits[0]! + d).buffer)[0]!;
    out.push(x, -x);
  }
  return out;
}

const high = (word: number) => new Float64Array(new Uint32Array([0, word]).buffer)[0]!; // high word, low 0
const ln2 = Math.LN2;
const pi = Math.PI;

const special = [0, -0, Infinity, -Infinity, NaN, 2 ** -1074, 2 ** -1022, Number.MAX_VALUE, 1, -1];

// Where each algorithm changes branch: fdlibm's tests on the high word of |x| (made into doubles), its
// thresholds, and the reduction boundaries.
const boundaries = {
  exp: [
    ...[0x3fd62e42, 0x3fd62e43, 0x3ff0a2b2, 0x3e300000, 0x40862e42].map(high),
    ...[709.782712893384, 708.3964185322641, 745.1332191019411, 2, 0.5].flat(),
    ...Array.from({ length: 2200 }, (_, i) => (i - 1100 + 0.5) * ln2),
  ],
  log: [
    ...[0x00100000, 0x3ff00000, 0x3ff6a09e, 0x3fe6a09e, 0x3ff6147a, 0x3ff6b851, 0x7fefffff].map(high),
    ...[Math.SQRT2, Math.SQRT1_2, 2, 0.5, 1 + 2 ** -20, 1 - 2 ** -20, Math.E, 10],
  ],
  log1p: [
    ...[0x3fda827a, 0xbfd2bec4, 0x3e200000, 0x3c900000, 0x43400000, 0x3ff00000].map(high),
    ...[Math.SQRT2 - 1, Math.SQRT1_2 - 1, 2 ** -20, 0.5, 2, 1e300],
  ],
  tanh: [...[0x3e300000, 0x3ff00000, 0x40360000].map(high), 0.5, 2, 21.99, 22],
  trig: [
    ...[0x3e400000, 0x3fd33333, 0x3fe90000, 0x3fe921fb, 0x4002d97c, 0x3ff921fb].map(high),
    ...Array.from({ length: 200 }, (_, n) => (n * pi) / 4),
    ...Array.from({ length: 64 }, (_, n) => (n + 1) * 2 ** 13 * pi),
    ...[0x413921fb, 0x413921fc].map(high), // where the large range begins
    ...Array.from({ length: 40 }, (_, e) => 2 ** (20 + 25 * e) * pi), // the exponents the table of 2/π spans
    6381956970095103 * 2 ** 797, // a close multiple of π/2 (Kahan–McDonald): the reduction must not lose it
  ],
};
const edges = (list: number[]) => Float64Array.from([...special, ...list.flatMap(around)]);

const N = 1 << 18;
type Fn = (x: number) => number;
const cases: [keyof typeof boundaries, string, Fn, Fn, [string, Float64Array][]][] = [
  [
    "exp",
    "exp",
    elementary.exp,
    Math.exp,
    [
      ["softmax's s − max, −40 … 0", uniform(N, -40, 0)],
      ["the sigmoid's −s, |x| < 40", symmetric(N, 40)],
      ["|x| < 1", symmetric(N, 1)],
      ["|x| < 800", symmetric(N, 800)],
      ["|x| < 1e-6", symmetric(N, 1e-6)],
    ],
  ],
  [
    "exp",
    "expm1",
    elementary.expm1,
    Math.expm1,
    [
      ["|x| < 2", symmetric(N, 2)],
      ["|x| < 60", symmetric(N, 60)],
      ["|x| < 800", symmetric(N, 800)],
    ],
  ],
  [
    "log",
    "log",
    elementary.log,
    Math.log,
    [
      ["Box–Muller's 1 − u, (0, 1]", uniform(N, 0, 1).map((u) => 1 - u)],
      ["softmax's Σ e^(s − max), 1 … 10", uniform(N, 1, 10)],
      ["probabilities, 0 … 1", uniform(N, 0, 1)],
      ["0 … 1e6", uniform(N, 0, 1e6)],
      ["near 1", uniform(N, 1 - 1e-5, 1 + 1e-5)],
    ],
  ],
  [
    "log1p",
    "log1p",
    elementary.log1p,
    Math.log1p,
    [
      ["softplus's e^(−|s|), 0 … 1", uniform(N, -40, 0).map(Math.exp)],
      ["−1 … 1", uniform(N, -1, 1)],
      ["|x| < 1e-6", symmetric(N, 1e-6)],
      ["0 … 1e6", uniform(N, 0, 1e6)],
    ],
  ],
  [
    "tanh",
    "tanh",
    elementary.tanh,
    Math.tanh,
    [
      ["|x| < 3", symmetric(N, 3)],
      ["|x| < 30", symmetric(N, 30)],
      ["|x| < 1e-4", symmetric(N, 1e-4)],
    ],
  ],
  [
    "trig",
    "sin",
    elementary.sin,
    Math.sin,
    [
      ["Box–Muller's θ = 2π·u, 0 … 2π", uniform(N, 0, 1).map((u) => 2 * pi * u)],
      ["|x| < 100", symmetric(N, 100)],
      ["|x| < 2^20·π/2 (fdlibm's medium range)", symmetric(N, 2 ** 20 * (pi / 2))],
      ["|x| < 1e22 (the large range: 2/π to 24·66 bits)", symmetric(N, 1e22)],
    ],
  ],
  [
    "trig",
    "cos",
    elementary.cos,
    Math.cos,
    [
      ["Box–Muller's θ = 2π·u, 0 … 2π", uniform(N, 0, 1).map((u) => 2 * pi * u)],
      ["|x| < 100", symmetric(N, 100)],
      ["|x| < 2^20·π/2 (fdlibm's medium range)", symmetric(N, 2 ** 20 * (pi / 2))],
      ["|x| < 1e22 (the large range: 2/π to 24·66 bits)", symmetric(N, 1e22)],
    ],
  ],
];

/** The first argument where f and g differ by Object.is, or "identical". */
function difference(x: Float64Array, f: Fn, g: Fn): string {
  for (const v of x) {
    const [a, b] = [f(v), g(v)];
    if (!Object.is(a, b)) return `at ${v}: ${a} ≠ Math's ${b}`;
  }
  return "identical";
}

describe("elementary.ts: the same bits as Node's Math", () => {
  for (const [kind, name, f, g, sets] of cases) {
    const all: [string, Float64Array][] = [
      ["edge cases and the ulp-neighbours of its branch points", edges(boundaries[kind])],
      ...sets,
      ["any bits", anyBits(N)],
      ["all scales 2^-1074 … 2^1023", allScales(N)],
    ];
    for (const [setName, x] of all) {
      it(`${name} equals Math.${name}: ${setName} (${x.length} numbers)`, () => {
        expect(difference(x, f, g)).toBe("identical");
      });
    }
  }
});
