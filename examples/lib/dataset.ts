/**
 * Supervised data sets as ndarrays ready for training — inputs [n, features]
 * (contiguous Float64) and class labels [n] (Float64 integers) — and the
 * helpers the loaders share. Browser-safe: the loaders that need a package's
 * data live in iris-data.ts (small, used by the playground) and
 * digits-data.ts (MNIST, Node examples only).
 */
import ndarray, { type NdArray } from 'ndarray';

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

/**
 * Rows `indices` of a row-major [*, cols] matrix, with their labels, as a new Dataset.
 * @example
 * const d = gather(new Float64Array([1, 2, 3, 4, 5, 6]), new Float64Array([0, 1, 2]), 2, [2, 0]);
 * d.inputs.shape; // [2, 2]: rows [5, 6] and [1, 2]; d.targets holds [2, 0]
 */
export function gather(features: Float64Array, labels: Float64Array, cols: number, indices: readonly number[]): Dataset {
  const inputs = new Float64Array(indices.length * cols);
  const targets = new Float64Array(indices.length);
  indices.forEach((row, i) => {
    inputs.set(features.subarray(row * cols, (row + 1) * cols), i * cols);
    targets[i] = labels[row]!;
  });
  return { inputs: ndarray(inputs, [indices.length, cols]), targets: ndarray(targets, [indices.length]) };
}

/**
 * Per-column mean and (population) standard deviation of a contiguous [n, cols] ndarray.
 * @example
 * columnStats(ndarray(new Float64Array([1, 10, 3, 30]), [2, 2])); // { mean: [2, 20], std: [1, 10] }
 */
export function columnStats(x: NdArray): { mean: number[]; std: number[] } {
  const [n, cols] = x.shape as [number, number];
  const data = x.data as Float64Array;
  const mean = new Array<number>(cols).fill(0);
  const std = new Array<number>(cols).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < cols; j++) mean[j]! += data[i * cols + j]! / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < cols; j++) std[j]! += (data[i * cols + j]! - mean[j]!) ** 2 / n;
  return { mean, std: std.map(Math.sqrt) };
}

/**
 * x ← (x − mean) / std column by column (a zero std divides by 1), on a contiguous [n, cols] ndarray.
 * @example
 * const x = ndarray(new Float64Array([1, 10, 3, 30]), [2, 2]);
 * standardizeInPlace(x, [2, 20], [1, 10]); // x holds [−1, −1, 1, 1]
 */
export function standardizeInPlace(x: NdArray, mean: readonly number[], std: readonly number[]): void {
  const [n, cols] = x.shape as [number, number];
  const data = x.data as Float64Array;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < cols; j++) data[i * cols + j] = (data[i * cols + j]! - mean[j]!) / (std[j]! > 0 ? std[j]! : 1);
  }
}
