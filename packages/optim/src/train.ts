/**
 * The mini-batch training loop: seeded shuffling without replacement, batches
 * gathered into reused buffers, numerical or analytic gradients, any optimizer of
 * this package, per-epoch history and metrics, early stopping, abort, progress,
 * and a guarantee that non-finite values never reach the returned parameters.
 */
import ops from 'ndarray-ops';
import { numericalGradientsInto } from '@descent/core';
import { applyUpdates } from './apply-updates.js';
import { Batcher, wholeBatch, type Batch } from './batches.js';
import { firstNonFinite } from './finite.js';
import { createProgressReporter } from './progress.js';
import { Random } from './random.js';
import { identityOrder, shuffleInPlace } from './shuffle.js';
import { ParamSnapshot } from './snapshot.js';
import { treeZerosLike } from './tree.js';
import {
  resolveTrainOptions,
  type EpochRecord,
  type GradientsOf,
  type StopReason,
  type TrainOptions,
  type TrainParams,
} from './train-options.js';

/** The outcome of `train`. */
export interface TrainResult<P extends TrainParams = TrainParams> {
  /** The trained parameters: the same arrays that were passed in, updated in place. */
  readonly params: P;
  /** One record per completed epoch. */
  readonly history: EpochRecord[];
  /** Completed epochs (= history.length). */
  readonly epochs: number;
  /** Optimizer steps applied. */
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
 *   L = loss(θ, B), g = ∇_θ L (numerical or analytic), state = optimizer.update(g, state, θ), θ ← θ + g.
 * After the epoch the history gets the mean batch loss, the validation loss and
 * the metrics; then early stopping and `onEpoch` may end training.
 *
 * Nothing is lost on divergence: before every update the parameters are copied
 * (cost: one extra copy of all parameters in memory, and one copy per step —
 * small next to a gradient). When a loss or a gradient is NaN or ±Infinity, or an
 * update makes a parameter non-finite, training stops (reason 'non-finite') and
 * the parameters are set back to the last values whose loss and gradient were
 * finite, i.e. the values before the update that broke them.
 *
 * @param options see `TrainOptions`; required: params, loss, data, batchSize, epochs, optimizer, seed
 * @returns params (the same arrays), history, completed epochs, steps and why it stopped
 * @throws TypeError / RangeError for bad options, naming the option and the fix (before anything runs)
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
  const { params } = o;
  const batcher = new Batcher(o.data, o.batchSize, o.dropLast);
  const random = Random.fromSeed(o.seed);
  const order = identityOrder(o.sampleCount);
  const grads = treeZerosLike(params) as GradientsOf<P>;
  const gradKeys = Object.keys(grads);
  const lastFinite = new ParamSnapshot(params);
  const best = o.earlyStopping?.restoreBest === true ? new ParamSnapshot(params) : null;
  const needsEvaluation = o.validation !== undefined || Object.keys(o.metrics).length > 0;
  const evaluation: Batch | null = needsEvaluation ? wholeBatch(o.validation ?? o.data) : null;
  let state = o.optimizer.init(params);

  // One closure for the whole run: the numerical gradient evaluates the loss at
  // the batch currently held in `current`, and notes whether it returned a
  // non-finite value (core then throws, and that means "stop", not "crash").
  let current: Batch | null = null;
  let lastLossNonFinite = false;
  const lossOfCurrent = (): number => {
    lastLossNonFinite = false;
    const value = o.loss(params, current!);
    lastLossNonFinite = typeof value === 'number' && !Number.isFinite(value);
    return value;
  };
  /** The loss at the batch, with the gradient in `grads`; a string says why the gradient is not finite. */
  const computeGradient = (batch: Batch): number | string => {
    current = batch;
    if (o.gradient !== 'numerical') {
      for (const key of gradKeys) ops.assigns(grads[key]!, 0);
      return checkLoss(o.gradient(params, batch, grads), 'gradient');
    }
    const loss = checkLoss(lossOfCurrent(), 'loss');
    if (!Number.isFinite(loss)) return loss;
    try {
      numericalGradientsInto(grads, lossOfCurrent, params, o.numerical);
    } catch (error) {
      if (!lastLossNonFinite) throw error;
      return `the loss is not finite next to the current point (${error instanceof Error ? error.message : String(error)})`;
    }
    return loss;
  };

