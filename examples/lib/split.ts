import { Random, shuffleInPlace } from '@descent/optim';
import { DEFAULT_SEED } from './random.js';

/** Default share of every class held out for testing. */
export const DEFAULT_TEST_FRACTION = 0.2;

/** Options of `stratifiedSplit`. */
export interface StratifiedSplitOptions {
  /** Share of each class held out, in (0, 1); each class gives round(count·testFraction) samples. @default 0.2 */
  testFraction?: number;
  /** Seed of the per-class shuffles. @default 42 */
  seed?: number;
}

/** Sample indices of a train/test split, each list in ascending order. */
export interface SplitIndices {
  trainIndex: number[];
  testIndex: number[];
}

/**
 * A seeded stratified train/test split: within every class, shuffle its
 * sample indices and hold out the first round(count·testFraction), so both
 * parts keep the class proportions of the whole set.
 * @param labels the class of every sample (any values; compared with ===)
 * @throws RangeError when testFraction is not in (0, 1)
 * @example
 * stratifiedSplit([0, 0, 0, 0, 0, 1, 1, 1, 1, 1], { testFraction: 0.4 });
 * // testIndex holds 2 samples of class 0 and 2 of class 1; trainIndex the other 6
 */
export function stratifiedSplit(labels: ArrayLike<number>, options: StratifiedSplitOptions = {}): SplitIndices {
  const testFraction = options.testFraction ?? DEFAULT_TEST_FRACTION;
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new RangeError(`stratifiedSplit: testFraction must be in (0, 1), got ${testFraction}; e.g. 0.2 holds out a fifth of each class`);
  }
  const random = Random.fromSeed(options.seed ?? DEFAULT_SEED);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    const members = byClass.get(label);
    if (members === undefined) byClass.set(label, [i]);
    else members.push(i);
  }
  const trainIndex: number[] = [];
  const testIndex: number[] = [];
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  for (const label of classes) {
    const members = shuffleInPlace(byClass.get(label)!, random);
    const nTest = Math.round(members.length * testFraction);
    testIndex.push(...members.slice(0, nTest));
    trainIndex.push(...members.slice(nTest));
  }
  trainIndex.sort((a, b) => a - b);
  testIndex.sort((a, b) => a - b);
  return { trainIndex, testIndex };
}
