// range, select and checkbox in cells, through the kernel the build and the worker use: in Node a knob is its
// value; each call also emits the control's spec, and the reader's setting comes back under knobKey(cell, n).
import { describe, expect, it } from "vitest";
import { knobKey, logPosition, logValue, LOG_POSITIONS, snap } from "../../src/notebook/knobs.ts";
import { createNodeKernel } from "../../src/notebook/node-runner.ts";
import type { Output } from "../../src/notebook/protocol.ts";
import { errorText, run, shown } from "./run-cell.ts";

const knobs = (outputs: Output[]) => outputs.filter((o) => o.kind === "knob");

describe("range([min, max], { value, step, label })", () => {
  it("is its value in Node, and emits the control's spec at that value", async () => {
    const k = createNodeKernel();
    const { outputs } = await run(
      k,
      'const eta = range([0.001, 3], { value: 0.1, step: "log", label: "η" });\neta * 2',
    );
    expect(shown(outputs)).toBe("0.2");
    expect(knobs(outputs)).toEqual([
      {
        kind: "knob",
        n: 0,
        knob: { type: "range", label: "η", min: 0.001, max: 3, step: "log", value: 0.1 },
      },
    ]);
  });

  it("defaults to the middle of the range (geometric for a log range), snapped to the step", async () => {
    const k = createNodeKernel();
    expect(shown((await run(k, "range([0, 10], { step: 3 })")).outputs)).toBe("6");
    expect(shown((await run(k, 'range([1, 100], { step: "log" })')).outputs)).toBe("10");
    expect(shown((await run(k, "range([0, 1], { value: 0.3, step: 0.1 })")).outputs)).toBe("0.3");
  });

  it("returns the reader's setting (knobKey of the cell and the knob's number), clamped and snapped", async () => {
    const k = createNodeKernel();
    const source =
      "const a = range([0, 1], { value: 0.5, step: 0.05 });\nconst b = range([1, 50], { value: 8, step: 1 });\n[a, b]";
    k.setInput(knobKey("cell-9", 1), 20.4);
    expect(shown((await run(k, source, "cell-9")).outputs)).toBe("[0.5, 20]");
    k.setInput(knobKey("cell-9", 0), 7);
    const { outputs } = await run(k, source, "cell-9");
    expect(shown(outputs)).toBe("[1, 20]");
    expect(knobs(outputs).map((o) => o.kind === "knob" && [o.n, o.knob.value])).toEqual([
      [0, 1],
      [1, 20],
    ]);
    k.setInput(knobKey("cell-9", 1), null);
    expect(shown((await run(k, source, "cell-9")).outputs)).toBe("[1, 8]");
    // another cell's knobs are its own
    expect(shown((await run(k, source, "cell-10")).outputs)).toBe("[0.5, 8]");
  });

  it("says what is wrong with its arguments", async () => {
    const k = createNodeKernel();
    const fn = "range([min, max], { value, step, label })";
    expect(errorText((await run(k, "range(3)")).outputs)).toBe(
      `TypeError: ${fn}: the first argument must be [min, max], two numbers, got 3`,
    );
    expect(errorText((await run(k, "range([2, 1])")).outputs)).toBe(
      `RangeError: ${fn}: min must be below max, got [2, 1]`,
    );
    expect(errorText((await run(k, 'range([0, 1], { step: "log" })')).outputs)).toBe(
      `RangeError: ${fn}: a log range needs min > 0 (log 0 is −∞), got min 0`,
    );
    expect(errorText((await run(k, "range([0, 1], { value: 2 })")).outputs)).toBe(
      `RangeError: ${fn}: value must be a number in [0, 1], got 2`,
    );
    expect(errorText((await run(k, "range([0, 1], { step: -1 })")).outputs)).toBe(
      `TypeError: ${fn}: step must be a positive number, "log" or "any", got -1`,
    );
  });
});