  const history: EpochRecord[] = [];
  let steps = 0;
  let reason: StopReason = 'completed';
  let message = `completed ${o.epochs} epochs (${o.epochs * batcher.batchCount} steps)`;
  const reporter = createProgressReporter(o.progress, o.epochs, batcher.batchCount);
  try {
    training: for (let epoch = 1; epoch <= o.epochs; epoch++) {
      if (o.shuffle) shuffleInPlace(order, random);
      let lossSum = 0;
      for (let b = 0; b < batcher.batchCount; b++) {
        if (o.signal?.aborted === true) {
          reason = 'aborted';
          message = `aborted by the signal in epoch ${epoch} after ${steps} steps; params hold the values after the last completed step`;
          break training;
        }
        const batch = batcher.batch(order, b);
        const loss = computeGradient(batch);
        const problem = nonFiniteProblem(loss);
        if (problem !== null || typeof loss !== 'number') {
          lastFinite.restore(params);
          reason = 'non-finite';
          message =
            `stopped in epoch ${epoch}, batch ${b + 1}: ${problem}; ` +
            `params were restored to the last values whose loss and gradient were finite (after ${steps} steps) — ` +
            'lower the learning rate, clip the gradients, or check the loss for overflow';
          break training;
        }
        lastFinite.save(params);
        state = o.optimizer.update(grads, state, params);
        applyUpdates(params, grads);
        const badParam = firstNonFinite(params);
        if (badParam !== null) {
          lastFinite.restore(params);
          reason = 'non-finite';
          message =
            `stopped in epoch ${epoch}, batch ${b + 1}: the update made '${badParam}' non-finite; ` +
            `params were restored to their values before that step (after ${steps} steps) — lower the learning rate or clip the gradients`;
          break training;
        }
        steps++;
        lossSum += loss;
        reporter.step(loss);
      }
      const record = evaluateEpoch(epoch, lossSum / batcher.batchCount);
      history.push(record);
      reporter.epoch(record);
      let earlyStop = false;
      if (o.earlyStopping !== undefined) {
        const watched = o.earlyStopping.metric === 'loss' ? (record.validationLoss ?? record.loss) : record.metrics[o.earlyStopping.metric]!;
        const verdict = o.earlyStopping.observe(watched, epoch);
        if (verdict.improved) best?.save(params);
        earlyStop = verdict.stop;
      }
      if (o.onEpoch !== undefined && o.onEpoch({ ...record, params, steps }) === false) {
        reason = 'callback';
        message = `stopped by onEpoch after epoch ${epoch}`;
        break;
      }
      if (earlyStop) {
        const tracker = o.earlyStopping!;
        best?.restore(params);
        reason = 'early-stopping';
        message =
          `early stopping after epoch ${epoch}: ${tracker.metric} did not improve for ${tracker.patience} epochs; ` +
          `best ${tracker.bestValue} at epoch ${tracker.bestEpoch}` +
          (best === null ? '' : ' (params restored to that epoch)');
        break;
      }
    }
  } catch (error) {
    reporter.finish(`training stopped by an error after ${steps} steps`);
    throw error;
  }
  reporter.finish(message);
  return { params, history, epochs: history.length, steps, stopped: { reason, message } };

  /** Why this step cannot be taken (non-finite loss or gradient), or null when it can. */
  function nonFiniteProblem(loss: number | string): string | null {
    if (typeof loss === 'string') return loss;
    if (!Number.isFinite(loss)) return `the loss is ${loss}`;
    const key = firstNonFinite(grads);
    return key === null ? null : `the gradient of '${key}' is not finite`;
  }

  function evaluateEpoch(epoch: number, loss: number): EpochRecord {
    const metrics: Record<string, number> = {};
    for (const [name, metric] of Object.entries(o.metrics)) metrics[name] = metric(params, evaluation!);
    if (o.validation === undefined) return { epoch, loss, metrics };
    return { epoch, loss, validationLoss: o.loss(params, evaluation!), metrics };
  }
}

function checkLoss(value: unknown, source: 'loss' | 'gradient'): number {
  if (typeof value !== 'number') {
    throw new TypeError(
      source === 'loss'
        ? `train: loss must return a number, got ${typeof value}; return the batch's mean loss.`
        : `train: the gradient function must return the loss (a number), got ${typeof value}; write the gradients into grads and return the loss.`,
    );
  }
  return value;
}
