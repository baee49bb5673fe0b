import ndarray, { type NdArray } from 'ndarray';
import { crossEntropy, softmaxInto } from './layers.js';
import { matmulInto } from './matrix.js';
import { Random } from '@descent/optim';
import { DEFAULT_SEED, normal } from './random.js';
import { batchRows, RowMajorReader } from './row-major.js';

/** Inputs of SimpleNet. */
export const SIMPLE_NET_INPUTS = 2;
/** Classes of SimpleNet. */
export const SIMPLE_NET_CLASSES = 3;

/** Options of `SimpleNet`. */
export interface SimpleNetOptions {
  /** The 2×3 weights (copied); when absent they are drawn from N(0, 1). @default seeded N(0, 1) draws */
  weights?: NdArray | readonly (readonly number[])[];
  /** Seed of the N(0, 1) draws when `weights` is absent. @default 42 */
  seed?: number;
}

/**
 * The book's `simpleNet` (section 4.4.1): one 2×3 weight matrix W, no bias;
 * scores = x·W, loss = crossEntropy(softmax(x·W), t).
 * @example
 * import ndarray from 'ndarray';
 * import { numericalGradient } from '@descent/core';
 * const net = new SimpleNet({ weights: [[0.47355232, 0.9977393, 0.84668094], [0.85557411, 0.03563661, 0.69422093]] });
 * const x = ndarray(new Float64Array([0.6, 0.9]));
 * const t = ndarray(new Float64Array([0, 0, 1]));
 * net.loss(x, t); // 0.9280682857864075
 * numericalGradient(() => net.loss(x, t), net.W); // ≈ [[0.219, 0.144, −0.363], [0.329, 0.215, −0.544]]
 */
export class SimpleNet {
  /** The weights, a contiguous 2×3 Float64 ndarray (perturb it in place for numerical gradients). */
  readonly W: NdArray;
  private readonly xReader = new RowMajorReader();
  private readonly tReader = new RowMajorReader();
  private scores = new Float64Array(0);

  /**
   * @throws RangeError when `weights` is not 2×3
   */
  constructor(options: SimpleNetOptions = {}) {
    const data = new Float64Array(SIMPLE_NET_INPUTS * SIMPLE_NET_CLASSES);
    this.W = ndarray(data, [SIMPLE_NET_INPUTS, SIMPLE_NET_CLASSES]);
    const weights = options.weights;
    if (weights === undefined) {
      const random = Random.fromSeed(options.seed ?? DEFAULT_SEED);
      for (let i = 0; i < data.length; i++) data[i] = normal(random);
    } else if (Array.isArray(weights)) {
      const rows = weights as readonly (readonly number[])[];
      if (rows.length !== SIMPLE_NET_INPUTS || rows.some((r) => r.length !== SIMPLE_NET_CLASSES)) {
        throw new RangeError(`SimpleNet: weights must be 2×3 (2 rows of 3 numbers), got ${JSON.stringify(rows)}`);
      }
      rows.forEach((r, i) => r.forEach((v, j) => this.W.set(i, j, v)));
    } else {
      const w = weights as NdArray;
      if (w.shape.length !== 2 || w.shape[0] !== SIMPLE_NET_INPUTS || w.shape[1] !== SIMPLE_NET_CLASSES) {
        throw new RangeError(`SimpleNet: weights must have shape [2, 3], got [${w.shape.join(', ')}]`);
      }
      for (let i = 0; i < SIMPLE_NET_INPUTS; i++) for (let j = 0; j < SIMPLE_NET_CLASSES; j++) this.W.set(i, j, w.get(i, j));
    }
  }

  /** Fill this.scores with x·W; return the number of rows. */
  private forward(x: NdArray, fn: string): number {
    const rows = batchRows(fn, x, SIMPLE_NET_INPUTS);
    if (this.scores.length !== rows * SIMPLE_NET_CLASSES) this.scores = new Float64Array(rows * SIMPLE_NET_CLASSES);
    matmulInto(this.scores, this.xReader.read(x), this.W.data as Float64Array, rows, SIMPLE_NET_INPUTS, SIMPLE_NET_CLASSES);
    return rows;
  }

  /** The scores x·W, shape [n, 3] (or [3] for a single sample of shape [2]). */
  predict(x: NdArray): NdArray {
    const rows = this.forward(x, 'SimpleNet.predict');
    const shape = x.shape.length === 1 ? [SIMPLE_NET_CLASSES] : [rows, SIMPLE_NET_CLASSES];
    return ndarray(this.scores.slice(), shape);
  }

  /** crossEntropy(softmax(x·W), t), averaged over the batch; t one-hot or labels. */
  loss(x: NdArray, t: NdArray): number {
    const rows = this.forward(x, 'SimpleNet.loss');
    softmaxInto(this.scores, this.scores, rows, SIMPLE_NET_CLASSES);
    return crossEntropy(this.scores, this.tReader.read(t), rows, SIMPLE_NET_CLASSES);
  }
}
