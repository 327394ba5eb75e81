// Gradient check: compare backward's dW and db with central differences of the loss. If backprop has a
// bug, they disagree. Two stencils, both central:
//   2 points: ∂L/∂θ ≈ (L(θ + h) − L(θ − h)) / 2h, error ≈ h²·L‴/6 + ε·L/h, about 1e-11 at h = 1e-5;
//   4 points: (−L(θ + 2h) + 8L(θ + h) − 8L(θ − h) + L(θ − 2h)) / 12h, error ≈ h⁴·L⁽⁵⁾/30 + 1.5ε·L/h,
//             about 1e-12 at h = 5e-4: relative errors of correct gradients stay well under 1e-7.
// Where a step moves some ReLU input across 0, the loss has a corner between θ − 2h and θ + 2h and no
// difference quotient is its derivative: such parameters are counted in `kinks` and left out.

import type { Matrix } from "./matrix.ts";
import type { MLP } from "./network.ts";

/** gradCheck's answer: the largest relative error between backward's ∂L/∂θ and central differences, and where. */
export interface GradCheckResult {
  /** The largest |analytic − numeric| / max(|analytic|, |numeric|, floor) over every weight and bias. */
  maxRelError: number;
  where: { layer: number; param: "W" | "b"; i: number; j: number };
  analytic: number;
  numeric: number;
  /** How many parameters were compared. */
  checked: number;
  /** How many were left out because a step moved a ReLU input across 0. */
  kinks: number;
}

/** gradCheck's options: the stencil (2 or 4 points), the step h, and the floor under small gradients. */
export interface GradCheckOptions {
  /** 2 or 4 points (default 2). */
  stencil?: 2 | 4;
  /** The step (default 1e-5 for 2 points, 5e-4 for 4). */
  h?: number;
  /** Gradients smaller than this are compared on this scale, since no difference quotient resolves them. */
  floor?: number;
}

/** Checks every weight and bias of net on (X, Y); the network is left as it was. */
export function gradCheck(net: MLP, X: Matrix, Y: Matrix, options: GradCheckOptions = {}): GradCheckResult {
  const { stencil = 2, floor = 1e-5 } = options;
  const h = options.h ?? (stencil === 4 ? 5e-4 : 1e-5);
  if (stencil !== 2 && stencil !== 4) {
    throw new Error(`gradCheck: stencil must be 2 or 4 (points), got ${stencil}`);
  }
  if (!(h > 0)) throw new Error(`gradCheck: h must be a positive step, got ${h}`);
  if (!(floor > 0)) throw new Error(`gradCheck: floor must be positive, got ${floor}`);
  const { dW, db } = net.backward(X, Y);
  const reach = stencil === 2 ? h : 2 * h;
  const result: GradCheckResult = {
    maxRelError: 0,
    where: { layer: 0, param: "W", i: 0, j: 0 },
    analytic: 0,
    numeric: 0,
    checked: 0,
    kinks: 0,
  };
  const reluInputs = (): boolean[] =>
    net
      .forward(X)
      .S.flatMap((S, l) =>
        net.layers[l]!.activation.name === "relu" ? Array.from(S.data, (s) => s > 0) : [],
      );
  const before = reluInputs().join();
  net.layers.forEach((layer, l) => {
    for (const [param, theta, grad] of [
      ["W", layer.W, dW[l]!],
      ["b", layer.b, db[l]!],
    ] as const) {
      for (let q = 0; q < theta.data.length; q++) {
        const saved = theta.data[q]!;
        const L = (step: number): number => {
          theta.data[q] = saved + step;
          return net.loss(X, Y);
        };
        const numeric =
          stencil === 2
            ? (L(h) - L(-h)) / (2 * h)
            : (-L(2 * h) + 8 * L(h) - 8 * L(-h) + L(-2 * h)) / (12 * h);
        const straddles = [-reach, reach].some((step) => {
          theta.data[q] = saved + step;
          return reluInputs().join() !== before;
        });
        theta.data[q] = saved;
        if (straddles) {
          result.kinks++;
          continue;
        }
        const analytic = grad.data[q]!;
        const error = Math.abs(analytic - numeric) / Math.max(Math.abs(analytic), Math.abs(numeric), floor);
        result.checked++;
        if (error > result.maxRelError || (Number.isNaN(error) && !Number.isNaN(result.maxRelError))) {
          const [i, j] = [Math.floor(q / theta.cols), q % theta.cols];
          Object.assign(result, { maxRelError: error, where: { layer: l, param, i, j }, analytic, numeric });
        }
      }
    }
  });
  return result;
}
