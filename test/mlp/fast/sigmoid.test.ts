import { afterAll, describe, expect, it } from "vitest";
import { wasmSigmoid } from "../../../src/mlp/fast/sigmoid-wasm.ts";
import { sigmoidWasm } from "../../../src/mlp/fast/wasm-sigmoid.ts";
import { MLP, Matrix, Rng, kernelsInUse, sgd, sigmoid, train, useKernels } from "../../../src/mlp/index.ts";
import { bitDifference } from "../helpers.ts";

type InPlace = (p: number, n: number) => void;

/** The module with a fresh memory, its imported exp counting its calls. */
function instantiate() {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const calls = { exp: 0 };
  const exp = (x: number) => (calls.exp++, Math.exp(x));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(sigmoidWasm), { env: { memory, exp } });
  const exports = instance.exports as { exp: InPlace; sigmoid: InPlace };
  /** f applied in place to `values` in the module's memory (a page at a time): what comes back. */
  const run = (f: InPlace, values: Float64Array): Float64Array => {
    const out = new Float64Array(values.length);
    const page = new Float64Array(memory.buffer, 0, 8192);
    for (let q0 = 0; q0 < values.length; q0 += 8192) {
      const n = Math.min(8192, values.length - q0);
      page.set(values.subarray(q0, q0 + n));
      f(0, n);
      out.set(page.subarray(0, n), q0);
    }
    return out;
  };
  return {
    calls,
    exp: (x: Float64Array) => run(exports.exp, x),
    sigmoid: (s: Float64Array) => run(exports.sigmoid, s),
  };
}

/** Where `actual` and `expected` first differ by Object.is (so −0 ≠ 0 and NaN = NaN), naming the input. */
function difference(input: Float64Array, actual: Float64Array, expected: Float64Array): string {
  for (let q = 0; q < input.length; q++) {
    if (!Object.is(actual[q], expected[q])) return `at ${input[q]}: ${actual[q]} ≠ ${expected[q]}`;
  }
  return "identical";
}

const rng = new Rng(2026);
const uniform = (n: number, r: number) => Float64Array.from({ length: n }, () => (2 * rng.uniform() - 1) * r);

/** Every kind of double: random sign, exponent and mantissa bits (NaNs, infinities, subnormals, all scales). */
function anyBits(n: number): Float64Array {
  const words = new Uint32Array(2 * n);
  for (let q = 0; q < words.length; q++) words[q] = Math.floor(rng.uniform() * 2 ** 32);
  return new Float64Array(words.buffer);
}

/** b and its 32 neighbours on each side, ulp by ulp, and the same for −b. */
function around(b: number): number[] {
  const bits = new BigInt64Array(Float64Array.of(b).buffer);
  const out: number[] = [];
  for (let d = -32n; d <= 32n; d++) {
    const x = new Float64Array(BigInt64Array.of(bits[0]! + d).buffer)[0]!;
    out.push(x, -x);
  }
  return out;
}

const high = (word: number) => new Float64Array(new Uint32Array([0, word]).buffer)[0]!; // high word, low 0
const ln2 = Math.LN2;

// Where fdlibm's exp changes branch or k: ½ln2 and 1.5·ln2 (and the high-word tests it makes there), the
// reduction boundaries (k + ½)·ln2 for every k, 2^-28, 708 (our own switch to Math.exp), where e^x overflows
// (709.78…), turns subnormal (−708.39…) and underflows to 0 (−745.13…), and the extremes.
const boundaries = [
  0.5 * ln2,
  1.5 * ln2,
  high(0x3fd62e42),
  high(0x3fd62e43),
  high(0x3ff0a2b2),
  high(0x3e300000),
  high(0x40862000),
  high(0x40862e42),
  708,
  709.782712893384,
  708.3964185322641,
  745.1332191019411,
  746,
  2 ** -1074,
  2 ** -1022,
  Number.MAX_VALUE,
  ...Array.from({ length: 2200 }, (_, i) => (i - 1100 + 0.5) * ln2),
];
const edges = Float64Array.from([
  0,
  -0,
  Infinity,
  -Infinity,
  NaN,
  1, // V8 returns e itself, one ulp from fdlibm's formula
  -1,
  1e-300,
  -1e-300,
  2 ** -1074,
  3 * 2 ** -1074,
  2 ** -1023,
  ...boundaries.flatMap(around),
]);

