// The library's public face: what a notebook cell may import from "mlp". Only re-exports.

export * from "./matrix.ts";
export * from "./matmul.ts";
export * from "./random.ts";
export { cos, sin } from "./elementary.ts";
export * from "./init.ts";
export * from "./activations.ts";
export * from "./losses.ts";
export * from "./onehot.ts";
export * from "./layer.ts";
export * from "./network.ts";
export * from "./workspace.ts";
export * from "./optimizers.ts";
export * from "./batch-source.ts";
export * from "./train.ts";
export * from "./metrics.ts";
export * from "./gradcheck.ts";
