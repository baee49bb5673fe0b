/**
 * The options of `train` and their defaults (validated in train-validation.ts).
 */
import type { NdArray } from 'ndarray';
import type { NumericalGradientOptions } from '../checks/gradient-option.js';
import type { Batch, Dataset } from './batches.js';
import type { EarlyStoppingOptions } from './early-stopping.js';
import type { ProgressOption } from './progress.js';
import type { GradientTransformation } from '../transforms/transform.js';

/** The parameters trained: named arrays (any views with indexable storage), updated in place. */
export type TrainParams = Record<string, NdArray>;

/** The gradient buffers: one contiguous Float64 array per key of the parameters. */
export type GradientsOf<P extends TrainParams> = { [K in keyof P]: NdArray };

/** The loss of one batch at the current parameters. */
export type LossFunction<P extends TrainParams = TrainParams> = (params: P, batch: Batch) => number;

/**
 * An analytic gradient: write ∂loss/∂params[key] for the batch into `grads[key]`
 * (preallocated contiguous Float64 arrays with the params' shapes, zeroed before
 * each call) and return the loss at the current parameters.
 */
export type GradientFunction<P extends TrainParams = TrainParams> = (params: P, batch: Batch, grads: GradientsOf<P>) => number;

/** A metric of the parameters on a data set (e.g. accuracy), computed once per epoch. */
export type MetricFunction<P extends TrainParams = TrainParams> = (params: P, data: Batch) => number;

/** One epoch of the training history. */
export interface EpochRecord {
  /** 1-based epoch number. */
  readonly epoch: number;
  /** Mean of the epoch's batch losses, each taken before that batch's update. */
  readonly loss: number;
  /** Loss on the whole validation data after the epoch (only when `validation` is given). */
  readonly validationLoss?: number;
  /** Each metric after the epoch: on the validation data if given, else on the training data. */
  readonly metrics: Readonly<Record<string, number>>;
}

/** What `onEpoch` receives: the epoch's record, the parameters and the steps so far. */
export interface EpochInfo<P extends TrainParams = TrainParams> extends EpochRecord {
  /** The parameters after the epoch (live arrays: copy them to keep them). */
  readonly params: P;
  /** Optimizer steps taken since training started. */
  readonly steps: number;
}

/**
 * Why training ended: all epochs ran ('completed'); early stopping saw no
 * improvement for `patience` epochs ('early-stopping'); a loss, gradient or
 * update was NaN or ±Infinity and the params were rolled back ('non-finite');
 * the value early stopping watches was NaN or ±Infinity ('non-finite-metric');
 * the signal ('aborted'); onEpoch returned false ('callback').
 */
export type StopReason = 'completed' | 'early-stopping' | 'non-finite' | 'non-finite-metric' | 'aborted' | 'callback';

/** Options of `train`. */
export interface TrainOptions<S, P extends TrainParams = TrainParams> {
  /** The parameters, updated in place (and returned). Any ndarray views with JS-array or typed-array storage. */
  params: P;
  /** The loss of a batch; used for the numerical gradient, the validation loss and `'loss'` early stopping. */
  loss: LossFunction<P>;
  /** Training data: inputs and targets (any ndarray views), first axis = samples, same number of samples. */
  data: Dataset;
  /** Samples per mini-batch, an integer ≥ 1; a value above the sample count gives full-batch training. */
  batchSize: number;
  /** Passes over the training data, an integer ≥ 1. */
  epochs: number;
  /** The optimizer, e.g. `sgd({ lr: 0.1 })` or `adam()`. Its state is created by `train` with `init(params)`. */
  optimizer: GradientTransformation<S>;
  /**
   * How gradients are computed: an analytic `GradientFunction` (backprop), or the
   * options of @descent/core's numerical gradient (h, scheme, counter,
   * stepUnderflow, quotient, onProgress…), forwarded whole to
   * `numericalGradientsInto`: every element of every parameter is perturbed in
   * place and restored bit for bit (2 loss evaluations per element per step with
   * central differences). `counter` counts the gradient's loss evaluations;
   * `train` evaluates the loss once more per step, at the unperturbed point, to
   * check it is finite and to record it. The same option shape as
   * `minimize`'s and `gradientDescent`'s `gradient`. An exception of the
   * gradient function becomes a FunctionThrewError naming train (or
   * trainAsync), the epoch and the batch, whose `cause` is the original error;
   * core's `onProgress` is a callback: its exceptions pass unchanged.
   * @default {} (numerical: central differences, h 'auto')
   */
  gradient?: GradientFunction<P> | NumericalGradientOptions;
  /** Seed of the shuffling (an integer in [0, 2^53 − 1]): the same seed gives bit-identical runs. */
  seed: number;
  /** Held-out data for the validation loss, the metrics and early stopping. @default undefined (none) */
  validation?: Dataset;
  /**
   * Named metrics computed after each epoch (on validation data if given, else training data).
   * Metrics are callbacks: an exception of one reaches the caller unchanged. @default {}
   */
  metrics?: Record<string, MetricFunction<P>>;
  /** Stop when a metric stops improving (see `EarlyStoppingOptions`). @default undefined (never) */
  earlyStopping?: EarlyStoppingOptions;
  /**
   * Called after each epoch; returning `false` stops training (reason 'callback'). A callback is
   * yours: an exception it throws reaches the caller unchanged (throwing stops a run on purpose).
   * @default undefined
   */
  onEpoch?: (info: EpochInfo<P>) => boolean | void;
  /** Checked before every step; once aborted, training stops cleanly (reason 'aborted'). @default undefined */
  signal?: AbortSignal;
  /** Progress output (see `ProgressOption`); a function or reporter is a callback: its exceptions reach the caller unchanged. @default 'auto' */
  progress?: ProgressOption;
  /** Reshuffle the samples at every epoch (seeded); false keeps the data order. @default true */
  shuffle?: boolean;
  /** Skip the last batch of an epoch when it is smaller than batchSize. @default false */
  dropLast?: boolean;
}

/** Samples are reshuffled every epoch by default. */
export const DEFAULT_SHUFFLE = true;
/** The last, smaller batch is trained on by default. */
export const DEFAULT_DROP_LAST = false;
