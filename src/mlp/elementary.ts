// e^x, ln x, ln(1 + x), tanh x, sin x and cos x, the same bits in every JavaScript engine.
//
// Why not Math.exp? The language lets each engine approximate these in its own way, and they do: Node's V8
// computes them with ports of fdlibm (src/base/ieee754.cc), Chromium's build with other code, and the two
// disagree in the last bit for about 1 in 10 arguments of exp. A seed must give the same weights and the
// same losses in a page as in Node, so the library computes them itself. These are fdlibm 5.3's algorithms
// (Sun Microsystems, 1993; netlib.org/fdlibm: e_exp.c, e_log.c, s_log1p.c, s_expm1.c, s_tanh.c, k_sin.c,
// k_cos.c, e_rem_pio2.c, k_rem_pio2.c), operation for operation as V8 runs them, so they give what Node's
// Math.* gives: every chapter's numbers were recorded in Node. JavaScript rounds every double operation and
// never fuses a multiply-add, so each line computes exactly what the C line computes.
// test/mlp/elementary.test.ts holds each one to Node's Math on millions of arguments.
//
// fdlibm branches on the high 32 bits of |x| (sign, exponent, top 20 bits of the fraction). exp and expm1,
// which run per element in training, compare |x| with the double made of that word and a zero low word
// instead, the same test without touching the bits; the others read the words through a shared view.

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // little-endian: word 1 is high

/** The high 32 bits of x as a signed integer, as fdlibm's GET_HIGH_WORD. */
function highWord(x: number): number {
  f64[0] = x;
  return u32[HI]! | 0;
}

/** The low 32 bits of x. */
function lowWord(x: number): number {
  f64[0] = x;
  return u32[1 - HI]!;
}

/** x with its high 32 bits replaced by `high`, as SET_HIGH_WORD. */
function withHighWord(x: number, high: number): number {
  f64[0] = x;
  u32[HI] = high;
  return f64[0];
}

/** The double whose high word is `high` and low word 0 (INSERT_WORDS(d, high, 0)). */
function fromHighWord(high: number): number {
  return withHighWord(0, high);
}

/** 2^k for k = −1074 … 1023, every one exact: TWO_TO[k + 1074]. */
const TWO_TO = new Float64Array(2098);
TWO_TO[1074] = 1;
for (let k = 1; k <= 1023; k++) TWO_TO[1074 + k] = TWO_TO[1074 + k - 1]! * 2;
for (let k = -1; k >= -1074; k--) TWO_TO[1074 + k] = TWO_TO[1074 + k + 1]! / 2;

const ln2HI = 6.9314718036912381649e-1; // ln 2 in two parts: k·ln2HI is exact for the k that occur
const ln2LO = 1.90821492927058770002e-10;
const invln2 = 1.442695040888963387;

// exp (e_exp.c): x = k·ln2 + r, |r| ≤ ½ln2, then e^r from a rational function and e^x = 2^k·e^r.
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.6533902205465251539e-6;
const P5 = 4.13813679705723846039e-8;
const expBig = fromHighWord(0x40862e42); // from ≈709.78 on: overflow, underflow or a subnormal result
const expHalfLn2 = fromHighWord(0x3fd62e43); // |x| below this: k = 0
const expOneAndHalfLn2 = fromHighWord(0x3ff0a2b2); // |x| below this: k = ±1
const expTiny = 2 ** -28; // below this e^x rounds to 1 + x

/** e^x, bit for bit fdlibm's (and Node's Math.exp). */
export function exp(x: number): number {
  const ax = Math.abs(x);
  if (!(ax < expBig)) {
    if (x !== x) return x; // NaN
    if (x > 7.09782712893383973096e2) return Infinity;
    if (x < -7.4513321910194110842e2) return 0;
  }
  let hi = 0,
    lo = 0,
    k = 0;
  if (ax >= expHalfLn2) {
    if (x === 1) return 2.718281828459045; // V8 returns e itself; the formula is 1 ulp off
    k = ax < expOneAndHalfLn2 ? Math.sign(x) : Math.trunc(invln2 * x + (x > 0 ? 0.5 : -0.5));
    hi = x - k * ln2HI; // k·ln2HI is exact
    lo = k * ln2LO;
    x = hi - lo;
  } else if (ax < expTiny) {
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k === 1024) return y * 2 * TWO_TO[1074 + 1023]!;
  if (k >= -1021) return y * TWO_TO[1074 + k]!;
  return y * TWO_TO[1074 + k + 1000]! * TWO_TO[1074 - 1000]!; // 2^k is subnormal: scale in two steps
}

