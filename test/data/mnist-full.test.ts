// loadMnistFull fetches the full sets from the site with progress, checks each file's SHA-256, keeps them in a
// store so the next load downloads nothing, says so when they cannot be kept, and after a broken download
// a second call fetches what is missing.
import { createServer, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkManifest } from "../../src/data/manifest.ts";
import type { FileStore } from "../../src/data/file-store.ts";
import { loadMnistFull, type LoadProgress } from "../../src/data/mnist-full.ts";
import { loadMnistFullFromDisk, publicDataDir, readMnistSplit } from "../../src/data/mnist-node.ts";

const manifest = checkManifest(
  JSON.parse(await readFile(join(publicDataDir, "manifest.json"), "utf8")),
  "test",
);
const fullFiles = ["train-full", "test-full"].flatMap((n) => [
  manifest.subsets[n]!.images,
  manifest.subsets[n]!.labels,
]);
const total = fullFiles.reduce((a, f) => a + f.bytes, 0);

/** What the server does with the next request for a file whose name contains `match`. */
let breakNext: string | null = null;
let decompress = false;
let requests: string[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url!, "http://x").pathname.replace(/^\/site\/data\//, ""));
    requests.push(name);
    readFile(join(publicDataDir, name)).then(
      (body) => {
        if (breakNext && name.includes(breakNext)) {
          breakNext = null;
          // Half the file, then the connection drops: what a reader's flaky network does.
          res.writeHead(200, { "content-length": String(body.length) });
          res.write(body.subarray(0, body.length >> 1), () => res.destroy());
          return;
        }
        if (decompress && name.endsWith(".gz")) {
          // As astro preview serves .gz files: the gzip bytes with Content-Encoding: gzip; fetch unzips them.
          res.writeHead(200, { "content-encoding": "gzip" }).end(body);
          return;
        }
        res.end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/site/`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));
beforeEach(() => {
  requests = [];
  breakNext = null;
  decompress = false;
});

function memoryStore(): FileStore & { keys: string[] } {
  const kept = new Map<string, Uint8Array>();
  return {
    get: async (key) => kept.get(key),
    put: async (key, bytes) => void kept.set(key, bytes),
    get keys() {
      return [...kept.keys()];
    },
  };
}

describe("loadMnistFull({ base, store, onProgress })", () => {
  it("downloads the four files with progress up to their size, and gives LeCun's bytes and labels", async () => {
    const store = memoryStore();
    const progress: LoadProgress[] = [];
    const full = await loadMnistFull({ base, store, onProgress: (p) => progress.push(p) });
    const train = readMnistSplit("train");
    expect(Buffer.from(full.train.pixels).equals(Buffer.from(train.images.data as Uint8Array))).toBe(true);
    expect(Array.from(full.train.y)).toEqual(Array.from(train.labels.data));
    expect([full.train.X.rows, full.train.X.cols, full.test.X.rows]).toEqual([60000, 784, 10000]);
    expect(full.source).toBe("network");
    expect(full.bytes).toBe(total);
    expect(full.report).toBe(
      `60000 training and 10000 test images, ${(total / 1e6).toFixed(1)} MB: downloaded ${(total / 1e6).toFixed(1)} MB, SHA-256 checked, kept in this browser's cache for next time`,
    );
    // Progress only grows, every report has the same total, and it ends at the total.
    expect(progress.length).toBeGreaterThan(4);
    expect(
      progress.every((p, i) => p.total === total && (i === 0 || p.loaded >= progress[i - 1]!.loaded)),
    ).toBe(true);
    expect(progress.at(-1)!.loaded).toBeCloseTo(total, 6);
    expect(store.keys).toHaveLength(4);
    expect(
      store.keys.every((k) => /\/site\/data\/mnist-(train|test)-full-.*\.gz\?sha256=[0-9a-f]{64}$/.test(k)),
    ).toBe(true);

    // A second visit reads every file from the store: only the manifest is fetched.
    requests = [];
    const again = await loadMnistFull({ base, store });
    expect(requests).toEqual(["manifest.json"]);
    expect(again.source).toBe("cache");
    expect(again.report).toBe(
      `60000 training and 10000 test images, ${(total / 1e6).toFixed(1)} MB, read from this browser's cache (nothing downloaded)`,
    );
    expect(Buffer.from(again.test.pixels).equals(Buffer.from(full.test.pixels))).toBe(true);
  });

  it("after a download that breaks off, says how far it got; the next call fetches only what is missing", async () => {
    const store = memoryStore();
    breakNext = "test-full-10000-images";
    await expect(loadMnistFull({ base, store })).rejects.toThrow(
      /^loadMnistFull: the download of mnist-test-full-10000-images-idx3-ubyte\.gz broke off after 0\.\d MB of 1\.6 MB \(.+\)\. Run the cell again to retry \(files already downloaded are kept\)\.$/,
    );
    expect(store.keys).toHaveLength(2); // the training set's two files
    requests = [];
    const full = await loadMnistFull({ base, store });
    expect(requests).toEqual([
      "manifest.json",
      "mnist-test-full-10000-images-idx3-ubyte.gz",
      "mnist-test-full-10000-labels-idx1-ubyte.gz",
    ]);
    expect(full.test.y.length).toBe(10000);
    expect(full.source).toBe("network");
  });

  it("when the store is full it still loads, and says the files were not kept", async () => {
    const full = await loadMnistFull({
      base,
      store: {
        get: async () => undefined,
        put: async () => {
          throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        },
      },
    });
    expect(full.train.y.length).toBe(60000);
    expect(full.report).toContain(
      "the browser's storage is full (QuotaExceededError), so the files were not kept: training goes on, the next visit downloads them again",
    );
  });

  it("a damaged copy in the store is fetched again; files a server unzipped are checked by their raw SHA-256", async () => {
    const store = memoryStore();
    await loadMnistFull({ base, store });
    const key = store.keys.find((k) => k.includes("test-full-10000-labels"))!;
    const copy = Uint8Array.from((await store.get(key))!);
    copy[copy.length - 5]! ^= 1;
    await store.put(key, copy);
    decompress = true;
    requests = [];
    const full = await loadMnistFull({ base, store });
    expect(requests).toEqual(["manifest.json", "mnist-test-full-10000-labels-idx1-ubyte.gz"]);
    expect(Array.from(full.test.y)).toEqual(Array.from(readMnistSplit("test").labels.data));
  });

  it("refuses a file whose bytes differ from the manifest's, naming it", async () => {
    const bad = async (file: string) => {
      const bytes = new Uint8Array(await readFile(join(publicDataDir, file)));
      return file.includes("test-full-10000-labels") ? gzipSync(Uint8Array.of(1, 2, 3)) : bytes;
    };
    await expect(loadMnistFull({ read: bad })).rejects.toThrow(
      /^loadMnistFull: mnist-test-full-10000-labels-idx1-ubyte\.gz is \d+ bytes, manifest\.json says \d+: rebuild public\/data with npm run data$/,
    );
  });

  it("in Node, loadMnistFullFromDisk reads public/data through the same checks", async () => {
    const full = await loadMnistFullFromDisk();
    expect(full.source).toBe("files");
    expect(full.report).toBe(
      `60000 training and 10000 test images, ${(total / 1e6).toFixed(1)} MB, read from the site's files`,
    );
    expect(full.test.pixels.length).toBe(10000 * 784);
  });
});
