// The browser's MNIST: the subsets that `npm run data` wrote into public/data, fetched from the site itself.
import type { Dataset } from "./dataset.ts";
import { gunzipIfNeeded } from "./gunzip.ts";
import { parseIdx } from "./idx.ts";
import { MANIFEST_FILE, readManifest, subsetEntry, type ManifestFile } from "./manifest.ts";
import { toDataset } from "./mnist-dataset.ts";
import { sha256Hex } from "./sha256.ts";

/** Where loadMnistSubset reads from: the site's base URL, or a reader of the data folder's files. */
export interface LoadSubsetOptions {
  /** The site's base URL; by default Astro's import.meta.env.BASE_URL, resolved against the page. */
  base?: string | URL;
  /** Reads a file of the data folder by name; by default fetches it from `<base>data/`. */
  read?: (file: string) => Promise<Uint8Array>;
}

const where = "loadMnistSubset";

/** Loads a subset ("train" or "test") written by the build into public/data, and decodes it. */
export async function loadMnistSubset(name: string, options: LoadSubsetOptions = {}): Promise<Dataset> {
  const read = options.read ?? fetchFrom(dataUrl(options.base));
  const entry = subsetEntry(await readManifest(read, where), name, where);
  const [images, labels] = await Promise.all([
    readChecked(read, entry.images),
    readChecked(read, entry.labels),
  ]);
  const ds = toDataset(
    parseIdx(await gunzipIfNeeded(images, entry.images.file)),
    parseIdx(await gunzipIfNeeded(labels, entry.labels.file)),
  );
  if (ds.y.length !== entry.count) {
    throw new Error(
      `${where}: ${entry.images.file} holds ${ds.y.length} examples, ${MANIFEST_FILE} says ${entry.count}`,
    );
  }
  return ds;
}

/** A file named by the manifest, checked against its recorded size and SHA-256. */
export async function readChecked(
  read: (file: string) => Promise<Uint8Array>,
  f: ManifestFile,
): Promise<Uint8Array> {
  return checkFile(await read(f.file), f, where);
}

/**
 * Checks bytes against a manifest entry: gzip bytes against the served file's size and SHA-256; other bytes
 * of a .gz file (a server may send it decompressed, with Content-Encoding: gzip, as astro preview does)
 * against the raw IDX size and SHA-256. Throws, naming the file, when they differ.
 */
export async function checkFile(bytes: Uint8Array, f: ManifestFile, op: string): Promise<Uint8Array> {
  const gz = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const expected = f.file.endsWith(".gz") && !gz ? f.raw : f;
  const what = expected === f ? f.file : `${f.file} (sent decompressed)`;
  const stale = `: rebuild public/data with npm run data`;
  if (bytes.length !== expected.bytes) {
    throw new Error(
      `${op}: ${what} is ${bytes.length} bytes, ${MANIFEST_FILE} says ${expected.bytes}${stale}`,
    );
  }
  const hash = await sha256Hex(bytes);
  if (hash !== undefined && hash !== expected.sha256) {
    throw new Error(`${op}: ${what} has SHA-256 ${hash}, ${MANIFEST_FILE} says ${expected.sha256}${stale}`);
  }
  return bytes;
}

/** `<base>data/` as an absolute URL: the site's base, resolved against the page (or worker) location. */
export function dataUrl(base: string | URL | undefined): URL {
  const b = base ?? (import.meta as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? "/";
  const location = (globalThis as { location?: { href: string; protocol: string; origin: string } }).location;
  // A worker started from a blob: URL (the notebook's) has no path to resolve against, only its origin.
  const here = location?.protocol === "blob:" ? `${location.origin}/` : location?.href;
  try {
    return new URL("data/", new URL(String(b).endsWith("/") ? String(b) : `${String(b)}/`, here));
  } catch {
    throw new Error(
      `${where}: cannot resolve the base URL "${String(b)}" outside a page; pass { base: "http://host/path/" }, ` +
        `or in Node use loadMnistSubsetFromDisk from src/data/mnist-node.ts`,
    );
  }
}

export function fetchFrom(url: URL): (file: string) => Promise<Uint8Array> {
  return async (file) => {
    const u = new URL(file, url);
    const response = await fetch(u);
    if (!response.ok) {
      throw new Error(
        `${where}: fetching ${u.href} failed: HTTP ${response.status} (was npm run data run before the build?)`,
      );
    }
    return new Uint8Array(await response.arrayBuffer());
  };
}
