// What a cell cannot do to its output area: flood it with displays or downloads (capped like console text,
// with a note saying so), or break the error path with an error whose message is not a string or whose name
// is a Symbol (shown as the cell's own error, and the run still ends).
import { describe, expect, it } from "vitest";
import { createNodeKernel } from "../../src/notebook/node-runner.ts";
import type { Output } from "../../src/notebook/protocol.ts";
import { run } from "./run-cell.ts";

const notes = (outputs: Output[]) =>
  outputs.flatMap((o) => (o.kind === "stream" && o.stream === "stderr" ? [o.text] : []));

describe("output is bounded", () => {
  it("display() shows at most 200 outputs per run, then says how it stopped", async () => {
    const { ok, outputs } = await run(createNodeKernel(), "for (let i = 0; i < 1000; i++) display(i);");
    expect(ok).toBe(true);
    expect(outputs.filter((o) => o.kind === "display")).toHaveLength(200);
    expect(notes(outputs)).toEqual([
      "display(): this run showed 200 outputs, the most a cell may; later ones are dropped\n",
    ]);
  });

  it("an update of a display already shown is not a new output", async () => {
    const { outputs } = await run(
      createNodeKernel(),
      "const h = display(0);\nfor (let i = 0; i < 500; i++) h.update(i);",
    );
    expect(notes(outputs)).toEqual([]);
  });

  it("download() offers at most 20 files and 10 MB per run, then says how it stopped", async () => {
    const many = await run(createNodeKernel(), 'for (let i = 0; i < 50; i++) download("x", `f${i}.txt`);');
    expect(many.outputs.filter((o) => o.kind === "download")).toHaveLength(20);
    expect(notes(many.outputs)).toEqual([
      "download(): this run offered 20 files or 10 MB, the most a cell may; later ones are dropped\n",
    ]);
    const big = await run(
      createNodeKernel(),
      'const s = "x".repeat(4_000_000);\nfor (let i = 0; i < 5; i++) download(s, "big.txt");',
    );
    expect(big.outputs.filter((o) => o.kind === "download")).toHaveLength(2);
  });
});

describe("odd errors are the cell's own error", () => {
  it.each([
    [
      "a message that is not a string",
      "const e = new Error('x');\n(e as any).message = { why: 1 };\nthrow e;",
      "Error",
      "{ why: 1 }",
    ],
    [
      "a name that is a Symbol",
      "const e = new Error('boom');\n(e as any).name = Symbol('odd');\nthrow e;",
      "Symbol(odd)",
      "boom",
    ],
    [
      "a message getter that throws",
      "const e = new Error('x');\nObject.defineProperty(e, 'message', { get() { throw new Error('no'); } });\nthrow e;",
      "Error",
      "(the error's message could not be read)",
    ],
    ["a thrown Symbol", "throw Symbol('s');", "Error", "Uncaught Symbol(s)"],
  ])("%s", async (_what, source, name, message) => {
    const k = createNodeKernel();
    const { ok, outputs } = await run(k, source);
    expect(ok).toBe(false);
    const error = outputs.find((o) => o.kind === "error");
    expect(error).toMatchObject({ kind: "error", name, message });
    expect(() => structuredClone(outputs)).not.toThrow(); // it crosses postMessage
    expect((await run(k, "1 + 1")).ok).toBe(true); // and the next cell runs
  });
});

describe("output that outlives its run", () => {
  it("from a timer goes to the cell that set it, not to the cell running then", async () => {
    const k = createNodeKernel();
    const a = await run(k, 'setTimeout(() => console.log("late from a"), 30);', "a");
    const b = await run(k, 'await new Promise((r) => setTimeout(r, 120));\nconsole.log("b");', "b");
    await new Promise((r) => setTimeout(r, 100));
    const text = (outputs: Output[]) => outputs.flatMap((o) => (o.kind === "stream" ? [o.text] : []));
    expect(text(b.outputs)).toEqual(["b\n"]);
    expect(text(a.outputs)).toEqual(["late from a\n"]);
  });
});

