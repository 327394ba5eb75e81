// `node src/tools/mnist-full-recipes.ts [--json]`: the recipes chapter 10's "All 60 000" section compares,
// each trained on the full MNIST (as bytes, through pixelRows) with the test accuracy on all 10 000 test
// images after every epoch. The chapter quotes them from src/tools/mnist-full-recipes.json, written by
// `node src/tools/mnist-full-recipes.ts --json > src/tools/mnist-full-recipes.json` (then prettier); its test
// checks the prose against that file, and that the chapter's own run gives the "halving" figures exactly.
import { loadMnistFullFromDisk } from "../data/mnist-node.ts";
import { accuracy, adam, MLP, predictBatches, train } from "../mlp/index.ts";

export interface Recipe {
  name: string;
  sizes: number[];
  eta: number;
  /** η is multiplied by this after every epoch. */
  decay: number;
  epochs: number;
}

/** Batches of 100, ReLU, softmax + cross-entropy, weights seed 1, shuffles seed 1: the chapter's cell. */
export const RECIPES: Recipe[] = [
  { name: "constant", sizes: [784, 256, 128, 10], eta: 0.001, decay: 1, epochs: 6 },
  { name: "halving", sizes: [784, 256, 128, 10], eta: 0.002, decay: 0.5, epochs: 4 },
  { name: "smaller", sizes: [784, 256, 10], eta: 0.002, decay: 0.5, epochs: 4 },
];

export interface RecipeResult extends Recipe {
  testAccuracy: number[]; // after each epoch
  secondsPerEpoch: number[];
}

export async function runRecipe(recipe: Recipe): Promise<RecipeResult> {
  const full = await loadMnistFullFromDisk();
  const net = new MLP({
    sizes: recipe.sizes,
    hidden: "relu",
    output: "softmax",
    loss: "crossEntropy",
    seed: 1,
  });
  const optimizer = adam({ eta: recipe.eta });
  const testAccuracy: number[] = [];
  const secondsPerEpoch: number[] = [];
  await train(net, full.train.X, full.train.y, {
    epochs: recipe.epochs,
    batchSize: 100,
    optimizer,
    seed: 1,
    onEpoch: ({ seconds }) => {
      testAccuracy.push(accuracy(predictBatches(net, full.test.X), full.test.y));
      secondsPerEpoch.push(seconds);
      optimizer.eta *= recipe.decay;
    },
  });
  return { ...recipe, testAccuracy, secondsPerEpoch };
}

if (import.meta.main) {
  const results: RecipeResult[] = [];
  for (const recipe of RECIPES) {
    const r = await runRecipe(recipe);
    results.push(r);
    const accuracies = r.testAccuracy.map((a) => `${(100 * a).toFixed(2)}%`).join(", ");
    if (!process.argv.includes("--json")) console.log(`${r.name} (${r.sizes.join("-")}): ${accuracies}`);
  }
  if (process.argv.includes("--json")) console.log(JSON.stringify({ recipes: results }, null, 2));
}
