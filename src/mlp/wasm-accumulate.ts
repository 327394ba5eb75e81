// accumulateRows of kernels.ts as a WebAssembly module with SIMD, written out byte by byte so the library
// needs no compiler. It is the same loop: for each row r of C, zero it, then for each group of four terms
// C[j] = C[j] + a0·B0[j] + a1·B1[j] + a2·B2[j] + a3·B3[j], then the leftover terms one at a time. The
// difference is that f64x2 instructions do two columns j, j+1 at once. Each lane adds the same products in
// the same order as the TypeScript loop (WebAssembly has no fused multiply-add here), so the numbers are
// identical, bit for bit; the tests check that.
//
// Exported: accumulateRows(c, b, offsets, values, starts, rows, p), all addresses in bytes of the imported
// memory "env.memory"; offsets hold element offsets into B (k·p), as kernels.ts's Terms do.

// ---- a minimal encoder: LEB128 numbers, sections, and the instructions the loop needs ----------------
const u32 = (n: number): number[] => {
  const out: number[] = [];
  do {
    const byte = n & 0x7f;
    n >>>= 7;
    out.push(n ? byte | 0x80 : byte);
  } while (n);
  return out;
};
const s32 = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && !(byte & 0x40)) || (n === -1 && byte & 0x40);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
};
const vector = (items: number[][]): number[] => [...u32(items.length), ...items.flat()];
const name = (s: string): number[] => vector([...s].map((c) => [c.charCodeAt(0)]));
const section = (id: number, body: number[]): number[] => [id, ...u32(body.length), ...body];

const [i32, f64, v128] = [0x7f, 0x7c, 0x7b];
const get = (local: number) => [0x20, ...u32(local)];
const set = (local: number) => [0x21, ...u32(local)];
const i32const = (n: number) => [0x41, ...s32(n)];
const i32add = [0x6a];
const i32mul = [0x6c];
const i32shl = [0x74];
const i32geu = [0x4f];
const i32gtu = [0x4b];
const i32ltu = [0x49];
const i32load = [0x28, 2, 0]; // alignment 2^2, offset 0
const f64load = [0x2b, 3, 0];
const f64store = [0x39, 3, 0];
const f64const0 = [0x44, 0, 0, 0, 0, 0, 0, 0, 0];
const f64add = [0xa0];
const f64mul = [0xa2];
const simd = (op: number) => [0xfd, ...u32(op)];
const v128load = [...simd(0), 3, 0]; // alignment hint 2^3: rows of doubles are 8-byte aligned
const v128store = [...simd(11), 3, 0];
const f64x2splat = simd(20);
const f64x2add = simd(240);
const f64x2mul = simd(242);
const end = [0x0b];
/** if (condition) { body } — `condition` pushes an i32. */
const ifThen = (condition: number[], ...body: number[][]) => [
  ...condition,
  0x04,
  0x40,
  ...body.flat(),
  ...end,
];
/** while (!exit) { body } — `exit` pushes an i32; the body may not branch. */
const loopUntil = (exit: number[], ...body: number[][]) => [
  ...[0x02, 0x40, 0x03, 0x40], // block, loop
  ...exit,
  ...[0x0d, 1], // br_if out of the block
  ...body.flat(),
  ...[0x0c, 0], // br to the loop's start
  ...end,
  ...end,
];

// ---- the function -----------------------------------------------------------------------------------
// Parameters, then locals, by number.
const [c, b, offsets, values, starts, rows, p] = [0, 1, 2, 3, 4, 5, 6];
const [r, row, pBytes, pairBytes, t, tEnd, j] = [7, 8, 9, 10, 11, 12, 13]; // i32
const B = [14, 15, 16, 17]; // i32: byte address of the row of B for each term of a group
const a = [18, 19, 20, 21]; // f64: the term's value of A
const v = [22, 23, 24, 25]; // v128: the value twice
const locals = [
  [11, i32],
  [4, f64],
  [4, v128],
];

