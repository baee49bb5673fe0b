/**
 * train's calls of the user's loss, gradient function and metrics: every value
 * they return must be a number (a string, a bigint or a Promise — an async
 * function — is a NotANumberError naming the function, the value, the epoch
 * and the batch), and an exception of the loss becomes a FunctionThrewError
 * with the loss's error as `cause`. The numerical gradient is core's
 * `numericalGradientsInto` with `call` as its loss; its errors are classified
 * by class: a NonFiniteValueError means the loss is not finite next to the
 * current point (a stop, not a crash), and core's FunctionThrewError wraps what
 * `call` threw, which is unwrapped here keeping the perturbed coordinate.
 */
import type { NdArray } from 'ndarray';
import { FunctionThrewError, NonFiniteValueError, NotANumberError, numericalGradientsInto, type GradientOptions } from '@descent/core';
import type { Batch } from './batches.js';
import { notANumberError } from './not-a-number.js';
import type { TrainParams } from './train-options.js';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The loss of the batch being trained on, and where training stands, for messages. */
export class LossEvaluator<P extends TrainParams> {
  /** The batch the loss is evaluated on. */
  batch: Batch | null = null;
  /** 1-based epoch and batch, or batch 0 for the end-of-epoch evaluation. */
  epoch = 0;
  batchIndex = 0;

  constructor(
    private readonly loss: (params: P, batch: Batch) => number,
    private readonly params: P,
  ) {}

  /** 'at epoch 2, batch 3' or 'after epoch 2' (the evaluation). */
  describeAt(): string {
    return this.batchIndex === 0 ? `after epoch ${this.epoch}` : `at epoch ${this.epoch}, batch ${this.batchIndex}`;
  }

  /** loss(params, batch) as a number, or a NotANumberError / FunctionThrewError. */
  readonly call = (): number => {
    const loss = this.loss; // called as a plain function, as the caller wrote it (no `this`)
    let value: unknown;
    try {
      value = loss(this.params, this.batch!);
    } catch (error) {
      throw new FunctionThrewError(undefined, error, `train: loss threw ${this.describeAt()}: ${messageOf(error)}`);
    }
    if (typeof value !== 'number') throw notANumberError('train', 'loss', value, this.describeAt());
    return value;
  };

  /** Check a number returned by another user function (the gradient function, a metric). */
  checkNumber(value: unknown, fn: string): number {
    if (typeof value !== 'number') throw notANumberError('train', fn, value, this.describeAt());
    return value;
  }

  /**
   * Write the numerical gradient of the loss into `grads`.
   * @returns null, or why the gradient does not exist here (the loss is not finite next to the point)
   * @throws NotANumberError / FunctionThrewError naming the perturbed coordinate; core's other errors unchanged
   */
  gradientInto(grads: Record<string, NdArray>, options: GradientOptions): string | null {
    try {
      numericalGradientsInto(grads, this.call, this.params, options);
      return null;
    } catch (error) {
      if (error instanceof NonFiniteValueError) {
        const where = error.coordinate === undefined ? '' : ` when ${error.coordinate} is perturbed to estimate the gradient`;
        return `the loss is not finite next to the current point (it is ${error.value}${where})`;
      }
      if (error instanceof FunctionThrewError) {
        // Core's loss is `call`, so the cause is what `call` threw; add the coordinate core was perturbing.
        const inner = error.cause;
        const at = `when ${error.coordinate} was perturbed ${this.describeAt()}`;
        if (inner instanceof NotANumberError) throw notANumberError('train', 'loss', inner.value, at, error.coordinate);
        if (inner instanceof FunctionThrewError) throw new FunctionThrewError(error.coordinate, inner.cause, `train: loss threw ${at}: ${messageOf(inner.cause)}`);
      }
      throw error;
    }
  }
}
