/**
 * What train's loop asks its driver to evaluate, and the loop's side of every
 * evaluation: every value the user's loss, gradient function and metrics
 * return must be a number (a string, a bigint or a Promise — an async function
 * — is a NotANumberError naming the function, the value, the epoch and the
 * batch), and an exception of the loss or of the gradient function becomes a
 * FunctionThrewError with its error as `cause`. Metrics are callbacks: their
 * exceptions reach the caller unchanged. The numerical gradient is one request answered by
 * core's `numericalGradientsInto` (options forwarded whole); its errors are
 * classified by class: a NonFiniteValueError means the loss is not finite
 * next to the current point (a stop, not a crash), core's FunctionThrewError
 * and NotANumberError are re-worded under train's name with the coordinate.
 */
import type { NdArray } from 'ndarray';
import { FunctionThrewError, NonFiniteValueError, NotANumberError, numericalGradientsInto, type GradientOptions } from '@descent/core';
import { notANumberError } from '../checks/not-a-number.js';
import { relabelCoreError } from '../checks/relabel.js';
import { EvaluationAborted } from '../drive/run-async.js';
import type { Loop } from '../drive/run-sync.js';
import type { Batch } from './batches.js';
import type { GradientFunction, LossFunction, MetricFunction, TrainParams } from './options.js';

/** One evaluation train's loop needs. */
export type TrainEvaluation =
  | { readonly kind: 'loss'; readonly batch: Batch }
  | { readonly kind: 'gradient'; readonly batch: Batch }
  | { readonly kind: 'differences'; readonly batch: Batch; readonly options: GradientOptions }
  | { readonly kind: 'metric'; readonly name: string; readonly data: Batch };

/** The functions and buffers a driver evaluates train's requests with. */
export interface TrainFunctions<P extends TrainParams> {
  readonly params: P;
  readonly grads: Record<string, NdArray>;
  readonly loss: LossFunction<P>;
  readonly gradient: GradientFunction<P> | undefined;
  readonly metrics: Readonly<Record<string, MetricFunction<P>>>;
}

/**
 * The synchronous answer to each of train's requests (the raw return value of the user's function).
 * @example
 * import ndarray from 'ndarray';
 * const params = { w: ndarray(new Float64Array([2])) };
 * const batch = { inputs: ndarray(new Float64Array([1]), [1, 1]), targets: ndarray(new Float64Array([0])), size: 1 };
 * const serve = serveTrainSync({ params, grads: {}, loss: (p) => p.w.get(0) ** 2, gradient: undefined, metrics: {} });
 * serve({ kind: 'loss', batch }); // → 4
 */
export function serveTrainSync<P extends TrainParams>(fns: TrainFunctions<P>): (request: TrainEvaluation) => unknown {
  const { params, grads, loss } = fns;
  return (request) => {
    switch (request.kind) {
      case 'loss':
        return loss(params, request.batch);
      case 'gradient':
        return fns.gradient!(params, request.batch, grads as never);
      case 'differences': {
        const batch = request.batch;
        numericalGradientsInto(grads, () => loss(params, batch), params, request.options);
        return undefined;
      }
      case 'metric':
        return fns.metrics[request.name]!(params, request.data);
    }
  };
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Where training stands, for messages, and the checked evaluations. */
export class LossEvaluator {
  /** @param where the public function's name in messages ('train', 'trainAsync') */
  constructor(readonly where = 'train') {}

  /** 1-based epoch and batch, or batch 0 for the end-of-epoch evaluation. */
  epoch = 0;
  batchIndex = 0;

  /** 'at epoch 2, batch 3' or 'after epoch 2' (the evaluation). */
  describeAt(): string {
    return this.batchIndex === 0 ? `after epoch ${this.epoch}` : `at epoch ${this.epoch}, batch ${this.batchIndex}`;
  }

  /** Check a number returned by a user function (the loss, the gradient function, a metric). */
  checkNumber(value: unknown, fn: string): number {
    if (typeof value !== 'number') throw notANumberError(this.where, fn, value, this.describeAt());
    return value;
  }

  /** loss(params, batch) as a number, or a NotANumberError / FunctionThrewError. */
  *loss(batch: Batch): Loop<TrainEvaluation, number> {
    let value: unknown;
    try {
      value = yield { kind: 'loss', batch };
    } catch (error) {
      if (error instanceof EvaluationAborted) throw error; // the driver's, not the loss's: train stops with 'aborted'
      throw new FunctionThrewError(undefined, error, `${this.where}: loss threw ${this.describeAt()}: ${messageOf(error)}`);
    }
    return this.checkNumber(value, 'loss');
  }

  /** The analytic gradient into the grads (zeroed by the caller); the loss it returns. Its exception is a FunctionThrewError (cause: its error). */
  *analytic(batch: Batch): Loop<TrainEvaluation, number> {
    let value: unknown;
    try {
      value = yield { kind: 'gradient', batch };
    } catch (error) {
      if (error instanceof EvaluationAborted) throw error; // the driver's: train stops with 'aborted'
      throw new FunctionThrewError(undefined, error, `${this.where}: the gradient function threw ${this.describeAt()}: ${messageOf(error)}`);
    }
    return this.checkNumber(value, 'the gradient function');
  }

  /** A metric of the params on `data`. */
  *metric(name: string, data: Batch): Loop<TrainEvaluation, number> {
    return this.checkNumber(yield { kind: 'metric', name, data }, `metrics.${name}`);
  }

  /**
   * The numerical gradient of the loss on `batch` into the grads.
   * @returns null, or why the gradient does not exist here (the loss is not finite next to the point)
   * @throws NotANumberError / FunctionThrewError naming the perturbed coordinate; core's other errors re-labelled with train's name
   */
  *numerical(batch: Batch, options: GradientOptions): Loop<TrainEvaluation, string | null> {
    try {
      yield { kind: 'differences', batch, options };
      return null;
    } catch (error) {
      if (error instanceof NonFiniteValueError) {
        const where = error.coordinate === undefined ? '' : ` when ${error.coordinate} is perturbed to estimate the gradient`;
        return `the loss is not finite next to the current point (it is ${error.value}${where})`;
      }
      const at = (error as { coordinate?: string }).coordinate === undefined ? this.describeAt() : `when ${(error as { coordinate: string }).coordinate} was perturbed ${this.describeAt()}`;
      if (error instanceof NotANumberError) throw notANumberError(this.where, 'loss', error.value, at, error.coordinate);
      if (error instanceof FunctionThrewError) throw new FunctionThrewError(error.coordinate, error.cause, `${this.where}: loss threw ${at}: ${messageOf(error.cause)}`);
      // Core's other errors (a vanished or overflowing fixed h…) under train's name, with where training stands.
      const context = `${this.describeAt()}, `;
      throw relabelCoreError(relabelCoreError(error, 'numericalGradientsInto', this.where, context), 'numericalGradientsAsync', this.where, context);
    }
  }
}
