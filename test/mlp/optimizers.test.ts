import { describe, expect, it } from "vitest";
import { Matrix, adam, momentum, sgd } from "../../src/mlp/index.ts";

const theta0 = [0.5, -1, 2];
const g1 = [0.1, -0.2, 0.3];
const g2 = [-0.4, 0.5, 0.05];
const param = () => Matrix.from([theta0]);
const grad = (g: number[]) => Matrix.from([g]);

describe("sgd", () => {
  it("sgd({ eta }).step(params, grads) is θ ← θ − η·g", () => {
    const p = param();
    sgd({ eta: 0.1 }).step([p], [grad(g1)]);
    expect(Array.from(p.data)).toEqual(theta0.map((t, q) => t - 0.1 * g1[q]!));
  });
  it("a changed eta applies from the next step", () => {
    const p = param();
    const opt = sgd({ eta: 0.1 });
    opt.eta = 1;
    opt.step([p], [grad(g1)]);
    expect(Array.from(p.data)).toEqual(theta0.map((t, q) => t - g1[q]!));
  });
});

describe("momentum", () => {
  it("momentum({ eta, mu }) is v ← μv + g, θ ← θ − ηv over two steps", () => {
    const p = param();
    const opt = momentum({ eta: 0.1, mu: 0.9 });
    opt.step([p], [grad(g1)]);
    opt.step([p], [grad(g2)]);
    const expected = theta0.map((t, q) => {
      const v1 = g1[q]!;
      const v2 = 0.9 * v1 + g2[q]!;
      return t - 0.1 * v1 - 0.1 * v2;
    });
    p.data.forEach((v, q) => expect(v).toBeCloseTo(expected[q]!, 15));
  });
  it("reset() forgets the velocity", () => {
    const [p, q] = [param(), param()];
    const opt = momentum({ eta: 0.1 });
    opt.step([p], [grad(g1)]);
    opt.reset();
    opt.step([q], [grad(g1)]);
    expect(q.data).toEqual(p.data);
  });
});

describe("adam", () => {
  it("adam({ eta }) first step moves each θ by η·g/(|g| + ε): bias correction undoes the zero start", () => {
    const p = param();
    adam({ eta: 0.01 }).step([p], [grad(g1)]);
    p.data.forEach((v, q) =>
      expect(v).toBeCloseTo(theta0[q]! - (0.01 * g1[q]!) / (Math.abs(g1[q]!) + 1e-8), 15),
    );
  });
  it("adam() uses PyTorch's defaults η = 0.001, β1 = 0.9, β2 = 0.999, ε = 1e-8", () => {
    const [p, q] = [param(), param()];
    const a = adam();
    const b = adam({ eta: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8 });
    for (const g of [g1, g2, g1]) {
      a.step([p], [grad(g)]);
      b.step([q], [grad(g)]);
    }
    expect(p.data).toEqual(q.data);
    expect(a.eta).toBe(0.001);
  });
  it("adam's second step follows m ← β1m + (1−β1)g, v ← β2v + (1−β2)g², θ ← θ − η·m̂/(√v̂ + ε)", () => {
    const p = param();
    const opt = adam({ eta: 0.01 });
    opt.step([p], [grad(g1)]);
    opt.step([p], [grad(g2)]);
    theta0.forEach((t, q) => {
      let [m, v, theta] = [0, 0, t];
      for (const [step, g] of [g1[q]!, g2[q]!].entries()) {
        m = 0.9 * m + 0.1 * g;
        v = 0.999 * v + 0.001 * g * g;
        const mh = m / (1 - 0.9 ** (step + 1));
        const vh = v / (1 - 0.999 ** (step + 1));
        theta -= (0.01 * mh) / (Math.sqrt(vh) + 1e-8);
      }
      expect(p.data[q]).toBeCloseTo(theta, 14);
    });
  });
});

describe("bad optimiser settings and misuse are refused with the reason", () => {
  it("rates out of range", () => {
    expect(() => sgd({ eta: 0 })).toThrow("sgd: eta must be a positive number, got 0");
    expect(() => sgd({ eta: -0.1 })).toThrow("sgd: eta must be a positive number, got -0.1");
    expect(() => momentum({ eta: 0.1, mu: 1 })).toThrow("momentum: mu must be in [0, 1), got 1");
    expect(() => momentum({ eta: NaN })).toThrow("momentum: eta must be a positive number, got NaN");
    expect(() => adam({ beta1: 1.5 })).toThrow("adam: beta1 must be in [0, 1), got 1.5");
    expect(() => adam({ beta2: -0.1 })).toThrow("adam: beta2 must be in [0, 1), got -0.1");
    expect(() => adam({ eps: 0 })).toThrow("adam: eps must be a positive number, got 0");
  });
  it("params and grads that do not pair up", () => {
    expect(() => sgd({ eta: 1 }).step([param()], [])).toThrow(
      "sgd: 1 parameters but 0 gradients; pass one gradient per parameter",
    );
    expect(() => adam().step([param()], [new Matrix(3, 1)])).toThrow(
      "adam: parameter 0 is (1×3) but its gradient is (3×1)",
    );
  });
  it("one optimiser used on two networks", () => {
    const opt = momentum({ eta: 0.1 });
    opt.step([param()], [grad(g1)]);
    expect(() => opt.step([new Matrix(2, 2)], [new Matrix(2, 2)])).toThrow(
      "momentum: the parameters changed shape since the last step; use a new optimizer (or reset()) per network",
    );
  });
});
