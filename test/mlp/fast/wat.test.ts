import { describe, expect, it } from "vitest";
import { assembleFunctions, assembleModule } from "../../../src/mlp/fast/wat.ts";

/** Runs a module's one export on a fresh memory and returns that memory as doubles. */
function run(bytes: Uint8Array<ArrayBuffer>, exportName: string, ...args: number[]): Float64Array {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  (instance.exports[exportName] as (...a: number[]) => void)(...args);
  return new Float64Array(memory.buffer, 0, 8);
}

describe("assembleModule (flat WAT to bytes)", () => {
  it("assembles a loop with named blocks, locals and SIMD that WebAssembly runs", () => {
    // memory[i] = 1.5·i for i < n, pairs with f64x2, via a counted loop
    const bytes = assembleModule(
      "fill",
      [["$n", "i32"]],
      [
        ["$i", "i32"],
        ["$x", "v128"],
      ],
      `
      f64.const 1.5  f64x2.splat  local.set $x    ;; (1.5, 1.5)
      i32.const 0  local.set $i
      block $done  loop $next
        local.get $i  local.get $n  i32.ge_u  br_if $done
        local.get $i  i32.const 3  i32.shl
        local.get $x  local.get $i  i32.const 3  i32.shl  v128.load  f64x2.add
        v128.store
        local.get $i  i32.const 2  i32.add  local.set $i
        br $next
      end  end`,
    );
    expect(WebAssembly.validate(bytes)).toBe(true);
    expect(Array.from(run(bytes, "fill", 6))).toEqual([1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 0, 0]);
  });

  it("adds a memory instruction's offset=N to its address", () => {
    // memory[1] = memory[0] + 2 with the loads and store at address 0 and offsets 0, 8
    const bytes = assembleModule(
      "bump",
      [],
      [],
      `
      i32.const 0  f64.const 2.5  f64.store
      i32.const 0
      i32.const 0  f64.load offset=0  f64.const 2  f64.add
      f64.store offset=8
      i32.const 0  i32.const 0  v128.load  v128.store offset=16`,
    );
    expect(Array.from(run(bytes, "bump")).slice(0, 4)).toEqual([2.5, 4.5, 2.5, 4.5]);
  });

  it("assembles several exported functions that call an imported one, with if … else … end", () => {
    // half(p): memory[p] ← memory[p]/2;  sign(p): memory[p] ← f(memory[p]) if both lanes at p are < 0, else −1
    const bytes = assembleFunctions(["f"], {
      half: {
        params: [["$p", "i32"]],
        locals: [],
        source: "local.get $p  local.get $p f64.load  f64.const 2  f64.div  f64.store",
      },
      sign: {
        params: [["$p", "i32"]],
        locals: [["$x", "v128"]],
        source: `
        local.get $p v128.load  f64.const 0  f64x2.splat  f64x2.lt  i64x2.all_true
        if  local.get $p  local.get $p f64.load  call $f  f64.store
        else  local.get $p  f64.const -1  f64.store
        end`,
      },
    });
    expect(WebAssembly.validate(bytes)).toBe(true);
    const memory = new WebAssembly.Memory({ initial: 1 });
    const calls: number[] = [];
    const f = (x: number) => (calls.push(x), 10 * x);
    const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory, f } }).exports;
    const m = new Float64Array(memory.buffer, 0, 4);
    m.set([-3, -4, 5, -6]);
    (exports.half as (p: number) => void)(16);
    (exports.sign as (p: number) => void)(0); // both lanes negative: f(−3)
    (exports.sign as (p: number) => void)(16); // 2.5 is not: −1
    expect(Array.from(m)).toEqual([-30, -4, -1, -6]);
    expect(calls).toEqual([-3]);
    expect(() => assembleFunctions([], { g: { params: [], locals: [], source: "call $f" } })).toThrow(
      "wat: unknown function $f",
    );
  });

  it("reports unknown instructions, locals and labels, and unbalanced blocks", () => {
    const local: [string, "i32"][] = [["$i", "i32"]];
    expect(() => assembleModule("f", [], local, "i32.rotl")).toThrow("wat: unknown instruction i32.rotl");
    expect(() => assembleModule("f", [], local, "local.get $k")).toThrow("wat: unknown local $k");
    expect(() => assembleModule("f", [], local, "block $a  br $b  end")).toThrow("wat: unknown label $b");
    expect(() => assembleModule("f", [], local, "block $a")).toThrow("wat: a block is missing its `end`");
    expect(() => assembleModule("f", [], local, "end")).toThrow("wat: `end` without a block");
    expect(() => assembleModule("f", [], local, "local.set")).toThrow(
      "wat: expected a local at the end of the code",
    );
  });
});
