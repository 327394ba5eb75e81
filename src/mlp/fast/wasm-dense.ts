// The products of a dense left operand in WebAssembly SIMD: C_r = Σ_k A(r, k)·B_k for every k in order,
// with no list of nonzeros. A hidden layer's A₁ (sigmoid's outputs are never 0) and every δ are dense: listing
// them (12 800 terms for a batch of 100 × 128) and copying the lists cost more than the sums they feed.
//
// Why the numbers are still those of kernels.ts's lists, bit for bit, unless a term is 0·(±∞ or NaN): the
// lists leave out the terms whose A(r, k) is 0; this loop adds them, and each is 0·b = ±0 for a finite b.
// A running sum that starts at +0 is never −0 (x + y is −0 only when both are −0, and an exact cancellation
// gives +0), and adding ±0 to a sum that is not −0 leaves it as it was. The other terms come in the same
// order k = 0, 1, … with the same rounding (no fused multiply-add in WebAssembly), so each lane ends with the
// same bits. A term 0·∞ or 0·NaN is NaN, and a NaN stays in the sum to the end: kernels-wasm.ts looks for
// one in the sums and then lets the lists decide.
//
// The loops are register-blocked: a block of w column pairs of a row of C is held in w f64x2 accumulators
// over all n terms, then stored once. Narrow rows (p ≤ 11, e.g. a layer of 10 classes) take two rows of C per
// pass, sharing each load of B (A₁·W₂ of 784-128-10: 12.7 → 12.2 µs); wider ones take blocks of 16 columns,
// then the widest block that fits the rest. A(r, k) sits at a + r·rowStride + k·termStride (bytes), so AᵀB
// reads A's columns where they lie (rowStride 8). B is row-major (n×p).
//
// accumulateDense(c, a, b, rows, n, p, rowStride, termStride): byte addresses in the imported memory.

import { each, registerBlock, type TermWalk } from "./wasm-accumulate.ts";
import { assembleModule } from "./wat.ts";

/** f64x2 accumulators of the widest block: 16 columns, leaving registers for a and B. */
const WIDEST = 8;
/** Rows of C of at most this many column pairs go two at a time (2·5 accumulators, B shared). */
const TWO_ROWS_PAIRS = 5;

const params = ["$c", "$a", "$b", "$rows", "$n", "$p", "$rowStride", "$termStride"].map(
  (n) => [n, "i32"] as [string, "i32"],
);
const locals: [string, "i32" | "f64" | "v128"][] = [
  ...["$r", "$row", "$pBytes", "$ar", "$at", "$aEnd", "$j", "$Bk"].map((n) => [n, "i32"] as [string, "i32"]),
  ["$u", "v128"], // A(r, k), twice
  ["$v", "v128"], // A(r + 1, k), twice
  ["$x", "v128"], // two entries of B
  ["$s", "f64"], // the odd column's sums
  ["$s1", "f64"],
  ...Array.from({ length: WIDEST }, (_, k) => [`$acc${k}`, "v128"] as [string, "v128"]),
  ...Array.from({ length: TWO_ROWS_PAIRS }, (_, k) => [`$acd${k}`, "v128"] as [string, "v128"]),
];

/** Starts a term loop at k = 0: $at ← A(r, 0), $Bk ← B_0 at column j. */
const startTerms = `
    local.get $ar  local.set $at
    local.get $b  local.get $j  i32.add  local.set $Bk`;
/** Next term: A one term on, B one row on. */
const nextTerm = `
      local.get $at  local.get $termStride  i32.add  local.set $at
      local.get $Bk  local.get $pBytes  i32.add  local.set $Bk`;

/** Every term of a row, A(r, k) for k = 0, 1, … beside row k of B. */
const dense: TermWalk = {
  start: startTerms,
  done: "local.get $at  local.get $aEnd  i32.ge_u",
  load: "local.get $at  f64.load  f64x2.splat  local.set $u",
  value: "$u",
  row: "$Bk",
  next: nextTerm,
};

