import type { Rng } from "../mlp/random.ts";
import type { Dataset } from "./dataset.ts";
import { takeRows } from "./take-rows.ts";

/** The same examples in a random order: row i of the result is row p[i] of the input, for one permutation p. */
export function shuffleRows(ds: Dataset, rng: Rng): Dataset {
  return takeRows(ds, rng.permutation(ds.X.rows));
}
