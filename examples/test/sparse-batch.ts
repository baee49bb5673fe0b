// Test fixture (not a test): a small batch shaped like image pixels, for the tiny-network tests.
import ndarray, { type NdArray } from 'ndarray';
import { Random } from '@descent/optim';
import { normal } from '../lib/random.js';

/**
 * A seeded batch of `rows` samples × `inputs` features, ~60% of them zeros
 * (every 7th zero is −0), the rest N(0, 1); labels cycle through the classes.
 * @example
 * const { x, t } = sparseBatch(1, 5, 12, 3); // x: [5, 12], t: [0, 1, 2, 0, 1]
 */
export function sparseBatch(seed: number, rows: number, inputs: number, classes: number): { x: NdArray; t: NdArray } {
  const random = Random.fromSeed(seed);
  const x = ndarray(
    Float64Array.from({ length: rows * inputs }, (_, i) => (random.nextFloat() < 0.6 ? (i % 7 === 0 ? -0 : 0) : normal(random))),
    [rows, inputs],
  );
  const t = ndarray(Float64Array.from({ length: rows }, (_, i) => i % classes));
  return { x, t };
}
