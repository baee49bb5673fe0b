/**
 * The book's chapter-4 gradient on a worker pool (@descent/core/pool): the
 * loss module is net-loss.ts, and this file builds what it needs — the
 * network's weights flattened (W1 row-major, b1, W2 row-major, b2), the
 * positions of the weights to differentiate (W1 column by column, so that a
 * worker rarely changes IncrementalLoss scope), the batch as plain arrays —
 * and scatters the pool's flat gradient back into arrays of the network's
 * shapes. Shared by the digits example and examples/bench/pool.bench.ts.
 */
import ndarray, { type NdArray } from 'ndarray';
import { InvalidArgumentError, type NumericalGradientOptions } from '@descent/core';
import { createGradientPool, type GradientPool } from '@descent/core/pool';
import type { NetLossContext } from './net-loss.js';
import type { TwoLayerNet } from './two-layer-net.js';

/** The network's arrays, in the order of the flat weights. */
export const NET_KEYS = ['W1', 'b1', 'W2', 'b2'] as const;
type NetKey = (typeof NET_KEYS)[number];

/**
 * Where each array starts in the flat weights of TwoLayerNet(I, H, O):
 * W1 at 0, b1 at I·H, W2 at I·H + H, b2 at I·H + H + H·O; `total` = all weights.
 * @example
 * netLayout(784, 50, 10); // { W1: 0, b1: 39200, W2: 39250, b2: 39750, total: 39760 }
 */
export function netLayout(I: number, H: number, O: number): Record<NetKey | 'total', number> {
  return { W1: 0, b1: I * H, W2: I * H + H, b2: I * H + H + H * O, total: I * H + H + H * O + O };
}

/**
 * A row-major Float64Array copy of any ndarray view (1-D or 2-D).
 * @example
 * rowMajor(ndarray(new Float64Array([1, 2, 3, 4]), [2, 2]).transpose(1, 0)); // Float64Array [1, 3, 2, 4]
 */
export function rowMajor(a: NdArray): Float64Array {
  const out = new Float64Array(a.size);
  if (a.shape.length === 1) for (let i = 0; i < a.shape[0]!; i++) out[i] = a.get(i);
  else {
    const [rows, cols] = a.shape as [number, number];
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = a.get(i, j);
  }
  return out;
}

/**
 * The network's weights as one flat array: W1 (row-major), b1, W2 (row-major), b2.
 * @example
 * flatWeights(new TwoLayerNet(784, 50, 10)).length; // 39760
 */
export function flatWeights(net: TwoLayerNet): Float64Array {
  const { inputSize: I, hiddenSize: H, outputSize: O } = net;
  const at = netLayout(I, H, O);
  const weights = new Float64Array(at.total);
  for (const key of NET_KEYS) weights.set(rowMajor(net.params[key]), at[key]);
  return weights;
}

/**
 * Positions in the flat weights of W1's first `rows` rows, listed column by
 * column (W1[0][0], W1[1][0], …, W1[rows−1][0], W1[0][1], …): a worker's
 * consecutive coordinates then feed one hidden column (one IncrementalLoss scope).
 * @example
 * w1ColumnOrder(3, 2, 2); // Int32Array [0, 2, 1, 3]
 */
export function w1ColumnOrder(rows: number, H: number): Int32Array {
  return Int32Array.from({ length: rows * H }, (_, k) => (k % rows) * H + Math.floor(k / rows));
}

/**
 * The integers from, …, to − 1.
 * @example
 * range(3, 6); // Int32Array [3, 4, 5]
 */
export function range(from: number, to: number): Int32Array {
  return Int32Array.from({ length: to - from }, (_, k) => from + k);
}

/**
 * What net-loss.ts needs to differentiate the weights at `indices` of `weights`
 * on the batch (x, t): copies of the batch (any ndarray view) as plain arrays.
 * @param t labels [n] (one-hot targets are refused: net-loss.ts reads labels)
 * @throws InvalidArgumentError when x is not [n, inputSize] or t not n labels
 * @example
 * const net = new TwoLayerNet(8, 5, 3);
 * netLossContext(net, x, t, flatWeights(net), range(0, 63)); // { sizes: [8, 5, 3], x, t, weights, indices }
 */