/** B[g] ← b + 8·offsets[t + g]; a[g] ← values[t + g]; v[g] ← (a[g], a[g]). */
const loadTerm = (g: number) => [
  ...[...get(b), ...get(offsets), ...get(t), ...i32const(g), ...i32add, ...i32const(2), ...i32shl, ...i32add],
  ...[...i32load, ...i32const(3), ...i32shl, ...i32add, ...set(B[g]!)],
  ...[...get(values), ...get(t), ...i32const(g), ...i32add, ...i32const(3), ...i32shl, ...i32add, ...f64load],
  ...[...set(a[g]!), ...get(a[g]!), ...f64x2splat, ...set(v[g]!)],
];
/** C[j], C[j+1] ← C[j], C[j+1] + Σ_g (v[g] · B_g[j], B_g[j+1]), the sum taken g = 0, 1, … */
const pairStep = (groups: number) => [
  ...get(row),
  ...get(j),
  ...i32add, // address for the store
  ...get(row),
  ...get(j),
  ...i32add,
  ...v128load,
  ...Array.from({ length: groups }, (_, g) => [
    ...get(v[g]!),
    ...get(B[g]!),
    ...get(j),
    ...i32add,
    ...v128load,
    ...f64x2mul,
    ...f64x2add,
  ]).flat(),
  ...v128store,
];
/** The last column when p is odd: the same sum on one double. */
const lastStep = (groups: number) => [
  ...get(row),
  ...get(j),
  ...i32add,
  ...get(row),
  ...get(j),
  ...i32add,
  ...f64load,
  ...Array.from({ length: groups }, (_, g) => [
    ...get(a[g]!),
    ...get(B[g]!),
    ...get(j),
    ...i32add,
    ...f64load,
    ...f64mul,
    ...f64add,
  ]).flat(),
  ...f64store,
];
/** Adds `groups` terms (already loaded) to the whole row: pairs of columns, then the odd one. */
const addTerms = (groups: number) => [
  ...i32const(0),
  ...set(j),
  ...loopUntil([...get(j), ...get(pairBytes), ...i32geu], pairStep(groups), [
    ...get(j),
    ...i32const(16),
    ...i32add,
    ...set(j),
  ]),
  ...ifThen([...get(j), ...get(pBytes), ...i32ltu], lastStep(groups)),
];
const startOf = (rowIndex: number[]) => [
  ...get(starts),
  ...rowIndex,
  ...i32const(2),
  ...i32shl,
  ...i32add,
  ...i32load,
];

// prettier-ignore
const body = [
  ...get(p), ...i32const(3), ...i32shl, ...set(pBytes),
  ...get(pBytes), ...i32const(-16), 0x71 /* i32.and */, ...set(pairBytes),
  ...i32const(0), ...set(r),
  ...loopUntil([...get(r), ...get(rows), ...i32geu],
    [...get(c), ...get(r), ...get(pBytes), ...i32mul, ...i32add, ...set(row)],
    // zero the row
    [...i32const(0), ...set(j)],
    loopUntil([...get(j), ...get(pBytes), ...i32geu],
      [...get(row), ...get(j), ...i32add, ...f64const0, ...f64store],
      [...get(j), ...i32const(8), ...i32add, ...set(j)]),
    [...startOf(get(r)), ...set(t)],
    [...startOf([...get(r), ...i32const(1), ...i32add]), ...set(tEnd)],
    // groups of four terms
    loopUntil([...get(t), ...i32const(4), ...i32add, ...get(tEnd), ...i32gtu],
      loadTerm(0), loadTerm(1), loadTerm(2), loadTerm(3),
      addTerms(4),
      [...get(t), ...i32const(4), ...i32add, ...set(t)]),
    // the rest, one at a time
    loopUntil([...get(t), ...get(tEnd), ...i32geu],
      loadTerm(0),
      addTerms(1),
      [...get(t), ...i32const(1), ...i32add, ...set(t)]),
    [...get(r), ...i32const(1), ...i32add, ...set(r)]),
];

const code = [...vector(locals), ...body, ...end];

/** The module's bytes: one type, the imported memory, one function, its export, its code. */
export const accumulateRowsWasm = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
  ...section(1, vector([[0x60, ...vector(Array.from({ length: 7 }, () => [i32])), ...vector([])]])),
  ...section(2, vector([[...name("env"), ...name("memory"), 0x02, 0x00, 0x01]])), // memory, at least 1 page
  ...section(3, vector([[0]])),
  ...section(7, vector([[...name("accumulateRows"), 0x00, 0]])),
  ...section(10, vector([[...u32(code.length), ...code]])),
]);
