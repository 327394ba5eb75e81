// Fuzzing the MNIST subset loader: a good manifest and good files, then one value of the manifest replaced
// (by junk, a name of Object.prototype, a number too large), the manifest cut, or a file damaged. Each run
// loads exactly what the manifest describes, or is refused with a message that names manifest.json, the
// file or the check; never an internal TypeError. And gzip streams, cut or changed anywhere.
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gunzipIfNeeded } from "../../src/data/gunzip.ts";
import { encodeIdx } from "../../src/data/idx.ts";
import { loadMnistSubset } from "../../src/data/load-mnist-subset.ts";
import { MANIFEST_FORMAT, MANIFEST_VERSION } from "../../src/data/manifest.ts";
import { expectRefusal, fuzzAsync } from "./fuzz.ts";
import { asText, hostileJson, mutateAt, type Json } from "./mutate.ts";

const RUNS = 1500;

const entry = (file: string, bytes: Uint8Array, raw: Uint8Array) => ({
  file,
  bytes: bytes.length,
  sha256: createHash("sha256").update(bytes).digest("hex"),
  raw: { bytes: raw.length, sha256: createHash("sha256").update(raw).digest("hex") },
});
const rawImages = encodeIdx({
  dtype: "u8",
  dims: [3, 2, 2],
  data: Uint8Array.from({ length: 12 }, (_, i) => i * 20),
});
const rawLabels = encodeIdx({ dtype: "u8", dims: [3], data: Uint8Array.of(0, 1, 2) });
const files: Record<string, Uint8Array> = {
  "train-images.gz": new Uint8Array(gzipSync(rawImages)), // a copy: Buffer's slice() would be a view
  "train-labels.gz": new Uint8Array(gzipSync(rawLabels)),
};
const manifest = {
  format: MANIFEST_FORMAT,
  version: MANIFEST_VERSION,
  source: "fuzz",
  subsets: {
    train: {
      split: "train",
      count: 3,
      selection: "first",
      seed: null,
      classCounts: [1, 1, 1],
      images: entry("train-images.gz", files["train-images.gz"]!, rawImages),
      labels: entry("train-labels.gz", files["train-labels.gz"]!, rawLabels),
    },
  },
} as unknown as Json;

/** null most of the time: each kind of damage is rare, so that some runs carry only one or none. */
const rarely = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary, weight: 1 });

const damage = fc.record({
  which: fc.nat(),
  by: hostileJson,
  infinity: rarely(fc.nat()),
  cut: rarely(fc.nat()),
  name: fc.oneof(
    fc.constant("train"),
    fc.constantFrom("test", "constructor", "__proto__", "toString"),
    fc.string(),
  ),
  file: rarely(fc.tuple(fc.constantFrom("train-images.gz", "train-labels.gz"), fc.nat(), fc.nat(255))),
});

const ours =
  /^(loadMnistSubset: .+|read: no file .+|\S+ is not valid gzip \(.+\): the file is truncated or corrupt|IDX: .+|toDataset: .+|Matrix: .+)$/s;

describe("fuzz: loadMnistSubset", () => {
  it(`loads what the manifest says or names what is wrong, for ${RUNS} damaged manifests and files`, async () => {
    const tried = await fuzzAsync(
      "loadMnistSubset",
      damage,
      async ({ which, by, infinity, cut, name, file }) => {
        let text = asText(mutateAt(manifest, which, by), infinity);
        if (cut !== null) text = text.slice(0, cut % (text.length + 1));
        const served = { ...files };
        if (file) {
          const bytes = served[file[0]]!.slice();
          bytes[file[1] % bytes.length] = file[2];
          served[file[0]] = bytes;
        }
        const read = async (f: string): Promise<Uint8Array> => {
          if (f === "manifest.json") return new TextEncoder().encode(text);
          if (!Object.hasOwn(served, f)) throw new Error(`read: no file ${f}`);
          return served[f]!;
        };
        let ds;
        try {
          ds = await loadMnistSubset(name, { read });
        } catch (error) {
          expectRefusal(error, ours);
          return false;
        }
        const described = JSON.parse(text).subsets[name];
        expect(ds.y.length).toBe(described.count);
        expect(ds.X.rows).toBe(ds.y.length);
        expect(Array.from(ds.y)).toEqual([0, 1, 2]); // only the real files pass their SHA-256
        return true;
      },
      RUNS,
    );
    expect(tried).toBe(RUNS);
  });
});

describe("fuzz: gunzipIfNeeded", () => {
  const streams = fc.tuple(
    fc.uint8Array({ maxLength: 300 }),
    fc.nat(),
    fc.nat(),
    fc.integer({ min: 0, max: 255 }),
    fc.constantFrom("cut", "change", "append", "none"),
  );
  it(`gives back the bytes exactly or says "not valid gzip", for ${RUNS} damaged streams`, async () => {
    const tried = await fuzzAsync(
      "gunzipIfNeeded",
      streams,
      async ([raw, at, length, byte, how]) => {
        let gz = new Uint8Array(gzipSync(raw));
        if (how === "cut") gz = gz.subarray(0, 2 + (at % (gz.length - 1)));
        if (how === "change") {
          gz = gz.slice();
          {
            const i = 2 + (at % (gz.length - 2));
            gz[i] = gz[i]! ^ (byte || 1);
          }
        }
        if (how === "append")
          gz = Uint8Array.from([...gz, ...Array.from({ length: 1 + (length % 8) }, () => byte)]);
        let out;
        try {
          out = await gunzipIfNeeded(gz, "data.gz");
        } catch (error) {
          expectRefusal(error, /^data\.gz is not valid gzip \(.+\): the file is truncated or corrupt$/);
          return false;
        }
        expect(Array.from(out)).toEqual(Array.from(raw)); // a changed stream that decodes must decode to the same
        return true;
      },
      RUNS,
    );
    expect(tried).toBe(RUNS);
  });
});
