// Seeded randomness: every random thing in the library takes an Rng, so a seed gives the same numbers in
// Node and in every browser. The stream is mulberry32, the same one the numpy baseline uses (shared bench).

import { describeValue } from "./describe.ts";
import { cos, log, sin } from "./elementary.ts";

/** A seeded random stream (mulberry32): the same seed gives the same numbers everywhere. */
export class Rng {
  private state: number;
  private spare: number | null = null; // Box–Muller makes normals in pairs; the second waits here

  /** seed: an integer 0 … 2³²−1, the whole state of mulberry32, so no two seeds give the same stream. */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      const got = typeof seed === "number" ? String(seed) : describeValue(seed);
      throw new Error(`Rng: seed must be an integer 0 … 4294967295 (2³²−1), got ${got}`);
    }
    this.state = seed;
  }

  /** Uniform on [0, 1), 32 bits of mulberry32. */
  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /**
   * Normal with the given mean and standard deviation, by Box–Muller: for u1, u2 uniform,
   * r = √(−2 ln(1 − u1)) and θ = 2π·u2 give two independent normals r·cos θ and r·sin θ.
   */
  normal(mean = 0, std = 1): number {
    let z = this.spare;
    if (z === null) {
      const r = Math.sqrt(-2 * log(1 - this.uniform())); // 1 − u1 is in (0, 1]: no log(0)
      const theta = 2 * Math.PI * this.uniform();
      z = r * cos(theta);
      this.spare = r * sin(theta);
    } else {
      this.spare = null;
    }
    return mean + std * z;
  }

  /** An integer in 0 … n−1, each equally likely. */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0) throw new Error(`Rng.int: n must be a positive integer, got ${n}`);
    return Math.floor(this.uniform() * n);
  }

  /** Shuffles in place, Fisher–Yates from the end: for i = n−1 … 1, swap i with j = ⌊u·(i+1)⌋. */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = Math.floor(this.uniform() * (i + 1));
      const t = array[i];
      array[i] = array[j];
      array[j] = t;
    }
    return array;
  }

  /** 0 … n−1 in a random order: a fresh identity, shuffled. */
  permutation(n: number): Int32Array {
    if (!Number.isInteger(n) || n < 0) throw new Error(`Rng.permutation: n must be an integer ≥ 0, got ${n}`);
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  /** One element of a non-empty array, each equally likely. */
  choice<T>(array: ArrayLike<T>): T {
    if (array.length === 0) throw new Error("Rng.choice: the array is empty; there is nothing to choose");
    return array[this.int(array.length)]!;
  }
}
