// Optimisers: how a gradient g = ∂L/∂θ becomes a step for each parameter θ (every W and b), in place.
// They keep whatever state they need (velocities, moment estimates) per parameter, in the order given.

import { Matrix, shapeOf } from "./matrix.ts";

/** An optimizer: step(params, grads) moves every θ (each W_l, b_l) against its gradient ∂L/∂θ, in place. */
export interface Optimizer {
  readonly name: "sgd" | "momentum" | "adam";
  /** The learning rate η (step size); may be changed between steps, to another positive number. */
  eta: number;
  /** θ_i ← θ_i − (a step computed from g_i), for every params[i] with its gradient grads[i]. */
  step(params: readonly Matrix[], grads: readonly Matrix[]): void;
  /** Forgets the state, as if no step had been taken. */
  reset(): void;
}

function checkRate(
  op: string,
  name: string,
  value: number,
  ok: (v: number) => boolean,
  rule: string,
): number {
  if (typeof value !== "number" || !ok(value)) {
    throw new Error(`${op}: ${name} must be ${rule}, got ${value}`);
  }
  return value;
}

const positive = (v: number): boolean => v > 0 && Number.isFinite(v);
/** η is checked when an optimiser is made and whenever it is set: a NaN or negative η must not reach a step. */
const checkEta = (op: string, eta: number): number =>
  checkRate(op, "eta", eta, positive, "a positive number");
const fraction = (v: number): boolean => v >= 0 && v < 1;

function checkPairs(op: string, params: readonly Matrix[], grads: readonly Matrix[]): void {
  if (params.length !== grads.length) {
    throw new Error(
      `${op}: ${params.length} parameters but ${grads.length} gradients; pass one gradient per parameter`,
    );
  }
  params.forEach((p, i) => {
    const g = grads[i]!;
    if (p.rows !== g.rows || p.cols !== g.cols) {
      throw new Error(`${op}: parameter ${i} is ${shapeOf(p)} but its gradient is ${shapeOf(g)}`);
    }
  });
}

/** State matrices shaped like params, made at the first step and checked at every later one. */
function stateFor(op: string, state: Matrix[], params: readonly Matrix[]): Matrix[] {
  if (state.length === 0) return params.map((p) => new Matrix(p.rows, p.cols));
  if (
    state.length !== params.length ||
    state.some((s, i) => s.rows !== params[i]!.rows || s.cols !== params[i]!.cols)
  ) {
    throw new Error(
      `${op}: the parameters changed shape since the last step; use a new optimizer (or reset()) per network`,
    );
  }
  return state;
}

// Each step's loop over the elements sits in the step itself, not in a small helper: V8 compiles a helper's
// loop inlined into a step that runs a few hundred times at its middle tier, 3× slower than its top tier
// (measured in a training step; see src/tools/bench.ts).

/** Plain gradient descent: θ ← θ − η·g. */
export function sgd({ eta }: { eta: number }): Optimizer {
  let rate = checkEta("sgd", eta);
  const opt: Optimizer = {
    name: "sgd",
    get eta() {
      return rate;
    },
    set eta(value: number) {
      rate = checkEta("sgd", value);
    },
    step(params, grads) {
      checkPairs("sgd", params, grads);
      const eta = opt.eta;
      for (let i = 0; i < params.length; i++) {
        const theta = params[i]!.data,
          g = grads[i]!.data;
        for (let q = 0; q < theta.length; q++) theta[q] = theta[q]! - eta * g[q]!;
      }
    },
    reset() {},
  };
  return opt;
}

/** Momentum (PyTorch's form): v ← μ·v + g; θ ← θ − η·v. The velocity v remembers past gradients. */
export function momentum({ eta, mu = 0.9 }: { eta: number; mu?: number }): Optimizer {
  checkRate("momentum", "mu", mu, fraction, "in [0, 1)");
  let velocity: Matrix[] = [];
  let rate = checkEta("momentum", eta);
  const opt: Optimizer = {
    name: "momentum",
    get eta() {
      return rate;
    },
    set eta(value: number) {
      rate = checkEta("momentum", value);
    },
    step(params, grads) {
      checkPairs("momentum", params, grads);
      velocity = stateFor("momentum", velocity, params);
      const eta = opt.eta;
      for (let i = 0; i < params.length; i++) {
        const theta = params[i]!.data,
          g = grads[i]!.data,
          v = velocity[i]!.data;
        for (let q = 0; q < theta.length; q++) {
          v[q] = mu * v[q]! + g[q]!;
          theta[q] = theta[q]! - eta * v[q]!;
        }
      }
    },
    reset() {
      velocity = [];
    },
  };
  return opt;
}

/**
 * Adam (Kingma & Ba; PyTorch's defaults): m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²; at step t,
 * m̂ = m/(1 − β1^t), v̂ = v/(1 − β2^t) undo the bias of starting at zero; θ ← θ − η·m̂/(√v̂ + ε).
 */
export function adam({
  eta = 0.001,
  beta1 = 0.9,
  beta2 = 0.999,
  eps = 1e-8,
}: { eta?: number; beta1?: number; beta2?: number; eps?: number } = {}): Optimizer {
  checkRate("adam", "beta1", beta1, fraction, "in [0, 1)");
  checkRate("adam", "beta2", beta2, fraction, "in [0, 1)");
  checkRate("adam", "eps", eps, positive, "a positive number");
  let first: Matrix[] = [];
  let second: Matrix[] = [];
  let t = 0;
  let rate = checkEta("adam", eta);
  const opt: Optimizer = {
    name: "adam",
    get eta() {
      return rate;
    },
    set eta(value: number) {
      rate = checkEta("adam", value);
    },
    step(params, grads) {
      checkPairs("adam", params, grads);
      first = stateFor("adam", first, params);
      second = stateFor("adam", second, params);
      t++;
      const c1 = 1 - beta1 ** t,
        c2 = 1 - beta2 ** t;
      const eta = opt.eta;
      for (let i = 0; i < params.length; i++) {
        const theta = params[i]!.data,
          g = grads[i]!.data,
          m = first[i]!.data,
          v = second[i]!.data;
        for (let q = 0; q < theta.length; q++) {
          m[q] = beta1 * m[q]! + (1 - beta1) * g[q]!;
          v[q] = beta2 * v[q]! + (1 - beta2) * g[q]! * g[q]!;
          theta[q] = theta[q]! - (eta * (m[q]! / c1)) / (Math.sqrt(v[q]! / c2) + eps);
        }
      }
    },
    reset() {
      first = [];
      second = [];
      t = 0;
    },
  };
  return opt;
}
