/**
 * The mini-batch training loop: seeded shuffling without replacement, batches
 * gathered into reused buffers, numerical or analytic gradients, any optimizer of
 * this package, per-epoch history and metrics, early stopping, abort, progress,
 * and a guarantee that non-finite values never reach the returned parameters.
 */
import { runSync } from '../drive/run-sync.js';
import { serveTrainSync } from './loss.js';
import { createProgressReporter, type ProgressReporter } from './progress.js';
import type { EpochRecord, StopReason, TrainOptions, TrainParams } from './options.js';
import { TrainRun, type Stop } from './run.js';
import { resolveTrainOptions } from './validation.js';

/** The outcome of `train`. */
export interface TrainResult<P extends TrainParams = TrainParams> {
  /** The trained parameters: the same arrays that were passed in, updated in place. */
  readonly params: P;
  /** One record per completed epoch. */
  readonly history: EpochRecord[];
  /** Completed epochs (= history.length). */
  readonly epochs: number;
  /** Optimizer steps applied and kept (a step rolled back after a non-finite stop is not counted). */
  readonly steps: number;
  /** Why training ended, with a sentence saying so. */
  readonly stopped: { readonly reason: StopReason; readonly message: string };
}

/**
 * Train `params` by mini-batch gradient descent.
 *
 * Each epoch: the sample order is shuffled (Fisher–Yates driven by xoshiro128**
 * seeded with `seed`, so the same seed gives bit-identical parameters and
 * history), cut into batches of `batchSize` (the last one smaller unless
 * `dropLast`), and for each batch B:
 *   L = loss(θ, B), g = ∇_θ L (numerical or analytic), state = optimizer.update(g, state, θ, { value: L }), θ ← θ + g
 * (the loss reaches transforms that read it, such as reduceOnPlateau).
 * After the epoch the history gets the mean batch loss, the validation loss and
 * the metrics; then early stopping and `onEpoch` may end training.
 *
 * Nothing is lost on divergence: before every update the parameters are copied
 * (cost: one extra copy of all parameters in memory, and one copy per step —
 * small next to a gradient). When a loss or a gradient is NaN or ±Infinity, or an
 * update makes a parameter non-finite, training stops (reason 'non-finite') and
 * the parameters are set back to the last values whose loss and gradient were
 * finite, i.e. the values before the update that broke them; `steps` then
 * counts only the steps kept. When early stopping watches a value that is NaN
 * or ±Infinity (a validation loss that overflows), training stops at once
 * (reason 'non-finite-metric') keeping the params as they are, which are finite.
 *
 * The loss, the gradient function and the metrics must return numbers: another
 * value (a string, a bigint, a Promise from an async function) is a
 * NotANumberError (use trainAsync for async functions); an exception of the
 * loss or of the gradient function a FunctionThrewError naming train, the
 * function and the epoch and batch (its `cause` is the original error). The
 * callbacks — onEpoch, the metrics, the progress reporter, a schedule inside
 * the optimizer — are yours: their exceptions reach you unchanged (throw from
 * one to stop a run on purpose).
 *
 * @param options see `TrainOptions`; required: params, loss, data, batchSize, epochs, optimizer, seed
 * @returns params (the same arrays), history, completed epochs, steps and why it stopped
 * @throws InvalidArgumentError / ArgumentRangeError (and AliasedMemoryError, OverlappingMemoryError for params that
 *   cannot be updated in place) for bad options, naming the option and the fix, before anything runs
 * @throws NotANumberError when the loss, the gradient function or a metric returns a non-number;
 *   FunctionThrewError (cause: the original error) when the loss or the gradient function throws
 * @example
 * import ndarray from 'ndarray';
 * import { train, sgd, type Batch } from '@descent/optim';
 * // Fit y = w·x + b to y = 2x + 1.
 * const xs = ndarray(new Float64Array([0, 1, 2, 3]), [4, 1]);
 * const ys = ndarray(new Float64Array([1, 3, 5, 7]), [4]);
 * const params = { w: ndarray(new Float64Array(1)), b: ndarray(new Float64Array(1)) };
 * const loss = (p: typeof params, batch: Batch) => {
 *   let sum = 0;
 *   for (let i = 0; i < batch.size; i++) sum += (p.w.get(0) * batch.inputs.get(i, 0) + p.b.get(0) - batch.targets.get(i)) ** 2;
 *   return sum / batch.size;
 * };
 * const result = train({ params, loss, data: { inputs: xs, targets: ys }, batchSize: 2, epochs: 500, optimizer: sgd({ lr: 0.05 }), seed: 1, progress: false });
 * // result.params.w ≈ [2.00]; result.params.b ≈ [1.00]
 */
export function train<S, P extends TrainParams>(options: TrainOptions<S, P>): TrainResult<P> {
  const o = resolveTrainOptions(options);
  const run = new TrainRun(o);
  const reporter = createProgressReporter(o.progress, o.epochs, run.batchCount);
  let stop: Stop;
  try {
    const functions = { params: o.params, grads: run.grads, loss: o.loss, gradient: o.gradient.analytic, metrics: o.metrics };
    stop = runSync(run.run(reporter), serveTrainSync(functions));
  } catch (error) {
    finishAfterError(reporter, run.steps);
    throw error;
  }
  return finishTraining(o.params, run, reporter, stop);
}

/**
 * Tell the reporter that training stopped by an error (shared by train and
 * trainAsync). What the reporter's `finish` throws then is dropped: the
 * training's error is the one the caller must see, never masked by the display's.
 * @example
 * finishAfterError({ step() {}, epoch() {}, finish() { throw new Error('display gone'); } }, 3); // no throw
 */
export function finishAfterError(reporter: ProgressReporter, steps: number): void {
  try {
    reporter.finish(`training stopped by an error after ${steps} steps`);
  } catch {
    // the error being thrown is the training's; the reporter's own failure must not replace it
  }
}

/** The result of a run that stopped with `stop` (shared by train and trainAsync). */
export function finishTraining<P extends TrainParams>(params: P, run: TrainRun<unknown, P>, reporter: ProgressReporter, stop: Stop): TrainResult<P> {
  reporter.finish(stop.message);
  return { params, history: run.history, epochs: run.history.length, steps: run.steps, stopped: stop };
}
