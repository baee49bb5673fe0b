/**
 * What a storage keeps of a number: a Float32Array rounds it to single
 * precision, a Float64Array or a JS array keeps it. Transforms that promise
 * where `params + updates` lands (projectToBox, lookahead's sync) reason on
 * the stored values, since `applyUpdates` stores p + u in the params' storage
 * after u was stored in the updates'.
 */

/** The value a storage keeps of x: Math.fround for Float32Array, x itself otherwise. */
export type Rounding = (x: number) => number;

const keep: Rounding = (x) => x;

/**
 * The rounding of a storage.
 * @example
 * roundingOf(new Float32Array(1))(0.1) === Math.fround(0.1); // → true
 * roundingOf([0])(0.1); // → 0.1
 */
export function roundingOf(data: unknown): Rounding {
  return data instanceof Float32Array ? Math.fround : keep;
}

const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);
const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/**
 * The next number after x towards +∞ (up) or −∞ in double precision, or in
 * single precision when `single` (x must then be a float32 value).
 * @example
 * nextAfter(1, true, false) - 1; // → 2.220446049250313e-16
 * nextAfter(0, false, true); // → -1.401298464324817e-45
 */
export function nextAfter(x: number, up: boolean, single: boolean): number {
  if (x !== x || x === (up ? Infinity : -Infinity)) return x;
  if (x === 0) return (up ? 1 : -1) * (single ? 1.401298464324817e-45 : Number.MIN_VALUE);
  if (single) {
    F32[0] = x;
    U32[0] = U32[0]! + ((x > 0) === up ? 1 : -1);
    return F32[0]!;
  }
  F64[0] = x;
  U64[0] = U64[0]! + ((x > 0) === up ? 1n : -1n);
  return F64[0]!;
}
