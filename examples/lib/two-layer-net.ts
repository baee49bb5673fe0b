import ndarray, { type NdArray } from 'ndarray';
import { numericalGradients, type GradientOptions } from '@descent/core';
import {
  affineBackwardInto,
  affineInto,
  crossEntropy,
  sigmoidBackwardInto,
  sigmoidInto,
  softmaxCrossEntropyBackwardInto,
  softmaxInto,
} from './layers.js';
import { isRowMajorContiguous, Random } from '@descent/optim';
import { DEFAULT_SEED, normal } from './random.js';
import { batchRows, RowMajorReader } from './row-major.js';

/** The book's weight scale: W ~ N(0, 0.01²). */
export const DEFAULT_WEIGHT_INIT_STD = 0.01;

/** The parameters of a TwoLayerNet (also the shape of its gradients): contiguous Float64 ndarrays. */
export interface TwoLayerParams {
  /** First-layer weights, inputSize×hiddenSize. */
  W1: NdArray;
  /** First-layer bias, hiddenSize. */
  b1: NdArray;
  /** Second-layer weights, hiddenSize×outputSize. */
  W2: NdArray;
  /** Second-layer bias, outputSize. */
  b2: NdArray;
  [name: string]: NdArray;
}

/** Any record holding W1, b1, W2, b2 (e.g. the params a training loop passes back); checked when used. */
export type ParamRecord = Readonly<Record<string, NdArray>>;

function zerosLike(shape: number[]): NdArray {
  return ndarray(new Float64Array(shape.reduce((a, b) => a * b, 1)), shape);
}

function checkSize(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`TwoLayerNet: ${name} must be a positive integer, got ${value}`);
  }
}

/**
 * Raw row-major data of parameter `name`, checked to be a contiguous Float64
 * array of shape [d0, d1] (or [d0] when d1 is 0). Allocates nothing for arrays
 * that own their whole buffer (as the ones of `zeroParams` do).
 * @param fn the caller's name for messages, e.g. 'TwoLayerNet.loss'
 * @throws TypeError when the parameter is missing or not a contiguous Float64 ndarray
 * @throws RangeError when its shape is not [d0, d1] ([d0] when d1 is 0)
 * @example
 * paramData('demo', new TwoLayerNet(4, 3, 2).params, 'W1', 4, 3).length; // 12
 */
export function paramData(fn: string, params: Readonly<Record<string, NdArray>>, name: string, d0: number, d1: number): Float64Array {
  const p = params[name];
  if (p === undefined) throw new TypeError(`${fn}: params.${name} is missing; pass { W1, b1, W2, b2 }`);
  const dims = d1 === 0 ? 1 : 2;
  if (p.shape.length !== dims || p.shape[0] !== d0 || (dims === 2 && p.shape[1] !== d1)) {
    const expected = dims === 2 ? `[${d0}, ${d1}]` : `[${d0}]`;
    throw new RangeError(`${fn}: params.${name} has shape [${p.shape.join(', ')}], expected ${expected}`);
  }
  if (!(p.data instanceof Float64Array && isRowMajorContiguous(p))) {
    throw new TypeError(`${fn}: params.${name} must be a contiguous row-major Float64Array ndarray (copy views before passing them)`);
  }
  const data = p.data as Float64Array;
  return p.offset === 0 && data.length === p.size ? data : data.subarray(p.offset, p.offset + p.size);
}

/**
 * The book's two-layer network (section 4.5):
 *   a1 = x·W1 + b1, z1 = σ(a1), a2 = z1·W2 + b2, y = softmax(a2),
 *   loss = crossEntropy(y, t) averaged over the batch.
 *
 * Weights start as seeded N(0, weightInitStd²) draws, biases as zeros. Every
 * method takes a batch x of shape [n, inputSize] (or one sample [inputSize])
 * and targets t as labels [n] or one-hot [n, outputSize], in any ndarray
 * layout. `params` may be swapped for another record of the same shapes (e.g.
 * the one a training loop passes), see the optional `params` arguments.
 * Workspaces are reused across calls of the same batch size.
 * @example
 * import ndarray from 'ndarray';
 * const net = new TwoLayerNet(2, 3, 2, 0.01, 7);
 * const x = ndarray(new Float64Array([1, 2, 3, 4]), [2, 2]);
 * const t = ndarray(new Float64Array([0, 1]));
 * const grads = net.gradient(x, t);          // backprop
 * const approx = net.numericalGradient(x, t); // central differences, same values to ~1e-9
 */
