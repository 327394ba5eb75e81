// Chapter 10 (content/10-mnist.mdx): the claims its prose makes, read from its cells' scope and output.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { MnistFull } from "../../src/data/mnist-full.ts";
import { publicDataDir } from "../../src/data/mnist-node.ts";
import { accuracy, Matrix, predictBatches, type History, type MLP } from "../../src/mlp/index.ts";
import type { RecipeResult } from "../../src/tools/mnist-full-recipes.ts";
import { padDigit } from "../../src/widgets/digit-image.ts";
import { expectGolden, runChapter, type ChapterRun } from "./run-chapter.ts";

type Dataset = { X: Matrix; y: Int32Array };

let run: ChapterRun;
beforeAll(async () => {
  run = await runChapter("10-mnist");
}, 600_000); // five epochs on 5000 images, then four on all 60 000: seconds, minutes on a loaded machine

/** The one chart drawn by the only cell whose code contains `fragment`. */
function chartOf(fragment: string): string {
  const cell = run.cellWith(fragment);
  const charts = run.charts.filter((c) => c.cell === cell);
  expect(charts).toHaveLength(1);
  return charts[0]!.markup;
}

describe("10-mnist: the IDX format", () => {
  it("reads the images file's header by hand: magic 0x00000803, dims 5000 × 28 × 28, 16 header bytes", async () => {
    const { bytes, dims, headerBytes } = (await run.read("bytes", "dims", "headerBytes")) as {
      bytes: Uint8Array;
      dims: number[];
      headerBytes: number;
    };
    expect(dims).toEqual([5000, 28, 28]);
    expect(headerBytes).toBe(16);
    expect(bytes.length).toBe(16 + 5000 * 784);
    const text = run.text(run.cellWith('loadMnistFile("train", "images")'));
    expect(text).toContain(
      "3920016 bytes; the first 16, in hex:\n00 00 08 03 00 00 13 88 00 00 00 1c 00 00 00 1c\n",
    );
    expect(text).toContain("magic number 0x00000803\ntype 0x08 (unsigned byte), d = 3 dimensions");
    expect(text).toContain("dims: 5000 × 28 × 28 (images × rows × columns)");
    expect(text).toContain("16 header + 3920000 pixel bytes = 3920016");
  });

  it("reads the labels file's header: magic 0x00000801 and 5000 labels, the digits that follow", async () => {
    const { trainSet } = (await run.read("trainSet")) as { trainSet: Dataset };
    const text = run.text(run.cellWith('loadMnistFile("train", "labels")'));
    expect(text).toContain("magic number 0x00000801, 5000 labels");
    expect(text).toContain(`the first ten digits: ${Array.from(trainSet.y.subarray(0, 10)).join(" ")}`);
  });

  it("parseIdx gives the same dims as the hand-read header", async () => {
    const { idx, dims } = (await run.read("idx", "dims")) as { idx: { dims: number[] }; dims: number[] };
    expect(idx.dims).toEqual(dims);
    expect(run.text(run.cellWith("parseIdx(bytes)"))).toBe(
      'dtype "u8", dims [5000, 28, 28]\ndata: a Uint8Array of 3920000 values\n',
    );
  });
});

