// Fuzzing the IDX reader and writer: random bytes, and real files cut, padded or with a header byte changed.
// parseIdx reads a file exactly (its dims hold its data) or refuses it with "IDX: <which check>"; encodeIdx
// writes what parseIdx reads back, or refuses a value its dtype cannot hold.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeIdx, parseIdx, type Idx, type IdxDtype } from "../../src/data/idx.ts";
import { attempt, fuzz } from "./fuzz.ts";

const RUNS = 3000;
const SIZE: Record<IdxDtype, number> = { u8: 1, i8: 1, i16: 2, i32: 4, f32: 4, f64: 8 };

const idx: fc.Arbitrary<Idx> = fc
  .tuple(
    fc.constantFrom<IdxDtype>("u8", "i8", "i16", "i32", "f32", "f64"),
    fc.array(fc.nat(4), { minLength: 1, maxLength: 3 }),
  )
  .chain(([dtype, dims]) => {
    const n = dims.reduce((a, b) => a * b, 1);
    const value = {
      u8: fc.integer({ min: 0, max: 255 }),
      i8: fc.integer({ min: -128, max: 127 }),
      i16: fc.integer({ min: -32768, max: 32767 }),
      i32: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
      f32: fc.float({ noNaN: true }).map(Math.fround),
      f64: fc.double({ noNaN: true }),
    }[dtype];
    const Typed = {
      u8: Uint8Array,
      i8: Int8Array,
      i16: Int16Array,
      i32: Int32Array,
      f32: Float32Array,
      f64: Float64Array,
    }[dtype];
    return fc
      .array(value, { minLength: n, maxLength: n })
      .map((values): Idx => ({ dtype, dims, data: Typed.from(values) }));
  });

const damaged = fc.oneof(
  fc.uint8Array({ maxLength: 40 }),
  fc.tuple(idx, fc.nat()).map(([f, cut]) => {
    const bytes = encodeIdx(f);
    return bytes.subarray(0, cut % (bytes.length + 1));
  }),
  fc.tuple(idx, fc.uint8Array({ minLength: 1, maxLength: 9 })).map(([f, extra]) => {
    const bytes = encodeIdx(f);
    const out = new Uint8Array(bytes.length + extra.length);
    out.set(bytes);
    out.set(extra, bytes.length);
    return out;
  }),
  fc.tuple(idx, fc.nat(), fc.integer({ min: 1, max: 255 })).map(([f, at, xor]) => {
    const bytes = encodeIdx(f).slice();
    const header = 4 + 4 * f.dims.length;
    bytes[at % header] = bytes[at % header]! ^ xor;
    return bytes;
  }),
);

describe("fuzz: IDX", () => {
  it(`parseIdx reads exactly or refuses naming the check, for ${RUNS} damaged files`, () => {
    const tried = fuzz(
      "parseIdx",
      damaged,
      (bytes) => {
        const r = attempt(
          () => parseIdx(bytes),
          /^IDX: (truncated header|bad magic number|unknown dtype code|bad number of dimensions|truncated data|trailing bytes)/,
        );
        if (!r.accepted) return false;
        const { dtype, dims, data } = r.value;
        const n = dims.reduce((a, b) => a * b, 1);
        expect(data.length).toBe(n);
        expect(bytes.length).toBe(4 + 4 * dims.length + n * SIZE[dtype]); // nothing left over, nothing missing
        return true;
      },
      RUNS,
    );
    expect(tried).toBe(RUNS);
  });

  it(`encodeIdx writes what parseIdx reads back, for ${RUNS} files`, () => {
    const tried = fuzz(
      "encodeIdx round trip",
      idx,
      (f) => {
        const back = parseIdx(encodeIdx(f));
        expect(back.dtype).toBe(f.dtype);
        expect(back.dims).toEqual(f.dims);
        expect(Array.from(back.data)).toEqual(Array.from(f.data));
        return true;
      },
      RUNS,
    );
    expect(tried).toBe(RUNS);
  });

  it(`encodeIdx refuses values its dtype cannot hold, for ${RUNS} arrays`, () => {
    const values = fc.array(
      fc.oneof(
        fc.double(),
        fc.integer({ min: -70000, max: 70000 }),
        fc.constantFrom(NaN, 2 ** 31, -(2 ** 31) - 1, 1e39),
      ),
      { minLength: 1, maxLength: 6 },
    );
    const tried = fuzz(
      "encodeIdx values",
      fc.tuple(fc.constantFrom<IdxDtype>("u8", "i8", "i16", "i32", "f32", "f64"), values),
      ([dtype, v]) => {
        const r = attempt(
          () => encodeIdx({ dtype, dims: [v.length], data: Float64Array.from(v) as never }),
          /^encodeIdx: value \S+ at index \d+ does not fit (u8|i8|i16|i32|f32) \(.+\)$/,
        );
        if (!r.accepted) return false;
        const back = parseIdx(r.value).data;
        v.forEach((x, i) =>
          dtype === "f32" ? expect(back[i]).toBe(Math.fround(x)) : expect(back[i]).toBe(x),
        );
        return true;
      },
      RUNS,
    );
    expect(tried).toBe(RUNS);
  });
});
