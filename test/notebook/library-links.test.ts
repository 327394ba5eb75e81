import { javascript } from "@codemirror/lang-javascript";
import { EditorState } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { libraryNameAt, libraryPath, type LibraryNames } from "../../src/notebook/client/library-links.ts";

const CELL = [
  'import { Dense, sub as minus } from "mlp";',
  'import { makeMoons } from "data";',
  'import * as Plot from "@observablehq/plot";',
  "const layer = new Dense(W, b, relu);",
  "const d = minus(A, B);",
  "Matrix.from([[1]]);",
  "net.backward(X, Y);",
  "let a: Activation;",
  "const moons = makeMoons({ m: 10 });",
].join("\n");
const state = EditorState.create({ doc: CELL, extensions: [javascript({ typescript: true })] });
/** The position of the `n`th occurrence of `word` in the cell, plus `offset`. */
const at = (word: string, offset = 1, n = 0) => {
  let i = -1;
  for (let k = 0; k <= n; k++) i = CELL.indexOf(word, i + 1);
  return i + offset;
};

const NAMES: LibraryNames = {
  mlp: {
    Dense: "library/mlp/layer/#L8",
    sub: "library/mlp/matrix/#L212",
    Matrix: "library/mlp/matrix/#L10",
    "Matrix.from": "library/mlp/matrix/#L31",
    MLP: "library/mlp/network/#L29",
    Activation: "library/mlp/activations/#L9",
  },
  data: { makeMoons: "library/data/make-moons/#L17" },
};

describe("libraryNameAt(state, pos)", () => {
  it("names an imported name by its exported name and package, wherever it is used in the cell", () => {
    expect(libraryNameAt(state, at("Dense", 2))).toEqual({ from: "mlp", name: "Dense", owner: null });
    expect(libraryNameAt(state, at("Dense", 2, 1))).toEqual({ from: "mlp", name: "Dense", owner: null });
    expect(libraryNameAt(state, at("minus", 0, 1))).toEqual({ from: "mlp", name: "sub", owner: null });
    expect(libraryNameAt(state, at("makeMoons", 3, 1))).toEqual({
      from: "data",
      name: "makeMoons",
      owner: null,
    });
  });

  it("names a member by its class, and a name no import of this cell brings by itself", () => {
    expect(libraryNameAt(state, at(".from", 2))).toEqual({
      from: null,
      name: "Matrix.from",
      owner: "Matrix",
    });
    expect(libraryNameAt(state, at("Activation", 4))).toEqual({
      from: null,
      name: "Activation",
      owner: null,
    });
  });

  it("finds nothing on punctuation, strings or numbers", () => {
    expect(libraryNameAt(state, at('"mlp"', 2))).toBeNull();
    expect(libraryNameAt(state, at("[[1]]", 2))).toBeNull();
  });
});

describe("libraryPath(names, at)", () => {
  it("looks a name up in its package, a member falling back to its class, and refuses what the library lacks", () => {
    const path = (pos: number) => {
      const name = libraryNameAt(state, pos);
      return name && libraryPath(NAMES, name);
    };
    expect(path(at("minus", 0, 1))).toBe("library/mlp/matrix/#L212");
    expect(path(at(".from", 2))).toBe("library/mlp/matrix/#L31");
    expect(path(at("makeMoons", 3, 1))).toBe("library/data/make-moons/#L17");
    expect(path(at("Activation", 4))).toBe("library/mlp/activations/#L9");
    expect(path(at("layer", 2))).toBeNull(); // a cell's own variable
    expect(path(at("net.", 1))).toBeNull(); // net is the reader's; without types its backward is unknown
    expect(path(at("Plot", 1, 1))).toBeNull();
  });
});