// log (e_log.c) and log1p (s_log1p.c): x = 2^k·(1 + f) with √2/2 < 1 + f < √2, s = f/(2 + f), and
// ln(1 + f) = 2s + s·R(s²) with R a polynomial.
const Lg1 = 6.66666666666673513e-1;
const Lg2 = 3.999999999940941908e-1;
const Lg3 = 2.857142874366239149e-1;
const Lg4 = 2.222219843214978396e-1;
const Lg5 = 1.818357216161805012e-1;
const Lg6 = 1.531383769920937332e-1;
const Lg7 = 1.479819860511658591e-1;
const two54 = 2 ** 54;

/** ln x, bit for bit fdlibm's (and Node's Math.log). */
export function log(x: number): number {
  const hx = highWord(x);
  if (hx < 0x00100000 || hx >= 0x7ff00000) return logRare(x, hx);
  return logNormal(x, hx, 0);
}

/** ln x for ±0, a subnormal, a negative number, +Infinity or NaN. */
function logRare(x: number, hx: number): number {
  if (hx >= 0x7ff00000) return x + x; // +Infinity or NaN
  if (((hx & 0x7fffffff) | lowWord(x)) === 0) return -Infinity; // ln ±0
  if (hx < 0) return NaN; // ln of a negative number
  x *= two54; // subnormal: scale up by 2^54
  return logNormal(x, highWord(x), -54);
}

/**
 * ln(x·2^k0) for a normal x > 0 with high word hx: x = 2^k·(1 + f), √2/2 < 1 + f < √2. Apart from the rare
 * cases, and small enough for V8 to inline (up to 460 bytes of bytecode).
 */
function logNormal(x: number, hx: number, k0: number): number {
  const e = (hx >> 20) - 1023 + (((hx & 0x000fffff) + 0x95f64) >> 20); // the exponent, + 1 if 1 + f ≥ √2
  const f = x * TWO_TO[1074 - e]! - 1; // fdlibm writes e's exponent bits into x: the same number
  const k = k0 + e;
  hx &= 0x000fffff;
  if ((0x000fffff & (2 + hx)) < 3) return logNearOne(f, k); // −2^-20 ≤ f < 2^-20
  const dk = k;
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  const R = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + R));
    return dk * ln2HI - (hfsq - (s * (hfsq + R) + dk * ln2LO) - f);
  }
  if (k === 0) return f - s * (f - R);
  return dk * ln2HI - (s * (f - R) - dk * ln2LO - f);
}

/** ln(2^k·(1 + f)) for |f| < 2^-20. */
function logNearOne(f: number, k: number): number {
  const dk = k;
  if (f === 0) return k === 0 ? 0 : dk * ln2HI + dk * ln2LO;
  const R = f * f * (0.5 - 0.3333333333333333 * f);
  return k === 0 ? f - R : dk * ln2HI - (R - dk * ln2LO - f);
}

