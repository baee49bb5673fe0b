import type { Random } from './random.js';

/** Writable integer storage for an ordering of sample indices. */
export interface IndexArray {
  [index: number]: number;
  readonly length: number;
}

/**
 * Shuffle `array` in place with the Fisher–Yates (Durstenfeld) algorithm: for
 * i = n − 1 … 1, swap element i with a uniform j ∈ [0, i]. With an unbiased
 * `nextBelow` every one of the n! orders is equally likely; the result is a
 * permutation of the input and is fully determined by the generator's state.
 * @param array the elements to shuffle, modified in place
 * @param random the generator (advanced by n − 1 draws or more)
 * @returns `array`
 * @example
 * import { Random } from '@descent/optim';
 * const order = Uint32Array.from([0, 1, 2, 3, 4]);
 * shuffleInPlace(order, Random.fromSeed(7)); // the same order for every run with seed 7
 */
export function shuffleInPlace<T extends IndexArray>(array: T, random: Random): T {
  for (let i = array.length - 1; i > 0; i--) {
    const j = random.nextBelow(i + 1);
    const tmp = array[i]!;
    array[i] = array[j]!;
    array[j] = tmp;
  }
  return array;
}

/**
 * The identity order 0, 1, …, n − 1 as a Uint32Array (to shuffle with `shuffleInPlace`).
 * @throws RangeError when n is not an integer in [0, 2^32)
 * @example
 * identityOrder(3); // → [0, 1, 2] — a Uint32Array
 */
export function identityOrder(n: number): Uint32Array {
  if (!Number.isInteger(n) || n < 0 || n >= 2 ** 32) throw new RangeError(`identityOrder: n must be an integer in [0, 2^32), got ${n}.`);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}
