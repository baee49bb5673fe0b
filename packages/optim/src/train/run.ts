/**
 * One run of `train`: its buffers (allocated once), its state, and its epochs;
 * the stop it ends with. The epochs are a loop written once as a generator of
 * evaluation requests (see drive/run-sync.ts and loss.ts): `run` yields every
 * loss, gradient and metric it needs, so a synchronous and an asynchronous
 * driver share it.
 */
import ops from 'ndarray-ops';
import { addTreeInPlace } from '../transforms/apply-updates.js';
import { Batcher, wholeBatch, type Batch } from './batches.js';
import { firstNonFinite } from '../tree/finite.js';
import type { ProgressReporter } from './progress.js';
import { Random } from './random.js';
import { identityOrder, shuffleInPlace } from './shuffle.js';
import { ParamSnapshot } from '../tree/snapshot.js';
import { treeZerosLike } from '../tree/tree.js';
import type { Loop } from '../drive/run-sync.js';
import { LossEvaluator, type TrainEvaluation } from './loss.js';
import type { EpochRecord, GradientsOf, StopReason, TrainParams } from './options.js';
import type { ResolvedTrainOptions } from './validation.js';
import { EvaluationAborted } from '../drive/run-async.js';

/** A stop decided inside an epoch or at its end. */
export interface Stop {
  reason: StopReason;
  message: string;
}

/** One run of train: its buffers (allocated once), its state, and its epochs. */
export class TrainRun<S, P extends TrainParams> {
  private readonly batcher: Batcher;
  private readonly random: Random;
  private readonly order: Uint32Array;
  readonly grads: GradientsOf<P>;
  private readonly gradKeys: string[];
  private readonly lastFinite: ParamSnapshot;
  private readonly best: ParamSnapshot | null;
  private readonly evaluation: Batch | null;
  readonly losses: LossEvaluator;
  private state: S;
  readonly history: EpochRecord[] = [];
  steps = 0;

  /** @param where the public function's name in messages ('train', 'trainAsync') */
  constructor(
    private readonly o: ResolvedTrainOptions<S, P>,
    where = 'train',
  ) {
    this.losses = new LossEvaluator(where);
    const { params } = o;
    this.batcher = new Batcher(o.data, o.batchSize, o.dropLast);
    this.random = Random.fromSeed(o.seed);
    this.order = identityOrder(o.sampleCount);
    this.grads = treeZerosLike(params) as GradientsOf<P>;
    this.gradKeys = Object.keys(this.grads);
    this.lastFinite = new ParamSnapshot(params);
    this.best = o.earlyStopping?.restoreBest === true ? new ParamSnapshot(params) : null;
    const needsEvaluation = o.validation !== undefined || Object.keys(o.metrics).length > 0;
    this.evaluation = needsEvaluation ? wholeBatch(o.validation ?? o.data) : null;
    this.state = o.optimizer.init(params);
  }

  get batchCount(): number {
    return this.batcher.batchCount;
  }

  /** Train every epoch until a stop; the stop. */
  *run(reporter: ProgressReporter): Loop<TrainEvaluation, Stop> {
    try {
      return yield* this.epochs(reporter);
    } catch (error) {
      if (!(error instanceof EvaluationAborted)) throw error;
      const at = this.losses.describeAt();
      return { reason: 'aborted', message: `aborted by the signal ${at}, after ${this.steps} steps; params hold the values after the last completed step` };
    }
  }