/** ln(1 + x), accurate for x near 0, bit for bit fdlibm's (and Node's Math.log1p). */
export function log1p(x: number): number {
  const hx = highWord(x);
  const ax = hx & 0x7fffffff;
  let k = 1,
    f = 0,
    hu = 0,
    c = 0;
  if (hx < 0x3fda827a) {
    // 1 + x < √2
    if (ax >= 0x3ff00000) return x === -1 ? -Infinity : NaN; // x ≤ −1
    if (ax < 0x3e200000) {
      // |x| < 2^-29
      if (ax < 0x3c900000) return x; // |x| < 2^-54
      return x - x * x * 0.5;
    }
    if (hx > 0 || hx <= (0xbfd2bec4 | 0)) {
      // √2/2 ≤ 1 + x < √2: f = x itself
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7ff00000) return x + x; // +Infinity or NaN
  if (k !== 0) {
    let u: number;
    if (hx < 0x43400000) {
      u = 1 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1 - (u - x) : x - (u - 1); // what rounding 1 + x lost
      c /= u;
    } else {
      u = x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu < 0x6a09e) {
      u = withHighWord(u, hu | 0x3ff00000); // u·2^-k < √2
    } else {
      k += 1;
      u = withHighWord(u, hu | 0x3fe00000); // u·2^-(k+1)
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    // |f| < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      c += k * ln2LO;
      return k * ln2HI + c;
    }
    const R = hfsq * (1 - 0.6666666666666666 * f);
    return k === 0 ? f - R : k * ln2HI - (R - (k * ln2LO + c) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const R = z * (Lg1 + z * (Lg2 + z * (Lg3 + z * (Lg4 + z * (Lg5 + z * (Lg6 + z * Lg7))))));
  if (k === 0) return f - (hfsq - s * (hfsq + R));
  return k * ln2HI - (hfsq - (s * (hfsq + R) + (k * ln2LO + c)) - f);
}

// expm1 (s_expm1.c): e^x − 1 without the cancellation near 0; tanh is made of it.
const Q1 = -3.33333333333331316428e-2;
const Q2 = 1.58730158725481460165e-3;
const Q3 = -7.93650757867487942473e-5;
const Q4 = 4.00821782732936239552e-6;
const Q5 = -2.01099218183624371326e-7;
const expm1Big = fromHighWord(0x4043687a); // 56·ln2: below −this, e^x − 1 rounds to −1

/** e^x − 1, bit for bit fdlibm's (and Node's Math.expm1). */
export function expm1(x: number): number {
  const ax = Math.abs(x);
  if (x !== x) return x; // NaN
  if (ax < 2 ** -54) return x;
  if (x > 7.09782712893383973096e2) return Infinity;
  if (x <= -expm1Big) return -1; // e^x < 2^-56: e^x − 1 rounds to −1
  return expm1Core(x);
}

/**
 * expm1 for finite 2^-54 ≤ |x| ≤ 709.78 and x > −56·ln2: x = k·ln2 + r, then e^r − 1 from a rational
 * function, then e^x − 1 = 2^k·(e^r − 1 + 1) − 1 arranged for each k so that nothing cancels. Apart from
 * expm1's special cases, and small enough (V8 inlines up to 460 bytes of bytecode), so that a loop of tanh
 * compiles to straight arithmetic: 30 → 16.5 ns a tanh (Math.tanh: 14.4).
 */
function expm1Core(x: number): number {
  let k = 0,
    c = 0;
  if (Math.abs(x) >= expHalfLn2) {
    k = Math.trunc(invln2 * x + (x > 0 ? 0.5 : -0.5)); // fdlibm's ±1 for |x| < 1.5·ln2 too
    const hi = x - k * ln2HI;
    const lo = k * ln2LO;
    x = hi - lo;
    c = hi - x - lo; // what rounding hi − lo lost
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  const t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs);
  e = x * (e - c) - c - hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) return x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
  if (k < 0) return (1 - (e - x)) * TWO_TO[1074 + k]! - 1; // k ≥ −56 here
  if (k < 20) return (1 - TWO_TO[1074 - k]! - (e - x)) * TWO_TO[1074 + k]!; // 1 − 2^-k is exact
  return expm1Large(x, e, k);
}

/** expm1's last step for k ≥ 20 (x ≥ 13.5), apart so that expm1Core stays small enough to inline. */
function expm1Large(x: number, e: number, k: number): number {
  // y·2^(k−1)·2 is y·2^k rounded once, as fdlibm's y·2^k (and y·2·2^1023 for k = 1024)
  if (k > 56) return (1 - (e - x)) * TWO_TO[1074 + k - 1]! * 2 - 1;
  return (x - (e + TWO_TO[1074 - k]!) + 1) * TWO_TO[1074 + k]!;
}

/** tanh x = (e^2x − 1)/(e^2x + 1), bit for bit fdlibm's s_tanh.c (and Node's Math.tanh). */
export function tanh(x: number): number {
  const ax = Math.abs(x);
  if (!(ax >= 2 ** -28 && ax < 22)) return x !== x || ax < 2 ** -28 ? x : Math.sign(x); // 1 − tiny rounds to 1
  const t = expm1Core(ax >= 1 ? 2 * ax : -2 * ax);
  const z = ax >= 1 ? 1 - 2 / (t + 2) : -t / (t + 2);
  return x >= 0 ? z : -z;
}

// sin and cos (s_sin.c, s_cos.c): x = n·π/2 + (y0 + y1) with |y0 + y1| ≤ π/4 (e_rem_pio2.c, k_rem_pio2.c),
// then a polynomial for sin or cos of y0 + y1 (k_sin.c, k_cos.c) picked by n mod 4.
const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;
const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.0875723212981748279e-9;
const C6 = -1.13596475577881948265e-11;

/** sin(x + y) for |x + y| ≤ π/4, y the tail of x (0 when `hasTail` is false). */
function kernelSin(x: number, y: number, hasTail: boolean): number {
  if ((highWord(x) & 0x7fffffff) < 0x3e400000 && Math.trunc(x) === 0) return x; // |x| < 2^-27
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (!hasTail) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

/** cos(x + y) for |x + y| ≤ π/4, y the tail of x. */
function kernelCos(x: number, y: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return 1; // |x| < 2^-27
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y)); // |x| < 0.3
  const qx = ix > 0x3fe90000 ? 0.28125 : fromHighWord(ix - 0x00200000); // x²/8, cut to its high word
  const hz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (hz - (z * r - x * y));
}

// π/2 in three parts of 33 bits and their tails: n·π/2 for n ≤ 2^20 good to ~150 bits
const invpio2 = 6.36619772367581382433e-1;
const pio2_1 = 1.57079632673412561417;
const pio2_1t = 6.07710050650619224932e-11;
const pio2_2 = 6.0771005063039659766e-11;
const pio2_2t = 2.02226624879595063154e-21;
const pio2_3 = 2.0222662487111664558e-21;
const pio2_3t = 8.47842766036889956997e-32;
/** The high word of n·π/2 for n = 1 … 32, where x − n·π/2 may cancel (npio2_hw). */
const npio2_hw = [
  0x3ff921fb, 0x400921fb, 0x4012d97c, 0x401921fb, 0x401f6a7a, 0x4022d97c, 0x4025fdbb, 0x402921fb, 0x402c463a,
  0x402f6a7a, 0x4031475c, 0x4032d97c, 0x40346b9c, 0x4035fdbb, 0x40378fdb, 0x403921fb, 0x403ab41b, 0x403c463a,
  0x403dd85a, 0x403f6a7a, 0x40407e4c, 0x4041475c, 0x4042106c, 0x4042d97c, 0x4043a28c, 0x40446b9c, 0x404534ac,
  0x4045fdbb, 0x4046c6cb, 0x40478fdb, 0x404858eb, 0x404921fb,
];
const remPio2Max = fromHighWord(0x413921fc); // just above 2^20·π/2: beyond it, remPio2Large

let y0 = 0; // rem_pio2's result, y0 + y1 = x − n·π/2
let y1 = 0;

/** n with x − n·π/2 = y0 + y1, |y0 + y1| ≤ π/4, for finite |x| > π/4. */
function remPio2(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix < 0x4002d97c) {
    // |x| < 3π/4: n = ±1
    const sign = hx > 0 ? 1 : -1;
    let z = x - sign * pio2_1;
    if (ix !== 0x3ff921fb) {
      y0 = z - sign * pio2_1t;
      y1 = z - y0 - sign * pio2_1t;
    } else {
      // near π/2: 33 + 33 + 53 bits of π/2
      z -= sign * pio2_2;
      y0 = z - sign * pio2_2t;
      y1 = z - y0 - sign * pio2_2t;
    }
    return sign;
  }
  if (!(Math.abs(x) < remPio2Max)) return remPio2Large(x);
  let t = Math.abs(x);
  const n = Math.trunc(t * invpio2 + 0.5);
  let r = t - n * pio2_1;
  let w = n * pio2_1t;
  y0 = r - w;
  if (n >= 32 || ix === npio2_hw[n - 1]) {
    // r − w may have cancelled: subtract the next 33 bits of π/2, and the next if needed
    const j = ix >> 20;
    if (j - ((highWord(y0) >> 20) & 0x7ff) > 16) {
      t = r;
      w = n * pio2_2;
      r = t - w;
      w = n * pio2_2t - (t - r - w);
      y0 = r - w;
      if (j - ((highWord(y0) >> 20) & 0x7ff) > 49) {
        t = r;
        w = n * pio2_3;
        r = t - w;
        w = n * pio2_3t - (t - r - w);
        y0 = r - w;
      }
    }
  }
  y1 = r - y0 - w;
  if (hx < 0) {
    y0 = -y0;
    y1 = -y1;
    return -n;
  }
  return n;
}

