// The notebook semantics, cell by cell, through the same kernel the build and the worker use.
import { describe, expect, it, vi } from "vitest";
import { createKernel, type CellFunction, type Kernel } from "../../src/notebook/kernel.ts";
import { createNodeKernel, resolveNodeModule } from "../../src/notebook/node-runner.ts";
import { errorOf, run, shown } from "./run-cell.ts";

describe("kernel: one scope per chapter", () => {
  it("a top-level name of one cell is visible to later cells", async () => {
    const k = createNodeKernel();
    expect((await run(k, "const a: number = 2;")).ok).toBe(true);
    expect(shown((await run(k, "a * 3")).outputs)).toBe("6");
    expect(k.names()).toEqual(["a"]);
  });

  it("re-running a cell re-binds its names instead of failing with 'already declared'", async () => {
    const k = createNodeKernel();
    await run(k, "const a = 1;\nlet b = a;");
    const again = await run(k, "const a = 5;\nlet b = a;");
    expect(again.ok).toBe(true);
    expect(shown((await run(k, "[a, b]")).outputs)).toBe("[5, 5]");
  });

  it("functions read the current binding of a name, even one declared by a later cell", async () => {
    const k = createNodeKernel();
    await run(k, "function f() { return k * 2; }");
    await run(k, "const k = 3;");
    expect(shown((await run(k, "f()")).outputs)).toBe("6");
    await run(k, "const k = 10;");
    expect(shown((await run(k, "f()")).outputs)).toBe("20");
  });

  it("assignments to another cell's name update it; locals shadow it", async () => {
    const k = createNodeKernel();
    await run(k, "let count = 0;");
    await run(k, "count += 1;\nfor (let i = 0; i < 3; i++) count++;\n{ const count = 100; }");
    expect(shown((await run(k, "count")).outputs)).toBe("4");
  });

  it("reset() forgets every binding", async () => {
    const k = createNodeKernel();
    await run(k, "const gone = 1;");
    k.reset();
    expect(k.names()).toEqual([]);
    const r = await run(k, "gone");
    expect(r.ok).toBe(false);
    expect(errorOf(r.outputs)).toMatchObject({ name: "ReferenceError", message: "gone is not defined" });
  });

  it("top-level await works", async () => {
    const k = createNodeKernel();
    const r = await run(
      k,
      "const v = await new Promise<number>((resolve) => setTimeout(() => resolve(42), 5));\nv + 1",
    );
    expect(shown(r.outputs)).toBe("43");
  });

  it("runs one cell at a time, in the order they were asked for", async () => {
    const k = createNodeKernel();
    const first = run(k, "await new Promise((r) => setTimeout(r, 20));\nlet order = ['first'];");
    const second = run(k, "order.push('second');\norder");
    await first;
    expect(shown((await second).outputs)).toBe('["first", "second"]');
  });

  it("host globals stay reachable; typeof of an unknown name is 'undefined'", async () => {
    const k = createNodeKernel();
    expect(
      shown((await run(k, "[typeof nothingHere, typeof structuredClone, Math.max(1, 2)]")).outputs),
    ).toBe('["undefined", "function", 2]');
  });
});

describe("kernel: imports", () => {
  it('import { … } from "mlp" binds the library\'s exports for this and later cells', async () => {
    const k = createNodeKernel();
    await run(k, 'import { Matrix, matmul as mm } from "mlp";');
    const r = await run(k, "mm(Matrix.from([[1, 2]]), Matrix.from([[3], [4]])).toArray()");
    expect(shown(r.outputs)).toBe("[[11]]");
  });

  it('imports "data" and "@observablehq/plot" (namespace import)', async () => {
    const k = createNodeKernel();
    const r = await run(
      k,
      'import { makeXor } from "data";\nimport * as Plot from "@observablehq/plot";\n[makeXor().X.rows, typeof Plot.dot]',
    );
    expect(shown(r.outputs)).toBe('[4, "function"]');
  });

  it("a dynamic import() goes through the same resolver", async () => {
    const k = createNodeKernel();
    const r = await run(k, 'const { makeXor } = await import("data");\nmakeXor().y.length');
    expect(shown(r.outputs)).toBe("4");
  });

  it("TypeScript-only syntax that compiles to code (an enum) binds like any declaration", async () => {
    const k = createNodeKernel();
    await run(k, "enum Phase { Forward, Backward }");
    expect(shown((await run(k, "Phase.Backward")).outputs)).toBe("1");
  });

  it("asks the host's resolver, once per module, and names the modules a cell can import", async () => {
    const resolveModule = vi.fn((name: string) => (name === "mlp" ? { answer: 42 } : undefined));
    const k = createKernel({ resolveModule });
    await run(k, 'import { answer } from "mlp";');
    expect(shown((await run(k, 'import { answer as again } from "mlp";\nanswer + again')).outputs)).toBe(
      "84",
    );
    expect(resolveModule).toHaveBeenCalledTimes(1);
    const r = await run(k, 'import { x } from "numpy";');
    expect(errorOf(r.outputs)).toMatchObject({
      message: 'Cannot find module "numpy": cells can import "mlp", "data" and "@observablehq/plot"',
      line: 1,
    });
  });
});

