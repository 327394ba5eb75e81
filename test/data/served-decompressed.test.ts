// A server that sends the .gz subsets decompressed (Content-Encoding: gzip, as astro preview does) still
// gives the same data, checked against the raw size and SHA-256 the manifest records beside the gzipped ones.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { loadMnistSubset } from "../../src/data/load-mnist-subset.ts";
import { publicDataDir } from "../../src/data/mnist-node.ts";

const fromDisk = async (file: string) => new Uint8Array(await readFile(join(publicDataDir, file)));
/** As a browser hands over a response whose Content-Encoding was gzip: decompressed. */
const decompressing = async (file: string) => {
  const bytes = await fromDisk(file);
  return file.endsWith(".gz") ? new Uint8Array(gunzipSync(bytes)) : bytes;
};

describe("loadMnistSubset(name, { read }) from a server that decompresses .gz files", () => {
  it("gives the same images and labels as the compressed files", async () => {
    const [plain, served] = await Promise.all([
      loadMnistSubset("test", { read: fromDisk }),
      loadMnistSubset("test", { read: decompressing }),
    ]);
    expect(served.X.shape).toEqual(plain.X.shape);
    expect(Buffer.from(served.X.data.buffer).equals(Buffer.from(plain.X.data.buffer))).toBe(true);
    expect(Array.from(served.y)).toEqual(Array.from(plain.y));
  });

  it("still refuses a compressed file whose size the manifest does not record", async () => {
    const truncated = async (file: string) =>
      (await fromDisk(file)).subarray(0, file.endsWith(".gz") ? 100 : undefined);
    await expect(loadMnistSubset("test", { read: truncated })).rejects.toThrow(
      /^loadMnistSubset: mnist-test-1000-(images-idx3|labels-idx1)-ubyte\.gz is 100 bytes, manifest\.json says \d+: rebuild public\/data with npm run data$/,
    );
  });

  it("checks a decompressed file against the raw SHA-256 the manifest records, and refuses a changed one", async () => {
    const flipped = async (file: string) => {
      const bytes = await decompressing(file);
      if (file.endsWith("labels-idx1-ubyte.gz")) bytes[bytes.length - 1]! ^= 1;
      return bytes;
    };
    await expect(loadMnistSubset("test", { read: flipped })).rejects.toThrow(
      /^loadMnistSubset: mnist-test-1000-labels-idx1-ubyte\.gz \(sent decompressed\) has SHA-256 [0-9a-f]{64}, manifest\.json says [0-9a-f]{64}: rebuild public\/data with npm run data$/,
    );
  });
});
