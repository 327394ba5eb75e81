// Pixels kept as bytes and normalised a batch at a time train the same network, step for step, as the
// normalised Matrix: the same shuffles, the same numbers, bit for bit.
import { describe, expect, it } from "vitest";
import { toDataset } from "../../src/data/mnist-dataset.ts";
import { readMnistSplit } from "../../src/data/mnist-node.ts";
import { pixelRows } from "../../src/data/pixel-rows.ts";
import { adam, Matrix, MLP, predictBatches, train } from "../../src/mlp/index.ts";

/** The first m images of the training split, as bytes and as the Matrix toDataset makes. */
function firstImages(m: number) {
  const { images, labels } = readMnistSplit("train");
  const pixels = (images.data as Uint8Array).slice(0, m * 784);
  const y = Uint8Array.from(labels.data.subarray(0, m));
  const ds = toDataset({ dtype: "u8", dims: [m, 28, 28], data: pixels }, { dtype: "u8", dims: [m], data: y });
  return { pixels, ds };
}

const same = (a: Float64Array, b: Float64Array) => Buffer.from(a.buffer).equals(Buffer.from(b.buffer));

describe("pixelRows(pixels, m, n)", () => {
  it("gathers rows in the given order as byte / 255, the numbers toDataset gives", () => {
    const { pixels, ds } = firstImages(50);
    const out = new Matrix(3, 784);
    pixelRows(pixels, 50, 784).gather(out, Int32Array.of(7, 49, 0, 3), 1); // rows 49, 0, 3
    const expected = new Float64Array(3 * 784);
    [49, 0, 3].forEach((row, r) => expected.set(ds.X.data.subarray(row * 784, (row + 1) * 784), r * 784));
    expect(same(out.data, expected)).toBe(true);
  });

  it("refuses bytes that are not m images of n pixels, and a batch of another width", () => {
    expect(() => pixelRows(new Uint8Array(10), 3, 4)).toThrow(
      "pixelRows: 10 bytes are not 3 images of 4 pixels (12 bytes)",
    );
    expect(() => pixelRows(new Float64Array(12) as unknown as Uint8Array, 3, 4)).toThrow(
      "pixelRows: pixels must be a Uint8Array of bytes, got object",
    );
    expect(() => pixelRows(new Uint8Array(12), 3, 4).gather(new Matrix(1, 5), Int32Array.of(0), 0)).toThrow(
      "pixelRows.gather: out has 5 columns, the images 4",
    );
  });
});

describe("train(net, pixelRows(…), y) and train(net, X, y)", () => {
  it("take the same steps: the same history and bit-equal weights after 2 shuffled epochs of 1000 images", async () => {
    const m = 1000;
    const { pixels, ds } = firstImages(m);
    const make = () =>
      new MLP({ sizes: [784, 32, 10], hidden: "relu", output: "softmax", loss: "crossEntropy", seed: 3 });
    const options = { epochs: 2, batchSize: 64, seed: 5 }; // 1000 = 15·64 + 40: a short last batch too
    const [a, b] = [make(), make()];
    const ha = await train(a, ds.X, ds.y, { ...options, optimizer: adam({ eta: 1e-3 }) });
    const hb = await train(b, pixelRows(pixels, m, 784), ds.y, {
      ...options,
      optimizer: adam({ eta: 1e-3 }),
    });
    expect(hb.stepLoss).toEqual(ha.stepLoss);
    expect(hb.loss).toEqual(ha.loss);
    expect(hb.accuracy).toEqual(ha.accuracy);
    a.params().forEach((p, i) => expect(same(b.params()[i]!.data, p.data)).toBe(true));
    expect(ha.loss[1]).toBeLessThan(ha.loss[0]!); // it did learn
  });

  it("predictBatches gives net.predict's answers from bytes, batch by batch", () => {
    const { pixels, ds } = firstImages(250);
    const net = new MLP({
      sizes: [784, 16, 10],
      hidden: "relu",
      output: "softmax",
      loss: "crossEntropy",
      seed: 1,
    });
    const whole = net.predict(ds.X);
    expect(Array.from(predictBatches(net, pixelRows(pixels, 250, 784), 100))).toEqual(Array.from(whole));
    expect(Array.from(predictBatches(net, ds.X, 64))).toEqual(Array.from(whole));
  });
});
