// The sigmoid a = 1/(1 + e^(−s)) and its backward step g ← g·a(1 − a) in WebAssembly text, with SIMD.
//
// Why it equals the TypeScript loop, 1 / (1 + exp(-s)), bit for bit: its exp (elementary.ts) is fdlibm's e_exp.c,
// and this is the same algorithm, operation for operation, in two f64x2 lanes. WebAssembly rounds every f64
// operation and has no fused multiply-add, so each lane computes exactly what the C code computes:
//   x = k·ln2 + r with k = 0 for |x| ≤ ½ln2, else k = trunc(x/ln2 ± ½) (fdlibm's k = ±1 for |x| < 1.5·ln2
//   is what this formula gives there too);  r = hi − lo with hi = x − k·ln2HI, lo = k·ln2LO (ln2 in two
//   parts, so k·ln2HI is exact);  c = r − r²(P1 + r²(P2 + r²(P3 + r²(P4 + r²·P5))));
//   e^r = 1 − ((lo − r·c/(2 − c)) − hi);  e^x = e^r·2^k, by adding k to the exponent bits.
// fdlibm writes the k = 0 case as 1 − (x·c/(c − 2) − x); with hi = x and lo = 0 the formula above gives the
// same bits (dividing by −(2 − c) exactly negates the quotient, and 0 − q = −q for q ≠ 0).
// fdlibm branches on the high 32 bits of |x|; comparing |x| with the double made of such a word and a zero low
// word is the same test. Below 2^-28 fdlibm returns 1 + x, which the exp for softmax computes too and picks
// where it applies: softmax's e^(s − max) meets x = 0 in every row. Its other branches (|x| ≥ 708, where e^x
// overflows, underflows or is subnormal; NaN, ±Infinity) are rare in a network: a pair holding such a lane
// calls the imported exp (elementary.ts, which is Math.exp in Node). V8 returns e itself for x = 1, where the
// formula gives one ulp more: the exp sends x = 1 to the import too; the sigmoid need not, since
// 1/(1 + e^1) rounds to the same double from either (the tests hold it to Math.exp's at s = −1).

import { assembleFunctions, type WatFunction } from "./wat.ts";

/** The double whose high 32 bits are `high` and low 32 bits 0, as the text of a number. */
function fromHighWord(high: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, high);
  return String(view.getFloat64(0));
}

// fdlibm's constants (e_exp.c)
const invln2 = 1.442695040888963387;
const ln2HI = 6.9314718036912381649e-1;
const ln2LO = 1.90821492927058770002e-10;
const P = [
  1.66666666666666019037e-1, -2.77777777770155933842e-3, 6.61375632143793436117e-5, -1.6533902205465251539e-6,
  4.13813679705723846039e-8,
];

/** (v, v): a constant in both lanes. */
const both = (v: number | string) => `f64.const ${v}  f64x2.splat`;

type Locals = WatFunction["locals"];
const i32s = (...names: string[]): Locals => names.map((n) => [n, "i32"]);
const v128s = (...names: string[]): Locals => names.map((n) => [n, "v128"]);

// The constants in both lanes, held in locals so the loop does not rebuild them.
const constants: [string, number | string][] = [
  ["$tiny", fromHighWord(0x3e300000)], // below 2^-28, fdlibm returns 1 + x
  ["$large", fromHighWord(0x40862000)], // 708: from here k < −1021 or overflow, fdlibm's other branches
  ["$halfLn2", fromHighWord(0x3fd62e43)], // |x| below this (high word ≤ 0x3fd62e42): k = 0
  ["$signBit", "-0"],
  ["$half", 0.5],
  ["$one", 1],
  ["$two", 2],
  ["$invln2", invln2],
  ["$ln2HI", ln2HI],
  ["$ln2LO", ln2LO],
  ...P.map((v, i): [string, number] => [`$P${i + 1}`, v]),
  ["$shifter", 2 ** 52 + 2 ** 51], // k + this holds k in its low bits: shifted left by 52, they add k to the exponent
];

