// accumulateRows of kernels.ts in WebAssembly text, with SIMD. It is the same loop: for each row r of C,
// zero it, then for each group of four terms C[j] = C[j] + a0·B0[j] + a1·B1[j] + a2·B2[j] + a3·B3[j], then
// the leftover terms one at a time. The difference: f64x2 instructions do columns j and j+1 at once. Each
// lane adds the same products in the same order as the TypeScript loop (WebAssembly rounds every f64
// multiply and add, with no fused multiply-add), so the numbers are identical, bit for bit.
//
// accumulateRows(c, b, index, values, starts, rows, p) takes byte addresses in the imported memory of
// kernels.ts's Terms: for each row of C, its terms' values of A and the rows of B they scale.

import { assembleModule } from "./wat.ts";

const params = ["$c", "$b", "$index", "$values", "$starts", "$rows", "$p"].map(
  (n) => [n, "i32"] as [string, "i32"],
);
const locals: [string, "i32" | "f64" | "v128"][] = [
  ...["$r", "$row", "$pBytes", "$pairBytes", "$t", "$tEnd", "$j", "$unrolledBytes", "$cj"].map(
    (n) => [n, "i32"] as [string, "i32"],
  ),
  ...([0, 1, 2, 3].flatMap((g) => [
    [`$B${g}`, "i32"], // byte address of the row of B for term g of a group
    [`$a${g}`, "f64"], // its value of A
    [`$v${g}`, "v128"], // the value twice, for two columns
    [`$bj${g}`, "i32"], // that row's address at column j
  ]) as [string, "i32" | "f64" | "v128"][]),
];

/** $Bg ← b + 8·p·index[t + g] (the row of B);  $ag ← values[t + g];  $vg ← ($ag, $ag). */
const loadTerm = (g: number) => `
  local.get $b  local.get $index  local.get $t  i32.const ${g}  i32.add  i32.const 2  i32.shl  i32.add
  i32.load  local.get $pBytes  i32.mul  i32.add  local.set $B${g}
  local.get $values  local.get $t  i32.const ${g}  i32.add  i32.const 3  i32.shl  i32.add
  f64.load  local.set $a${g}
  local.get $a${g}  f64x2.splat  local.set $v${g}`;

const groups = (n: number, f: (g: number) => string) => Array.from({ length: n }, (_, g) => f(g)).join("");

/**
 * Pairs of columns per pass of the unrolled loop for groups of four: one address per row of B and of C per
 * pass, the pairs reached by constant offsets (free in a load), so fewer instructions per multiply-add.
 * X·W₁ of an MNIST batch: 260 → 244 µs (median of 12 alternating rounds, one sitting).
 */
const UNROLL = 4;
/** Adds the n loaded terms to the whole row: 2·UNROLL columns at a time (groups of four), then two at a time, then the last one if p is odd. */
const addTerms = (n: number) => `
  i32.const 0  local.set $j
  ${n === 4 && UNROLL > 1 ? unrolledPairs(n) : ""}
  block $pairsDone  loop $pairs
    local.get $j  local.get $pairBytes  i32.ge_u  br_if $pairsDone
    local.get $row  local.get $j  i32.add                           ;; where C[j], C[j+1] go
    local.get $row  local.get $j  i32.add  v128.load                ;; C[j], C[j+1]
    ${groups(n, (g) => `local.get $v${g}  local.get $B${g}  local.get $j  i32.add  v128.load  f64x2.mul  f64x2.add\n    `)}
    v128.store
    local.get $j  i32.const 16  i32.add  local.set $j
    br $pairs
  end  end
  local.get $j  local.get $pBytes  i32.lt_u
  if                                                                ;; the odd last column
    local.get $row  local.get $j  i32.add
    local.get $row  local.get $j  i32.add  f64.load
    ${groups(n, (g) => `local.get $a${g}  local.get $B${g}  local.get $j  i32.add  f64.load  f64.mul  f64.add\n    `)}
    f64.store
  end`;

