// Every reference file in test/fixtures/reference/ (numpy float64, see its README) against the library:
// forward values, loss, every delta and gradient, and the weights after 3 optimiser steps, to 1e-10.

import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  MLP,
  Matrix,
  adam,
  momentum,
  sgd,
  type ActivationName,
  type Optimizer,
} from "../../src/mlp/index.ts";

interface M {
  shape: [number, number];
  data: number[];
}
interface Case {
  sizes: number[];
  hidden: ActivationName;
  output: "softmax_ce" | "sigmoid_mse" | "identity_mse";
  X: M;
  Y: M;
  W: M[];
  b: M[];
  S: M[];
  A: M[];
  loss: number;
  delta: M[];
  dW: M[];
  db: M[];
  after3steps: Record<"sgd" | "momentum" | "adam", { lr: number; losses: number[]; W: M[]; b: M[] }>;
}

const dir = new URL("../fixtures/reference/", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".json"));

/** |a − e| ≤ 1e-10, or |a − e| ≤ 1e-10·|e|. */
function close(actual: number, expected: number): boolean {
  const d = Math.abs(actual - expected);
  return d <= 1e-10 || d <= 1e-10 * Math.abs(expected);
}

function expectMatrix(what: string, actual: Matrix, expected: M): void {
  expect(actual.shape, `${what} shape`).toEqual(expected.shape);
  const bad = expected.data.findIndex((e, q) => !close(actual.data[q]!, e));
  if (bad >= 0) expect.fail(`${what}[${bad}] = ${actual.data[bad]}, expected ${expected.data[bad]}`);
}

function network(c: Case): MLP {
  const [output, loss] = c.output.split("_") as [ActivationName, "ce" | "mse"];
  return MLP.fromJSON({
    sizes: c.sizes,
    hidden: c.hidden,
    output,
    loss: loss === "ce" ? "crossEntropy" : "mse",
    W: c.W,
    b: c.b,
  });
}

const optimizers: Record<"sgd" | "momentum" | "adam", (lr: number) => Optimizer> = {
  sgd: (lr) => sgd({ eta: lr }),
  momentum: (lr) => momentum({ eta: lr, mu: 0.9 }),
  adam: (lr) => adam({ eta: lr }),
};

it("test/fixtures/reference/ holds at least one *.json file", () => {
  expect(files.length).toBeGreaterThan(0);
});

for (const file of files) {
  const { cases } = JSON.parse(readFileSync(new URL(file, dir), "utf8")) as { cases: Case[] };
  describe(`${file}`, () => {
    it(`${file} has cases`, () => expect(cases.length).toBeGreaterThan(0));
    cases.forEach((c, n) => {
      const name = `${file} case ${n}: [${c.sizes}] ${c.hidden} → ${c.output}`;
      const X = Matrix.fromJSON(c.X);
      const Y = Matrix.fromJSON(c.Y);

      it(`${name}: net.forward(X) gives S and A of every layer`, () => {
        const { S, A } = network(c).forward(X);
        c.S.forEach((e, l) => expectMatrix(`S[${l}]`, S[l]!, e));
        c.A.forEach((e, l) => expectMatrix(`A[${l}]`, A[l]!, e));
      });

      it(`${name}: net.backward(X, Y) gives the loss, every delta, dW and db`, () => {
        const g = network(c).backward(X, Y);
        expect(close(g.loss, c.loss), `loss ${g.loss} vs ${c.loss}`).toBe(true);
        c.delta.forEach((e, l) => expectMatrix(`delta[${l}]`, g.delta[l]!, e));
        c.dW.forEach((e, l) => expectMatrix(`dW[${l}]`, g.dW[l]!, e));
        c.db.forEach((e, l) => expectMatrix(`db[${l}]`, g.db[l]!, e));
      });

      for (const opt of ["sgd", "momentum", "adam"] as const) {
        const t = c.after3steps[opt];
        it(`${name}: 3 steps of ${opt} (lr ${t.lr}) give the losses and weights`, () => {
          const net = network(c);
          const optimizer = optimizers[opt](t.lr);
          const losses: number[] = [];
          for (let s = 0; s < 3; s++) {
            const g = net.backward(X, Y);
            losses.push(g.loss);
            optimizer.step(
              net.params(),
              g.dW.flatMap((dW, l) => [dW, g.db[l]!]),
            );
          }
          losses.forEach((loss, s) => expect(close(loss, t.losses[s]!), `loss ${s}: ${loss}`).toBe(true));
          t.W.forEach((e, l) => expectMatrix(`W[${l}]`, net.layers[l]!.W, e));
          t.b.forEach((e, l) => expectMatrix(`b[${l}]`, net.layers[l]!.b, e));
        });
      }
    });
  });
}
