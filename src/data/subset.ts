import { Rng } from "../mlp/random.ts";
import type { Dataset } from "./dataset.ts";
import { takeRows } from "./take-rows.ts";

/**
 * Which rows a subset of n examples keeps. Without a seed, the first n rows (what `X[:n]` does).
 * With a seed, a stratified random pick: each class keeps its share of n (largest remainders round it to
 * a whole number of examples), the examples of each class are drawn by a seeded shuffle, and the chosen
 * rows stay in their original order.
 */
export function subsetIndices(y: Int32Array, n: number, seed?: number): Int32Array {
  const m = y.length;
  if (!Number.isInteger(n) || n < 0 || n > m) {
    throw new Error(`subset: n must be an integer in 0 … ${m} (the number of examples), got ${String(n)}`);
  }
  if (seed === undefined) return Int32Array.from({ length: n }, (_, i) => i);
  const rng = new Rng(seed);
  const byClass = new Map<number, number[]>();
  y.forEach((label, i) => {
    const rows = byClass.get(label);
    if (rows) rows.push(i);
    else byClass.set(label, [i]);
  });
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const share = classes.map((k) => (n * byClass.get(k)!.length) / m);
  const take = share.map(Math.floor);
  let left = n - take.reduce((a, b) => a + b, 0);
  const byRemainder = classes
    .map((_, c) => c)
    .sort((a, b) => share[b]! - take[b]! - (share[a]! - take[a]!) || a - b);
  for (const c of byRemainder) {
    if (left === 0) break;
    take[c]!++;
    left--;
  }
  const chosen: number[] = [];
  classes.forEach((k, c) => {
    const rows = byClass.get(k)!;
    rng.shuffle(rows);
    chosen.push(...rows.slice(0, take[c]));
  });
  return Int32Array.from(chosen.sort((a, b) => a - b));
}

/** n examples of a data set: the first n, or with a seed a stratified random pick (see subsetIndices). */
export function subset(ds: Dataset, n: number, seed?: number): Dataset {
  return takeRows(ds, subsetIndices(ds.y, n, seed));
}
