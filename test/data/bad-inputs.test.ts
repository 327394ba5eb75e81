// Data the loaders must refuse, or (a long CSV) must read, with messages that name the file, line or entry.
// Each case was once a silent wrong answer, a stack overflow or an internal error (the audit of issue 13).
import { readFileSync, readdirSync } from "node:fs";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { parseCsvDataset } from "../../src/data/csv.ts";
import { gunzipIfNeeded } from "../../src/data/gunzip.ts";
import { encodeIdx } from "../../src/data/idx.ts";
import { loadMnistSubset } from "../../src/data/load-mnist-subset.ts";
import { MANIFEST_VERSION } from "../../src/data/manifest.ts";
import { loadMnistFile } from "../../src/data/mnist-file.ts";
import { readIdxFile } from "../../src/data/mnist-node.ts";

describe("encodeIdx", () => {
  it.each([
    ["u8", NaN, "encodeIdx: value NaN at index 1 does not fit u8 (whole numbers 0 … 255)"],
    ["u8", 300, "encodeIdx: value 300 at index 1 does not fit u8 (whole numbers 0 … 255)"],
    ["u8", 1.5, "encodeIdx: value 1.5 at index 1 does not fit u8 (whole numbers 0 … 255)"],
    ["i8", -129, "encodeIdx: value -129 at index 1 does not fit i8 (whole numbers -128 … 127)"],
    ["i16", 40000, "encodeIdx: value 40000 at index 1 does not fit i16 (whole numbers -32768 … 32767)"],
    ["i32", 2 ** 31, "encodeIdx: value 2147483648 at index 1 does not fit i32"],
    ["f32", 1e39, "encodeIdx: value 1e+39 at index 1 does not fit f32 (numbers up to ±3.4e38)"],
  ] as const)("refuses a %s value %s instead of wrapping it", (dtype, value, message) => {
    expect(() => encodeIdx({ dtype, dims: [2], data: Float64Array.of(1, value) as never })).toThrow(message);
  });

  it("writes values that fit, including NaN in a float file", () => {
    expect(encodeIdx({ dtype: "u8", dims: [2], data: Uint8Array.of(0, 255) }).length).toBe(4 + 4 + 2);
    expect(encodeIdx({ dtype: "f64", dims: [1], data: Float64Array.of(NaN) }).length).toBe(4 + 4 + 8);
  });
});

describe("parseCsvDataset", () => {
  it("reads 130 000 rows (3.7 MB, under the page's 5 MB limit) without a stack overflow", () => {
    const lines = Array.from({ length: 130_000 }, (_, i) => `${(i % 977) / 100},${-(i % 13) / 7},${i % 3}`);
    const text = lines.join("\n");
    const { X, y } = parseCsvDataset(text);
    expect(X.shape).toEqual([130_000, 2]);
    expect(y[129_999]).toBe(129_999 % 3);
  });

  it.each(["1e8", "1e300", String(2 ** 32)])(
    "checks label %s against the number of rows before allocating anything",
    (label) => {
      expect(() => parseCsvDataset(`0,0,0\n1,1,${label}\n2,2,1`)).toThrow(
        `line 2: label ${label} means classes 0 … ${Number(label)}, but there are only 3 points — number the classes from 0 without gaps`,
      );
    },
  );

  it.each([
    ["0x10", "x1"],
    ["0b11", "x1"],
    ["0o7", "x1"],
    ["Infinity", "x1"],
    ["1_0", "x1"],
  ])("refuses %s, naming the line", (field, name) => {
    expect(() => parseCsvDataset(`0,0,0\n${field},1,1`)).toThrow(
      `line 2: ${name} is "${field}", expected a number such as 0.5 or -1.2`,
    );
    expect(() => parseCsvDataset(`0,0,0\n1,1,${field}`)).toThrow(`line 2: label is "${field}"`);
  });
});