describe("10-mnist: pixels become rows of X", () => {
  it("X is (5000×784) and (1000×784), every value byte/255 in [0, 1]", async () => {
    const { trainSet, testSet, bytes, low, high } = (await run.read(
      "trainSet",
      "testSet",
      "bytes",
      "low",
      "high",
    )) as {
      trainSet: Dataset;
      testSet: Dataset;
      bytes: Uint8Array;
      low: number;
      high: number;
    };
    expect(trainSet.X.shape).toEqual([5000, 784]);
    expect(testSet.X.shape).toEqual([1000, 784]);
    expect([low, high]).toEqual([0, 1]);
    // Flattening: pixel (r, c) of image i is byte 16 + 784·i + 28·r + c, and X.get(i, 28·r + c) is it / 255.
    for (const [i, r, c] of [
      [0, 14, 14],
      [7, 3, 20],
      [4999, 27, 0],
    ] as const) {
      expect(trainSet.X.get(i, 28 * r + c)).toBe(bytes[16 + 784 * i + 28 * r + c]! / 255);
    }
    const text = run.text(run.cellWith('loadMnistSubset("train")'));
    expect(text).toMatch(/byte (\d+) \/ 255 = (\d\.\d{4})\nX\.get\(0, 406\) = \2\n/);
  });

  it("draws the first eight training digits with their labels", async () => {
    const { trainSet } = (await run.read("trainSet")) as { trainSet: Dataset };
    const markup = chartOf("const rowOf");
    for (let i = 0; i < 8; i++) expect(markup).toContain(`y = ${trainSet.y[i]}`);
    expectGolden(markup, "10-first-digits");
  });

  it("Y = oneHotDigits(y) is (5000×10) with one 1 per row, in the label's column", async () => {
    const { Y, trainSet } = (await run.read("Y", "trainSet")) as { Y: Matrix; trainSet: Dataset };
    expect(Y.shape).toEqual([5000, 10]);
    let mismatches = 0;
    for (let i = 0; i < Y.rows; i++) {
      for (let k = 0; k < 10; k++) if (Y.get(i, k) !== (k === trainSet.y[i] ? 1 : 0)) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});

describe("10-mnist: the network and its training", () => {
  it("784-64-10 has 50 890 parameters", async () => {
    const { parameters, net } = (await run.read("parameters", "net")) as { parameters: number; net: MLP };
    expect(net.sizes).toEqual([784, 64, 10]);
    expect(parameters).toBe(784 * 64 + 64 + 64 * 10 + 10);
    expect(run.text(run.cellWith("const parameters"))).toContain("50890 parameters");
  });

  it("trains 5 epochs of 50 minibatches of 100; the first loss is near ln 10 ≈ 2.3 and the loss falls", async () => {
    const { history, steps } = (await run.read("history", "steps")) as {
      history: History;
      steps: { loss: number }[];
    };
    expect(history.loss).toHaveLength(5);
    expect(history.stepLoss).toHaveLength(250);
    expect(Math.abs(history.stepLoss[0]! - Math.log(10))).toBeLessThan(0.3);
    for (let e = 1; e < 5; e++) expect(history.loss[e]).toBeLessThan(history.loss[e - 1]!);
    expect(history.loss[4]).toBeLessThan(history.loss[0]! / 3);
    // Every batch loss lies inside the chart's y domain [0, 3].
    expect(steps.every(({ loss }) => loss >= 0 && loss <= 3)).toBe(true);
  });

  it("test accuracy is above 93%, as the prose says, and printed as measured", async () => {
    const { testAccuracy } = (await run.read("testAccuracy")) as { testAccuracy: number };
    expect(testAccuracy).toBeGreaterThan(0.93);
    expect(run.text(run.cellWith("const testAccuracy"))).toContain(
      `test accuracy: ${(100 * testAccuracy).toFixed(1)}%`,
    );
  });
});

describe("10-mnist: where it fails", () => {
  it("the confusion matrix counts the 1000 test images, its diagonal the right answers", async () => {
    const { C, testAccuracy, wrong, mistakes } = (await run.read(
      "C",
      "testAccuracy",
      "wrong",
      "mistakes",
    )) as {
      C: Matrix;
      testAccuracy: number;
      wrong: number[];
      mistakes: { t: number; p: number; count: number }[];
    };
    expect(C.shape).toEqual([10, 10]);
    expect(C.data.reduce((a, b) => a + b, 0)).toBe(1000);
    let diagonal = 0;
    for (let k = 0; k < 10; k++) diagonal += C.get(k, k);
    expect(diagonal).toBe(Math.round(testAccuracy * 1000));
    expect(wrong.length).toBe(1000 - diagonal);
    let most = 0;
    for (let t = 0; t < 10; t++) for (let p = 0; p < 10; p++) if (t !== p) most = Math.max(most, C.get(t, p));
    // The list printed under "most frequent confusions" starts with the largest count off the diagonal.
    expect(mistakes).toHaveLength(90);
    expect(mistakes[0]!.count).toBe(most);
    const text = run.text(run.cellWith("mistakes.sort"));
    for (const { t, p, count } of mistakes.slice(0, 5))
      expect(text).toContain(`  ${t} → ${p}: ${count} images`);
    const markup = chartOf("const entries =");
    // A legend for the colour steps, so that the colours can be read as counts.
    expect(markup).toContain("test images");
    for (const tick of ["1", "3", "10", "30", "100"]) expect(markup).toMatch(new RegExp(`>${tick}</text>`));
    expectGolden(markup, "10-confusion");
  });

  it("draws the first 16 misread digits with their true and predicted labels", async () => {
    const { wrong, predicted, testSet } = (await run.read("wrong", "predicted", "testSet")) as {
      wrong: number[];
      predicted: Int32Array;
      testSet: Dataset;
    };
    const markup = chartOf("wrong.slice(0, 16)");
    for (const i of wrong.slice(0, 16)) {
      expect(predicted[i]).not.toBe(testSet.y[i]);
      expect(markup).toContain(`${testSet.y[i]} → ${predicted[i]}`);
    }
    expectGolden(markup, "10-wrong-digits");
  });
});

describe("10-mnist: the first layer's weights", () => {
  it("weights of pixels blank in every training image never move", async () => {
    const { blank, blankChange } = (await run.read("blank", "blankChange")) as {
      blank: number[];
      blankChange: number;
    };
    expect(blank.length).toBeGreaterThan(0);
    expect(blankChange).toBe(0);
  });

  it("W1 is the network's own W_1, trained in place: it has moved from W1before", async () => {
    const { W1, W1before, net } = (await run.read("W1", "W1before", "net")) as {
      W1: Matrix;
      W1before: Matrix;
      net: MLP;
    };
    expect(W1).toBe(net.layers[0]!.W);
    expect(W1.shape).toEqual([784, 64]);
    expect(W1.data.some((w, k) => w !== W1before.data[k])).toBe(true);
  });

  it("the initial weights are He-uniform: within ±√(6/784) ≈ ±0.087", async () => {
    const { W1before } = (await run.read("W1before")) as { W1before: Matrix };
    const limit = Math.sqrt(6 / 784);
    expect(limit.toFixed(3)).toBe("0.087");
    expect(W1before.data.every((w) => Math.abs(w) <= limit)).toBe(true);
  });

  it("draws four columns of W₁ and their changes as 28×28 images", () => {
    const markup = chartOf("const pictures = [");
    for (const j of [0, 1, 2, 3]) {
      expect(markup).toContain(`W₁ column ${j}`);
      expect(markup).toContain(`change in column ${j}`);
    }
    expectGolden(markup, "10-weights");
  });
});

describe("10-mnist: the digit pad", () => {
  it("reads the drawn digit as the argmax of its ten probabilities", async () => {
    const { p, read } = (await run.read("p", "read")) as { p: Matrix; read: number };
    expect(p.shape).toEqual([1, 10]);
    expect(Math.abs(p.data.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
    expect(p.data.every((v) => v <= p.data[read]!)).toBe(true);
    expect(run.text(run.cellWith("const digit ="))).toContain(`the network reads a ${read}`);
  });
});

describe("10-mnist: saving and loading the weights", () => {
  it("offers the JSON as a download named mnist-784-64-10.json", async () => {
    const { json } = (await run.read("json")) as { json: string };
    const downloads = run.runs[run.cellWith("download(json") - 1]!.outputs.filter(
      (o) => o.kind === "download",
    );
    expect(downloads).toHaveLength(1);
    // The size printed in megabytes, as the page's Save link gives it (1 MB = 10⁶ bytes; the JSON is ASCII).
    expect(run.text(run.cellWith("download(json"))).toContain(`${(json.length / 1e6).toFixed(1)} MB of JSON`);
    expect(downloads[0]).toMatchObject({
      filename: "mnist-784-64-10.json",
      mime: "application/json",
      text: json,
    });
  });

  it("toJSON → JSON → MLP.fromJSON gives a network with the same answers", async () => {
    const { same, restored } = (await run.read("same", "restored")) as { same: boolean; restored: MLP };
    expect(same).toBe(true);
    expect(restored.sizes).toEqual([784, 64, 10]);
    const { testAccuracy, restoredAccuracy } = (await run.read("testAccuracy", "restoredAccuracy")) as {
      testAccuracy: number;
      restoredAccuracy: number;
    };
    expect(restoredAccuracy).toBe(testAccuracy);
    expect(run.text(run.cellWith("const restored"))).toBe(
      "the loaded network has sizes [784,64,10]\n" +
        `its test accuracy: ${(100 * testAccuracy).toFixed(1)}%\n` +
        "the same 1000 answers as the one trained above: true\n",
    );
  });

  it("fromJSON refuses weights whose shapes do not fit the sizes, naming the matrix", () => {
    expect(run.text(run.cellWith("const tampered"))).toBe(
      "MLP.fromJSON: W[0] is (784×64), sizes [784,32,10] need (784×32)\n",
    );
  });
});

describe("10-mnist: all 60 000", () => {
  const prose = readFileSync(join(import.meta.dirname, "../../content/10-mnist.mdx"), "utf8").replace(
    /\s+/g,
    " ",
  );
  const manifest = JSON.parse(readFileSync(join(publicDataDir, "manifest.json"), "utf8")) as {
    subsets: Record<string, { images: { bytes: number }; labels: { bytes: number } }>;
  };
  const recorded = (
    JSON.parse(
      readFileSync(join(import.meta.dirname, "../../src/tools/mnist-full-recipes.json"), "utf8"),
    ) as {
      recipes: RecipeResult[];
    }
  ).recipes;
  const recipe = (name: string) => recorded.find((r) => r.name === name)!;
  const pct2 = (a: number) => `${(100 * a).toFixed(2)}%`;

  it("loads the full sets as bytes (47 MB of training pixels), and the prose gives their size as served", async () => {
    const { full } = (await run.read("full")) as { full: MnistFull };
    expect(full.train.pixels).toBeInstanceOf(Uint8Array);
    expect(full.train.pixels.length).toBe(60000 * 784);
    expect([full.train.X.rows, full.train.X.cols, full.test.X.rows]).toEqual([60000, 784, 10000]);
    const served = ["train-full", "test-full"]
      .map((n) => manifest.subsets[n]!)
      .reduce((a, s) => a + s.images.bytes + s.labels.bytes, 0);
    expect(full.bytes).toBe(served);
    expect(prose).toContain(`${(served / 1e6).toFixed(1)} MB gzipped`);
    expect(prose).toContain(`${(served / 1e6).toFixed(1)} MB the first time`);
    expect(prose).toContain(
      `the training images are ${Math.round((60000 * 784) / 1e6)} MB as bytes but would be ${Math.round((8 * 60000 * 784) / 1e6)} MB`,
    );
    const outputs = run.runs[run.cellWith("loadMnistFull({")! - 1]!.outputs;
    const shown = outputs.filter((o) => o.kind === "display").at(-1);
    expect(shown).toMatchObject({ view: { type: "text", text: full.report } });
    expect(run.text(run.cellWith("loadMnistFull({"))).toBe(
      "training images: a Uint8Array of 47040000 bytes\n",
    );
  });

  it("the mnist-full cell trains 784-256-128-10 for 4 epochs of 600 steps and prints a test accuracy of at least 98%", async () => {
    const cell = run.cellWith("const fullNet = new MLP");
    expect(run.cells[cell - 1]!.name).toBe("mnist-full");
    const { fullNet, fullHistory, fullAccuracy, full } = (await run.read(
      "fullNet",
      "fullHistory",
      "fullAccuracy",
      "full",
    )) as { fullNet: MLP; fullHistory: History; fullAccuracy: number; full: MnistFull };
    expect(fullNet.sizes).toEqual([784, 256, 128, 10]);
    const parameters = fullNet.params().reduce((a, p) => a + p.data.length, 0);
    expect(prose).toContain(`$${String(parameters).replace(/(\d{3})$/, "\\,$1")}$ parameters`);
    expect(prose).toContain("four epochs (2 400 steps)");
    expect(fullHistory.stepLoss).toHaveLength(2400);
    expect(fullHistory.loss).toHaveLength(4);
    expect(fullAccuracy).toBe(accuracy(predictBatches(fullNet, full.test.X), full.test.y));
    expect(fullAccuracy).toBeGreaterThanOrEqual(0.98);
    const text = run.text(cell);
    expect(text).toMatch(/^epoch 1: test accuracy \d\d\.\d\d%, \d+\.\d s\n/);
    expect(text).toContain("trained 2400 steps in ");
    expect(text.endsWith(`test accuracy: ${pct2(fullAccuracy)}\n`)).toBe(true);
    // Two live charts (loss, test accuracy), each display updated in place as training goes.
    const displays = run.runs[cell - 1]!.outputs.filter((o) => o.kind === "display");
    expect(new Set(displays.map((d) => d.displayId)).size).toBe(2);
  });

  it("takes exactly the steps of the recorded 'halving' run, and the prose quotes the recorded runs", async () => {
    const { testPoints } = (await run.read("testPoints")) as { testPoints: { accuracy: number }[] };
    const halving = recipe("halving");
    expect(halving).toMatchObject({ sizes: [784, 256, 128, 10], eta: 0.002, decay: 0.5, epochs: 4 });
    expect(testPoints.map((p) => p.accuracy)).toEqual(halving.testAccuracy);
    const constant = recipe("constant").testAccuracy;
    const first98 = constant.findIndex((a) => a >= 0.98);
    expect(prose).toContain(
      `With a constant $\\eta = 0.001$ its test accuracy reaches ${pct2(constant[first98]!)} in epoch ${first98 + 1}, then ${pct2(constant[first98 + 1]!)} in the next`,
    );
    expect(constant[first98 + 1]).toBeLessThan(0.98);
    const smaller = recipe("smaller");
    expect(prose).toContain(
      `the smaller 784-256-10 trained the same way ends at ${pct2(smaller.testAccuracy.at(-1)!)}`,
    );
    expect(smaller.testAccuracy.at(-1)).toBeLessThan(0.98);
    expect(prose).toContain(`ends the four epochs at ${pct2(halving.testAccuracy.at(-1)!)}`);
  });

  it("the pad's own preprocessing of the 10 000 test images, drawn at the pad's 280 pixels, reads at least 97.5% right", async () => {
    const { fullNet, full } = (await run.read("fullNet", "full")) as { fullNet: MLP; full: MnistFull };
    const side = 280;
    const scale = side / 28;
    const X = new Matrix(10000, 784); // (10000, 784): what the pad hands the network
    const rgba = new Uint8ClampedArray(side * side * 4);
    const line = new Uint8ClampedArray(side * 4); // one row of the canvas
    for (let i = 0; i < 10000; i++) {
      const image = full.test.pixels.subarray(784 * i, 784 * (i + 1));
      for (let r = 0; r < 28; r++) {
        // Each image pixel becomes a scale × scale square of the 280-pixel canvas, grey as the pad's ink.
        for (let x = 0; x < side; x++) {
          line.fill(image[28 * r + Math.floor(x / scale)]!, 4 * x, 4 * x + 3);
          line[4 * x + 3] = 255;
        }
        for (let y = r * scale; y < (r + 1) * scale; y++) rgba.set(line, 4 * side * y);
      }
      X.data.set(padDigit(rgba, side, side) ?? new Float64Array(784), 784 * i);
    }
    const read = accuracy(predictBatches(fullNet, X), full.test.y);
    console.log(`the pad's preprocessing: ${(100 * read).toFixed(2)}% of the 10 000 test images read right`);
    expect(read).toBeGreaterThanOrEqual(0.975);
  }, 300_000);

  it("the pad's cell reads with the 5 000-image network at build, and with the full one once it has trained", async () => {
    const cell = run.cellWith("const digit =");
    const { testAccuracy } = (await run.read("testAccuracy")) as { testAccuracy: number };
    expect(run.text(cell)).toContain(
      `read by the 784-64-10 (5 000 images) network, test accuracy ${(100 * testAccuracy).toFixed(1)}%\n`,
    );
    const again = await run.runAgain(cell);
    const { fullAccuracy } = (await run.read("fullAccuracy")) as { fullAccuracy: number };
    const text = again.map((o) => (o.kind === "stream" ? o.text : "")).join("");
    const full = `read by the 784-256-128-10 (all 60 000 images) network, test accuracy ${(100 * fullAccuracy).toFixed(1)}%\n`;
    expect(text).toContain(full);
    // Training the subset again (the η knob re-runs its cell and the test-accuracy cell) keeps the full one.
    await run.runAgain(run.cellWith("const testAccuracy ="));
    const after = await run.runAgain(cell);
    expect(after.map((o) => (o.kind === "stream" ? o.text : "")).join("")).toContain(full);
  });
});
