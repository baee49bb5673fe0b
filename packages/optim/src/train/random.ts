/**
 * A seeded pseudo-random number generator: xoshiro128** (Blackman & Vigna,
 * 2018), a 32-bit generator with 128 bits of state and period 2^128 − 1, whose
 * state is filled from the seed by splitmix32. Used for mini-batch shuffling so a
 * training run is reproducible from its seed; `Math.random` is never used.
 */
import { ArgumentRangeError, InvalidArgumentError } from '@descent/core';
import { checkNumber } from '../checks/options.js';

/** The largest seed accepted: seeds are integers in [0, 2^53 − 1]. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

const TWO_POW_32 = 2 ** 32;

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * One step of splitmix32 (a 32-bit variant of splitmix64's mixing): advances the
 * counter by the golden-ratio increment 0x9e3779b9 and returns a well-mixed value.
 */
function splitmix32(counter: Uint32Array): number {
  counter[0] = (counter[0]! + 0x9e3779b9) >>> 0;
  let z = counter[0]!;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Check that `seed` is an integer in [0, 2^53 − 1].
 * @param where the caller's name for the message, e.g. 'train'
 * @throws InvalidArgumentError / ArgumentRangeError naming `where` and the bad value
 */
export function checkSeed(where: string, seed: unknown): number {
  return checkNumber(where, 'seed', seed, { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true, text: 'an integer in [0, 2^53 − 1]' }, 'pass e.g. seed: 42 so the run can be reproduced');
}

/**
 * The xoshiro128** generator. Create one with `Random.fromSeed(seed)`; the same
 * seed always gives the same sequence.
 * @example
 * const random = Random.fromSeed(42);
 * random.nextUint32(); // an integer in [0, 2^32)
 * random.nextBelow(6); // a fair die roll in 0 … 5
 */
export class Random {
  private readonly state: Uint32Array;

  /**
   * A generator with the given raw 128-bit state (four 32-bit words, not all zero).
   * Most callers want `Random.fromSeed`.
   * @throws ArgumentRangeError when the state is not four words or is all zero (a fixed point)
   */
  constructor(state: ArrayLike<number>) {
    if (typeof state !== 'object' || state === null) {
      throw new InvalidArgumentError(`Random: the state must be 4 unsigned 32-bit words (an array or a Uint32Array), got ${state === null ? 'null' : typeof state}; use Random.fromSeed(seed) for a seeded generator.`);
    }
    if (state.length !== 4) throw new ArgumentRangeError(`Random: the state must be 4 unsigned 32-bit words, got ${state.length}.`);
    this.state = Uint32Array.from(state);
    if ((this.state[0]! | this.state[1]! | this.state[2]! | this.state[3]!) === 0) {
      throw new ArgumentRangeError('Random: the state must not be all zero (xoshiro would output 0 forever); use Random.fromSeed(seed).');
    }
  }

  /**
   * A generator seeded from an integer. The seed's high 21 bits are mixed by one
   * splitmix32 step and XORed into its low 32 bits; a splitmix32 counter started
   * there gives the four state words (never all zero, since splitmix32's output
   * function is a bijection and the four counter values differ).
   * @param seed an integer in [0, 2^53 − 1]
   * @throws InvalidArgumentError / ArgumentRangeError when the seed is not such an integer
   */
  static fromSeed(seed: number): Random {
    checkSeed('Random.fromSeed', seed);
    const low = seed % TWO_POW_32;
    const high = Math.floor(seed / TWO_POW_32);
    const counter = Uint32Array.of(high);
    const mixedHigh = high === 0 ? 0 : splitmix32(counter);
    counter[0] = (low ^ mixedHigh) >>> 0;
    return new Random([splitmix32(counter), splitmix32(counter), splitmix32(counter), splitmix32(counter)]);
  }

  /**
   * The next 32-bit output: result = rotl(s1·5, 7)·9, then the xoshiro128 state transition.
   * @returns an integer in [0, 2^32)
   */
  nextUint32(): number {
    const s = this.state;
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2] = s[2]! ^ s[0]!;
    s[3] = s[3]! ^ s[1]!;
    s[1] = s[1]! ^ s[2]!;
    s[0] = s[0]! ^ s[3]!;
    s[2] = s[2]! ^ t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }

  /**
   * A uniform integer in [0, bound) without modulo bias: outputs below
   * (2^32 − bound) mod bound are rejected, so every residue is hit by exactly
   * ⌊2^32 / bound⌋ accepted outputs.
   * @param bound an integer in [1, 2^32]
   * @throws ArgumentRangeError when bound is outside that range
   */
  nextBelow(bound: number): number {
    if (!Number.isInteger(bound) || bound < 1 || bound > TWO_POW_32) {
      throw new ArgumentRangeError(`Random.nextBelow: bound must be an integer in [1, 2^32], got ${bound}.`);
    }
    const threshold = (TWO_POW_32 - bound) % bound;
    for (;;) {
      const r = this.nextUint32();
      if (r >= threshold) return r % bound;
    }
  }

  /** A uniform float in [0, 1) with 32 random bits: nextUint32() / 2^32. */
  nextFloat(): number {
    return this.nextUint32() / TWO_POW_32;
  }
}