/**
 * e^x for the pair $x (with $ax = |x|, 2^-28 ≤ |x| < 708), left on the stack; with `tiny`, lanes with
 * |x| < 2^-28 may be in the pair too and get fdlibm's 1 + x.
 */
const expPair = (tiny: boolean) => `
      ${tiny ? "local.get $one  local.get $x  f64x2.add" : ""}
      ;; k = trunc(x/ln2 ± ½), which is fdlibm's ±1 for |x| < 1.5·ln2 too; 0 for |x| ≤ ½ln2
      local.get $invln2  local.get $x  f64x2.mul
      local.get $x  local.get $signBit  v128.and  local.get $half  v128.or  f64x2.add  f64x2.trunc
      local.get $ax  local.get $halfLn2  f64x2.lt  v128.andnot  local.set $k
      local.get $x  local.get $k  local.get $ln2HI  f64x2.mul  f64x2.sub  local.set $hi
      local.get $k  local.get $ln2LO  f64x2.mul  local.set $lo
      local.get $hi  local.get $lo  f64x2.sub  local.set $r
      local.get $r  local.get $r  f64x2.mul  local.set $rr
      local.get $r  local.get $rr                                          ;; c = r − r²(P1 + r²(P2 + …))
      local.get $P1  local.get $rr  local.get $P2  local.get $rr  local.get $P3
      local.get $rr  local.get $P4  local.get $rr  local.get $P5
      f64x2.mul  f64x2.add  f64x2.mul  f64x2.add  f64x2.mul  f64x2.add  f64x2.mul  f64x2.add
      f64x2.mul  f64x2.sub  local.set $c
      local.get $one  local.get $lo                                        ;; e^r = 1 − ((lo − r·c/(2 − c)) − hi)
      local.get $r  local.get $c  f64x2.mul  local.get $two  local.get $c  f64x2.sub  f64x2.div
      f64x2.sub  local.get $hi  f64x2.sub  f64x2.sub
      local.get $k  local.get $shifter  f64x2.add  i32.const 52  i64x2.shl  ;; e^x = e^r·2^k: k into the exponent
      i64x2.add
      ${tiny ? "local.get $ax  local.get $tiny  f64x2.lt  v128.bitselect" : ""}`;

/**
 * A function (p, n) that replaces each of the n doubles v at byte address p by g(e^x), with x = v or −v:
 * a pair at a time by expPair where both lanes are in its range, else one at a time by the imported exp.
 * `bare` (the exp itself, for softmax): lanes with |x| < 2^-28 stay in the pairs (softmax meets x = 0 in
 * every row) and x = 1 goes to the import. The sigmoid seldom meets the first and need not care about the
 * second, and either test would cost its loop two or three more operations a pair (~5%).
 * `pair` and `one` put g(e^x) on the stack, given the code that puts e^x there (f64x2 or f64).
 * The calls to exp sit outside the inner loop, which leaves it at the first pair it cannot do: with a
 * call inside, V8 kept every constant on the stack and reloaded them all on each pass (66 → 55 µs for a
 * 100×128 sigmoid). The constants are made again after the calls, which are rare.
 */
