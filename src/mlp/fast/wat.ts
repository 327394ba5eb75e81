// A tiny assembler from WebAssembly text to bytes, for one module with one function that uses an imported
// memory: just what wasm-accumulate.ts needs, so the library ships its SIMD loop without a compiler. The
// body is "flat" WAT (one instruction after another, `block $name … end`, `br_if $name`); `;;` starts a
// comment. Any WAT tool (e.g. wat2wasm) reads the same text. assembleFunctions makes a module of several
// functions that can call imported ones (wasm-sigmoid.ts calls Math.exp).

type Type = "i32" | "f64" | "v128";
const TYPE: Record<Type, number> = { i32: 0x7f, f64: 0x7c, v128: 0x7b };

// Instructions without immediates.
const SIMPLE: Record<string, number[]> = {
  end: [0x0b],
  "i32.add": [0x6a],
  "i32.sub": [0x6b],
  "i32.mul": [0x6c],
  "i32.and": [0x71],
  "i32.shl": [0x74],
  "i32.lt_u": [0x49],
  "i32.gt_u": [0x4b],
  "i32.le_u": [0x4d],
  "i32.ge_u": [0x4f],
  "i32.popcnt": [0x69],
  "f64.ne": [0x62],
  "f64.add": [0xa0],
  "f64.mul": [0xa2],
  "f64x2.splat": [0xfd, 0x14],
  "f64x2.add": [0xfd, 0xf0, 0x01],
  "f64x2.mul": [0xfd, 0xf2, 0x01],
  "v128.or": [0xfd, 0x50],
  "v128.any_true": [0xfd, 0x53],
  "f64x2.ne": [0xfd, 0x48],
  "i64x2.bitmask": [0xfd, 0xc4, 0x01],
  // for wasm-sigmoid.ts (fdlibm's exp, two lanes at a time)
  else: [0x05],
  "f64.sub": [0xa1],
  "f64.div": [0xa3],
  "f64.neg": [0x9a],
  "f64x2.sub": [0xfd, 0xf1, 0x01],
  "f64x2.div": [0xfd, 0xf3, 0x01],
  "f64x2.neg": [0xfd, 0xed, 0x01],
  "f64x2.abs": [0xfd, 0xec, 0x01],
  "f64x2.trunc": [0xfd, 0x7a],
  "f64x2.lt": [0xfd, 0x49],
  "f64x2.ge": [0xfd, 0x4c],
  "v128.and": [0xfd, 0x4e],
  "v128.andnot": [0xfd, 0x4f],
  "v128.bitselect": [0xfd, 0x52],
  "i64x2.all_true": [0xfd, 0xc3, 0x01],
  "i64x2.shl": [0xfd, 0xcb, 0x01],
  "i64x2.add": [0xfd, 0xce, 0x01],
  "i32.eqz": [0x45],
};
// Memory instructions, with their natural alignment (log2 bytes); an optional `offset=N` after one is added
// to its address (the address plus a constant costs nothing at run time).
const MEMORY: Record<string, [opcode: number[], align: number]> = {
  "i32.load": [[0x28], 2],
  "i32.store": [[0x36], 2],
  "f64.load": [[0x2b], 3],
  "f64.store": [[0x39], 3],
  "v128.load": [[0xfd, 0x00], 4],
  "v128.store": [[0xfd, 0x0b], 4],
};
const BLOCK: Record<string, number> = { block: 0x02, loop: 0x03, if: 0x04 };
const LOCAL: Record<string, number> = { "local.get": 0x20, "local.set": 0x21, "local.tee": 0x22 };
const BRANCH: Record<string, number> = { br: 0x0c, br_if: 0x0d };

function unsigned(n: number): number[] {
  const out: number[] = [];
  do {
    const byte = n & 0x7f;
    n >>>= 7;
    out.push(n ? byte | 0x80 : byte);
  } while (n);
  return out;
}

function signed(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && !(byte & 0x40)) || (n === -1 && byte & 0x40);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const vector = (items: number[][]): number[] => [...unsigned(items.length), ...items.flat()];
const name = (s: string): number[] => vector([...s].map((ch) => [ch.charCodeAt(0)]));
const section = (id: number, body: number[]): number[] => [id, ...unsigned(body.length), ...body];

