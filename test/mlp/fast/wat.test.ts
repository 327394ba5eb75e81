import { describe, expect, it } from "vitest";
import { assembleModule } from "../../../src/mlp/fast/wat.ts";

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

  it("reports unknown instructions, locals and labels, and unbalanced blocks", () => {
    const local: [string, "i32"][] = [["$i", "i32"]];
    expect(() => assembleModule("f", [], local, "i32.sub")).toThrow("wat: unknown instruction i32.sub");
    expect(() => assembleModule("f", [], local, "local.get $k")).toThrow("wat: unknown local $k");
    expect(() => assembleModule("f", [], local, "block $a  br $b  end")).toThrow("wat: unknown label $b");
    expect(() => assembleModule("f", [], local, "block $a")).toThrow("wat: a block is missing its `end`");
    expect(() => assembleModule("f", [], local, "end")).toThrow("wat: `end` without a block");
    expect(() => assembleModule("f", [], local, "local.set")).toThrow(
      "wat: expected a local at the end of the code",
    );
  });
});
