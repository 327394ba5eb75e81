// "data" for a chapter's script in Node: as in the page, except that MNIST is read from public/data on disk
// (`npm run data` writes it) instead of fetched, as the build reads it (node-runner.ts).
import type { LoadFullOptions, MnistPart } from "../../data/index.ts";
import {
  loadMnistFileFromDisk,
  loadMnistFullFromDisk,
  loadMnistSubsetFromDisk,
} from "../../data/mnist-node.ts";

export * from "../../data/index.ts";

/** The subset `name` ("train", "test") from public/data. */
export const loadMnistSubset = (name: string) => loadMnistSubsetFromDisk(name);
/** One subset file's raw IDX bytes from public/data. */
export const loadMnistFile = (name: string, part: MnistPart) => loadMnistFileFromDisk(name, part);
/** The full MNIST from public/data. */
export const loadMnistFull = (options?: LoadFullOptions) => loadMnistFullFromDisk(options);
