// `npm run bench`: how fast the library multiplies and trains, in figures comparable with the numpy
// baseline (same initial weights, same shuffles, so the same numbers). `npm run bench -- --json` prints one
// JSON object instead. Options: --epochs=3, --skip-matmul.
//
// The MNIST runs follow the baseline exactly: 784-128-10, softmax + cross-entropy, minibatch SGD with
// batch 100, one thread; W1 then W2 drawn row-major from Rng(42) (He for a ReLU layer, else Glorot);
// each epoch's order from Rng(43).permutation(60000), i.e. Fisher–Yates on seed + 1.

import { loadMnist } from "../data/mnist-node.ts";
import {
  MLP,
  Matrix,
  Rng,
  accuracy,
  matmulInto,
  matmulPlain,
  matmulTransAInto,
  matmulTransBInto,
  sgd,
  train,
  type ActivationName,
} from "../mlp/index.ts";

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=", 2);
    return [k!, v ?? "true"];
  }),
);
const asJson = args.has("json");
const epochs = Number(args.get("epochs") ?? 3);
const log = (line: string): void => {
  if (!asJson) console.log(line);
};

/** Σ_q a_q·((q mod 7) + 1): the baseline's checksum() of a weight matrix, to check the initial weights. */
function checksum(M: Matrix): number {
  let s = 0;
  for (let q = 0; q < M.data.length; q++) s += M.data[q]! * ((q % 7) + 1);
  return s;
}

/** Seconds per call of f: repeats it for at least `budget` seconds after one warm-up call. */
function timeIt(f: () => void, budget = 0.4): number {
  f();
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < budget * 1000) {
    f();
    calls++;
    elapsed = performance.now() - start;
  }
  return elapsed / 1000 / calls;
}

function randomMatrix(rng: Rng, rows: number, cols: number): Matrix {
  const M = new Matrix(rows, cols);
  for (let q = 0; q < M.data.length; q++) M.data[q] = rng.uniform() - 0.5;
  return M;
}

// ---- matrix products --------------------------------------------------------------------------------

interface Shapes {
  name: string;
  run: (out: Matrix, A: Matrix, B: Matrix) => Matrix;
  A: [number, number];
  B: [number, number];
  out: [number, number];
  flops: number;
}

const products: Shapes[] = [
  {
    name: "X·W (100×784)·(784×128)",
    run: matmulInto,
    A: [100, 784],
    B: [784, 128],
    out: [100, 128],
    flops: 0,
  },
  {
    name: "Xᵀ·δ (784×100)·(100×128)",
    run: matmulTransAInto,
    A: [100, 784],
    B: [100, 128],
    out: [784, 128],
    flops: 0,
  },
  {
    name: "δ·Wᵀ (100×10)·(10×128)",
    run: matmulTransBInto,
    A: [100, 10],
    B: [128, 10],
    out: [100, 128],
    flops: 0,
  },
].map((p) => ({ ...p, flops: 2 * 100 * 784 * 128 * (p.name.startsWith("δ") ? 10 / 784 : 1) }) as Shapes);

function benchProducts(mnistBatch: Matrix | null): Record<string, Record<string, number>> {
  const rng = new Rng(7);
  const dense: Record<string, number> = {};
  const sparse: Record<string, number> = {};
  for (const p of products) {
    const A = randomMatrix(rng, ...p.A);
    const B = randomMatrix(rng, ...p.B);
    const out = new Matrix(...p.out);
    dense[p.name] = p.flops / timeIt(() => p.run(out, A, B)) / 1e9;
    if (mnistBatch && p.A[1] === 784)
      sparse[p.name] = p.flops / timeIt(() => p.run(out, mnistBatch, B)) / 1e9;
  }
  const A = randomMatrix(rng, 100, 784);
  const B = randomMatrix(rng, 784, 128);
  const plain = { [products[0]!.name]: products[0]!.flops / timeIt(() => matmulPlain(A, B), 0.2) / 1e9 };
  return { dense, mnist: sparse, plain };
}

