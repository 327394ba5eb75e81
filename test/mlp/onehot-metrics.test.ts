import { describe, expect, it } from "vitest";
import { accuracy, confusionMatrix, oneHot } from "../../src/mlp/index.ts";

describe("oneHot", () => {
  it("oneHot([2, 0, 1], 3) puts a 1 in each row's class column", () => {
    expect(oneHot([2, 0, 1], 3).toArray()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 0],
    ]);
  });
  it("oneHot(labels, K) says which label is out of range", () => {
    expect(() => oneHot([0, 3, 10], 10)).toThrow(
      "oneHot: label 10 at index 2 is not a class 0…9 (K = 10); check the labels or raise K",
    );
    expect(() => oneHot([0, -1], 3)).toThrow("oneHot: label -1 at index 1 is not a class 0…2 (K = 3)");
    expect(() => oneHot([0.5], 3)).toThrow("oneHot: label 0.5 at index 0 is not a class 0…2");
    expect(() => oneHot([0], 0)).toThrow(
      "oneHot: K (the number of classes) must be a positive integer, got 0",
    );
  });
});

describe("metrics", () => {
  it("accuracy(predicted, labels) is the fraction that agree", () => {
    expect(accuracy([1, 2, 3, 4], [1, 2, 0, 4])).toBe(0.75);
    expect(accuracy(Int32Array.from([0]), [0])).toBe(1);
  });
  it("confusionMatrix(predicted, labels, K) counts true class by row, prediction by column", () => {
    expect(confusionMatrix([0, 1, 1, 2, 0], [0, 1, 2, 2, 1], 3).toArray()).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [0, 1, 1],
    ]);
  });
  it("accuracy and confusionMatrix refuse unpaired or out-of-range input", () => {
    expect(() => accuracy([1, 2], [1])).toThrow("accuracy: 2 predictions but 1 labels; they must pair up");
    expect(() => accuracy([], [])).toThrow("accuracy: no labels; the accuracy of nothing is undefined");
    expect(() => confusionMatrix([0], [0, 1], 2)).toThrow("confusionMatrix: 1 predictions but 2 labels");
    expect(() => confusionMatrix([0, 5], [0, 1], 3)).toThrow(
      "confusionMatrix: prediction 5 at index 1 is not a class 0…2 (K = 3)",
    );
    expect(() => confusionMatrix([0], [4], 3)).toThrow(
      "confusionMatrix: label 4 at index 0 is not a class 0…2",
    );
    expect(() => confusionMatrix([0], [0], 0)).toThrow(
      "confusionMatrix: K must be a positive integer, got 0",
    );
  });
});