export function netLossContext(net: TwoLayerNet, x: NdArray, t: NdArray, weights: Float64Array, indices: Int32Array): NetLossContext {
  const { inputSize: I, hiddenSize: H, outputSize: O } = net;
  if (x.shape.length !== 2 || x.shape[1] !== I) {
    throw new InvalidArgumentError(`netLossContext: x must be a batch of shape [n, ${I}] (got shape [${x.shape.join(', ')}]).`);
  }
  if (t.shape.length !== 1 || t.shape[0] !== x.shape[0]) {
    throw new InvalidArgumentError(`netLossContext: t must be ${x.shape[0]} labels of shape [${x.shape[0]}] (got shape [${t.shape.join(', ')}]); convert one-hot targets to labels.`);
  }
  return { sizes: [I, H, O], x: rowMajor(x), t: rowMajor(t), weights, indices };
}

/**
 * A pool of `workers` threads evaluating net-loss.ts's loss. Close it when done.
 * @example
 * const pool = createNetLossPool(2);
 * try { await poolChapter4Gradient(pool, net, x, t, { h: 1e-4 }); } finally { await pool.close(); }
 */
export function createNetLossPool(workers: number): GradientPool<NetLossContext> {
  return createGradientPool<NetLossContext>({ module: new URL('./net-loss.ts', import.meta.url), export: 'netLoss', workers });
}

/**
 * Start the pool's threads and load the loss module in each (a gradient over
 * b2 alone: every worker gets a task), so that a timed call that follows
 * measures the gradient, not the start-up. Returns the milliseconds it took.
 * @example
 * const pool = createNetLossPool(2);
 * await warmNetLossPool(pool, net, x, t); // ~1–4 s under tsx: threads, loader, module
 */
export async function warmNetLossPool(pool: GradientPool<NetLossContext>, net: TwoLayerNet, x: NdArray, t: NdArray): Promise<number> {
  const at = netLayout(net.inputSize, net.hiddenSize, net.outputSize);
  const weights = flatWeights(net);
  const indices = range(at.b2, at.total);
  const started = performance.now();
  await pool.gradient(ndarray(Float64Array.from(indices, (i) => weights[i]!), [indices.length]), { context: netLossContext(net, x, t, weights, indices) });
  return performance.now() - started;
}

/** What `poolChapter4Gradient` computed and how long it took. */
export interface PoolChapter4Result {
  /** ∂loss/∂p for W1, b1, W2, b2, each of the network's shape (row-major Float64Array). */
  gradient: Record<NetKey, NdArray>;
  /** Weights differentiated (all of the network's). */
  weights: number;
  /** Wall time of the pool's gradient call, in milliseconds. */
  ms: number;
}

/**
 * The numerical gradient of `net.loss(x, t)` with respect to every weight,
 * computed by the pool (each worker on its share of the coordinates):
 *
 *   ∂L/∂wₖ ≈ (L(w + h·eₖ) − L(w − h·eₖ)) / 2h  (central differences by default)
 *
 * bit for bit chapter4Gradient(net, x, t, options) in this process. The
 * network is not modified (the workers perturb their own copies).
 * @param pool from createNetLossPool
 * @param options numericalGradient's (h, scheme, quotient, onProgress, …)
 * @example
 * const r = await poolChapter4Gradient(pool, net, x, t, { h: 1e-4, quotient: 'nominal' });
 * r.gradient.W1.get(0, 0); // = chapter4Gradient(net, x, t, same options).gradient.W1.get(0, 0)
 */
export async function poolChapter4Gradient(pool: GradientPool<NetLossContext>, net: TwoLayerNet, x: NdArray, t: NdArray, options: NumericalGradientOptions = {}): Promise<PoolChapter4Result> {
  const { inputSize: I, hiddenSize: H, outputSize: O } = net;
  const at = netLayout(I, H, O);
  const weights = flatWeights(net);
  const indices = new Int32Array(at.total);
  indices.set(w1ColumnOrder(I, H), 0);
  indices.set(range(at.b1, at.total), at.b1);
  const context = netLossContext(net, x, t, weights, indices);
  const w = ndarray(Float64Array.from(indices, (i) => weights[i]!), [indices.length]);
  const started = performance.now();
  const flat = await pool.gradient(w, { ...options, context });
  const ms = performance.now() - started;
  const byPosition = new Float64Array(at.total);
  for (let k = 0; k < indices.length; k++) byPosition[indices[k]!] = flat.get(k);
  const gradient = {} as Record<NetKey, NdArray>;
  for (const key of NET_KEYS) {
    const shape = net.params[key].shape.slice();
    gradient[key] = ndarray(byPosition.slice(at[key], at[key] + net.params[key].size), shape);
  }
  return { gradient, weights: at.total, ms };
}