// 2/π in 24-bit pieces (ipio2[i]·2^(-24(i+1))), and π/2 in 24-bit pieces, for remPio2Large (k_rem_pio2.c)
const twoOverPi = [
  0xa2f983, 0x6e4e44, 0x1529fc, 0x2757d1, 0xf534dd, 0xc0db62, 0x95993c, 0x439041, 0xfe5163, 0xabdebb,
  0xc561b7, 0x246e3a, 0x424dd2, 0xe00649, 0x2eea09, 0xd1921c, 0xfe1deb, 0x1cb129, 0xa73ee8, 0x8235f5,
  0x2ebb44, 0x84e99c, 0x7026b4, 0x5f7e41, 0x3991d6, 0x398353, 0x39f49c, 0x845f8b, 0xbdf928, 0x3b1ff8,
  0x97ffde, 0x05980f, 0xef2f11, 0x8b5a0a, 0x6d1f6d, 0x367ecf, 0x27cb09, 0xb74f46, 0x3f669e, 0x5fea2d,
  0x7527ba, 0xc7ebe5, 0xf17b3d, 0x0739f7, 0x8a5292, 0xea6bfb, 0x5fb11f, 0x8d5d08, 0x560330, 0x46fc7b,
  0x6babf0, 0xcfbc20, 0x9af436, 0x1da9e3, 0x91615e, 0xe61b08, 0x659985, 0x5f14a0, 0x68408d, 0xffd880,
  0x4d7327, 0x310606, 0x1556ca, 0x73a8c9, 0x60e27b, 0xc08c6b,
];
const PIo2 = [
  1.57079625129699707031, 7.54978941586159635335e-8, 5.39030252995776476554e-15, 3.28200341580791294123e-22,
  1.27065575308067607349e-29, 1.22933308981111328932e-36, 2.73370053816464559624e-44,
  2.16741683877804819444e-51,
];
const two24 = 2 ** 24;
const twon24 = 2 ** -24;
const scalbn = (z: number, e: number) => z * TWO_TO[1074 + e]!; // z·2^e, exact for the e that occur here
const jk = 4; // V8 asks for 64 bits (prec 2): jk + 1 terms of 2/π to start with