describe("kernel: what a cell shows", () => {
  it("displays the last expression: numbers, strings, arrays, objects", async () => {
    const k = createNodeKernel();
    expect(shown((await run(k, "0.1 + 0.2")).outputs)).toBe("0.30000000000000004");
    expect(shown((await run(k, "'plain text'")).outputs)).toBe("plain text");
    expect(shown((await run(k, "[1, 'two', [3]]")).outputs)).toBe('[1, "two", [3]]');
    expect(shown((await run(k, "({ loss: 0.5, sizes: [2, 3] })")).outputs)).toBe(
      "{ loss: 0.5, sizes: [2, 3] }",
    );
  });

  it("shows nothing for a cell that ends in a declaration or an undefined value", async () => {
    const k = createNodeKernel();
    expect((await run(k, "const quiet = 1;")).outputs).toEqual([]);
    expect((await run(k, "undefined")).outputs).toEqual([]);
  });

  it("shows a Matrix as a table with its shape", async () => {
    const k = createNodeKernel();
    const r = await run(k, 'import { Matrix } from "mlp";\nMatrix.from([[1, 2.5], [3, -4]])');
    expect(r.outputs).toEqual([
      {
        kind: "value",
        view: {
          type: "table",
          caption: "Matrix (2×2)",
          columns: ["0", "1"],
          rows: [
            ["1", "2.5"],
            ["3", "-4"],
          ],
          more: 0,
        },
      },
    ]);
  });

  it("captures console.log and console.error as stdout and stderr, without touching the host console", async () => {
    const k = createNodeKernel();
    const host = vi.spyOn(console, "log");
    const r = await run(k, "console.log('loss', 0.5, [1]);\nconsole.error('careful');\nconsole.log('done');");
    expect(host).not.toHaveBeenCalled();
    host.mockRestore();
    expect(r.outputs).toEqual([
      { kind: "stream", stream: "stdout", text: "loss 0.5 [1]\n" },
      { kind: "stream", stream: "stderr", text: "careful\n" },
      { kind: "stream", stream: "stdout", text: "done\n" },
    ]);
  });

  it("a function defined in one cell logs into the cell that calls it", async () => {
    const k = createNodeKernel();
    await run(k, "function say(x: string) { console.log(x); }");
    expect((await run(k, "say('hello')", "later")).outputs).toEqual([
      { kind: "stream", stream: "stdout", text: "hello\n" },
    ]);
  });

  it("shows a Plot chart as SVG, with Plot's default document supplied", async () => {
    const k = createNodeKernel();
    const r = await run(
      k,
      'import * as Plot from "@observablehq/plot";\nPlot.lineY([1, 3, 2]).plot({ height: 100 })',
    );
    const value = r.outputs[0];
    expect(value?.kind === "value" && value.view.type).toBe("svg");
    const svg = value?.kind === "value" && value.view.type === "svg" ? value.view.svg : "";
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain("<path");
    const titled = await run(k, "Plot.plot({ title: 'Loss', marks: [Plot.lineY([1, 2])] })");
    const figure = titled.outputs[0];
    expect(figure?.kind === "value" && figure.view.type === "html" && figure.view.html).toMatch(
      /^<figure[^>]*>.*<h2>Loss<\/h2>/s,
    );
  });
});

