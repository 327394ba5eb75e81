// The numbers a seed gives, summed up as hashes of their bits: run in Node by same-numbers.test.ts and, bundled
// by esbuild, in Chromium, which must agree bit for bit. It touches every elementary function the library
// calls: Box–Muller's log, cos and sin (normal initial weights), softmax's exps and the cross-entropy's log,
// tanh, and the sigmoid's exps with the sigmoid cross-entropy's log1p; and the synthetic datasets' sin and cos.
import {
  MLP,
  Matrix,
  Rng,
  adam,
  crossEntropy,
  momentum,
  sgd,
  sigmoid,
  softmax,
  tanh,
  train,
  useKernels,
  type MLPOptions,
  type Optimizer,
} from "../../src/mlp/index.ts";
import { makeCircles } from "../../src/data/make-circles.ts";
import { makeMoons } from "../../src/data/make-moons.ts";
import { makeSpirals } from "../../src/data/make-spirals.ts";

/** FNV-1a over the 32-bit words of the doubles: equal hashes for equal bits (and a differing one otherwise). */
function hashBits(values: ArrayLike<number>): string {
  const words = new Uint32Array(Float64Array.from(values).buffer);
  let h = 0x811c9dc5;
  for (const w of words) {
    for (let shift = 0; shift < 32; shift += 8) h = Math.imul(h ^ ((w >>> shift) & 0xff), 0x01000193);
  }
  return `${(h >>> 0).toString(16).padStart(8, "0")}×${values.length}`;
}

const weightsOf = (net: MLP) => hashBits(net.params().flatMap((M) => Array.from(M.data)));

/** m rows of n inputs in [0, 1), about half of them 0 like a digit's pixels, and labels 0 … K−1. */
function data(seed: number, m: number, n: number, K: number): { X: Matrix; y: number[] } {
  const rng = new Rng(seed);
  const X = new Matrix(m, n);
  for (let q = 0; q < X.data.length; q++) X.data[q] = rng.uniform() < 0.5 ? 0 : rng.uniform();
  return { X, y: Array.from({ length: m }, () => rng.int(K)) };
}

async function trained(
  options: MLPOptions,
  X: Matrix,
  y: number[],
  optimizer: Optimizer,
): Promise<Record<string, string>> {
  const net = new MLP(options);
  const initial = weightsOf(net);
  const outputs = hashBits(net.outputs(X).data);
  const history = await train(net, X, y, { epochs: 2, batchSize: 10, optimizer, seed: 3 });
  return { initial, outputs, "loss per step": hashBits(history.stepLoss), trained: weightsOf(net) };
}

/** Named hashes of what the library computes, with the given inner loops. */
export async function fingerprint(kernels: "wasm" | "typescript"): Promise<Record<string, string>> {
  useKernels(kernels);
  const rng = new Rng(2026);
  const normals = hashBits(Array.from({ length: 20000 }, () => rng.normal()));
  const S = new Matrix(
    200,
    10,
    Float64Array.from({ length: 2000 }, () => 30 * rng.normal()),
  );
  const P = softmax.f(S);
  const Y = new Matrix(200, 10);
  for (let i = 0; i < 200; i++) Y.data[i * 10 + (i % 10)] = 1;
  const digits = data(7, 60, 784, 10);
  const small = data(8, 60, 30, 3);
  const binary = data(9, 60, 30, 2);
  const parts: Record<string, string> = {
    "Rng.normal (Box–Muller)": normals,
    "softmax.f": hashBits(P.data),
    crossEntropy: hashBits([crossEntropy(P, Y)]),
    "sigmoid.f": hashBits(sigmoid.f(S).data),
    "tanh.f": hashBits(tanh.f(S).data),
    makeMoons: hashBits(makeMoons({ n: 300, noise: 0.1, seed: 1 }).X.data),
    makeCircles: hashBits(makeCircles({ n: 300, noise: 0.05, seed: 2 }).X.data),
    makeSpirals: hashBits(makeSpirals({ seed: 3 }).X.data),
  };
  const nets: [string, MLPOptions, { X: Matrix; y: number[] }, Optimizer][] = [
    [
      "784-64-10 relu, normal init, sgd",
      { sizes: [784, 64, 10], init: { std: 0.05, biasStd: 0.01 }, seed: 42 },
      digits,
      sgd({ eta: 0.1 }),
    ],
    [
      "784-64-10 relu, He init, sgd",
      { sizes: [784, 64, 10], hidden: "relu", seed: 42 },
      digits,
      sgd({ eta: 0.1 }),
    ],
    ["30-16-3 tanh, sgd", { sizes: [30, 16, 3], hidden: "tanh", seed: 5 }, small, sgd({ eta: 0.1 })],
    ["30-16-3 tanh, adam", { sizes: [30, 16, 3], hidden: "tanh", seed: 5 }, small, adam({ eta: 0.01 })],
    [
      "30-8-1 sigmoid, sigmoid cross-entropy, momentum",
      { sizes: [30, 8, 1], hidden: "sigmoid", seed: 6 },
      binary,
      momentum({ eta: 0.1, mu: 0.9 }),
    ],
  ];
  for (const [name, options, { X, y }, optimizer] of nets) {
    for (const [part, hash] of Object.entries(await trained(options, X, y, optimizer))) {
      parts[`${name}: ${part}`] = hash;
    }
  }
  return parts;
}