/**
 * remPio2 for |x| > 2^20·π/2: x in three 24-bit pieces tx times 2/π, only the bits of the product that
 * matter mod 8 (k_rem_pio2.c, Payne–Hanek), then the fraction times π/2. Sets y0, y1 and returns n.
 */
function remPio2Large(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  const e0 = (ix >> 20) - 1046; // |x| = z·2^e0 with 2^23 ≤ z < 2^24
  let z = withHighWord(x, ix - (e0 << 20));
  const tx: number[] = [];
  for (let i = 0; i < 2; i++) {
    tx.push(Math.trunc(z));
    z = (z - tx[i]!) * two24;
  }
  tx.push(z);
  let nx = 3;
  while (tx[nx - 1] === 0) nx--;

  const jx = nx - 1;
  const jv = Math.max(0, Math.trunc((e0 - 3) / 24));
  let q0 = e0 - 24 * (jv + 1);
  const f: number[] = [];
  for (let i = 0, j = jv - jx; i <= jx + jk; i++, j++) f[i] = j < 0 ? 0 : twoOverPi[j]!;
  const q: number[] = [];
  const product = (i: number) => {
    let fw = 0;
    for (let j = 0; j <= jx; j++) fw += tx[j]! * f[jx + i - j]!;
    return fw;
  };
  for (let i = 0; i <= jk; i++) q[i] = product(i);

  const iq = new Int32Array(20);
  let jz = jk;
  let n: number, ih: number;
  for (;;) {
    // q[] into 24-bit integers iq[], last piece first
    z = q[jz]!;
    for (let i = 0, j = jz; j > 0; i++, j--) {
      const fw = Math.trunc(twon24 * z);
      iq[i] = z - two24 * fw;
      z = q[j - 1]! + fw;
    }
    z = scalbn(z, q0);
    z -= 8 * Math.floor(z * 0.125); // n mod 8 is all that counts
    n = Math.trunc(z);
    z -= n;
    ih = 0;
    if (q0 > 0) {
      const i = iq[jz - 1]! >> (24 - q0);
      n += i;
      iq[jz - 1]! -= i << (24 - q0);
      ih = iq[jz - 1]! >> (23 - q0);
    } else if (q0 === 0) {
      ih = iq[jz - 1]! >> 23;
    } else if (z >= 0.5) {
      ih = 2;
    }
    if (ih > 0) {
      // the fraction is ≥ ½: take n + 1 and 1 − fraction
      n += 1;
      let carry = 0;
      for (let i = 0; i < jz; i++) {
        const j = iq[i]!;
        if (carry === 0) {
          if (j !== 0) {
            carry = 1;
            iq[i] = 0x1000000 - j;
          }
        } else {
          iq[i] = 0xffffff - j;
        }
      }
      if (q0 === 1) iq[jz - 1]! &= 0x7fffff;
      if (q0 === 2) iq[jz - 1]! &= 0x3fffff;
      if (ih === 2) {
        z = 1 - z;
        if (carry !== 0) z -= scalbn(1, q0);
      }
    }
    if (z !== 0) break;
    let j = 0;
    for (let i = jz - 1; i >= jk; i--) j |= iq[i]!;
    if (j !== 0) break;
    // the fraction cancelled to 0 so far: take more terms of 2/π
    let k = 1;
    while (jk >= k && iq[jk - k] === 0) k++;
    for (let i = jz + 1; i <= jz + k; i++) {
      f[jx + i] = twoOverPi[jv + i]!;
      q[i] = product(i);
    }
    jz += k;
  }

  // drop zero pieces, or split z into 24-bit pieces
  if (z === 0) {
    jz -= 1;
    q0 -= 24;
    while (iq[jz] === 0) {
      jz--;
      q0 -= 24;
    }
  } else {
    z = scalbn(z, -q0);
    if (z >= two24) {
      const fw = Math.trunc(twon24 * z);
      iq[jz] = z - two24 * fw;
      jz += 1;
      q0 += 24;
      iq[jz] = fw;
    } else {
      iq[jz] = z;
    }
  }
  let fw = scalbn(1, q0);
  for (let i = jz; i >= 0; i--) {
    q[i] = fw * iq[i]!;
    fw *= twon24;
  }
  // the fraction times π/2, then summed into y0 + y1
  const fq: number[] = [];
  for (let i = jz; i >= 0; i--) {
    fw = 0;
    for (let k = 0; k <= jk && k <= jz - i; k++) fw += PIo2[k]! * q[i + k]!;
    fq[jz - i] = fw;
  }
  fw = 0;
  for (let i = jz; i >= 0; i--) fw += fq[i]!;
  y0 = ih === 0 ? fw : -fw;
  fw = fq[0]! - fw;
  for (let i = 1; i <= jz; i++) fw += fq[i]!;
  y1 = ih === 0 ? fw : -fw;
  n &= 7;
  if (hx < 0) {
    y0 = -y0;
    y1 = -y1;
    return -n;
  }
  return n;
}

/** sin x, bit for bit fdlibm's (and Node's Math.sin). */
export function sin(x: number): number {
  if ((highWord(x) & 0x7fffffff) <= 0x3fe921fb) return kernelSin(x, 0, false); // |x| ≤ π/4
  if (!Number.isFinite(x)) return NaN;
  switch (remPio2(x) & 3) {
    case 0:
      return kernelSin(y0, y1, true);
    case 1:
      return kernelCos(y0, y1);
    case 2:
      return -kernelSin(y0, y1, true);
    default:
      return -kernelCos(y0, y1);
  }
}

/** cos x, bit for bit fdlibm's (and Node's Math.cos). */
export function cos(x: number): number {
  if ((highWord(x) & 0x7fffffff) <= 0x3fe921fb) return kernelCos(x, 0); // |x| ≤ π/4
  if (!Number.isFinite(x)) return NaN;
  switch (remPio2(x) & 3) {
    case 0:
      return kernelCos(y0, y1);
    case 1:
      return -kernelSin(y0, y1, true);
    case 2:
      return -kernelCos(y0, y1);
    default:
      return kernelSin(y0, y1, true);
  }
}
