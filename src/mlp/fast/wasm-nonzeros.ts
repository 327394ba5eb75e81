// nonzerosByRow and nonzerosByColumn of kernels.ts in WebAssembly text: the same lists, entry for entry.
//
// listByRow(a, rows, n, index, values, starts): A (rows×n doubles at byte address a) → its nonzeros row by
// row. Why it is faster than the TypeScript loop (about twice as fast on MNIST batches, in training):
// - Eight values at a time are OR-ed as bits (four v128 loads, v128.or, v128.any_true): a block of eight
//   exact zeros (an image's border) costs one test. −0 has a bit set, so it is not skipped there; the
//   per-value test below still drops it, as `a !== 0` does.
// - In a block that has a nonzero, values go two at a time (keepPair) to the next free places and the
//   count moves on by how many are not 0: no branch to mispredict on the mix of zeros and ink. So index
//   and values need room for two entries past the last.
// listDenseRows is the same function for an A that likely has no zeros (a sigmoid layer's activations):
// a block whose eight values are all not 0 is stored whole, ~30% faster there (and slower on MNIST pixels).
//
// listByColumn(column, value, rowStart, m, n, index, values, starts): nonzerosByColumn's counting sort on
// the row lists. starts needs n + 2 entries: column c is counted in starts[c + 2], so after the running
// sum starts[c + 1] is where list c begins; placing its entries moves starts[c + 1] on to where list c + 1
// begins, which leaves starts[0 … n] exactly the lists' starts, with no pass to shift them back.

import { assembleModule } from "./wat.ts";

type Local = [string, "i32" | "f64" | "v128"];
const i32 = (...names: string[]): Local[] => names.map((n) => [n, "i32"]);

/**
 * Values 2j and 2j+1 of the block (at byte address $at + 16j): both are written to the next two free
 * places, and the second is written again one place back when the first is 0, so the places kept (the
 * count moves on by how many of the two are not 0) hold the nonzeros in order. f64x2.ne(x, 0) is exactly
 * `x !== 0` on each: NaN counts, −0 does not.
 */
const keepPair = (j: number) => `
  local.get $at  v128.load offset=${16 * j}  local.tee $pair
  local.get $zero  f64x2.ne  i64x2.bitmask  local.set $kept               ;; bit 0: first kept, bit 1: second
  local.get $values  local.get $t  i32.const 3  i32.shl  i32.add  local.tee $vAt  local.get $pair  v128.store
  local.get $index  local.get $t  i32.const 2  i32.shl  i32.add  local.tee $iAt
  local.get $k  i32.const ${2 * j}  i32.add  i32.store
  local.get $kept  i32.const 1  i32.and  local.set $first                 ;; 1 if the first was kept
  local.get $vAt  local.get $first  i32.const 3  i32.shl  i32.add
  local.get $at  f64.load offset=${16 * j + 8}  f64.store
  local.get $iAt  local.get $first  i32.const 2  i32.shl  i32.add
  local.get $k  i32.const ${2 * j + 1}  i32.add  i32.store
  local.get $t  local.get $kept  i32.popcnt  i32.add  local.set $t`;

const pairs = [0, 1, 2, 3].map(keepPair).join("");

/**
 * A block of a row that likely has no zeros: when all eight are not 0 they are stored as they are, with
 * their column numbers; otherwise pair by pair.
 */
const keepBlock = `
  local.get $at  v128.load  local.get $zero  f64x2.ne
  ${[1, 2, 3].map((j) => `local.get $at  v128.load offset=${16 * j}  local.get $zero  f64x2.ne  v128.and`).join("\n  ")}
  i64x2.all_true
  if
    local.get $values  local.get $t  i32.const 3  i32.shl  i32.add  local.set $vAt
    ${[0, 1, 2, 3].map((j) => `local.get $vAt  local.get $at  v128.load offset=${16 * j}  v128.store offset=${16 * j}`).join("\n    ")}
    local.get $index  local.get $t  i32.const 2  i32.shl  i32.add  local.set $iAt
    ${[0, 1, 2, 3, 4, 5, 6, 7].map((g) => `local.get $iAt  local.get $k  i32.const ${g}  i32.add  i32.store offset=${4 * g}`).join("\n    ")}
    local.get $t  i32.const 8  i32.add  local.set $t
  else
    ${pairs}
  end`;

/** A block with a nonzero pair by pair; a block of eight zeros (its bits OR-ed are all 0) is skipped. */
const keepInk = `
  local.get $at  v128.load
  local.get $at  v128.load offset=16  v128.or
  local.get $at  v128.load offset=32  v128.or
  local.get $at  v128.load offset=48  v128.or
  v128.any_true
  if
    ${pairs}
  end`;

/** The value at byte address $at, for the last n mod 8 of a row: written, and kept if it is not 0. */
const keepOne = `
  local.get $at  f64.load  local.set $value
  local.get $index  local.get $t  i32.const 2  i32.shl  i32.add  local.get $k  i32.store
  local.get $values  local.get $t  i32.const 3  i32.shl  i32.add  local.get $value  f64.store
  local.get $t  local.get $value  f64.const 0  f64.ne  i32.add  local.set $t`;

