// input(name, fallback) and download(text, filename, mime) in cells, through the kernel the build and the
// worker use; the host sets inputs with Kernel.setInput (the worker does on a {type: "input"} message).
import { describe, expect, it } from "vitest";
import { createNodeKernel } from "../../src/notebook/node-runner.ts";
import { errorText, run, shown } from "./run-cell.ts";

describe("input(name, fallback)", () => {
  it("returns the fallback while the reader has given nothing (as at build)", async () => {
    const k = createNodeKernel();
    expect(shown((await run(k, 'input("csv", "x1,x2,label")')).outputs)).toBe("x1,x2,label");
  });

  it("returns the value the host set with setInput, until it is cleared with null", async () => {
    const k = createNodeKernel();
    k.setInput("csv", "1,2,0\n3,4,1");
    expect(shown((await run(k, 'input("csv", "fallback").split("\\n").length')).outputs)).toBe("2");
    k.setInput("csv", "5,6,1");
    expect(shown((await run(k, 'input("csv", "fallback")')).outputs)).toBe("5,6,1");
    k.setInput("csv", null);
    expect(shown((await run(k, 'input("csv", "fallback")')).outputs)).toBe("fallback");
  });

  it("keeps inputs by name, and across reset() (they are the page's, not the scope's)", async () => {
    const k = createNodeKernel();
    k.setInput("a", "first");
    k.setInput("b", "second");
    k.reset();
    expect(shown((await run(k, '[input("a", 0), input("b", 0), input("c", 0)]')).outputs)).toBe(
      '["first", "second", 0]',
    );
  });

  it("gives a drawn digit as a Float64Array copy, so a cell that changes it changes no later run", async () => {
    const k = createNodeKernel();
    const digit = new Float64Array(784).fill(0.25);
    k.setInput("digit", digit);
    const first = await run(k, 'const d = input("digit", null);\nd[0] = 9;\n[d.length, d[0], d[1]]');
    expect(shown(first.outputs)).toBe("[784, 9, 0.25]");
    expect(shown((await run(k, 'input("digit", null)[0]')).outputs)).toBe("0.25");
    expect(digit[0]).toBe(0.25);
  });

  it("rejects a name that is not a string", async () => {
    const k = createNodeKernel();
    expect(errorText((await run(k, "input(3, 0)")).outputs)).toBe(
      "TypeError: input(name, fallback): name must be a string, got 3",
    );
  });
});

describe("download(text, filename, mime)", () => {
  it("emits a download output with the text, the file name and application/json by default", async () => {
    const k = createNodeKernel();
    const { ok, outputs } = await run(k, 'download(JSON.stringify({ W: [[1, 2]] }), "weights.json")');
    expect(ok).toBe(true);
    expect(outputs).toEqual([
      { kind: "download", filename: "weights.json", mime: "application/json", text: '{"W":[[1,2]]}' },
    ]);
  });

  it("takes another media type, and keeps only the file's own name", async () => {
    const k = createNodeKernel();
    const { outputs } = await run(k, 'download("x1,x2,label\\n", "../../etc/data:1?.csv", "text/csv")');
    expect(outputs).toEqual([
      { kind: "download", filename: "data1.csv", mime: "text/csv", text: "x1,x2,label\n" },
    ]);
  });

  it("says what was wrong with each argument", async () => {
    const k = createNodeKernel();
    expect(errorText((await run(k, 'download({ a: 1 }, "a.json")')).outputs)).toBe(
      "TypeError: download(text, filename): text must be a string, got object (for a value, pass JSON.stringify(value))",
    );
    expect(errorText((await run(k, 'download("{}", "dir/")')).outputs)).toBe(
      'TypeError: download(text, filename): filename must name a file, like "weights.json", got "dir/"',
    );
    expect(errorText((await run(k, 'download("{}", "a.json", "json")')).outputs)).toBe(
      'TypeError: download(text, filename, mime): mime must be a media type like "text/csv", got "json"',
    );
  });
});
