// Gradient check: compare backward's dW and db with central differences of the loss,
// ∂L/∂θ ≈ (L(θ + h) − L(θ − h)) / 2h, whose error shrinks like h². If backprop has a bug, they disagree.

import type { Matrix } from "./matrix.ts";
import type { MLP } from "./network.ts";

export interface GradCheckResult {
  /** The largest |analytic − numeric| / max(|analytic|, |numeric|, floor) over every weight and bias. */
  maxRelError: number;
  where: { layer: number; param: "W" | "b"; i: number; j: number };
  analytic: number;
  numeric: number;
  /** How many parameters were checked. */
  checked: number;
}

/**
 * Checks every parameter of net on (X, Y). `floor` keeps the relative error meaningful for gradients near
 * zero, where the difference quotient's own rounding error (about ε·L/h) dominates.
 */
export function gradCheck(net: MLP, X: Matrix, Y: Matrix, { h = 1e-5, floor = 1e-6 } = {}): GradCheckResult {
  if (!(h > 0)) throw new Error(`gradCheck: h must be a positive step, got ${h}`);
  const { dW, db } = net.backward(X, Y);
  const result: GradCheckResult = {
    maxRelError: 0,
    where: { layer: 0, param: "W", i: 0, j: 0 },
    analytic: 0,
    numeric: 0,
    checked: 0,
  };
  net.layers.forEach((layer, l) => {
    for (const [param, theta, grad] of [
      ["W", layer.W, dW[l]!],
      ["b", layer.b, db[l]!],
    ] as const) {
      for (let q = 0; q < theta.data.length; q++) {
        const saved = theta.data[q]!;
        theta.data[q] = saved + h;
        const up = net.loss(X, Y);
        theta.data[q] = saved - h;
        const down = net.loss(X, Y);
        theta.data[q] = saved;
        const numeric = (up - down) / (2 * h);
        const analytic = grad.data[q]!;
        const error = Math.abs(analytic - numeric) / Math.max(Math.abs(analytic), Math.abs(numeric), floor);
        result.checked++;
        if (error > result.maxRelError || Number.isNaN(error)) {
          const [i, j] = [Math.floor(q / theta.cols), q % theta.cols];
          Object.assign(result, { maxRelError: error, where: { layer: l, param, i, j }, analytic, numeric });
        }
      }
    }
  });
  return result;
}