describe("no spread over data", () => {
  // Math.max(...xs) passes every element as an argument: a long list overflows the stack (the CSV above).
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
    );
  const root = new URL("../../", import.meta.url).pathname;
  it("src (but the dev tools) and the chapter that reads the reader's data use loops, not Math.max(...)", () => {
    const sources = [
      ...files(join(root, "src")).filter((f) => /\.(ts|astro)$/.test(f) && !f.includes("/src/tools/")),
      join(root, "content/09-synthetic.mdx"),
    ];
    const spreads = sources.flatMap((f) =>
      readFileSync(f, "utf8")
        .split("\n")
        .flatMap((line, i) =>
          /Math\.(max|min)\(\s*\.\.\./.test(line) ? [`${f.slice(root.length)}:${i + 1}`] : [],
        ),
    );
    expect(spreads).toEqual([]);
  });
});

describe("the manifest", () => {
  const manifest = {
    format: "mnist-subsets",
    version: MANIFEST_VERSION,
    source: "test",
    subsets: { train: {}, test: {} },
  };
  const reading = (text: string) => ({
    read: async (file: string) => {
      if (file === "manifest.json") return new TextEncoder().encode(text);
      throw new Error(`unexpected read of ${file}`);
    },
  });

  it.each(["constructor", "__proto__", "toString", "hasOwnProperty"])(
    "has no subset %s (own properties only)",
    async (name) => {
      const options = reading(JSON.stringify(manifest));
      await expect(loadMnistSubset(name, options)).rejects.toThrow(
        `loadMnistSubset: no subset "${name}" in manifest.json (it has train, test)`,
      );
      await expect(loadMnistFile(name, "images", options)).rejects.toThrow(
        `loadMnistFile: no subset "${name}" in manifest.json (it has train, test)`,
      );
    },
  );

  it("that is not JSON is named, not a raw SyntaxError", async () => {
    const options = reading('{"format": "mnist-subsets", ');
    await expect(loadMnistSubset("train", options)).rejects.toThrow(
      "loadMnistSubset: manifest.json is not valid JSON (",
    );
    await expect(loadMnistFile("train", "labels", options)).rejects.toThrow(
      "loadMnistFile: manifest.json is not valid JSON (",
    );
  });

  it("whose subsets or entries are broken says which", async () => {
    const arrays = reading(JSON.stringify({ ...manifest, subsets: [] }));
    await expect(loadMnistSubset("train", arrays)).rejects.toThrow(
      'loadMnistSubset: manifest.json is not an MNIST subset manifest (format "mnist-subsets")',
    );
    const entry = reading(JSON.stringify({ ...manifest, subsets: { train: { images: 3 } } }));
    await expect(loadMnistSubset("train", entry)).rejects.toThrow(
      'loadMnistSubset: manifest.json: subset "train" has no images file entry ({ file, bytes, sha256, raw: { bytes, sha256 } }): rebuild public/data with npm run data',
    );
  });
});

describe("gzip", () => {
  const raw = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 251);
  const gz = gzipSync(raw);

  it.each([
    ["truncated", gz.subarray(0, gz.length - 9)],
    ["cut in its trailer", gz.subarray(0, gz.length - 2)],
    ["corrupt", Uint8Array.from(gz, (b, i) => (i === 30 ? b ^ 0xff : b))],
  ])("%s gzip is named as not valid gzip", async (_what, bytes) => {
    await expect(gunzipIfNeeded(bytes, "train-images.idx3.gz")).rejects.toThrow(
      /^train-images\.idx3\.gz is not valid gzip \(.+\): the file is truncated or corrupt$/,
    );
  });

  it("a gzipped IDX file on disk that is truncated names its path", () => {
    const dir = mkdtempSync(join(tmpdir(), "idx-"));
    const path = join(dir, "labels.gz");
    writeFileSync(
      path,
      gzipSync(encodeIdx({ dtype: "u8", dims: [3], data: Uint8Array.of(1, 2, 3) })).subarray(0, 20),
    );
    expect(() => readIdxFile(path)).toThrow(`${path} is not valid gzip (`);
  });
});
