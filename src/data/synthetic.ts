// The synthetic data sets: each takes a seed (or an Rng) and returns { X: Matrix, y: Int32Array }.
export { makeClassification, type ClassificationOptions } from "./make-classification.ts";
export { makeMoons, type MoonsOptions } from "./make-moons.ts";
export { makeCircles, type CirclesOptions } from "./make-circles.ts";
export { makeBlobs, type BlobsOptions } from "./make-blobs.ts";
export { makeXor, type XorOptions } from "./make-xor.ts";
export { makeSpirals, type SpiralsOptions } from "./make-spirals.ts";
