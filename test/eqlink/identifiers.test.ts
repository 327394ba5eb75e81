// The names a cell's code uses (and assigns), and which of them an equation's symbol is.
import { describe, expect, it } from "vitest";
import { identifierNames, identifiers } from "../../src/eqlink/identifiers.ts";
import { codeName, gradientName } from "../../src/eqlink/symbols.ts";

const names = (code: string) => identifiers(code).map((t) => t.name);
const defs = (code: string) => identifiers(code).flatMap((t) => (t.def ? [t.name] : []));

describe("identifiers(code)", () => {
  it("skips comments, strings and numbers", () => {
    expect(names('// (m, n) X\nconst S = 1e-5; /* W */ f(\'b\', "c\\" d");')).toEqual(["S", "f"]);
  });

  it("reads the code inside a template's ${…}, not its text", () => {
    expect(names("`X is ${shapeOf(X)} and ${ {a: W}.a } too`; b")).toEqual([
      "shapeOf",
      "X",
      "a",
      "W",
      "a",
      "b",
    ]);
  });

  it("gives each name's offsets in the code", () => {
    const code = "const delta = sub(P, Y);";
    expect(identifiers(code).map((t) => code.slice(t.start, t.end))).toEqual(["delta", "sub", "P", "Y"]);
  });

  it("marks declarations (with patterns) and assignments as where a name is computed", () => {
    expect(defs("const S = matmul(X, W);\nlet [m, n] = X.shape;\nconst { dW, db: g } = grads;")).toEqual([
      "S",
      "m",
      "n",
      "dW",
      "db",
      "g",
    ]);
    expect(defs("W -= eta * dW; b = sub(b, db); x == y; f = (d) => d; net.W = 2;")).toEqual(["W", "b", "f"]);
    expect(defs("for (const x of xs) total += x;")).toEqual(["x", "total"]);
  });

  it("leaves out members of the platform's objects (console.log is not the log of an equation)", () => {
    expect(names("console.log(Math.exp(-s), Math . max(a, b), net.W, log)")).toEqual([
      "console",
      "Math",
      "s",
      "Math",
      "a",
      "b",
      "net",
      "W",
      "log",
    ]);
  });

  it("leaves out the option keys of a Plot call (its x channel is not the x of an equation)", () => {
    const code =
      "Plot.plot({ x: { domain }, marks: [Plot.dot(X, { x: (d) => d.x, fill: y })] }); sgd({ eta: 1 }); c ? x : y";
    expect(names(code)).toEqual([
      "Plot",
      "domain",
      "Plot",
      "X",
      "d",
      "d",
      "x",
      "y",
      "sgd",
      "eta",
      "c",
      "x",
      "y",
    ]);
  });

  it("identifierNames(code) is the set of names", () => {
    expect(identifierNames("W = W + W")).toEqual(new Set(["W"]));
  });
});

describe("codeName(symbol, names) and gradientName(symbol, names)", () => {
  const cell = new Set(["W", "delta", "eta", "dW", "db", "b", "sigmoid", "softmax", "eps"]);

  it("is the letter itself, or the Greek letter spelled out, when the cell uses that name", () => {
    expect(["W", "δ", "η", "σ", "ε", "softmax", "X", "λ", "∑"].map((s) => codeName(s, cell))).toEqual([
      "W",
      "delta",
      "eta",
      "sigmoid",
      "eps",
      "softmax",
      null,
      null,
      null,
    ]);
  });

  it("names ∂E/∂W dW and ∂E/∂b db, when the cell has them", () => {
    expect(["W", "b", "S"].map((s) => gradientName(s, cell))).toEqual(["dW", "db", null]);
  });
});
