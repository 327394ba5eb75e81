// The digit pad's preprocessing reads a drawing as MNIST's digits were made, and its sample digits (the
// keyboard's way to give a digit) are digits a network trained on MNIST reads.
import { describe, expect, it } from "vitest";
import { loadMnist } from "../../src/data/mnist-node.ts";
import { Matrix, MLP, adam, oneHot, train } from "../../src/mlp/index.ts";
import { centreOfMass, inkBounds, resample, toMnist } from "../../src/widgets/digit-image.ts";
import { DIGIT_STROKES, rasterize } from "../../src/widgets/digit-strokes.ts";

/** A `size`×`size` image, 0 but for a filled rectangle of value `v`. */
function rect(size: number, x: number, y: number, w: number, h: number, v = 1): Float64Array {
  const image = new Float64Array(size * size);
  for (let j = y; j < y + h; j++) image.fill(v, j * size + x, j * size + x + w);
  return image;
}

describe("inkBounds(gray, width, height)", () => {
  it("finds the smallest rectangle with ink, ignoring faint edge pixels", () => {
    const image = rect(50, 10, 20, 5, 8);
    image[0] = 0.05; // anti-aliasing dust
    expect(inkBounds(image, 50, 50)).toEqual({ x: 10, y: 20, w: 5, h: 8 });
    expect(inkBounds(new Float64Array(100), 10, 10)).toBeNull();
  });
});

describe("resample(gray, width, box, tw, th)", () => {
  it("averages areas: a 4×2 block of ones halves into 2×1 ones, a half-covered cell gets 0.5", () => {
    const image = rect(8, 2, 2, 4, 2);
    expect(Array.from(resample(image, 8, { x: 2, y: 2, w: 4, h: 2 }, 2, 1))).toEqual([1, 1]);
    const half = resample(rect(3, 0, 0, 1, 3), 3, { x: 0, y: 0, w: 3, h: 3 }, 2, 1);
    // Output cell 0 covers input columns [0, 1.5): one column of ink out of 1.5.
    expect(half[0]).toBeCloseTo(1 / 1.5, 12);
    expect(half[1]).toBe(0);
  });

  it("keeps the total ink, scaled by the change of area", () => {
    const image = rasterize(DIGIT_STROKES[3]!, 140, 11);
    const box = inkBounds(image, 140, 140)!;
    const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);
    let ink = 0; // inside the box (the faint edge outside it is left out)
    for (let y = box.y; y < box.y + box.h; y++)
      ink += sum(image.subarray(y * 140 + box.x, y * 140 + box.x + box.w));
    expect(sum(resample(image, 140, box, 15, 20))).toBeCloseTo((ink * 15 * 20) / (box.w * box.h), 6);
  });
});

describe("toMnist(gray, width, height)", () => {
  it("is null for a blank pad", () => {
    expect(toMnist(new Float64Array(280 * 280), 280, 280)).toBeNull();
  });

  it("scales the ink's box so its longer side is 20 pixels, keeping the aspect ratio", () => {
    const tall = toMnist(rect(280, 30, 40, 50, 200), 280, 280)!; // 1:4
    expect(tall).toHaveLength(784);
    expect(inkBounds(tall, 28, 28)).toMatchObject({ w: 5, h: 20 });
    const wide = toMnist(rect(280, 10, 100, 260, 130), 280, 280)!; // 2:1
    expect(inkBounds(wide, 28, 28)).toMatchObject({ w: 20, h: 10 });
  });

  it("puts the centre of mass within half a pixel of (14, 14) wherever the digit was drawn", () => {
    for (const [x, y] of [
      [0, 0],
      [150, 20],
      [60, 170],
    ] as const) {
      const image = new Float64Array(280 * 280);
      const seven = rasterize(DIGIT_STROKES[7]!, 110, 10);
      for (let j = 0; j < 110; j++) image.set(seven.subarray(j * 110, (j + 1) * 110), (y + j) * 280 + x);
      const com = centreOfMass(toMnist(image, 280, 280)!, 28, 28)!;
      expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
    }
  });

  it("gives values in [0, 1], white ink on black like MNIST", () => {
    const digit = toMnist(rasterize(DIGIT_STROKES[0]!, 280, 22), 280, 280)!;
    expect(Math.min(...digit)).toBe(0);
    expect(Math.max(...digit)).toBeLessThanOrEqual(1);
    expect(Math.max(...digit)).toBeGreaterThan(0.9);
    expect(digit[0]).toBe(0); // the corner is background
  });
});

describe("the pad's sample digits", () => {
  const mnist = loadMnist();

  it("sit where MNIST's digits sit: mean centre of mass within 0.5 px of MNIST's", () => {
    const { test } = mnist;
    const n = 1000;
    let mx = 0;
    let my = 0;
    for (let i = 0; i < n; i++) {
      const c = centreOfMass(test.X.data.subarray(i * 784, (i + 1) * 784), 28, 28)!;
      mx += c.x / n;
      my += c.y / n;
    }
    const ours = DIGIT_STROKES.map((s) => centreOfMass(toMnist(rasterize(s, 280, 22), 280, 280)!, 28, 28)!);
    expect(Math.abs(ours.reduce((s, c) => s + c.x, 0) / 10 - mx)).toBeLessThan(0.5);
    expect(Math.abs(ours.reduce((s, c) => s + c.y, 0) / 10 - my)).toBeLessThan(0.5);
  });

  it("are read as the digits they are by a 784-64-10 network trained on 10 000 MNIST images", async () => {
    const set = mnist.train;
    const m = 10_000;
    const X = new Matrix(m, 784, set.X.data.slice(0, m * 784)); // (m, 784)
    const net = new MLP({
      sizes: [784, 64, 10],
      hidden: "relu",
      output: "softmax",
      loss: "crossEntropy",
      seed: 1,
    });
    await train(net, X, oneHot(set.y.subarray(0, m), 10), {
      epochs: 5,
      batchSize: 100,
      optimizer: adam({ eta: 0.001 }),
      seed: 1,
    });
    const samples = DIGIT_STROKES.map((s) => Array.from(toMnist(rasterize(s, 280, 22), 280, 280)!));
    const read = net.predict(Matrix.from(samples)); // (10,) one digit each
    expect(Array.from(read)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