// ---- MNIST ------------------------------------------------------------------------------------------

interface Run {
  hidden: ActivationName;
  eta: number;
  init_checksum: [number, number];
  epoch_s: number[];
  train_loss: number[];
  test_acc: number[];
}

async function mnistRun(
  data: ReturnType<typeof loadMnist>,
  hidden: ActivationName,
  eta: number,
): Promise<Run> {
  const net = new MLP({ sizes: [784, 128, 10], hidden, output: "softmax", seed: 42 });
  const run: Run = {
    hidden,
    eta,
    init_checksum: [checksum(net.layers[0]!.W), checksum(net.layers[1]!.W)],
    epoch_s: [],
    train_loss: [],
    test_acc: [],
  };
  log(`\n784-128-10 ${hidden}, softmax + cross-entropy, sgd eta ${eta}, batch 100, ${epochs} epochs`);
  log(`  init checksums W1 ${run.init_checksum[0]}  W2 ${run.init_checksum[1]}`);
  await train(net, data.train.X, data.train.y, {
    epochs,
    batchSize: 100,
    optimizer: sgd({ eta }),
    seed: 43,
    yieldEveryMs: Infinity,
    onEpoch: ({ epoch, loss, seconds }) => {
      const acc = accuracy(net.predict(data.test.X), data.test.y);
      run.epoch_s.push(seconds);
      run.train_loss.push(loss);
      run.test_acc.push(acc);
      log(`  epoch ${epoch}: ${seconds.toFixed(3)} s, train loss ${loss}, test accuracy ${acc}`);
    },
  });
  return run;
}

const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

const loadStart = performance.now();
const data = loadMnist();
log(
  `node ${process.versions.node}; MNIST loaded in ${((performance.now() - loadStart) / 1000).toFixed(2)} s`,
);

let gflops: Record<string, Record<string, number>> = {};
if (!args.has("skip-matmul")) {
  const batch = new Matrix(100, 784, data.train.X.data.slice(0, 100 * 784));
  gflops = benchProducts(batch);
  log("\nmatrix products, GFLOP/s (2·m·n·p flops per product, one thread):");
  for (const [name, value] of Object.entries(gflops.dense!)) {
    const onMnist = gflops.mnist![name];
    log(
      `  ${name}: ${value.toFixed(2)} dense` + (onMnist ? `, ${onMnist.toFixed(2)} on an MNIST batch` : ""),
    );
  }
  for (const [name, value] of Object.entries(gflops.plain!))
    log(`  ${name}: ${value.toFixed(2)} plain triple loop`);
}

// The run to compare with `np_mlp.py --act=sigmoid --lr=0.1`, then the one that reaches 97%.
const sigmoidRun = await mnistRun(data, "sigmoid", 0.1);
const reluRun = await mnistRun(data, "relu", 0.5);

const result = {
  node_version: process.versions.node,
  matmul_gflops: gflops.dense ?? {},
  matmul_gflops_mnist_batch: gflops.mnist ?? {},
  matmul_gflops_plain: gflops.plain ?? {},
  mnist_epoch_s: mean(sigmoidRun.epoch_s),
  mnist_epoch_s_relu: mean(reluRun.epoch_s),
  mnist_test_acc_1: reluRun.test_acc[0],
  mnist_test_acc_3: reluRun.test_acc[2],
  mnist_config: "784-128-10 relu, softmax + cross-entropy, sgd eta 0.5, batch 100 (test accuracy keys)",
  runs: [sigmoidRun, reluRun],
};
if (asJson) console.log(JSON.stringify(result));
else {
  log(
    `\nmnist_epoch_s ${result.mnist_epoch_s.toFixed(3)} (sigmoid), ${result.mnist_epoch_s_relu.toFixed(3)} (relu)`,
  );
  log(
    `mnist_test_acc_1 ${result.mnist_test_acc_1}, mnist_test_acc_3 ${result.mnist_test_acc_3} (relu, eta 0.5)`,
  );
}