/** Columns j … j + 2·UNROLL − 1 for every whole pass that fits in the row ($unrolledBytes). */
const unrolledPairs = (n: number) => `
  block $uDone  loop $u
    local.get $j  local.get $unrolledBytes  i32.ge_u  br_if $uDone
    local.get $row  local.get $j  i32.add  local.set $cj
    ${groups(n, (g) => `local.get $B${g}  local.get $j  i32.add  local.set $bj${g}  `)}
    ${groups(
      UNROLL,
      (u) => `local.get $cj
    local.get $cj  v128.load offset=${16 * u}
    ${groups(n, (g) => `local.get $v${g}  local.get $bj${g}  v128.load offset=${16 * u}  f64x2.mul  f64x2.add  `)}
    v128.store offset=${16 * u}
    `,
    )}
    local.get $j  i32.const ${16 * UNROLL}  i32.add  local.set $j
    br $u
  end  end`;

const source = `
  local.get $p  i32.const 3  i32.shl  local.set $pBytes             ;; a row of C is p doubles
  local.get $pBytes  i32.const -16  i32.and  local.set $pairBytes   ;; the part made of whole pairs
  local.get $pBytes  i32.const ${-16 * UNROLL}  i32.and  local.set $unrolledBytes  ;; …of whole unrolled passes
  i32.const 0  local.set $r
  block $rowsDone  loop $rows
    local.get $r  local.get $rows  i32.ge_u  br_if $rowsDone
    local.get $c  local.get $r  local.get $pBytes  i32.mul  i32.add  local.set $row

    i32.const 0  local.set $j                                         ;; C_r ← 0
    block $zeroed  loop $zero
      local.get $j  local.get $pBytes  i32.ge_u  br_if $zeroed
      local.get $row  local.get $j  i32.add  f64.const 0  f64.store
      local.get $j  i32.const 8  i32.add  local.set $j
      br $zero
    end  end

    local.get $starts  local.get $r  i32.const 2  i32.shl  i32.add  i32.load  local.set $t
    local.get $starts  local.get $r  i32.const 1  i32.add  i32.const 2  i32.shl  i32.add  i32.load  local.set $tEnd

    block $foursDone  loop $fours                                     ;; groups of four terms
      local.get $t  i32.const 4  i32.add  local.get $tEnd  i32.gt_u  br_if $foursDone
      ${groups(4, loadTerm)}
      ${addTerms(4)}
      local.get $t  i32.const 4  i32.add  local.set $t
      br $fours
    end  end

    block $onesDone  loop $ones                                       ;; the rest, one at a time
      local.get $t  local.get $tEnd  i32.ge_u  br_if $onesDone
      ${loadTerm(0)}
      ${addTerms(1)}
      local.get $t  i32.const 1  i32.add  local.set $t
      br $ones
    end  end

    local.get $r  i32.const 1  i32.add  local.set $r
    br $rows
  end  end`;

/** The module's bytes (about 1 KB). */
export const accumulateRowsWasm = assembleModule("accumulateRows", params, locals, source);

// ---- the same sums, register-blocked ------------------------------------------------------------------
// For short lists (AᵀB's lists by column: ~18 terms each for Xᵀ·δ₁ over an MNIST batch) the loop above
// spends its time loading and storing C and on the leftover terms of each group of four. This one turns the
// loops round: for each block of 16 columns of a row of C, eight f64x2 accumulators start at 0 and take every
// term of the row in order (acc ← acc + a·B[index], the same products added in the same order as above, so
// the same bits), then are stored once. Narrower blocks (8 columns, 2, then the odd one) finish the row.
// Xᵀ·δ₁: 293 → 264 µs; for long lists (X·W₁, ~144 terms) it is slower (260 → 282 µs): B's rows are read
// in 128-byte pieces, once per block, instead of whole. kernels-wasm.ts picks by the lists' mean length.

const WIDEST = 8; // f64x2 accumulators of the widest block: 16 columns, leaving registers for B and a
const blockedLocals: [string, "i32" | "f64" | "v128"][] = [
  ...["$r", "$row", "$pBytes", "$t0", "$t1", "$t", "$j", "$Bt"].map((n) => [n, "i32"] as [string, "i32"]),
  ["$v", "v128"], // the term's value of A, twice
  ["$s", "f64"], // the odd column's sum
  ...Array.from({ length: WIDEST }, (_, k) => [`$acc${k}`, "v128"] as [string, "v128"]),
];
/** f(0) … f(n − 1), joined. */
export const each = (n: number, f: (k: number) => string, join = "\n      ") =>
  Array.from({ length: n }, (_, k) => f(k)).join(join);

