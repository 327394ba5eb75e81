// The public face of src/data, imported by cells as "data". Browser-safe only: the Node loader of the full
// MNIST lives in mnist-node.ts.
export type { Dataset } from "./dataset.ts";
export type { Seed } from "./rng-from.ts";
export * from "./synthetic.ts";
export { encodeIdx, parseIdx, type Idx, type IdxData, type IdxDtype } from "./idx.ts";
export * from "./mnist.ts";
export { takeRows } from "./take-rows.ts";
export { shuffleRows } from "./shuffle-rows.ts";
export { parseCsvDataset } from "./csv.ts";
