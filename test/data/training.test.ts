// The data sets are learnable by the library's MLP: each test trains a small network from a fixed seed and
// checks the accuracy the chapters promise.
import { describe, expect, it } from "vitest";
import { makeMoons } from "../../src/data/make-moons.ts";
import { makeSpirals } from "../../src/data/make-spirals.ts";
import { subset } from "../../src/data/subset.ts";
import { loadMnist } from "../../src/data/mnist-node.ts";
import { accuracy, adam, MLP, train } from "../../src/mlp/index.ts";

describe("training on the data sets", () => {
  it("moons (500 points, noise 0.15): a 2-16-16-2 tanh network reaches ≥ 97% training accuracy", async () => {
    const { X, y } = makeMoons({ n: 500, noise: 0.15, seed: 1 });
    const net = new MLP({ sizes: [2, 16, 16, 2], hidden: "tanh", seed: 1 });
    await train(net, X, y, { epochs: 100, batchSize: 32, optimizer: adam({ eta: 0.01 }), seed: 1 });
    expect(accuracy(net.predict(X), y)).toBeGreaterThanOrEqual(0.97);
  });

  it("CS231n spirals (3 classes × 100 points): 100 ReLU hidden units reach ≥ 95% training accuracy", async () => {
    const { X, y } = makeSpirals({ pointsPerClass: 100, classes: 3, seed: 1 });
    const net = new MLP({ sizes: [2, 100, 3], hidden: "relu", seed: 1 });
    // A linear classifier gets about 50% here; the hidden layer is what bends the boundary round the arms.
    await train(net, X, y, { epochs: 300, batchSize: 300, optimizer: adam({ eta: 0.02 }), seed: 1 });
    expect(accuracy(net.predict(X), y)).toBeGreaterThanOrEqual(0.95);
  });

  it("MNIST: 5 epochs on the site's 5000-image training subset reach ≥ 90% on the 10000 test images", async () => {
    const { train: full, test } = loadMnist();
    const part = subset(full, 5000, 0); // the subset npm run data serves as "train"
    const net = new MLP({ sizes: [784, 64, 10], hidden: "relu", seed: 1 });
    await train(net, part.X, part.y, { epochs: 5, batchSize: 32, optimizer: adam({ eta: 0.001 }), seed: 1 });
    expect(accuracy(net.predict(test.X), test.y)).toBeGreaterThanOrEqual(0.9);
  });
});
