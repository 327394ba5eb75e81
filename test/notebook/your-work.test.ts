// The "Your work" file: only an export of this page is read, and only its edits, knob settings and solved marks.
import { describe, expect, it } from "vitest";
import { readWorkFile } from "../../src/notebook/client/your-work.ts";

describe("readWorkFile", () => {
  it("reads the edits, knob settings and solved marks of an export, and nothing else", () => {
    const file = JSON.stringify({
      format: "mlp-notebook work",
      version: 1,
      exportedAt: "2026-12-06T12:00:00.000Z",
      items: {
        "mlp-notebook:edit:03-activations|03-activations-16|abc": '{"code":"1","savedAt":1}',
        "mlp-notebook:solved:03-activations|sigmoid-prime": '{"code":"1","solvedAt":1}',
        "mlp-notebook:knob:08-gradient-descent|08-gradient-descent-12|def":
          '{"values":{"0":0.3},"savedAt":1}',
        "mlp-notebook:theme": "dark",
        "mlp-notebook:edit:x|y|z": 3,
      },
    });
    expect(Object.keys(readWorkFile(file))).toEqual([
      "mlp-notebook:edit:03-activations|03-activations-16|abc",
      "mlp-notebook:solved:03-activations|sigmoid-prime",
      "mlp-notebook:knob:08-gradient-descent|08-gradient-descent-12|def",
    ]);
  });

  it("says what is wrong with a file that is not an export", () => {
    expect(() => readWorkFile("not json")).toThrow(
      "this file is not JSON: choose a file made by Export on this page",
    );
    expect(() => readWorkFile('{"items": {}}')).toThrow(
      'this file is not an export of your work (it has no "format": "mlp-notebook work")',
    );
  });
});