/** Rows r and r + 1, columns j … j + 2w − 1 (once, if they fit): each load of B serves both rows. */
const twoRowBlock = (w: number) => `
  block $pairDone${w}
    local.get $j  i32.const ${16 * w}  i32.add  local.get $pBytes  i32.gt_u  br_if $pairDone${w}
    ${each(w, (k) => `f64.const 0  f64x2.splat  local.tee $acc${k}  local.set $acd${k}`, "  ")}
    ${startTerms}
    block $termsDone2${w}  loop $terms2${w}
      local.get $at  local.get $aEnd  i32.ge_u  br_if $termsDone2${w}
      local.get $at  f64.load  f64x2.splat  local.set $u
      local.get $at  local.get $rowStride  i32.add  f64.load  f64x2.splat  local.set $v
      ${each(
        w,
        (k) =>
          `local.get $Bk  v128.load offset=${16 * k}  local.set $x
      local.get $acc${k}  local.get $u  local.get $x  f64x2.mul  f64x2.add  local.set $acc${k}
      local.get $acd${k}  local.get $v  local.get $x  f64x2.mul  f64x2.add  local.set $acd${k}`,
      )}
      ${nextTerm}
      br $terms2${w}
    end  end
    ${each(w, (k) => `local.get $row  local.get $j  i32.add  local.get $acc${k}  v128.store offset=${16 * k}`, "\n    ")}
    ${each(w, (k) => `local.get $row  local.get $pBytes  i32.add  local.get $j  i32.add  local.get $acd${k}  v128.store offset=${16 * k}`, "\n    ")}
    local.get $j  i32.const ${16 * w}  i32.add  local.set $j
  end`;

/** The odd last column of rows r … r + count − 1 (count 1 or 2), if p is odd: scalar sums, stored. */
const oddColumn = (count: 1 | 2) => `
    local.get $j  local.get $pBytes  i32.lt_u
    if
      f64.const 0  local.set $s  f64.const 0  local.set $s1
      ${startTerms}
      block $oddDone${count}  loop $odd${count}
        local.get $at  local.get $aEnd  i32.ge_u  br_if $oddDone${count}
        local.get $s  local.get $at  f64.load  local.get $Bk  f64.load  f64.mul  f64.add  local.set $s
        ${count === 2 ? "local.get $s1  local.get $at  local.get $rowStride  i32.add  f64.load  local.get $Bk  f64.load  f64.mul  f64.add  local.set $s1" : ""}
        ${nextTerm}
        br $odd${count}
      end  end
      local.get $row  local.get $j  i32.add  local.get $s  f64.store
      ${count === 2 ? "local.get $row  local.get $pBytes  i32.add  local.get $j  i32.add  local.get $s1  f64.store" : ""}
    end`;

/** Sets up row r: $row (C_r), $ar (A(r, 0)), $aEnd (A(r, n)). */
const rowStart = `
    local.get $c  local.get $r  local.get $pBytes  i32.mul  i32.add  local.set $row
    local.get $a  local.get $r  local.get $rowStride  i32.mul  i32.add  local.set $ar
    local.get $ar  local.get $n  local.get $termStride  i32.mul  i32.add  local.set $aEnd
    i32.const 0  local.set $j`;

const source = `
  local.get $p  i32.const 3  i32.shl  local.set $pBytes               ;; a row of C is p doubles
  i32.const 0  local.set $r
  local.get $p  i32.const ${2 * TWO_ROWS_PAIRS + 1}  i32.le_u
  if                                                                  ;; narrow: two rows at a time
    block $pairsDone  loop $pairs
      local.get $r  i32.const 1  i32.add  local.get $rows  i32.ge_u  br_if $pairsDone
      ${rowStart}
      ${each(TWO_ROWS_PAIRS, (k) => twoRowBlock(TWO_ROWS_PAIRS - k), "\n      ")}
      ${oddColumn(2)}
      local.get $r  i32.const 2  i32.add  local.set $r
      br $pairs
    end  end
  end
  block $rowsDone  loop $rows                                         ;; one row at a time
    local.get $r  local.get $rows  i32.ge_u  br_if $rowsDone
    ${rowStart}
    ${each(WIDEST, (k) => registerBlock(WIDEST - k, dense), "\n    ")}
    ${oddColumn(1)}
    local.get $r  i32.const 1  i32.add  local.set $r
    br $rows
  end  end`;

/** The module's bytes (about 3 KB). */
export const accumulateDenseWasm = assembleModule("accumulateDense", params, locals, source);
