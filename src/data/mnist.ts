// MNIST: the data set (normalise, flatten, one-hot), subsets, and the browser's loader of the built subsets.
export { MNIST_CLASSES, normalise, oneHotDigits, toDataset } from "./mnist-dataset.ts";
export { loadMnistSubset, type LoadSubsetOptions } from "./load-mnist-subset.ts";
export { loadMnistFile, type MnistPart } from "./mnist-file.ts";
export { subset, subsetIndices } from "./subset.ts";
export {
  loadMnistFull,
  type ByteDataset,
  type LoadFullOptions,
  type LoadProgress,
  type MnistFull,
} from "./mnist-full.ts";
export { pixelRows } from "./pixel-rows.ts";