/** The bytes of a function body written in flat WAT, with its parameters and locals by name. */
function assembleBody(
  source: string,
  params: [string, Type][],
  locals: [string, Type][],
  functions = new Map<string, number>(), // for `call $name`: the index of each function by name
): number[] {
  const index = new Map([...params, ...locals].map(([n], i) => [n, i]));
  const tokens = source
    .replace(/;;[^\n]*/g, "")
    .split(/\s+/)
    .filter(Boolean);
  const labels: (string | null)[] = []; // innermost last
  const out: number[] = [...vector(locals.map(([, type]) => [1, TYPE[type]]))];
  const next = (what: string): string => {
    const token = tokens.shift();
    if (token === undefined) throw new Error(`wat: expected ${what} at the end of the code`);
    return token;
  };
  while (tokens.length > 0) {
    const op = tokens.shift()!;
    if (op in SIMPLE) {
      out.push(...SIMPLE[op]!);
      if (op === "end" && labels.pop() === undefined) throw new Error("wat: `end` without a block");
    } else if (op in MEMORY) {
      const [opcode, align] = MEMORY[op]!;
      const offset = tokens[0]?.startsWith("offset=") ? Number(tokens.shift()!.slice(7)) : 0;
      out.push(...opcode, align, ...unsigned(offset));
    } else if (op in BLOCK) {
      labels.push(tokens[0]?.startsWith("$") ? tokens.shift()! : null);
      out.push(BLOCK[op]!, 0x40); // 0x40: the block yields no value
    } else if (op in LOCAL) {
      const local = next("a local");
      if (!index.has(local)) throw new Error(`wat: unknown local ${local}`);
      out.push(LOCAL[op]!, ...unsigned(index.get(local)!));
    } else if (op in BRANCH) {
      const label = next("a label");
      const depth = labels.length - 1 - labels.lastIndexOf(label);
      if (depth >= labels.length) throw new Error(`wat: unknown label ${label}`);
      out.push(BRANCH[op]!, ...unsigned(depth));
    } else if (op === "call") {
      const callee = next("a function");
      if (!functions.has(callee)) throw new Error(`wat: unknown function ${callee}`);
      out.push(0x10, ...unsigned(functions.get(callee)!));
    } else if (op === "i32.const") {
      out.push(0x41, ...signed(Number(next("a number"))));
    } else if (op === "f64.const") {
      out.push(0x44, ...new Uint8Array(Float64Array.of(Number(next("a number"))).buffer));
    } else {
      throw new Error(`wat: unknown instruction ${op}`);
    }
  }
  if (labels.length > 0) throw new Error("wat: a block is missing its `end`");
  return [...out, 0x0b];
}

/**
 * A module that imports "env.memory" and exports one function `exportName`, whose body is `source`
 * (flat WAT) with the given parameters (all i32 here) and locals; it returns nothing.
 */
export function assembleModule(
  exportName: string,
  params: [string, Type][],
  locals: [string, Type][],
  source: string,
): Uint8Array<ArrayBuffer> {
  const code = assembleBody(source, params, locals);
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(1, vector([[0x60, ...vector(params.map(([, type]) => [TYPE[type]])), ...vector([])]])), // type
    ...section(2, vector([[...name("env"), ...name("memory"), 0x02, 0x00, 0x01]])), // import memory ≥ 1 page
    ...section(3, vector([[0]])), // one function, of type 0
    ...section(7, vector([[...name(exportName), 0x00, 0]])), // export it
    ...section(10, vector([[...unsigned(code.length), ...code]])), // its code
  ]);
}

/** One function of assembleFunctions: its parameters and locals by name, and its body in flat WAT. */
export interface WatFunction {
  params: [string, "i32" | "f64" | "v128"][];
  locals: [string, "i32" | "f64" | "v128"][];
  source: string;
}

/**
 * A module that imports "env.memory" and, for each name in `imports`, a function env.name from f64 to f64
 * (e.g. Math.exp), and exports each of `functions` under its name; a body calls an import with
 * `call $name`. The functions return nothing.
 */
export function assembleFunctions(
  imports: string[],
  functions: Record<string, WatFunction>,
): Uint8Array<ArrayBuffer> {
  const defined = Object.entries(functions);
  const index = new Map(imports.map((n, i) => [`$${n}`, i]));
  const f64 = TYPE.f64;
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(
      1, // types: 0 is f64 → f64, then one per defined function
      vector([
        [0x60, ...vector([[f64]]), ...vector([[f64]])],
        ...defined.map(([, f]) => [0x60, ...vector(f.params.map(([, type]) => [TYPE[type]])), ...vector([])]),
      ]),
    ),
    ...section(
      2, // imports: the memory (≥ 1 page), then the functions
      vector([
        [...name("env"), ...name("memory"), 0x02, 0x00, 0x01],
        ...imports.map((n) => [...name("env"), ...name(n), 0x00, 0]),
      ]),
    ),
    ...section(3, vector(defined.map((_, i) => unsigned(i + 1)))), // each function's type
    ...section(7, vector(defined.map(([n], i) => [...name(n), 0x00, ...unsigned(imports.length + i)]))),
    ...section(
      10,
      vector(
        defined.map(([, f]) => {
          const code = assembleBody(f.source, f.params, f.locals, index);
          return [...unsigned(code.length), ...code];
        }),
      ),
    ),
  ]);
}
