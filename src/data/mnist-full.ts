// All of MNIST in a page: the full training (60 000) and test (10 000) sets that `npm run data` writes beside
// the subsets, fetched only when a cell asks, with progress, each file checked against the manifest's SHA-256
// and kept in the browser's Cache Storage so that a later visit (or one offline) reads them from there.
// The pixels stay bytes; train and predictBatches turn them into numbers a batch at a time (pixelRows).
import type { BatchSource } from "../mlp/batch-source.ts";
import { download } from "./download.ts";
import { cacheStorage, type FileStore } from "./file-store.ts";
import { gunzipIfNeeded } from "./gunzip.ts";
import { parseIdx } from "./idx.ts";
import { dataUrl, fetchFrom, checkFile } from "./load-mnist-subset.ts";
import { checkManifest, MANIFEST_FILE, type ManifestFile, type ManifestSubset } from "./manifest.ts";
import { pixelRows } from "./pixel-rows.ts";

/** A labelled image set kept as bytes: X gathers rows as numbers in [0, 1]; pixels holds them as bytes. */
export interface ByteDataset {
  X: BatchSource; // (m, 784) when gathered
  y: Int32Array; // (m)
  pixels: Uint8Array; // (m·784) bytes 0 … 255
}

/** The full MNIST: train (60 000 rows) and test (10 000 rows) of 784 pixels, with where the files came from. */
export interface MnistFull {
  train: ByteDataset;
  test: ByteDataset;
  /** Bytes of the four files as the manifest gives them (gzipped). */
  bytes: number;
  /** Where the files came from: "network" (some or all downloaded), "cache" (none downloaded) or "files". */
  source: "network" | "cache" | "files";
  /** One line for the reader: what was fetched, from where, and whether it was kept for next time. */
  report: string;
}

/** How far the whole load has got, in bytes of the gzipped files. */
export interface LoadProgress {
  loaded: number;
  total: number;
  file: string;
}

/** Where loadMnistFull reads from, how it reports progress, and where it keeps the files. */
export interface LoadFullOptions {
  /** The site's base URL (see loadMnistSubset). */
  base?: string | URL;
  /** Reads a file of the data folder by name instead of fetching it (Node: from public/data on disk). */
  read?: (file: string) => Promise<Uint8Array>;
  onProgress?: (progress: LoadProgress) => void;
  /** Where verified files are kept between visits; default the browser's Cache Storage, null for none. */
  store?: FileStore | null;
}

const where = "loadMnistFull";
export const FULL_SETS = { train: "train-full", test: "test-full" } as const;

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** The full MNIST: 60 000 training and 10 000 test images as bytes, with their labels. */
export async function loadMnistFull(options: LoadFullOptions = {}): Promise<MnistFull> {
  const url = options.read ? null : dataUrl(options.base);
  const readManifest = options.read ?? fetchFrom(url!);
  const manifest = checkManifest(
    JSON.parse(new TextDecoder().decode(await readManifest(MANIFEST_FILE))),
    where,
  );
  const entries = Object.values(FULL_SETS).map((name) => {
    const entry = manifest.subsets[name];
    if (!entry) {
      throw new Error(`${where}: no "${name}" in ${MANIFEST_FILE}: rebuild public/data with npm run data`);
    }
    return entry;
  });
  const files = entries.flatMap((e) => [e.images, e.labels]);
  const total = files.reduce((a, f) => a + f.bytes, 0);
  const store = options.read ? null : options.store === undefined ? cacheStorage() : options.store;
  const done = new Map<string, number>(); // file → bytes of it loaded, in gzipped bytes
  const report = (file: string) =>
    options.onProgress?.({ loaded: [...done.values()].reduce((a, b) => a + b, 0), total, file });

  let downloaded = 0;
  let notKept: string | null = store
    ? null
    : "this page has no Cache Storage, so the next visit downloads again";
  const load = async (f: ManifestFile): Promise<Uint8Array> => {
    if (options.read) {
      const bytes = await checkFile(await options.read(f.file), f, where);
      done.set(f.file, f.bytes);
      report(f.file);
      return bytes;
    }
    const key = `${new URL(f.file, url!).href}?sha256=${f.sha256}`;
    const kept = await store?.get(key).catch(() => undefined);
    if (kept) {
      const ok = await checkFile(kept, f, where).catch(() => undefined); // a damaged copy is fetched again
      if (ok) {
        done.set(f.file, f.bytes);
        report(f.file);
        return ok;
      }
    }
    const fetched = await download(
      new URL(f.file, url!),
      f,
      (received, expected) => {
        done.set(f.file, (f.bytes * received) / expected);
        report(f.file);
      },
      where,
    );
    const bytes = await checkFile(fetched, f, where);
    downloaded += f.bytes;
    try {
      await store?.put(key, bytes);
    } catch (error) {
      const name = (error as Error).name;
      notKept =
        name === "QuotaExceededError"
          ? "the browser's storage is full (QuotaExceededError), so the files were not kept: training goes on, the next visit downloads them again"
          : `the files could not be kept (${String(error)}): training goes on, the next visit downloads them again`;
    }
    return bytes;
  };

  report(files[0]!.file);
  const sets: ByteDataset[] = [];
  for (const entry of entries) {
    // One file after another: the progress of one large download reads better than four interleaved.
    const images = await load(entry.images);
    const labels = await load(entry.labels);
    sets.push(await decode(entry, images, labels));
  }
  const source = options.read ? "files" : downloaded > 0 ? "network" : "cache";
  const what = `${sets[0]!.y.length} training and ${sets[1]!.y.length} test images, ${MB(total)}`;
  const line =
    source === "files"
      ? `${what}, read from the site's files`
      : source === "cache"
        ? `${what}, read from this browser's cache (nothing downloaded)`
        : `${what}: downloaded ${MB(downloaded)}, SHA-256 checked, ${notKept ?? "kept in this browser's cache for next time"}`;
  return { train: sets[0]!, test: sets[1]!, bytes: total, source, report: line };
}

/**
 * Images and labels as a ByteDataset. The pixels are a view past the images file's 16-byte IDX header, not a
 * copy (parseIdx would copy 47 MB the worker then holds twice until the next garbage collection).
 */
async function decode(entry: ManifestSubset, images: Uint8Array, labels: Uint8Array): Promise<ByteDataset> {
  const raw = await gunzipIfNeeded(images);
  const lab = parseIdx(await gunzipIfNeeded(labels));
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const header = raw.length >= 16 && view.getUint32(0) === 0x00000803; // u8, three dimensions
  const [m, rows, cols] = header ? [view.getUint32(4), view.getUint32(8), view.getUint32(12)] : [0, 0, 0];
  if (!header || raw.length !== 16 + m * rows * cols || m !== entry.count || lab.dims[0] !== m) {
    throw new Error(
      `${where}: ${entry.images.file} and ${entry.labels.file} are not IDX files of ${entry.count} u8 images and their labels, as ${MANIFEST_FILE} says`,
    );
  }
  const pixels = raw.subarray(16); // (m·rows·cols) bytes
  return { X: pixelRows(pixels, m, rows * cols), y: Int32Array.from(lab.data), pixels };
}