describe("select(options, { value, label, format })", () => {
  it("returns the option itself (any value: an activation object), and lists options by name", async () => {
    const k = createNodeKernel();
    const source =
      'import { relu, sigmoid, tanh } from "mlp";\nconst f = select([sigmoid, tanh, relu], { value: tanh, label: "f" });\nf.name';
    const first = await run(k, source);
    expect(shown(first.outputs)).toBe("tanh");
    expect(knobs(first.outputs)).toEqual([
      {
        kind: "knob",
        n: 0,
        knob: { type: "select", label: "f", options: ["sigmoid", "tanh", "relu"], value: 1 },
      },
    ]);
    k.setInput(knobKey("c", 0), 2);
    expect(shown((await run(k, source)).outputs)).toBe("relu");
    k.setInput(knobKey("c", 0), 3); // no such option (the code changed): the code's own value
    expect(shown((await run(k, source)).outputs)).toBe("tanh");
  });

  it("formats options with format, defaults to the first, and refuses a value that is not an option", async () => {
    const k = createNodeKernel();
    const { outputs } = await run(k, "select([1, 8, 64], { format: (B) => `B = ${B}` })");
    expect(shown(outputs)).toBe("1");
    expect(knobs(outputs)[0]).toMatchObject({ knob: { options: ["B = 1", "B = 8", "B = 64"], value: 0 } });
    expect(errorText((await run(k, "select([1, 2], { value: 3 })")).outputs)).toBe(
      "RangeError: select(options, { value, label, format }): value must be one of the options, got 3",
    );
    expect(errorText((await run(k, "select([])")).outputs)).toBe(
      "TypeError: select(options, { value, label, format }): options must be a non-empty array, got []",
    );
  });
});

describe("checkbox({ value, label })", () => {
  it("is its value (false by default) until the reader sets it", async () => {
    const k = createNodeKernel();
    expect(shown((await run(k, "checkbox()")).outputs)).toBe("false");
    const source = 'checkbox({ value: true, label: "noise" })';
    expect(shown((await run(k, source)).outputs)).toBe("true");
    k.setInput(knobKey("c", 0), false);
    expect(shown((await run(k, source)).outputs)).toBe("false");
    expect(errorText((await run(k, 'checkbox({ value: "yes" })')).outputs)).toBe(
      'TypeError: checkbox({ value, label }): value must be true or false, got "yes"',
    );
  });

  it("is not what input(name) reads: a knob's setting under a widget's name is ignored", async () => {
    const k = createNodeKernel();
    k.setInput("csv", 3);
    expect(shown((await run(k, 'input("csv", "fallback")')).outputs)).toBe("fallback");
  });
});

describe("a cell's own name", () => {
  it("hides a helper of the same name (a cell may declare its own range) for the cells after it", async () => {
    const k = createNodeKernel();
    const first = await run(k, "const range = (n: number) => [...Array(n).keys()];\nrange(3)");
    expect(first.ok).toBe(true);
    expect(shown((await run(k, "range(2)")).outputs)).toBe("[0, 1]");
    k.reset();
    expect(shown((await run(k, "range([0, 4])")).outputs)).toBe("2");
  });
});

describe("knob arithmetic", () => {
  it("snap(v, min, max, step) clamps and lands on the step's grid without binary noise", () => {
    expect(snap(0.30000000000000004, 0, 1, 0.1)).toBe(0.3);
    expect(snap(0.26, 0, 1, 0.05)).toBe(0.25);
    expect(snap(-3, 0, 1, 0.1)).toBe(0);
    expect(snap(3, 0, 1, "any")).toBe(1);
    expect(snap(7, 1, 50, 2)).toBe(7);
  });

  it("a log range's positions run evenly in log(value) from min (0) to max (LOG_POSITIONS)", () => {
    expect(logPosition(0.001, 0.001, 3)).toBe(0);
    expect(logPosition(3, 0.001, 3)).toBe(LOG_POSITIONS);
    expect(logValue(0, 0.001, 3)).toBe(0.001);
    expect(logValue(LOG_POSITIONS, 0.001, 3)).toBe(3);
    const p = logPosition(0.1, 0.001, 3);
    expect(Math.abs(logValue(p, 0.001, 3) - 0.1) / 0.1).toBeLessThan(0.04);
  });
});
