/**
 * A small seeded pseudo-random generator for the estimators of core (SPSA's
 * Rademacher directions, gradCheck's random directions): xoshiro128**
 * (Blackman & Vigna), its 128-bit state seeded through splitmix32. The state
 * is caller-owned plain data, advanced in place, so a loop can keep one state
 * and get fresh directions at every step; the same seed always gives the same
 * numbers, on every platform (32-bit integer arithmetic only, no Math.random).
 */
import { describe } from '../errors/describe.js';
import { ArgumentRangeError, InvalidArgumentError, InvalidStateError } from '../errors/error-classes.js';

/** The state of the generator: four 32-bit words, not all zero; advanced in place by every draw. */
export interface RandomState {
  /** Always 'xoshiro128**'. */
  readonly algorithm: 'xoshiro128**';
  /** The 128-bit state, four words. */
  readonly words: Uint32Array;
}

/** One step of splitmix32 from `state`, returning [next state, output]. */
function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = Math.imul(next ^ (next >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) >>> 0];
}

/**
 * A new generator state from an integer seed (any safe integer, negative
 * ones too): the seed's low and high 32-bit words are mixed and run through
 * splitmix32 four times, which never yields the all-zero state xoshiro must avoid.
 *
 * @param seed - a safe integer
 * @returns a fresh state
 * @throws InvalidArgumentError when seed is not a number; ArgumentRangeError when it is not a safe integer
 * @example
 * const a = randomState(42);
 * const b = randomState(42);
 * nextUint32(a) === nextUint32(b); // → true
 */
export function randomState(seed: number, where = 'randomState'): RandomState {
  if (typeof seed !== 'number') throw new InvalidArgumentError(`${where}: seed must be an integer (got ${describe(seed)}).`);
  if (!Number.isSafeInteger(seed)) throw new ArgumentRangeError(`${where}: seed must be a safe integer (got ${seed}); use e.g. seed: 42.`);
  const low = Number(BigInt.asUintN(32, BigInt(seed)));
  const high = Number(BigInt.asUintN(32, BigInt(seed) >> 32n));
  let state = (low ^ Math.imul(high, 0x9e3779b1)) | 0;
  const words = new Uint32Array(4);
  for (let k = 0; k < 4; k++) [state, words[k]] = splitmix32(state);
  if ((words[0]! | words[1]! | words[2]! | words[3]!) === 0) words[0] = 1; // unreachable in practice; xoshiro needs a nonzero state
  return { algorithm: 'xoshiro128**', words };
}

/**
 * Check that `state` is a RandomState a caller may have kept between calls.
 * @throws InvalidStateError when it is not four 32-bit words, not all zero
 */
export function checkRandomState(state: unknown, where: string, name: string): RandomState {
  const words = typeof state === 'object' && state !== null ? (state as { words?: unknown }).words : undefined;
  if (!(words instanceof Uint32Array) || words.length !== 4 || (words[0]! | words[1]! | words[2]! | words[3]!) === 0) {
    throw new InvalidStateError(
      `${where}: ${name} must be a state made by randomState(seed) — four 32-bit words, not all zero (got ${describe(state)}).`,
    );
  }
  return state as RandomState;
}

/**
 * The next 32-bit unsigned integer of xoshiro128**, advancing the state.
 * @example
 * nextUint32(randomState(1)) < 2 ** 32; // → true
 */
export function nextUint32(state: RandomState): number {
  const s = state.words;
  const s0 = s[0]!;
  const s1 = s[1]!;
  const s2 = s[2]!;
  const s3 = s[3]!;
  const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
  const t = s1 << 9;
  const n2 = s2 ^ s0;
  const n3 = s3 ^ s1;
  s[1] = s1 ^ n2;
  s[0] = s0 ^ n3;
  s[2] = n2 ^ t;
  s[3] = rotl(n3, 11);
  return r;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * A uniform double in [0, 1) with 53 random bits (two draws).
 * @example
 * const u = nextUniform(randomState(7));
 * u >= 0 && u < 1; // → true
 */
export function nextUniform(state: RandomState): number {
  const high = nextUint32(state) >>> 5; // 27 bits
  const low = nextUint32(state) >>> 6; // 26 bits
  return (high * 67108864 + low) / 9007199254740992;
}

/**
 * Fill `out` with Rademacher signs: each ±1 with probability ½, one bit of
 * the generator each (32 signs per draw).
 * @example
 * const signs = new Float64Array(5);
 * rademacherInto(signs, randomState(9));
 * signs.every((s) => s === 1 || s === -1); // → true
 */
export function rademacherInto(out: Float64Array, state: RandomState): Float64Array {
  let bits = 0;
  for (let k = 0; k < out.length; k++) {
    if ((k & 31) === 0) bits = nextUint32(state);
    out[k] = (bits & 1) === 0 ? 1 : -1;
    bits >>>= 1;
  }
  return out;
}

/**
 * Fill `out` with independent uniform deviates on [−1, 1): one 32-bit draw
 * each, (u − 2³¹)/2³¹ — a continuous-valued symmetric distribution (2³²
 * levels), as torch's fast gradcheck draws its directions, at a tenth of the
 * cost of normal deviates.
 * @example
 * const v = symmetricUniformInto(new Float64Array(3), randomState(5));
 * v.every((t) => t >= -1 && t < 1); // → true
 */
export function symmetricUniformInto(out: Float64Array, state: RandomState): Float64Array {
  for (let k = 0; k < out.length; k++) out[k] = (nextUint32(state) - 2147483648) / 2147483648;
  return out;
}
