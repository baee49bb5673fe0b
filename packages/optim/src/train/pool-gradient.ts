/**
 * A worker pool of `@descent/core/pool` as trainAsync's numerical gradient:
 * the pool differentiates one array, so the params travel as one vector —
 * every parameter array concatenated in key order, each row-major — and the
 * pool's loss receives that vector with a `TrainPoolContext` (the batch and
 * the params' layout), from which `poolCallArguments` rebuilds the record and
 * the batch in the worker. Duck-typed: nothing here imports the Node-only pool.
 */
import ndarray, { type NdArray } from 'ndarray';
import ops from 'ndarray-ops';
import { InvalidArgumentError, type GradientOptions } from '@descent/core';
import type { GradientPoolLike } from '../drive/gradient-pool.js';
import type { Batch } from './batches.js';
import { withParameterNames } from './pool-coordinates.js';

/** What a pool's loss receives as its context during trainAsync: the batch, the params' layout, and the caller's own context. */
export interface TrainPoolContext {
  /** The batch; its ndarrays arrive in the worker as plain { data, shape, stride, offset } (rebuild them with poolCallArguments). */
  readonly batch: Batch;
  /** The keys of the params, in the order of the vector. */
  readonly keys: readonly string[];
  /** The shape of each, in the same order. */
  readonly shapes: readonly (readonly number[])[];
  /** The `context` given with the pool in trainAsync's gradient option. */
  readonly context: unknown;
}

type PlainArray = { data: Float64Array | Float32Array; shape: number[]; stride: number[]; offset: number };

/**
 * In a pool's loss: the params record (views of the vector x, no copy) and the batch (ndarrays) of a trainAsync call.
 * @param x the vector the pool's loss receives (all params, concatenated in key order, row-major)
 * @param context the TrainPoolContext it receives
 * @example
 * import ndarray from 'ndarray';
 * const batch = { inputs: ndarray(new Float64Array([2]), [1, 1]), targets: ndarray(new Float64Array([5])), size: 1 };
 * const { params } = poolCallArguments(ndarray(new Float64Array([3, 1])), { batch, keys: ['w', 'b'], shapes: [[1], [1]], context: undefined });
 * params.b!.get(0); // → 1
 */
export function poolCallArguments(x: NdArray, context: TrainPoolContext): { params: Record<string, NdArray>; batch: Batch; context: unknown } {
  const params: Record<string, NdArray> = {};
  let offset = 0;
  context.keys.forEach((key, k) => {
    const shape = context.shapes[k]!.slice();
    const size = shape.reduce((a, b) => a * b, 1);
    params[key] = ndarray(x.data as Float64Array, shape, undefined, x.offset + offset);
    offset += size;
  });
  const revive = (a: NdArray): NdArray => {
    const p = a as unknown as PlainArray;
    return ndarray(p.data, p.shape, p.stride, p.offset);
  };
  const b = context.batch;
  return { params, batch: { inputs: revive(b.inputs), targets: revive(b.targets), size: b.size }, context: context.context };
}

/** The storage the vector needs so that the steps are those of the params' own precision. */
function vectorStorage(leaves: readonly NdArray[], where: string): Float64ArrayConstructor | Float32ArrayConstructor {
  const float32 = leaves.filter((a) => a.data instanceof Float32Array).length;
  if (float32 === 0) return Float64Array;
  if (float32 === leaves.length) return Float32Array;
  throw new InvalidArgumentError(`${where}: with a gradient pool, the params must all be Float32Array or all be Float64 (the pool differentiates one vector, at one precision); convert them to one kind.`);
}

/**
 * The numerical gradient of the pool's loss at the params, written into grads
 * (bit for bit numericalGradientsInto's: each coordinate is differentiated
 * alone, with a step of its own value and precision).
 * @example
 * // see trainAsync's `gradient: { pool }`
 */
export async function poolGradientsInto(
  pool: GradientPoolLike,
  params: Record<string, NdArray>,
  grads: Record<string, NdArray>,
  batch: Batch,
  options: GradientOptions,
  context: unknown,
  signal: AbortSignal | undefined,
  where: string,
): Promise<void> {
  const keys = Object.keys(params);
  const leaves = keys.map((key) => params[key]!);
  const Storage = vectorStorage(leaves, where);
  const total = leaves.reduce((n, a) => n + a.size, 0);
  const x = new Storage(total);
  let offset = 0;
  for (const a of leaves) {
    ops.assign(ndarray(x.subarray(offset, offset + a.size), a.shape.slice()), a);
    offset += a.size;
  }
  const out = ndarray(new Float64Array(total), [total]);
  const call: TrainPoolContext = { batch, keys, shapes: leaves.map((a) => a.shape.slice()), context };
  try {
    await pool.gradient(ndarray(x, [total]), { ...options, out, context: call as never, ...(signal === undefined ? {} : { signal }) });
  } catch (error) {
    throw withParameterNames(error, call.keys, call.shapes); // w[0], not the vector's x[0]
  }
  offset = 0;
  for (const key of keys) {
    const g = grads[key]!;
    ops.assign(g, ndarray(out.data.subarray(offset, offset + g.size), g.shape.slice()));
    offset += g.size;
  }
}