const N = 1 << 18;
const sets: [string, Float64Array][] = [
  ["edge cases and ulp-neighbours of fdlibm's boundaries", edges],
  ["|x| < 1e-8 (some below 2^-28)", uniform(N, 1e-8)],
  ["|x| < 1e-6", uniform(N, 1e-6)],
  ["|x| < 0.5", uniform(N, 0.5)],
  ["|x| < 1", uniform(N, 1)],
  ["|x| < 2", uniform(N, 2)],
  ["|x| < 10", uniform(N, 10)],
  ["|x| < 40", uniform(N, 40)],
  ["|x| < 700", uniform(N, 700)],
  ["700 < |x| < 750", uniform(N, 50).map((v) => Math.sign(v) * (700 + Math.abs(v)))],
  ["|x| < 1e5", uniform(N, 1e5)],
  ["any bits", anyBits(N)],
];

describe("fdlibm's exp and the sigmoid in WebAssembly SIMD (wasm-sigmoid.ts)", () => {
  const wasm = instantiate();

  for (const [name, x] of sets) {
    it(`exp equals Math.exp bit for bit: ${name} (${x.length} numbers)`, () => {
      expect(difference(x, wasm.exp(x), x.map(Math.exp))).toBe("identical");
    });
    it(`sigmoid equals 1 / (1 + Math.exp(-s)) bit for bit: ${name}`, () => {
      expect(
        difference(
          x,
          wasm.sigmoid(x),
          x.map((s) => 1 / (1 + Math.exp(-s))),
        ),
      ).toBe("identical");
    });
  }

  it("computes pairs with |x| < 708 itself (1 + x below 2^-28), and hands the others to the imported exp", () => {
    wasm.calls.exp = 0;
    wasm.exp(uniform(N, 700));
    wasm.exp(Float64Array.of(0, -0, 2 ** -30, -1e-300, 2 ** -1074, 0.5)); // |x| < 2^-28: 1 + x, in SIMD too
    expect(wasm.calls.exp).toBe(0);
    wasm.exp(Float64Array.of(1, 2, 3, 709, NaN, 4, 5)); // pairs with 1 (e itself), 709, NaN; the odd last one
    expect(wasm.calls.exp).toBe(7);
  });
});

describe("sigmoid's loops with WebAssembly (sigmoid-wasm.ts)", () => {
  const initial = kernelsInUse();
  afterAll(() => useKernels(initial));

  it("are available in Node", () => {
    expect(wasmSigmoid).not.toBeNull();
  });

  // lengths: odd, below a pair, one training step's 100×128, and beyond one chunk of the module's memory
  for (const [m, n] of [
    [1, 1],
    [3, 5],
    [100, 128],
    [201, 163],
  ] as const) {
    it(`sigmoid.fInto and mulDerivativeInto with wasm equal the TypeScript loops bit for bit (${m}×${n})`, () => {
      const S = new Matrix(m, n);
      S.data.set(uniform(m * n, 30));
      S.data[0] = 800; // one lane outside the SIMD path
      const G = new Matrix(m, n);
      G.data.set(uniform(m * n, 2));
      const results = (["typescript", "wasm"] as const).map((kernels) => {
        useKernels(kernels);
        const A = sigmoid.fInto(new Matrix(m, n), S);
        const X = new Matrix(m, n, S.data.slice());
        const inPlace = sigmoid.fInto(X, X);
        const D = sigmoid.mulDerivativeInto(new Matrix(m, n, G.data.slice()), S, A);
        return { A, inPlace, D };
      });
      const [ts, wasm] = results as [(typeof results)[0], (typeof results)[0]];
      expect(bitDifference(wasm.A.data, ts.A.data)).toBe("identical");
      expect(bitDifference(wasm.inPlace.data, ts.A.data)).toBe("identical");
      expect(bitDifference(wasm.D.data, ts.D.data)).toBe("identical");
      // and the plain formulas, written out here
      const a = S.data.map((s) => 1 / (1 + Math.exp(-s)));
      expect(bitDifference(wasm.A.data, a)).toBe("identical");
      expect(
        bitDifference(
          wasm.D.data,
          G.data.map((g, q) => g * (a[q]! * (1 - a[q]!))),
        ),
      ).toBe("identical");
    });
  }

  it("a sigmoid network trains to the same weights, bit for bit, with wasm and with the TypeScript loops", async () => {
    const X = new Matrix(60, 20);
    X.data.set(uniform(60 * 20, 1).map((v) => (v < 0 ? 0 : v))); // half zeros, like pixels
    const y = Array.from({ length: 60 }, (_, i) => i % 4);
    const weights: Matrix[][] = [];
    for (const kernels of ["typescript", "wasm"] as const) {
      useKernels(kernels);
      const net = new MLP({ sizes: [20, 16, 4], hidden: "sigmoid", seed: 7 });
      await train(net, X, y, { epochs: 3, batchSize: 10, optimizer: sgd({ eta: 0.5 }), seed: 1 });
      weights.push(net.params());
    }
    weights[1]!.forEach((P, l) => expect(bitDifference(P.data, weights[0]![l]!.data)).toBe("identical"));
  });
});
