// Fuzzing MLP.fromJSON: a saved network with one value replaced (junk, a wrong name, a number JSON.parse
// reads as Infinity), a key removed, or the text cut. Each run loads a network that matches its JSON and
// predicts, or is refused with a message that starts with MLP and names what is wrong.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MLP, Matrix } from "../../src/mlp/index.ts";
import { attempt, fuzz } from "./fuzz.ts";
import { asText, hostileJson, mutateAt, type Json } from "./mutate.ts";

const RUNS = 3000;
const saved = JSON.parse(JSON.stringify(new MLP({ sizes: [2, 3, 2], hidden: "tanh", seed: 1 }))) as Json;

const damage = fc.record({
  which: fc.nat(),
  by: hostileJson,
  infinity: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.nat(), weight: 1 }),
});

describe("fuzz: MLP.fromJSON", () => {
  it(`loads a network that matches its JSON, or names what is wrong, for ${RUNS} damaged files`, () => {
    const tried = fuzz(
      "MLP.fromJSON",
      damage,
      ({ which, by, infinity }) => {
        const json = JSON.parse(asText(mutateAt(saved, which, by), infinity));
        const r = attempt(() => MLP.fromJSON(json), /^MLP(\.fromJSON)?: .+/);
        if (!r.accepted) return false;
        const net = r.value;
        // accepted: the shapes are the JSON's, every weight is a finite number, and the network runs
        expect(net.sizes).toEqual(json.sizes);
        net.layers.forEach((layer, l) => {
          expect(Array.from(layer.W.data)).toEqual(json.W[l].data);
          expect(Array.from(layer.b.data)).toEqual(json.b[l].data);
          expect(layer.W.data.every(Number.isFinite) && layer.b.data.every(Number.isFinite)).toBe(true);
        });
        const out = net.outputs(new Matrix(1, net.sizes[0]!).clone());
        expect(out.data.every(Number.isFinite)).toBe(true);
        expect(JSON.parse(JSON.stringify(net))).toEqual({ ...json, W: json.W, b: json.b });
        return true;
      },
      RUNS,
    );
    expect(tried).toBe(RUNS);
  });
});