export class TwoLayerNet {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly outputSize: number;
  /** { W1, b1, W2, b2 }: perturbed in place by numerical gradients, updated in place by optimizers. */
  readonly params: TwoLayerParams;

  private readonly xReader = new RowMajorReader();
  private readonly tReader = new RowMajorReader();
  private rows = -1;
  private xs: Float64Array = new Float64Array(0);
  private a1 = new Float64Array(0);
  private z1 = new Float64Array(0);
  private y = new Float64Array(0);
  private dA2 = new Float64Array(0);
  private dZ1 = new Float64Array(0);

  /**
   * @param inputSize features per sample
   * @param hiddenSize hidden units
   * @param outputSize classes
   * @param weightInitStd standard deviation of the initial weights (default 0.01)
   * @param seed seed of the initial weights, an integer in [0, 2^53 − 1] (default 42)
   * @throws RangeError when a size is not a positive integer or weightInitStd is negative or non-finite
   * @throws TypeError / RangeError (from optim's Random.fromSeed) when seed is not such an integer
   */
  constructor(inputSize: number, hiddenSize: number, outputSize: number, weightInitStd = DEFAULT_WEIGHT_INIT_STD, seed = DEFAULT_SEED) {
    checkSize('inputSize', inputSize);
    checkSize('hiddenSize', hiddenSize);
    checkSize('outputSize', outputSize);
    if (!Number.isFinite(weightInitStd) || weightInitStd < 0) {
      throw new RangeError(`TwoLayerNet: weightInitStd must be a finite number ≥ 0, got ${weightInitStd}; the book uses 0.01`);
    }
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.outputSize = outputSize;
    this.params = this.zeroParams();
    const random = Random.fromSeed(seed);
    for (const name of ['W1', 'W2'] as const) {
      const data = this.params[name].data as Float64Array;
      for (let i = 0; i < data.length; i++) data[i] = weightInitStd * normal(random);
    }
  }

  /** A new record of zero arrays with the parameters' shapes (e.g. a gradient buffer for `gradientInto`). */
  zeroParams(): TwoLayerParams {
    return {
      W1: zerosLike([this.inputSize, this.hiddenSize]),
      b1: zerosLike([this.hiddenSize]),
      W2: zerosLike([this.hiddenSize, this.outputSize]),
      b2: zerosLike([this.outputSize]),
    };
  }

  private ensureWorkspace(rows: number): void {
    if (rows === this.rows) return;
    this.rows = rows;
    this.a1 = new Float64Array(rows * this.hiddenSize);
    this.z1 = new Float64Array(rows * this.hiddenSize);
    this.y = new Float64Array(rows * this.outputSize);
    this.dA2 = new Float64Array(rows * this.outputSize);
    this.dZ1 = new Float64Array(rows * this.hiddenSize);
  }

  /** Run the forward pass into the workspace (this.y = softmax output); return the number of rows. */
  private forward(fn: string, x: NdArray, params: ParamRecord): number {
    const { inputSize: I, hiddenSize: H, outputSize: O } = this;
    const rows = batchRows(fn, x, I);
    this.ensureWorkspace(rows);
    this.xs = this.xReader.read(x);
    affineInto(this.a1, this.xs, paramData(fn, params, 'W1', I, H), paramData(fn, params, 'b1', H, 0), rows, I, H);
    sigmoidInto(this.z1, this.a1);
    affineInto(this.y, this.z1, paramData(fn, params, 'W2', H, O), paramData(fn, params, 'b2', O, 0), rows, H, O);
    softmaxInto(this.y, this.y, rows, O);
    return rows;
  }

  /** Class probabilities softmax(σ(x·W1 + b1)·W2 + b2), shape [n, outputSize] (a new array). */
  predict(x: NdArray, params: ParamRecord = this.params): NdArray {
    const rows = this.forward('TwoLayerNet.predict', x, params);
    return ndarray(this.y.slice(), [rows, this.outputSize]);
  }

