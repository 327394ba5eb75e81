import type { Rng } from "../mlp/random.ts";

/** k distinct vertices of the d-dimensional unit hypercube {0, 1}^d, drawn at random (needs k ≤ 2^d). */
export function hypercubeVertices(k: number, d: number, rng: Rng): number[][] {
  const seen = new Set<string>();
  const vertices: number[][] = [];
  while (vertices.length < k) {
    const v = Array.from({ length: d }, () => (rng.uniform() < 0.5 ? 0 : 1));
    const key = v.join("");
    if (seen.has(key)) continue;
    seen.add(key);
    vertices.push(v);
  }
  return vertices;
}