describe("kernel: errors point into the cell's TypeScript", () => {
  it("a runtime error gives its line and column in the TypeScript source (types stripped in between)", async () => {
    const k = createNodeKernel();
    const source =
      "const xs: number[] = [1, 2];\nconst label: string = 'x';  const y: number = notAFunction(xs);";
    const r = await run(k, source);
    expect(r.ok).toBe(false);
    const column = source.split("\n")[1]!.indexOf("notAFunction") + 1;
    expect(errorOf(r.outputs)).toEqual({
      kind: "error",
      name: "ReferenceError",
      message: "notAFunction is not defined",
      line: 2,
      column,
    });
  });

  it("an error thrown inside the library points at the cell line that called it", async () => {
    const k = createNodeKernel();
    const r = await run(
      k,
      'import { Matrix, matmul } from "mlp";\nconst A = Matrix.zeros(2, 3);\n\nconst B: Matrix =\n    matmul(A, A);',
    );
    expect(errorOf(r.outputs)).toMatchObject({
      name: "Error",
      message: "matmul: (2×3)·(2×3): inner sizes 3 ≠ 2",
      line: 5,
      column: 5,
    });
  });

  it("messages speak of the reader's names, not the scope object", async () => {
    const k = createNodeKernel();
    await run(k, "const notCallable = 3;");
    expect(errorOf((await run(k, "notCallable()")).outputs).message).toBe("notCallable is not a function");
  });

  it("a syntax error gives its position, from sucrase (TypeScript) or from the JavaScript parser", async () => {
    const k = createNodeKernel();
    expect(errorOf((await run(k, "const a = 1;\nconst b: = 2;")).outputs)).toMatchObject({
      name: "SyntaxError",
      message: "Unexpected token",
      line: 2,
      column: 10,
    });
    expect(errorOf((await run(k, "const a: number = 1;\nexport const b = 2;")).outputs)).toMatchObject({
      name: "SyntaxError",
      message: "export is not supported in a cell: top-level names are already shared",
      line: 2,
      column: 1,
    });
  });

  it("a thrown non-Error value is shown", async () => {
    const k = createNodeKernel();
    expect(errorOf((await run(k, "throw 'stop';")).outputs)).toMatchObject({
      name: "Error",
      message: 'Uncaught "stop"',
    });
  });

  it("a failed cell leaves the kernel usable", async () => {
    const k = createNodeKernel();
    await run(k, "const before = 1;\nnull.x;");
    expect(shown((await run(k, "before")).outputs)).toBe("1");
  });
});

/** A clock the cell moves forward itself, so throttling is tested without timing anything. */
function clockKernel() {
  let now = 0;
  const clock = { advance: (ms: number) => void (now += ms) };
  const kernel = createKernel({
    resolveModule: (name) => (name === "clock" ? clock : undefined),
    throttleMs: 100,
    now: () => now,
  });
  return kernel;
}

describe("kernel: live displays and progress", () => {
  it("display(x).update(y) replaces one display, at most once per interval, and always ends on the last value", async () => {
    const k = clockKernel();
    const r = await run(
      k,
      'import { advance } from "clock";\nconst chart = display(0);\nfor (let i = 1; i <= 10; i++) { advance(30); chart.update(i); }',
    );
    const displays = r.outputs.filter((o) => o.kind === "display");
    // t = 0 shows 0; updates at t = 30…300: due at 120 (i = 4) and 240 (i = 8); 10 is flushed at the end.
    expect(displays.map((o) => o.kind === "display" && o.view.type === "text" && o.view.text)).toEqual([
      "0",
      "4",
      "8",
      "10",
    ]);
    expect(new Set(displays.map((o) => o.kind === "display" && o.displayId)).size).toBe(1);
  });

  it("update(() => value) builds the value only when it is shown", async () => {
    const k = clockKernel();
    const r = await run(
      k,
      'import { advance } from "clock";\nlet built = 0;\nconst h = display("start");\nfor (let i = 0; i < 50; i++) { advance(10); h.update(() => ++built); }\nbuilt',
    );
    expect(shown(r.outputs)).toBe("5"); // every 100 ms of the 500 ms, and nothing more
  });

  it("a cell ending in display(x) does not also show the handle", async () => {
    const k = clockKernel();
    const r = await run(k, "display(1)");
    expect(r.outputs.map((o) => o.kind)).toEqual(["display"]);
  });

  it("progressBar(total) reports done/total with an ETA from the rate so far, and 0 s left at the end", async () => {
    const k = clockKernel();
    const r = await run(
      k,
      'import { advance } from "clock";\nconst bar = progressBar(4, "epochs");\nfor (let i = 0; i < 4; i++) { advance(1000); bar.tick(); }',
    );
    const progress = r.outputs.filter((o) => o.kind === "progress");
    expect(progress).toEqual([
      expect.objectContaining({ label: "epochs", done: 0, total: 4, etaSeconds: null }),
      expect.objectContaining({ done: 1, etaSeconds: 3 }),
      expect.objectContaining({ done: 2, etaSeconds: 2 }),
      expect.objectContaining({ done: 3, etaSeconds: 1 }),
      expect.objectContaining({ done: 4, etaSeconds: 0 }),
    ]);
  });

  it("progress(done, total) keeps one bar per label and throttles it", async () => {
    const k = clockKernel();
    const r = await run(
      k,
      'import { advance } from "clock";\nfor (let i = 0; i <= 20; i++) { advance(10); progress(i, 20, "steps"); }',
    );
    const progress = r.outputs.filter((o) => o.kind === "progress");
    expect(new Set(progress.map((o) => o.kind === "progress" && o.displayId)).size).toBe(1);
    expect(progress.map((o) => o.kind === "progress" && o.done)).toEqual([0, 10, 20]);
  });
});

