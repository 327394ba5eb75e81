// The sigmoid's loops and softmax's exps (activations.ts) in WebAssembly SIMD (wasm-sigmoid.ts), equal to
// them bit for bit. Forward, its exp is fdlibm's, as elementary.ts's is, two lanes at a time: a training
// step's 100×128 sigmoid 124 → 59 µs. Backward, g ← g·a(1 − a) is simple arithmetic, and still 17.5 → 10 µs:
// the TypeScript loop, inlined into a step that runs only some thousand times, stays at V8's mid tier
// (Maglev), while WebAssembly is compiled in full by itself (both measured bundled: see
// src/tools/bench-bundled.ts for why that matters). The arrays are copied into the module's memory
// and back, in chunks of a fixed size, so the memory never grows. Where WebAssembly SIMD is missing,
// wasmSigmoid is null and activations.ts keeps its loops.

import { exp } from "../elementary.ts";
import { sigmoidWasm } from "./wasm-sigmoid.ts";

type Exp = (p: number, n: number) => void; // e^x or the sigmoid, in place, for n doubles at byte address p
type MulDerivative = (g: number, a: number, n: number) => void;

const CHUNK = 16384; // doubles: two chunks fill the module's 256 KB, and a training step's 100×128 is one

function instantiate() {
  try {
    if (typeof WebAssembly !== "object" || !WebAssembly.validate(sigmoidWasm)) return null;
    const memory = new WebAssembly.Memory({ initial: (2 * CHUNK * 8) / 65536 });
    const module = new WebAssembly.Module(sigmoidWasm); // about 1 KB: fine to compile synchronously
    const instance = new WebAssembly.Instance(module, { env: { memory, exp } });
    const exports = instance.exports as { exp: Exp; sigmoid: Exp; sigmoidMulDerivative: MulDerivative };
    return { memory, ...exports };
  } catch {
    return null; // e.g. a Content-Security-Policy without 'wasm-unsafe-eval'
  }
}

function createWasmSigmoid() {
  const wasm = instantiate();
  if (!wasm) return null;
  const { memory, sigmoid, sigmoidMulDerivative } = wasm;
  const expInPlace = wasm.exp;
  const first = new Float64Array(memory.buffer, 0, CHUNK);
  const second = new Float64Array(memory.buffer, 8 * CHUNK, CHUNK);

  /** a[q] = f(x[q]) for every q, where run(0, n) does f in place on n doubles at address 0; a may be x. */
  function inChunks(run: Exp, a: Float64Array, x: Float64Array): void {
    for (let q0 = 0; q0 < x.length; q0 += CHUNK) {
      const n = Math.min(CHUNK, x.length - q0);
      first.set(x.subarray(q0, q0 + n));
      run(0, n);
      a.set(first.subarray(0, n), q0);
    }
  }

  return {
    /** a[q] = 1/(1 + e^(−s[q])) for every q; a may be s. */
    f: (a: Float64Array, s: Float64Array): void => inChunks(sigmoid, a, s),

    /** a[q] = e^(x[q]) for every q, as elementary.ts's exp (softmax's exps); a may be x. */
    exp: (a: Float64Array, x: Float64Array): void => inChunks(expInPlace, a, x),

    /** g[q] = g[q]·(a[q](1 − a[q])) for every q. */
    mulDerivative(g: Float64Array, a: Float64Array): void {
      for (let q0 = 0; q0 < g.length; q0 += CHUNK) {
        const n = Math.min(CHUNK, g.length - q0);
        first.set(g.subarray(q0, q0 + n));
        second.set(a.subarray(q0, q0 + n));
        sigmoidMulDerivative(0, 8 * CHUNK, n);
        g.set(first.subarray(0, n), q0);
      }
    },
  };
}

/** The sigmoid's loops in WebAssembly, or null where WebAssembly SIMD is not available. */
export const wasmSigmoid = createWasmSigmoid();