function mapExp(
  negate: boolean,
  bare: boolean,
  pair: (ex: string) => string,
  one: (ex: string) => string,
): WatFunction {
  const single = (at: string, offset = 0) => `
      ${at}  ${one(`${at}  f64.load offset=${offset}  ${negate ? "f64.neg" : ""}  call $exp`)}  f64.store offset=${offset}`;
  return {
    params: i32s("$p", "$n"),
    locals: [
      ...i32s("$nBytes", "$pairBytes", "$i", "$at"),
      ...v128s("$x", "$ax", "$k", "$hi", "$lo", "$r", "$rr", "$c"),
      ...v128s(...constants.map(([n]) => n)),
    ],
    source: `
  local.get $n  i32.const 3  i32.shl  local.set $nBytes
  local.get $nBytes  i32.const -16  i32.and  local.set $pairBytes
  i32.const 0  local.set $i
  block $pairsDone  loop $afterCalls
    ${constants.map(([n, v]) => `${both(v)}  local.set ${n}`).join("\n    ")}
    block $slow  loop $pairs
      local.get $i  local.get $pairBytes  i32.ge_u  br_if $pairsDone
      local.get $p  local.get $i  i32.add  local.set $at
      local.get $at  v128.load  ${negate ? "f64x2.neg" : ""}  local.set $x
      local.get $x  f64x2.abs  local.set $ax
      local.get $ax  local.get $large  f64x2.lt
      ${bare ? "local.get $x  local.get $one  f64x2.ne" : "local.get $ax  local.get $tiny  f64x2.ge"}  v128.and
      i64x2.all_true  i32.eqz  br_if $slow                               ;; a lane outside expPair's range
      local.get $at  ${pair(expPair(bare))}  v128.store
      local.get $i  i32.const 16  i32.add  local.set $i
      br $pairs
    end  end
    ${single("local.get $at")}
    ${single("local.get $at", 8)}
    local.get $i  i32.const 16  i32.add  local.set $i
    br $afterCalls
  end  end
  local.get $i  local.get $nBytes  i32.lt_u
  if                                                                      ;; the odd last one
    ${single("local.get $p  local.get $i  i32.add")}
  end`,
  };
}

/** exp(p, n): x → e^x for the n doubles at byte address p (softmax's exps). */
const exp = mapExp(
  false,
  true,
  (ex) => ex,
  (ex) => ex,
);

/** sigmoid(p, n): s → 1/(1 + e^(−s)) for the n doubles at byte address p. */
const sigmoid = mapExp(
  true,
  false,
  (ex) => `local.get $one  local.get $one  ${ex}  f64x2.add  f64x2.div`,
  (ex) => `f64.const 1  f64.const 1  ${ex}  f64.add  f64.div`,
);

/** g ← g·(a(1 − a)) for the double (f64) or pair (f64x2) at byte address $G of g and $A of a. */
const mulDerivativeAt = (type: "f64" | "f64x2") => {
  const [load, store, one] =
    type === "f64" ? ["f64.load", "f64.store", "f64.const 1"] : ["v128.load", "v128.store", both(1)];
  return `
    local.get $G  local.get $G ${load}
    local.get $A ${load}  ${one}  local.get $A ${load}  ${type}.sub  ${type}.mul
    ${type}.mul  ${store}`;
};

/** sigmoidMulDerivative(g, a, n): g[q] ← g[q]·(a[q](1 − a[q])) for the n doubles at byte addresses g and a. */
const sigmoidMulDerivative: WatFunction = {
  params: i32s("$g", "$a", "$n"),
  locals: i32s("$nBytes", "$pairBytes", "$i", "$G", "$A"),
  source: `
  local.get $n  i32.const 3  i32.shl  local.set $nBytes
  local.get $nBytes  i32.const -16  i32.and  local.set $pairBytes
  i32.const 0  local.set $i
  block $pairsDone  loop $pairs
    local.get $i  local.get $pairBytes  i32.ge_u  br_if $pairsDone
    local.get $g  local.get $i  i32.add  local.set $G
    local.get $a  local.get $i  i32.add  local.set $A
    ${mulDerivativeAt("f64x2")}
    local.get $i  i32.const 16  i32.add  local.set $i
    br $pairs
  end  end
  local.get $i  local.get $nBytes  i32.lt_u
  if                                                                      ;; the odd last one
    local.get $g  local.get $i  i32.add  local.set $G
    local.get $a  local.get $i  i32.add  local.set $A
    ${mulDerivativeAt("f64")}
  end`,
};

/** The module's bytes: it imports env.memory and env.exp (elementary.ts's exp), and exports these three. */
export const sigmoidWasm = assembleFunctions(["exp"], { exp, sigmoid, sigmoidMulDerivative });