  /** The mean cross-entropy of the batch (t: labels [n] or one-hot [n, outputSize]). */
  loss(x: NdArray, t: NdArray, params: ParamRecord = this.params): number {
    const rows = this.forward('TwoLayerNet.loss', x, params);
    return crossEntropy(this.y, this.tReader.read(t), rows, this.outputSize);
  }

  /** The fraction of samples whose most probable class is the target class. */
  accuracy(x: NdArray, t: NdArray, params: ParamRecord = this.params): number {
    const rows = this.forward('TwoLayerNet.accuracy', x, params);
    const O = this.outputSize;
    const ts = this.tReader.read(t);
    const labels = ts.length === rows;
    if (!labels && ts.length !== rows * O) {
      throw new RangeError(`TwoLayerNet.accuracy: targets have ${ts.length} elements; pass ${rows} labels or ${rows}×${O} one-hot values`);
    }
    let correct = 0;
    for (let i = 0; i < rows; i++) {
      let best = 0;
      for (let j = 1; j < O; j++) if (this.y[i * O + j]! > this.y[i * O + best]!) best = j;
      let target = 0;
      if (labels) {
        target = ts[i]!;
      } else {
        for (let j = 1; j < O; j++) if (ts[i * O + j]! > ts[i * O + target]!) target = j;
      }
      if (best === target) correct++;
    }
    return correct / rows;
  }

  /**
   * Gradients of `loss` by central differences through @descent/core's
   * numericalGradients: every parameter is perturbed in place and restored.
   * Costs 2 forward passes per parameter — use it to check `gradient`.
   */
  numericalGradient(x: NdArray, t: NdArray, options: GradientOptions = {}): TwoLayerParams {
    const g = numericalGradients(() => this.loss(x, t), this.params, options);
    return { W1: g.W1!, b1: g.b1!, W2: g.W2!, b2: g.b2! };
  }

  /**
   * Backpropagation: write ∂loss/∂W1, ∂loss/∂b1, ∂loss/∂W2, ∂loss/∂b2 into
   * `grads` (contiguous arrays of the parameters' shapes, see `zeroParams`)
   * and return the loss. One forward and one backward pass; allocates nothing
   * once the workspace fits the batch size.
   *
   *   dA2 = ∂L/∂a2 (softmax + cross-entropy),  dW2 = z1ᵀ·dA2,  db2 = Σ dA2,
   *   dZ1 = dA2·W2ᵀ,  dA1 = dZ1 ⊙ z1 ⊙ (1 − z1),  dW1 = xᵀ·dA1,  db1 = Σ dA1.
   */
  gradientInto(grads: ParamRecord, x: NdArray, t: NdArray, params: ParamRecord = this.params): number {
    const fn = 'TwoLayerNet.gradientInto';
    const { inputSize: I, hiddenSize: H, outputSize: O } = this;
    const rows = this.forward(fn, x, params);
    const ts = this.tReader.read(t);
    const loss = crossEntropy(this.y, ts, rows, O);
    softmaxCrossEntropyBackwardInto(this.dA2, this.y, ts, rows, O);
    const W2 = paramData(fn, params, 'W2', H, O);
    affineBackwardInto(this.dZ1, paramData(fn, grads, 'W2', H, O), paramData(fn, grads, 'b2', O, 0), this.dA2, this.z1, W2, rows, H, O);
    // dA1 reuses a1's buffer: a1 is not needed once z1 is known.
    sigmoidBackwardInto(this.a1, this.dZ1, this.z1);
    affineBackwardInto(null, paramData(fn, grads, 'W1', I, H), paramData(fn, grads, 'b1', H, 0), this.a1, this.xs, paramData(fn, params, 'W1', I, H), rows, I, H);
    return loss;
  }

  /** Backpropagation into new arrays (wraps `gradientInto`). */
  gradient(x: NdArray, t: NdArray, params: ParamRecord = this.params): TwoLayerParams {
    const grads = this.zeroParams();
    this.gradientInto(grads, x, t, params);
    return grads;
  }
}
