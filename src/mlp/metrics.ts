// How often the predicted class is the true one, and which classes get mistaken for which.

import { checkLabelList } from "./describe.ts";
import { Matrix } from "./matrix.ts";

function checkLengths(op: string, predicted: ArrayLike<number>, labels: ArrayLike<number>): void {
  checkLabelList(op, "predicted", predicted);
  checkLabelList(op, "labels", labels);
  if (predicted.length !== labels.length) {
    throw new Error(`${op}: ${predicted.length} predictions but ${labels.length} labels; they must pair up`);
  }
}

/** The fraction of i with predicted[i] = labels[i]. */
export function accuracy(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  checkLengths("accuracy", predicted, labels);
  if (labels.length === 0) throw new Error("accuracy: no labels; the accuracy of nothing is undefined");
  let right = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) right++;
  return right / labels.length;
}

/** C (K×K): C_tp counts the examples of true class t predicted as p (rows true, columns predicted). */
export function confusionMatrix(predicted: ArrayLike<number>, labels: ArrayLike<number>, K: number): Matrix {
  checkLengths("confusionMatrix", predicted, labels);
  if (!Number.isInteger(K) || K < 1) {
    throw new Error(`confusionMatrix: K must be a positive integer, got ${K}`);
  }
  const C = new Matrix(K, K);
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i]!,
      p = predicted[i]!;
    for (const [what, c] of [
      ["label", t],
      ["prediction", p],
    ] as const) {
      if (!Number.isInteger(c) || c < 0 || c >= K) {
        throw new Error(`confusionMatrix: ${what} ${c} at index ${i} is not a class 0…${K - 1} (K = ${K})`);
      }
    }
    C.data[t * K + p]!++;
  }
  return C;
}
