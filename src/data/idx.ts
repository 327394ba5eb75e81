// The IDX file format (LeCun's MNIST files): two zero bytes, a dtype code, the number of dimensions, then
// each dimension as a big-endian uint32, then the values in row-major order, big-endian.
//
//   offset 0   0x00 0x00            magic
//   offset 2   dtype code           0x08 u8, 0x09 i8, 0x0B i16, 0x0C i32, 0x0D f32, 0x0E f64
//   offset 3   d                    number of dimensions
//   offset 4   d × uint32           the dimensions
//   offset 4+4d                     the values

/** The value types an IDX file can hold: u8, i8, i16, i32, f32, f64. */
export type IdxDtype = "u8" | "i8" | "i16" | "i32" | "f32" | "f64";
/** The typed array that holds an IDX file's values, by its dtype. */
export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/** An IDX file read: its dtype, its dimensions (e.g. [m, 28, 28]) and its values, row-major. */
export interface Idx {
  dtype: IdxDtype;
  dims: number[];
  data: IdxData;
}

interface DtypeInfo {
  name: IdxDtype;
  code: number;
  size: number;
  make: (n: number) => IdxData;
  /** The values the dtype holds, for encodeIdx's check and its message. */
  fits: (x: number) => boolean;
  range: string;
  read: (view: DataView, offset: number) => number;
  write: (view: DataView, offset: number, value: number) => void;
}

// Every multi-byte value in IDX is big-endian, hence the `false` (not little-endian) in each DataView call.
const DTYPES: readonly DtypeInfo[] = [
  {
    name: "u8",
    fits: (x) => Number.isInteger(x) && x >= 0 && x <= 255,
    range: "whole numbers 0 … 255",
    code: 0x08,
    size: 1,
    make: (n) => new Uint8Array(n),
    read: (v, o) => v.getUint8(o),
    write: (v, o, x) => v.setUint8(o, x),
  },
  {
    name: "i8",
    fits: (x) => Number.isInteger(x) && x >= -128 && x <= 127,
    range: "whole numbers -128 … 127",
    code: 0x09,
    size: 1,
    make: (n) => new Int8Array(n),
    read: (v, o) => v.getInt8(o),
    write: (v, o, x) => v.setInt8(o, x),
  },
  {
    name: "i16",
    fits: (x) => Number.isInteger(x) && x >= -32768 && x <= 32767,
    range: "whole numbers -32768 … 32767",
    code: 0x0b,
    size: 2,
    make: (n) => new Int16Array(n),
    read: (v, o) => v.getInt16(o, false),
    write: (v, o, x) => v.setInt16(o, x, false),
  },
  {
    name: "i32",
    fits: (x) => Number.isInteger(x) && x >= -2147483648 && x <= 2147483647,
    range: "whole numbers -2147483648 … 2147483647",
    code: 0x0c,
    size: 4,
    make: (n) => new Int32Array(n),
    read: (v, o) => v.getInt32(o, false),
    write: (v, o, x) => v.setInt32(o, x, false),
  },
  {
    name: "f32",
    fits: (x) => !Number.isFinite(x) || Math.abs(x) <= 3.4028234663852886e38, // larger would round to ∞
    range: "numbers up to ±3.4e38",
    code: 0x0d,
    size: 4,
    make: (n) => new Float32Array(n),
    read: (v, o) => v.getFloat32(o, false),
    write: (v, o, x) => v.setFloat32(o, x, false),
  },
  {
    name: "f64",
    fits: (x) => typeof x === "number",
    range: "numbers",
    code: 0x0e,
    size: 8,
    make: (n) => new Float64Array(n),
    read: (v, o) => v.getFloat64(o, false),
    write: (v, o, x) => v.setFloat64(o, x, false),
  },
];

const hex = (byte: number): string => "0x" + byte.toString(16).padStart(2, "0").toUpperCase();
const known = DTYPES.map((t) => `${hex(t.code)} (${t.name})`).join(", ");

