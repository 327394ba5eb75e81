import { Rng } from "../mlp/random.ts";

/** A seed (an integer) or an Rng to draw from; the same seed always gives the same data set. */
export type Seed = number | Rng;

export function rngFrom(where: string, seed: Seed): Rng {
  if (seed instanceof Rng) return seed;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`${where}: seed must be an integer in 0 … 4294967295 or an Rng, got ${String(seed)}`);
  }
  return new Rng(seed);
}
