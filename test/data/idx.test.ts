import { describe, expect, it } from "vitest";
import { encodeIdx, parseIdx, type Idx } from "../../src/data/idx.ts";

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe("encodeIdx / parseIdx", () => {
  it("encodeIdx writes the magic, dtype code, dimension count, big-endian dims and big-endian values", () => {
    const out = encodeIdx({ dtype: "i16", dims: [2], data: Int16Array.of(1, -2) });
    expect(Array.from(out)).toEqual([0, 0, 0x0b, 1, 0, 0, 0, 2, 0x00, 0x01, 0xff, 0xfe]);
  });

  it("parseIdx reads a hand-written u8 file of dims [2, 3]", () => {
    const idx = parseIdx(bytes(0, 0, 0x08, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 255));
    expect(idx.dtype).toBe("u8");
    expect(idx.dims).toEqual([2, 3]);
    expect(idx.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(idx.data)).toEqual([1, 2, 3, 4, 5, 255]);
  });

  it("parseIdx reads big-endian i32 and f64 values", () => {
    const i32 = parseIdx(bytes(0, 0, 0x0c, 1, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xfe));
    expect(Array.from(i32.data)).toEqual([-2]);
    // 1.5 as a big-endian IEEE double is 3F F8 00 00 00 00 00 00.
    const f64 = parseIdx(bytes(0, 0, 0x0e, 1, 0, 0, 0, 1, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0));
    expect(Array.from(f64.data)).toEqual([1.5]);
  });

  const cases: Idx[] = [
    { dtype: "u8", dims: [2, 2, 2], data: Uint8Array.of(0, 1, 2, 127, 128, 200, 254, 255) },
    { dtype: "i8", dims: [4], data: Int8Array.of(-128, -1, 0, 127) },
    { dtype: "i16", dims: [2, 2], data: Int16Array.of(-32768, -1, 256, 32767) },
    { dtype: "i32", dims: [3], data: Int32Array.of(-2147483648, 65536, 2147483647) },
    { dtype: "f32", dims: [1, 3], data: Float32Array.of(-0.5, 3.4028234663852886e38, 1e-7) },
    { dtype: "f64", dims: [3], data: Float64Array.of(Math.PI, -1e-300, 1e300) },
    { dtype: "u8", dims: [0, 28, 28], data: new Uint8Array(0) },
  ];
  for (const c of cases) {
    it(`parseIdx(encodeIdx(x)) returns x for ${c.dtype} dims [${c.dims.join(", ")}]`, () => {
      const back = parseIdx(encodeIdx(c));
      expect(back.dtype).toBe(c.dtype);
      expect(back.dims).toEqual(c.dims);
      expect(back.data.constructor).toBe(c.data.constructor);
      expect(Array.from(back.data)).toEqual(Array.from(c.data));
    });
  }

  it("parseIdx reads a file that sits at an offset inside a larger buffer", () => {
    const file = encodeIdx({ dtype: "i16", dims: [2], data: Int16Array.of(7, -7) });
    const big = new Uint8Array(file.length + 5);
    big.set(file, 3);
    expect(Array.from(parseIdx(big.subarray(3, 3 + file.length)).data)).toEqual([7, -7]);
  });
});

describe("parseIdx rejects a malformed file, naming the check", () => {
  const good = encodeIdx({ dtype: "u8", dims: [2, 3], data: Uint8Array.of(1, 2, 3, 4, 5, 6) });

  it("a file shorter than 4 bytes: truncated header", () => {
    expect(() => parseIdx(bytes(0, 0, 8))).toThrow(
      "IDX: truncated header: expected at least 4 bytes (magic, dtype, dimensions), found 3",
    );
  });

  it("first two bytes not zero: bad magic number", () => {
    const bad = good.slice();
    bad[1] = 0x01;
    expect(() => parseIdx(bad)).toThrow(
      "IDX: bad magic number: expected the first two bytes to be 0x00 0x00, found 0x00 0x01",
    );
  });

  it("a gzipped file: bad magic number, with a hint to decompress", () => {
    expect(() => parseIdx(bytes(0x1f, 0x8b, 8, 0, 0, 0))).toThrow(
      "IDX: bad magic number: expected the first two bytes to be 0x00 0x00, found 0x1F 0x8B (this looks gzip-compressed: decompress it first)",
    );
  });

  it("an unknown dtype code", () => {
    expect(() => parseIdx(bytes(0, 0, 0x07, 1, 0, 0, 0, 0))).toThrow(
      "IDX: unknown dtype code 0x07: expected one of 0x08 (u8), 0x09 (i8), 0x0B (i16), 0x0C (i32), 0x0D (f32), 0x0E (f64)",
    );
  });

  it("zero dimensions", () => {
    expect(() => parseIdx(bytes(0, 0, 0x08, 0))).toThrow(
      "IDX: bad number of dimensions: expected at least 1, found 0",
    );
  });

  it("a header cut inside the dimensions: truncated header", () => {
    expect(() => parseIdx(good.subarray(0, 10))).toThrow(
      "IDX: truncated header: 2 dimension(s) need a 12-byte header, found 10 bytes",
    );
  });

  it("fewer values than the dimensions say: truncated data", () => {
    expect(() => parseIdx(good.subarray(0, good.length - 1))).toThrow(
      "IDX: truncated data: dims [2, 3] of u8 need 6 data bytes after the 12-byte header, found 5",
    );
  });

  it("a multi-byte dtype cut mid-value: truncated data", () => {
    const f64 = encodeIdx({ dtype: "f64", dims: [2], data: Float64Array.of(1, 2) });
    expect(() => parseIdx(f64.subarray(0, f64.length - 3))).toThrow(
      "IDX: truncated data: dims [2] of f64 need 16 data bytes after the 8-byte header, found 13",
    );
  });

  it("bytes after the last value: trailing bytes", () => {
    const long = new Uint8Array(good.length + 2);
    long.set(good);
    expect(() => parseIdx(long)).toThrow(
      "IDX: trailing bytes: dims [2, 3] of u8 need 6 data bytes after the 12-byte header, found 8 (2 extra)",
    );
  });
});

describe("encodeIdx rejects bad input", () => {
  it("data whose length does not match the dims", () => {
    expect(() => encodeIdx({ dtype: "u8", dims: [2, 2], data: new Uint8Array(3) })).toThrow(
      "encodeIdx: dims [2, 2] hold 4 values, data has 3",
    );
  });
  it("an unknown dtype", () => {
    expect(() => encodeIdx({ dtype: "u16" as "u8", dims: [1], data: new Uint8Array(1) })).toThrow(
      'encodeIdx: unknown dtype "u16"',
    );
  });
  it("a dimension that is not a uint32", () => {
    expect(() => encodeIdx({ dtype: "u8", dims: [-1], data: new Uint8Array(0) })).toThrow(
      "encodeIdx: dims [-1]: each must be an integer in [0, 2³²−1]",
    );
  });
});
