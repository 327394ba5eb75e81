// Initial weights. Each draws W (nIn×nOut) row-major from the Rng, so a seed fixes every weight; the uniform
// ones compute (2u − 1)·limit exactly as the numpy baseline's init_params does.

import { Matrix } from "./matrix.ts";
import type { Rng } from "./random.ts";

function checkSizes(name: string, nIn: number, nOut: number): void {
  if (!Number.isInteger(nIn) || !Number.isInteger(nOut) || nIn < 1 || nOut < 1) {
    throw new Error(`${name}: nIn and nOut must be positive integers, got ${nIn} and ${nOut}`);
  }
}

/** W_ij uniform on (−limit, limit), drawn row by row. */
export function uniformInit(rng: Rng, nIn: number, nOut: number, limit: number): Matrix {
  checkSizes("uniformInit", nIn, nOut);
  const W = new Matrix(nIn, nOut); // (nIn, nOut)
  for (let q = 0; q < W.data.length; q++) W.data[q] = (2 * rng.uniform() - 1) * limit;
  return W;
}

/** Xavier/Glorot: limit = √(6 / (nIn + nOut)) keeps the variance of S and of δ about equal across layers. */
export function glorotUniform(rng: Rng, nIn: number, nOut: number): Matrix {
  checkSizes("glorotUniform", nIn, nOut);
  return uniformInit(rng, nIn, nOut, Math.sqrt(6 / (nIn + nOut)));
}

/** He: limit = √(6 / nIn), twice Glorot's variance for nIn = nOut, since ReLU zeroes half its inputs. */
export function heUniform(rng: Rng, nIn: number, nOut: number): Matrix {
  checkSizes("heUniform", nIn, nOut);
  return uniformInit(rng, nIn, nOut, Math.sqrt(6 / nIn));
}

/** W_ij normal with mean 0 and the given standard deviation, drawn row by row. */
export function normalInit(rng: Rng, nIn: number, nOut: number, std: number): Matrix {
  checkSizes("normalInit", nIn, nOut);
  if (!(std >= 0) || !Number.isFinite(std)) {
    throw new Error(`normalInit: std must be a number ≥ 0, got ${std}`);
  }
  const W = new Matrix(nIn, nOut); // (nIn, nOut)
  for (let q = 0; q < W.data.length; q++) W.data[q] = rng.normal(0, std);
  return W;
}