/** The rows loop, with `keep` for each whole block of eight (keepInk, or keepBlock for rows without zeros). */
const byRow = (keep: string) => `
  f64.const 0  f64x2.splat  local.set $zero
  local.get $n  i32.const -8  i32.and  local.set $n8                ;; the part of a row made of whole blocks
  local.get $a  local.set $row
  i32.const 0  local.set $t
  i32.const 0  local.set $i
  block $rowsDone  loop $rows
    local.get $i  local.get $rows  i32.ge_u  br_if $rowsDone
    local.get $starts  local.get $i  i32.const 2  i32.shl  i32.add  local.get $t  i32.store
    i32.const 0  local.set $k
    block $blocksDone  loop $blocks                                   ;; eight values at a time
      local.get $k  local.get $n8  i32.ge_u  br_if $blocksDone
      local.get $row  local.get $k  i32.const 3  i32.shl  i32.add  local.set $at
      ${keep}
      local.get $k  i32.const 8  i32.add  local.set $k
      br $blocks
    end  end
    block $restDone  loop $rest                                       ;; the last n mod 8, one at a time
      local.get $k  local.get $n  i32.ge_u  br_if $restDone
      local.get $row  local.get $k  i32.const 3  i32.shl  i32.add  local.set $at
      ${keepOne}
      local.get $k  i32.const 1  i32.add  local.set $k
      br $rest
    end  end
    local.get $row  local.get $n  i32.const 3  i32.shl  i32.add  local.set $row
    local.get $i  i32.const 1  i32.add  local.set $i
    br $rows
  end  end
  local.get $starts  local.get $rows  i32.const 2  i32.shl  i32.add  local.get $t  i32.store`;

const byColumn = `
  i32.const 0  local.set $k                                           ;; starts ← 0
  block $clearDone  loop $clear
    local.get $k  local.get $n  i32.const 2  i32.add  i32.ge_u  br_if $clearDone
    local.get $starts  local.get $k  i32.const 2  i32.shl  i32.add  i32.const 0  i32.store
    local.get $k  i32.const 1  i32.add  local.set $k
    br $clear
  end  end
  local.get $rowStart  local.get $m  i32.const 2  i32.shl  i32.add  i32.load  local.set $tEnd
  i32.const 0  local.set $t                                           ;; count column c in starts[c + 2]
  block $countDone  loop $count
    local.get $t  local.get $tEnd  i32.ge_u  br_if $countDone
    local.get $starts  local.get $column  local.get $t  i32.const 2  i32.shl  i32.add  i32.load
    i32.const 2  i32.add  i32.const 2  i32.shl  i32.add  local.set $at
    local.get $at  local.get $at  i32.load  i32.const 1  i32.add  i32.store
    local.get $t  i32.const 1  i32.add  local.set $t
    br $count
  end  end
  i32.const 0  local.set $k                                           ;; running sum
  block $sumDone  loop $sum
    local.get $k  local.get $n  i32.ge_u  br_if $sumDone
    local.get $starts  local.get $k  i32.const 2  i32.shl  i32.add  local.set $at
    local.get $at  i32.const 4  i32.add
    local.get $at  i32.const 4  i32.add  i32.load  local.get $at  i32.load  i32.add  i32.store
    local.get $k  i32.const 1  i32.add  local.set $k
    br $sum
  end  end
  i32.const 0  local.set $i                                           ;; place each entry, rows in order
  i32.const 0  local.set $t
  block $rowsDone  loop $rows
    local.get $i  local.get $m  i32.ge_u  br_if $rowsDone
    local.get $rowStart  local.get $i  i32.const 1  i32.add  i32.const 2  i32.shl  i32.add  i32.load
    local.set $tEnd
    block $termsDone  loop $terms
      local.get $t  local.get $tEnd  i32.ge_u  br_if $termsDone
      local.get $starts  local.get $column  local.get $t  i32.const 2  i32.shl  i32.add  i32.load
      i32.const 1  i32.add  i32.const 2  i32.shl  i32.add  local.set $at   ;; &starts[c + 1]
      local.get $at  i32.load  local.set $k                               ;; list c's next free place
      local.get $at  local.get $k  i32.const 1  i32.add  i32.store
      local.get $index  local.get $k  i32.const 2  i32.shl  i32.add  local.get $i  i32.store
      local.get $values  local.get $k  i32.const 3  i32.shl  i32.add
      local.get $value  local.get $t  i32.const 3  i32.shl  i32.add  f64.load  f64.store
      local.get $t  i32.const 1  i32.add  local.set $t
      br $terms
    end  end
    local.get $i  i32.const 1  i32.add  local.set $i
    br $rows
  end  end`;

const byRowLocals: Local[] = [
  ...i32("$n8", "$row", "$i", "$k", "$t", "$at", "$kept", "$first", "$vAt", "$iAt"),
  ["$value", "f64"],
  ["$pair", "v128"],
  ["$zero", "v128"],
];
const byRowParams = i32("$a", "$rows", "$n", "$index", "$values", "$starts");

/** The bytes of listByRow's module. */
export const listByRowWasm = assembleModule("listByRow", byRowParams, byRowLocals, byRow(keepInk));

/**
 * The same lists made faster where A has no zeros (a hidden layer's activations), slower where it has
 * many (no block of zeros is skipped): a module of its own, so that listByRow's loop stays as it is.
 */
export const listDenseRowsWasm = assembleModule("listByRow", byRowParams, byRowLocals, byRow(keepBlock));

/** The bytes of listByColumn's module. */
export const listByColumnWasm = assembleModule(
  "listByColumn",
  i32("$column", "$value", "$rowStart", "$m", "$n", "$index", "$values", "$starts"),
  i32("$i", "$k", "$t", "$tEnd", "$at"),
  byColumn,
);