  private *epochs(reporter: ProgressReporter): Loop<TrainEvaluation, Stop> {
    const { o } = this;
    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      if (o.shuffle) shuffleInPlace(this.order, this.random);
      const lossSum = yield* this.trainEpoch(epoch, reporter);
      if (typeof lossSum !== 'number') return lossSum;
      const record = yield* this.evaluateEpoch(epoch, lossSum / this.batcher.batchCount);
      this.history.push(record);
      reporter.epoch(record);
      const stop = this.endOfEpoch(epoch, record);
      if (stop !== undefined) return stop;
    }
    return { reason: 'completed', message: `completed ${o.epochs} epochs (${o.epochs * this.batcher.batchCount} steps)` };
  }

  /** The batches of one epoch; the sum of their losses, or a stop. */
  private *trainEpoch(epoch: number, reporter: ProgressReporter): Loop<TrainEvaluation, number | Stop> {
    const { o } = this;
    const params = o.params;
    let lossSum = 0;
    for (let b = 0; b < this.batcher.batchCount; b++) {
      if (o.signal?.aborted === true) {
        return { reason: 'aborted', message: `aborted by the signal in epoch ${epoch} after ${this.steps} steps; params hold the values after the last completed step` };
      }
      this.losses.epoch = epoch;
      this.losses.batchIndex = b + 1;
      const loss = yield* this.computeGradient(this.batcher.batch(this.order, b));
      const problem = this.nonFiniteProblem(loss);
      if (problem !== null || typeof loss !== 'number') return this.rollBack(epoch, b, problem ?? String(loss));
      this.lastFinite.save(params);
      this.state = o.optimizer.update(this.grads, this.state, params, { value: loss });
      // The params were checked before the first step and grads are train's own, made in their image.
      addTreeInPlace(params, this.grads);
      const badParam = firstNonFinite(params);
      if (badParam !== null) {
        this.lastFinite.restore(params);
        return {
          reason: 'non-finite',
          message:
            `stopped in epoch ${epoch}, batch ${b + 1}: the update made '${badParam}' non-finite; ` +
            `params were restored to their values before that step (after ${this.steps} steps) — lower the learning rate or clip the gradients`,
        };
      }
      this.steps++;
      lossSum += loss;
      reporter.step(loss);
    }
    return lossSum;
  }

  /**
   * The loss or gradient at the current params is not finite: go back to the
   * last params whose loss and gradient were (those before the last step, which
   * is then no longer counted; the initial params when no step was taken).
   */
  private rollBack(epoch: number, b: number, problem: string): Stop {
    this.lastFinite.restore(this.o.params);
    const rolledBack = this.steps > 0;
    if (rolledBack) this.steps--;
    const where = rolledBack ? `those after step ${this.steps}; step ${this.steps + 1}, which led here, was undone` : 'the initial values; no step was taken';
    return {
      reason: 'non-finite',
      message:
        `stopped in epoch ${epoch}, batch ${b + 1}: ${problem}; params were restored to the last values whose loss and gradient were finite, ` +
        `${where} (after ${this.steps} steps) — lower the learning rate, clip the gradients, or check the loss for overflow`,
    };
  }

  /** The loss at the batch, with the gradient in `grads`; a string says why the gradient is not finite. */
  private *computeGradient(batch: Batch): Loop<TrainEvaluation, number | string> {
    const { o, losses } = this;
    if (o.gradient.analytic !== undefined) {
      for (const key of this.gradKeys) ops.assigns(this.grads[key]!, 0);
      return yield* losses.analytic(batch);
    }
    const loss = yield* losses.loss(batch);
    if (!Number.isFinite(loss)) return loss;
    return (yield* losses.numerical(batch, o.gradient.numerical)) ?? loss;
  }

  /** Why this step cannot be taken (non-finite loss or gradient), or null when it can. */
  private nonFiniteProblem(loss: number | string): string | null {
    if (typeof loss === 'string') return loss;
    if (!Number.isFinite(loss)) return `the loss is ${loss}`;
    const key = firstNonFinite(this.grads);
    return key === null ? null : `the gradient of '${key}' is not finite`;
  }

  private *evaluateEpoch(epoch: number, loss: number): Loop<TrainEvaluation, EpochRecord> {
    const { o, losses } = this;
    losses.epoch = epoch;
    losses.batchIndex = 0;
    const metrics: Record<string, number> = {};
    for (const name of Object.keys(o.metrics)) metrics[name] = yield* losses.metric(name, this.evaluation!);
    if (o.validation === undefined) return { epoch, loss, metrics };
    return { epoch, loss, validationLoss: yield* losses.loss(this.evaluation!), metrics };
  }

  /** Early stopping and onEpoch after an epoch; a stop, or undefined to go on. */
  private endOfEpoch(epoch: number, record: EpochRecord): Stop | undefined {
    const { o, best } = this;
    const tracker = o.earlyStopping;
    let stop: Stop | undefined;
    if (tracker !== undefined) {
      const watched = tracker.metric === 'loss' ? (record.validationLoss ?? record.loss) : record.metrics[tracker.metric]!;
      if (!Number.isFinite(watched)) {
        // NaN never improves, so the tracker would "stop" at the initial params after `patience` epochs: stop now instead.
        const name = tracker.metric === 'loss' ? (record.validationLoss === undefined ? 'the training loss' : 'the validation loss') : `metric '${tracker.metric}'`;
        stop = {
          reason: 'non-finite-metric',
          message:
            `stopped after epoch ${epoch}: early stopping watches ${name}, which is ${watched}; ` +
            `params are kept as they are after epoch ${epoch} (finite: every training step was) — check the validation data and the loss for overflow`,
        };
      } else {
        const verdict = tracker.observe(watched, epoch);
        if (verdict.improved) best?.save(o.params);
        if (verdict.stop) {
          stop = {
            reason: 'early-stopping',
            message:
              `early stopping after epoch ${epoch}: ${tracker.metric} did not improve for ${tracker.patience} epochs; ` +
              `best ${tracker.bestValue} at epoch ${tracker.bestEpoch}` +
              (best === null ? '' : ' (params restored to that epoch)'),
          };
        }
      }
    }
    // onEpoch sees the params of this epoch; the best epoch's are restored only after it.
    if (o.onEpoch !== undefined && o.onEpoch({ ...record, params: o.params, steps: this.steps }) === false) {
      return { reason: 'callback', message: `stopped by onEpoch after epoch ${epoch}` };
    }
    if (stop?.reason === 'early-stopping') best?.restore(o.params);
    return stop;
  }
}