describe("output from a promise that outlives its run", () => {
  const text = (outputs: Output[]) => outputs.flatMap((o) => (o.kind === "stream" ? [o.text] : []));
  // Cell a leaves a function waiting on a gate; cell b opens it while b runs, so a's continuation prints then.
  const gate = "let open: () => void;\nconst gate = new Promise<void>((r) => (open = r));\n";

  it("an async function a cell did not await prints into that cell, not the one running when it resumes", async () => {
    const k = createNodeKernel();
    const a = await run(
      k,
      `${gate}void (async () => {\n  await gate;\n  console.log("late from a");\n})();`,
      "a",
    );
    const b = await run(k, 'open();\nawait null;\nawait null;\nconsole.log("b");', "b");
    expect(text(b.outputs)).toEqual(["b\n"]);
    await new Promise((r) => setTimeout(r, 80)); // the stream's batch
    expect(text(a.outputs)).toEqual(["late from a\n"]);
  });

  it("a callback passed to then, and a helper passed as the callback itself, print into the cell that passed them", async () => {
    const k = createNodeKernel();
    const a = await run(
      k,
      `${gate}gate.then(() => console.log("arrow"));\nvoid gate.then(console.log);`,
      "a",
    );
    const b = await run(k, "open();\nawait null;\nawait null;\ndisplay(1);", "b");
    await new Promise((r) => setTimeout(r, 80));
    expect(text(a.outputs)).toEqual(["arrow\nundefined\n"]);
    expect(b.outputs.map((o) => o.kind)).toEqual(["display"]);
  });

  it("a helper a straggler hands on as a value while another cell runs prints into the straggler's cell", async () => {
    const k = createNodeKernel();
    const a = await run(
      k,
      `${gate}void (async () => {\n  await gate;\n  void Promise.resolve("late from a").then(console.log);\n})();`,
      "a",
    );
    const b = await run(k, "open();\nawait null;\nawait null;\nawait null;\ndisplay(1);", "b");
    await new Promise((r) => setTimeout(r, 80));
    expect(text(a.outputs)).toEqual(["late from a\n"]);
    expect(b.outputs.map((o) => o.kind)).toEqual(["display"]);
  });

  it("an async function of one cell, awaited by another, prints into the one that awaits it", async () => {
    const k = createNodeKernel();
    await run(
      k,
      'async function later() {\n  await new Promise((r) => setTimeout(r, 5));\n  console.log("in b");\n}',
      "a",
    );
    const b = await run(k, "await later();", "b");
    expect(text(b.outputs)).toEqual(["in b\n"]);
  });

  it("re-running a cell cancels what its earlier run left going: timers are cleared, its signal aborts, its output is dropped with one note", async () => {
    const k = createNodeKernel();
    const source =
      `${gate}setInterval(() => console.log("tick"), 5);\n` +
      "const first = signal;\n" +
      'void (async () => {\n  await gate;\n  console.log("late");\n  console.log("later");\n})();';
    const a1 = await run(k, source, "a");
    await new Promise((r) => setTimeout(r, 40));
    const a2 = await run(k, "open();\nawait null;\nawait null;\nfirst.aborted", "a");
    await new Promise((r) => setTimeout(r, 80)); // ticks logged before the re-run reach the page in their batch
    const ticks = text(a1.outputs).join("");
    expect(ticks).toMatch(/^(tick\n)+$/);
    await new Promise((r) => setTimeout(r, 80));
    expect(text(a1.outputs).join("")).toBe(ticks); // none after
    expect(a2.outputs).toEqual([
      {
        kind: "stream",
        stream: "stderr",
        text: "(output from an earlier run of this cell, still going after it was run again or reset, is dropped)\n",
      },
      { kind: "value", view: { type: "text", text: "true" } },
    ]);
  });

  it("cancel(cellId) (the reader's Reset) clears the cell's timers and leaves other cells' alone", async () => {
    const k = createNodeKernel();
    const a = await run(k, 'setInterval(() => console.log("a"), 5);', "a");
    const b = await run(k, 'const t = setInterval(() => console.log("b"), 5);', "b");
    k.cancel("a");
    const count = (outputs: Output[]) => text(outputs).join("").length;
    const [na, nb] = [count(a.outputs), count(b.outputs)];
    await new Promise((r) => setTimeout(r, 120));
    expect(count(a.outputs)).toBe(na);
    expect(count(b.outputs)).toBeGreaterThan(nb);
    await run(k, "clearInterval(t);", "c");
  });
});
