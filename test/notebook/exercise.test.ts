// Exercises as the build reads them (remark-cells + exercise.ts) and the checks' helper (check.ts).
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { checkVerdict, difference } from "../../src/notebook/check.ts";
import { checkSource } from "../../src/notebook/exercise.ts";
import { createNodeKernel } from "../../src/notebook/node-runner.ts";
import type { Output } from "../../src/notebook/protocol.ts";
import remarkCells, { extractCells } from "../../src/notebook/remark-cells.ts";
import { Matrix } from "../../src/mlp/index.ts";

const EXERCISE = [
  '```ts cell exercise="double"',
  "function double(x: number): number {",
  "  // your code here",
  "  return x;",
  "}",
  "```",
  "",
  "```ts solution",
  "function double(x: number): number {",
  "  return 2 * x;",
  "}",
  "```",
  "",
  "```ts check",
  'verify.near("double(3)", double(3), 6);',
  "```",
  "",
  "```text hint",
  "Twice x.",
  "```",
  "",
  "```text hint",
  "`2 * x`",
  "```",
  "",
  "```ts cell",
  "double(21);",
  "```",
  "",
].join("\n");

interface Node {
  type: string;
  name?: string;
  attributes?: { name: string; value: string | null }[];
}

async function transform(mdx: string) {
  const processor = unified().use(remarkParse).use(remarkMdx).use(remarkCells, { cacheDir: false });
  const tree = await processor.run(processor.parse(mdx), { path: "/site/content/07-test.mdx" } as never);
  return (tree as unknown as { children: Node[] }).children;
}

const attrs = (node: Node) => Object.fromEntries((node.attributes ?? []).map((a) => [a.name, a.value]));

describe("exercise fences", () => {
  it("reads the starter, the solution, the check and the hints in order", () => {
    const [cell, after] = extractCells(EXERCISE, "ch.mdx");
    expect(cell!.code).toContain("// your code here");
    expect(cell!.exercise).toEqual({
      id: "double",
      solution: "function double(x: number): number {\n  return 2 * x;\n}",
      check: 'verify.near("double(3)", double(3), 6);',
      hints: ["Twice x.", "`2 * x`"],
    });
    expect(after!.exercise).toBeUndefined();
  });

  it("builds with the solution in the exercise's place, shows no output for it, and hides the companions", async () => {
    const nodes = await transform(EXERCISE);
    const cells = nodes.filter((n) => n.name === "NotebookCell");
    expect(cells).toHaveLength(2);
    expect(nodes.filter((n) => n.type === "code")).toEqual([]);
    const exercise = attrs(cells[0]!);
    expect(exercise.outputs).toBe("[]");
    expect(exercise.ran).toBe("false");
    expect(JSON.parse(exercise.exercise!)).toMatchObject({ id: "double", hints: ["Twice x.", "`2 * x`"] });
    // the cell below ran with the solution's double
    expect(attrs(cells[1]!).outputs).toContain("42");
  });

  it("says what an exercise lacks, and where a companion fence has no exercise", () => {
    expect(() => extractCells('```ts cell exercise="x"\n1\n```\n', "ch.mdx")).toThrow(
      'ch.mdx:1: exercise "x" needs, after its cell, one ```ts solution fence, one ```ts check fence, at least one ```text hint fence',
    );
    expect(() => extractCells("```ts cell\n1\n```\n\n```ts check\n2\n```\n", "ch.mdx")).toThrow(
      'ch.mdx:5: a check fence belongs to an exercise: put it after a ```ts cell exercise="id" fence',
    );
    expect(() => extractCells('```ts cell exercise="No Id"\n1\n```\n', "ch.mdx")).toThrow(
      "cell option exercise needs an id of lowercase letters, digits and hyphens",
    );
  });
});

describe("verify (check.ts)", () => {
  it("says a wrong number with the right one, in the reader's terms", () => {
    expect(difference("sigmoidPrime(0)", 0.5, 0.25)).toBe("sigmoidPrime(0) should be 0.25, got 0.5");
    expect(difference("sigmoidPrime(0)", 0.25 + 1e-9, 0.25)).toBeNull();
    expect(difference("f(1)", "0.25", 0.25)).toBe('f(1) should be 0.25, got "0.25"');
  });

  it("names the first entry of a matrix that is off, by how much, and what to compare with", () => {
    const want = Matrix.from([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const got = Matrix.from([
      [1, 2],
      [3, 4],
      [5.031, 6],
    ]);
    expect(difference("dW1", got, want, { hint: "compare with gradCheck" })).toBe(
      "dW1[2][0] is off by 0.031 (should be 5, got 5.031): compare with gradCheck",
    );
    expect(difference("dW1", Matrix.from([[1, 2, 3]]), want)).toBe(
      "dW1 should be a 3×2 matrix, got a 1×3 matrix",
    );
  });

  it("a run is solved only when it ends without error, with a ✓ and no ✗", async () => {
    const run = async (code: string) => {
      const outputs: Output[] = [];
      const { ok } = await createNodeKernel().run("c", code, (o) => outputs.push(o));
      return checkVerdict(outputs, ok);
    };
    expect((await run('verify.near("x", 1, 1);')).solved).toBe(true);
    expect((await run('verify.near("x", 1, 1); verify.near("y", 2, 1);')).failed).toEqual([
      "y should be 1, got 2",
    ]);
    expect((await run("1;")).solved).toBe(false);
    expect((await run('verify.near("x", 1, 1); throw new Error("late");')).solved).toBe(false);
  });

  it("runs the reader's code and the checks as one cell, so an error's line is the reader's", async () => {
    const outputs: Output[] = [];
    const code = "function double(x: number): number {\n  throw new Error('not yet');\n}";
    await createNodeKernel().run("c", checkSource(code, { check: "double(3);" }), (o) => outputs.push(o));
    expect(outputs.find((o) => o.kind === "error")).toMatchObject({ message: "not yet", line: 2 });
  });
});