describe("kernel: abort() (Stop) asks the running cell to stop", () => {
  /** A kernel whose cells can press Stop themselves: `import { stop } from "host"`. */
  function stoppable() {
    const kernel: Kernel = createKernel({
      resolveModule: (name) => (name === "host" ? { stop: () => kernel.abort() } : resolveNodeModule(name)),
    });
    return kernel;
  }
  const training = [
    'import { MLP, sgd, train, Matrix } from "mlp";',
    'import { stop } from "host";',
    "const net = new MLP({ sizes: [2, 3, 2], seed: 1 });",
    "const before = net.params()[0].clone();",
    "const X = new Matrix(8, 2, Float64Array.from({ length: 16 }, (_, i) => (i % 5) / 5));",
    "const y = [0, 1, 0, 1, 1, 0, 1, 0];",
    'const bar = progressBar(800, "steps");',
    "let steps = 0;",
    "const history = await train(net, X, y, {",
    "  epochs: 100, batchSize: 1, optimizer: sgd({ eta: 0.1 }),",
    "  onStep: () => { bar.tick(); if (++steps === 3) stop(); },",
    "});",
    "const moved = net.params()[0].data.some((w, i) => w !== before.data[i]);",
    "[steps, history.aborted, moved, signal.aborted]",
  ].join("\n");

  it("train, not passed a signal, ends after the current step; the network keeps its steps; the code after runs", async () => {
    const k = stoppable();
    const r = await run(k, training);
    expect(r).toMatchObject({ ok: true, stopped: true });
    expect(shown(r.outputs)).toBe("[3, true, true, true]");
    // The names the cell bound are in memory for the next cell.
    expect(shown((await run(k, "[steps, history.stepLoss.length]")).outputs)).toBe("[3, 3]");
  });

  it("a progress bar of a stopped run ends on the step it stopped at, with no time left", async () => {
    const r = await run(stoppable(), training);
    const bars = r.outputs.filter((o) => o.kind === "progress");
    expect(bars.at(-1)).toMatchObject({ done: 3, total: 800, etaSeconds: null, stopped: true });
  });

  it("the next run has a signal of its own, not aborted; a run that was not asked says stopped: false", async () => {
    const k = stoppable();
    await run(k, training);
    const r = await run(k, "signal.aborted");
    expect(r).toMatchObject({ ok: true, stopped: false });
    expect(shown(r.outputs)).toBe("false");
  });

  it("a signal the cell passes to train still works beside Stop's", async () => {
    const k = stoppable();
    const source = training
      .replace('import { stop } from "host";', "const own = new AbortController();")
      .replace("stop();", "own.abort();")
      .replace("epochs: 100,", "epochs: 100, signal: own.signal,");
    const r = await run(k, source);
    expect(r).toMatchObject({ ok: true, stopped: false });
    expect(shown(r.outputs)).toBe("[3, true, true, false]");
  });

  it("abort() with no cell running does nothing to the next run", async () => {
    const k = stoppable();
    k.abort();
    expect(await run(k, "1 + 1")).toMatchObject({ ok: true, stopped: false });
  });
});

describe("kernel: cells evaluated as modules (as the worker does, where its policy refuses eval)", () => {
  // Node imports data: URLs as the worker imports blob: ones.
  const nativeImport = (url: string) => import(/* @vite-ignore */ url) as Promise<{ default: unknown }>;
  let imported = 0;
  const asModule = async (code: string, url: string) => {
    imported++;
    const source = `export default ${code}\n//# sourceURL=${url}`;
    return (await nativeImport(`data:text/javascript,${encodeURIComponent(source)}`)).default as CellFunction;
  };

  it("gives the same values, errors at the same TypeScript line and column, and output attributed by run", async () => {
    const k = createNodeKernel({ evaluate: asModule });
    expect(shown((await run(k, "const a: number = 2;\na * 21")).outputs)).toBe("42");
    const source = "const n: number = 1;\nconst f = (x: number) => x.notAFunction();\nf(n);";
    const error = errorOf((await run(k, source)).outputs);
    expect(error).toMatchObject({ name: "TypeError", line: 2 });
    expect(error.column).toBe(source.split("\n")[1]!.indexOf("notAFunction") + 1);
    const gate = "let open: () => void;\nconst gate = new Promise<void>((r) => (open = r));\n";
    const a = await run(k, `${gate}void (async () => {\n  await gate;\n  console.log("late");\n})();`, "a");
    const b = await run(k, "open();\nawait null;\nawait null;\n1", "b");
    await new Promise((r) => setTimeout(r, 80));
    expect(a.outputs).toEqual([{ kind: "stream", stream: "stdout", text: "late\n" }]);
    expect(b.outputs.map((o) => o.kind)).toEqual(["value"]);
    expect(imported).toBe(4);
  });
});