/** How a register-blocked loop walks the terms of a row of C (locals named in its WAT). */
export interface TermWalk {
  /** Sets the walk at the row's first term. */
  start: string;
  /** Leaves a nonzero i32 once no term is left. */
  done: string;
  /** Sets `value` to the term's value of A, twice, and `row` to its row of B's address at column $j. */
  load: string;
  value: string;
  row: string;
  /** Steps on to the next term. */
  next: string;
}

/**
 * Columns $j … $j + 2w − 1 of the row of C at $row, while they fit in its $pBytes: w f64x2 accumulators
 * ($acc0, …) start at 0 and take every term in order (acc ← acc + value·B), then are stored once.
 */
export const registerBlock = (w: number, terms: TermWalk) => `
  block $blocksDone${w}  loop $blocks${w}
    local.get $j  i32.const ${16 * w}  i32.add  local.get $pBytes  i32.gt_u  br_if $blocksDone${w}
    ${each(w, (k) => `f64.const 0  f64x2.splat  local.set $acc${k}`, "  ")}
    ${terms.start}
    block $termsDone${w}  loop $terms${w}
      ${terms.done}  br_if $termsDone${w}
      ${terms.load}
      ${each(w, (k) => `local.get $acc${k}  local.get ${terms.value}  local.get ${terms.row}  v128.load offset=${16 * k}  f64x2.mul  f64x2.add  local.set $acc${k}`)}
      ${terms.next}
      br $terms${w}
    end  end
    ${each(w, (k) => `local.get $row  local.get $j  i32.add  local.get $acc${k}  v128.store offset=${16 * k}`, "\n    ")}
    local.get $j  i32.const ${16 * w}  i32.add  local.set $j
    br $blocks${w}
  end  end`;

/** $Bt ← the address of B[index[t]][j] (the term's row of B, at this block's first column). */
const termRow = `
      local.get $b  local.get $index  local.get $t  i32.const 2  i32.shl  i32.add  i32.load  local.get $pBytes  i32.mul
      i32.add  local.get $j  i32.add  local.set $Bt`;

/** The terms of a row in its list: $t from $t0 to $t1, each a value and an index into B. */
const listed: TermWalk = {
  start: "local.get $t0  local.set $t",
  done: "local.get $t  local.get $t1  i32.ge_u",
  load: `${termRow}
      local.get $values  local.get $t  i32.const 3  i32.shl  i32.add  f64.load  f64x2.splat  local.set $v`,
  value: "$v",
  row: "$Bt",
  next: "local.get $t  i32.const 1  i32.add  local.set $t",
};
const block = (w: number) => registerBlock(w, listed);

const blockedSource = `
  local.get $p  i32.const 3  i32.shl  local.set $pBytes               ;; a row of C is p doubles
  i32.const 0  local.set $r
  block $rowsDone  loop $rows
    local.get $r  local.get $rows  i32.ge_u  br_if $rowsDone
    local.get $c  local.get $r  local.get $pBytes  i32.mul  i32.add  local.set $row
    local.get $starts  local.get $r  i32.const 2  i32.shl  i32.add  i32.load  local.set $t0
    local.get $starts  local.get $r  i32.const 2  i32.shl  i32.add  i32.load offset=4  local.set $t1
    i32.const 0  local.set $j
    ${block(WIDEST)}
    ${block(WIDEST / 2)}
    ${block(1)}
    local.get $j  local.get $pBytes  i32.lt_u
    if                                                                  ;; the odd last column
      f64.const 0  local.set $s
      local.get $t0  local.set $t
      block $oddDone  loop $odd
        local.get $t  local.get $t1  i32.ge_u  br_if $oddDone
        ${termRow}
        local.get $s
        local.get $values  local.get $t  i32.const 3  i32.shl  i32.add  f64.load
        local.get $Bt  f64.load  f64.mul  f64.add  local.set $s
        local.get $t  i32.const 1  i32.add  local.set $t
        br $odd
      end  end
      local.get $row  local.get $j  i32.add  local.get $s  f64.store
    end
    local.get $r  i32.const 1  i32.add  local.set $r
    br $rows
  end  end`;

/** The register-blocked module's bytes (about 2 KB): same parameters, same results as accumulateRowsWasm. */
export const accumulateBlockedWasm = assembleModule("accumulateRows", params, blockedLocals, blockedSource);