/** Parses an IDX file, checking each part of it; the error names the check that failed. */
export function parseIdx(bytes: Uint8Array): Idx {
  const found = bytes.length;
  if (found < 4) {
    throw new Error(
      `IDX: truncated header: expected at least 4 bytes (magic, dtype, dimensions), found ${found}`,
    );
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const gzip =
      bytes[0] === 0x1f && bytes[1] === 0x8b ? " (this looks gzip-compressed: decompress it first)" : "";
    throw new Error(
      `IDX: bad magic number: expected the first two bytes to be 0x00 0x00, found ${hex(bytes[0]!)} ${hex(bytes[1]!)}${gzip}`,
    );
  }
  const code = bytes[2]!;
  const type = DTYPES.find((t) => t.code === code);
  if (!type) throw new Error(`IDX: unknown dtype code ${hex(code)}: expected one of ${known}`);
  const d = bytes[3]!;
  if (d === 0) throw new Error("IDX: bad number of dimensions: expected at least 1, found 0");
  const headerSize = 4 + 4 * d;
  if (found < headerSize) {
    throw new Error(
      `IDX: truncated header: ${d} dimension(s) need a ${headerSize}-byte header, found ${found} bytes`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: d }, (_, i) => view.getUint32(4 + 4 * i, false));
  const count = dims.reduce((a, b) => a * b, 1);
  const expected = count * type.size;
  const dataSize = found - headerSize;
  const shape = `dims [${dims.join(", ")}] of ${type.name}`;
  if (dataSize < expected) {
    throw new Error(
      `IDX: truncated data: ${shape} need ${expected} data bytes after the ${headerSize}-byte header, found ${dataSize}`,
    );
  }
  if (dataSize > expected) {
    throw new Error(
      `IDX: trailing bytes: ${shape} need ${expected} data bytes after the ${headerSize}-byte header, found ${dataSize} (${dataSize - expected} extra)`,
    );
  }
  const data = type.make(count);
  if (type.size === 1) {
    // One byte per value: no byte order to undo, copy the bytes as they are.
    new Uint8Array(data.buffer).set(bytes.subarray(headerSize));
  } else {
    for (let i = 0; i < count; i++) data[i] = type.read(view, headerSize + i * type.size);
  }
  return { dtype: type.name, dims, data };
}

/** Writes values and their dimensions as an IDX file (the inverse of parseIdx). */
export function encodeIdx({ dtype, dims, data }: Idx): Uint8Array {
  const type = DTYPES.find((t) => t.name === dtype);
  if (!type) throw new Error(`encodeIdx: unknown dtype "${dtype}": expected one of ${known}`);
  if (dims.length < 1 || dims.length > 255) {
    throw new Error(`encodeIdx: expected 1 to 255 dimensions, found ${dims.length}`);
  }
  for (const n of dims) {
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
      throw new Error(`encodeIdx: dims [${dims.join(", ")}]: each must be an integer in [0, 2³²−1]`);
    }
  }
  const count = dims.reduce((a, b) => a * b, 1);
  if (data.length !== count) {
    throw new Error(`encodeIdx: dims [${dims.join(", ")}] hold ${count} values, data has ${data.length}`);
  }
  for (let i = 0; i < count; i++) {
    if (!type.fits(data[i]!)) {
      throw new Error(`encodeIdx: value ${data[i]} at index ${i} does not fit ${dtype} (${type.range})`);
    }
  }
  const headerSize = 4 + 4 * dims.length;
  const bytes = new Uint8Array(headerSize + count * type.size);
  const view = new DataView(bytes.buffer);
  bytes[2] = type.code;
  bytes[3] = dims.length;
  dims.forEach((n, i) => view.setUint32(4 + 4 * i, n, false));
  for (let i = 0; i < count; i++) type.write(view, headerSize + i * type.size, data[i]!);
  return bytes;
}
