/**
 * `trainAsync`: `train` for a loss, gradient function or metrics that answer
 * asynchronously. The same loop as `train` (train/run.ts) is driven by the
 * asynchronous driver, so with the same answers the run — params, history,
 * stop — is bit-identical to `train`'s.
 */
import type { NdArray } from 'ndarray';
import { InvalidArgumentError } from '@descent/core';
import type { NumericalGradientOptions } from '../checks/gradient-option.js';
import { checkNumber } from '../checks/options.js';
import { runAsync } from '../drive/run-async.js';
import { splitPool, type GradientPoolLike } from '../drive/gradient-pool.js';
import type { PoolGradientSource } from '../minimize/minimize-async.js';
import type { Batch } from './batches.js';
import type { GradientsOf, TrainOptions, TrainParams } from './options.js';
import { createProgressReporter } from './progress.js';
import { TrainRun, type Stop } from './run.js';
import { serveTrainAsync } from './serve-async.js';
import { finishAfterError, finishTraining, type TrainResult } from './train.js';
import { resolveTrainOptions } from './validation.js';

/** Options of `trainAsync`: those of `train`, whose functions may return promises, plus a concurrency. */
export interface TrainAsyncOptions<S, P extends TrainParams = TrainParams> extends Omit<TrainOptions<S, P>, 'loss' | 'gradient' | 'metrics'> {
  /** The loss of a batch, a number or a Promise of one. */
  loss: (params: P, batch: Batch) => number | Promise<number>;
  /**
   * An analytic gradient `(params, batch, grads) => loss` (grads zeroed before
   * each call), which may return a Promise; core's numerical options, as in `train`;
   * or a worker pool of `@descent/core/pool` — alone or as `{ pool, context, ...numerical options }` —
   * whose loss receives all params as one vector (concatenated in key order, row-major) and a
   * TrainPoolContext: rebuild the record and the batch with `poolCallArguments(x, context)`.
   * @default {} (numerical: central differences, h 'auto')
   */
  gradient?: ((params: P, batch: Batch, grads: GradientsOf<P>) => number | Promise<number>) | NumericalGradientOptions | GradientPoolLike | PoolGradientSource;
  /** Metrics of the params on the validation data (or the training data), each a number or a Promise of one. @default {} */
  metrics?: Readonly<Record<string, (params: P, data: Batch) => number | Promise<number>>>;
  /** Calls of the loss in flight at once while a numerical gradient is estimated, an integer ≥ 1. @default 4 */
  concurrency?: number;
}

/**
 * Train like `train`, awaiting the loss, the gradient function and the metrics.
 *
 * Every request is awaited in turn, except the calls of the loss that make up a
 * numerical gradient (2 per parameter element with central differences), which
 * run up to `concurrency` at a time, each on its own copy of the params. The
 * params are updated in place, as by `train`; they are never left perturbed
 * while a call is pending.
 *
 * `signal` is checked before every evaluation: an abort takes effect within
 * one evaluation and resolves with `stopped.reason` 'aborted', the params
 * holding the values after the last completed step.
 * @param options those of `train` (functions may be async), plus `concurrency`
 * @returns a promise of `train`'s result
 * @throws (rejects with) the errors of `train`: InvalidArgumentError / ArgumentRangeError for bad options,
 *   NotANumberError when a function resolves to something that is not a number, FunctionThrewError when the loss or the
 *   gradient function throws or rejects (cause: its error); a callback's (onEpoch, metrics, progress) own error unchanged
 * @example
 * import ndarray from 'ndarray';
 * import { trainAsync, sgd, type Batch } from '@descent/optim';
 * const xs = ndarray(new Float64Array([0, 1, 2, 3]), [4, 1]);
 * const ys = ndarray(new Float64Array([1, 3, 5, 7]), [4]);
 * const params = { w: ndarray(new Float64Array(1)), b: ndarray(new Float64Array(1)) };
 * const loss = async (p: typeof params, batch: Batch) => {
 *   let sum = 0;
 *   for (let i = 0; i < batch.size; i++) sum += (p.w.get(0) * batch.inputs.get(i, 0) + p.b.get(0) - batch.targets.get(i)) ** 2;
 *   return sum / batch.size;
 * };
 * const result = await trainAsync({ params, loss, data: { inputs: xs, targets: ys }, batchSize: 4, epochs: 300, optimizer: sgd({ lr: 0.05 }), seed: 1, progress: false });
 * result.stopped.reason; // → 'completed'
 * params.w; // ≈ [2.00]
 */
export async function trainAsync<S, P extends TrainParams>(options: TrainAsyncOptions<S, P>): Promise<TrainResult<P>> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError(`trainAsync: expected one options object { params, loss, data, batchSize, epochs, optimizer, seed }, got ${String(options)}.`);
  }
  const { concurrency: concurrencyOption, gradient: gradientOption, ...others } = options;
  const { pool, rest: gradient } = splitPool(gradientOption, 'trainAsync');
  const rest = gradient === undefined ? others : { ...others, gradient };
  const concurrency = checkNumber('trainAsync', 'concurrency', concurrencyOption ?? 4, { min: 1, integer: true }, 'the default is 4');
  const o = resolveTrainOptions(rest as unknown as TrainOptions<S, P>, 'trainAsync');
  const run = new TrainRun(o, 'trainAsync');
  const reporter = createProgressReporter(o.progress, o.epochs, run.batchCount);
  let stop: Stop;
  try {
    const functions = { params: o.params, grads: run.grads as Record<string, NdArray>, loss: o.loss, gradient: o.gradient.analytic, metrics: o.metrics, pool };
    stop = await runAsync(run.run(reporter), serveTrainAsync(functions as never, concurrency, o.signal), o.signal);
  } catch (error) {
    finishAfterError(reporter, run.steps);
    throw error;
  }
  return finishTraining(o.params, run as TrainRun<unknown, P>, reporter, stop);
}
