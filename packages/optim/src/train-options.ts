/**
 * The options of `train`, their defaults, and their validation: every bad value
 * is reported before any work starts, naming the option, the value and the fix.
 */
import type { NdArray } from 'ndarray';
import type { GradientOptions } from '@descent/core';
import type { Batch, Dataset } from './batches.js';
import { firstNonFinite } from './finite.js';
import { EarlyStopping, type EarlyStoppingOptions } from './early-stopping.js';
import { checkProgress, DEFAULT_PROGRESS, type ProgressOption } from './progress.js';
import { checkSeed } from './random.js';
import { assertIndexable } from './strided.js';
import type { GradientTransformation } from './transform.js';
import { isNdArray } from './tree.js';

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

/** Why training ended. */
export type StopReason = 'completed' | 'early-stopping' | 'non-finite' | 'aborted' | 'callback';

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
   * How gradients are computed: `'numerical'` — central differences of `loss`
   * through `numericalGradientsInto` of @descent/core, every element of every
   * parameter perturbed in place and restored bit for bit (2 loss evaluations per
   * element per step); or an analytic `GradientFunction` (backprop).
   * @default 'numerical'
   */
  gradient?: 'numerical' | GradientFunction<P>;
  /**
   * Options of the numerical gradient (`h`, `scheme`, `counter`); ignored with an analytic gradient.
   * `counter` counts the gradient's loss evaluations (2N per step for N elements with
   * central differences); `train` evaluates the loss once more per step, at the
   * unperturbed point, to check it is finite and to record it.
   * @default {} (h 'auto', scheme 'central')
   */
  numerical?: GradientOptions;
  /** Seed of the shuffling (an integer in [0, 2^53 − 1]): the same seed gives bit-identical runs. */
  seed: number;
  /** Held-out data for the validation loss, the metrics and early stopping. @default undefined (none) */
  validation?: Dataset;
  /** Named metrics computed after each epoch (on validation data if given, else training data). @default {} */
  metrics?: Record<string, MetricFunction<P>>;
  /** Stop when a metric stops improving (see `EarlyStoppingOptions`). @default undefined (never) */
  earlyStopping?: EarlyStoppingOptions;
  /** Called after each epoch; returning `false` stops training (reason 'callback'). @default undefined */
  onEpoch?: (info: EpochInfo<P>) => boolean | void;
  /** Checked before every step; once aborted, training stops cleanly (reason 'aborted'). @default undefined */
  signal?: AbortSignal;
  /** Progress output (see `ProgressOption`). @default 'auto' */
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
/** Gradients are numerical by default. */
export const DEFAULT_GRADIENT = 'numerical';

/** The options after validation, with defaults filled in. */
export interface ResolvedTrainOptions<S, P extends TrainParams> {
  readonly params: P;
  readonly loss: LossFunction<P>;
  readonly data: Dataset;
  readonly sampleCount: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly optimizer: GradientTransformation<S>;
  readonly gradient: 'numerical' | GradientFunction<P>;
  readonly numerical: GradientOptions;
  readonly seed: number;
  readonly validation: Dataset | undefined;
  readonly metrics: Readonly<Record<string, MetricFunction<P>>>;
  readonly earlyStopping: EarlyStopping | undefined;
  readonly onEpoch: ((info: EpochInfo<P>) => boolean | void) | undefined;
  readonly signal: AbortSignal | undefined;
  readonly progress: ProgressOption;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
}

const KNOWN_OPTIONS = [
  'params',
  'loss',
  'data',
  'batchSize',
  'epochs',
  'optimizer',
  'gradient',
  'numerical',
  'seed',
  'validation',
  'metrics',
  'earlyStopping',
  'onEpoch',
  'signal',
  'progress',
  'shuffle',
  'dropLast',
];

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the option is missing)';
  if (value === null) return 'null';
  if (isNdArray(value)) return `an ndarray of shape [${value.shape.join(', ')}]`;
  if (Array.isArray(value)) return 'a plain array';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function checkDataset(value: unknown, name: string): { data: Dataset; n: number } {
  if (typeof value !== 'object' || value === null) {
    throw new TypeError(`train: ${name} must be an object { inputs, targets } of ndarrays (first axis = samples), got ${describe(value)}.`);
  }
  const { inputs, targets } = value as Partial<Dataset>;
  for (const [field, array] of [
    ['inputs', inputs],
    ['targets', targets],
  ] as const) {
    if (!isNdArray(array)) {
      throw new TypeError(`train: ${name}.${field} must be an ndarray whose first axis indexes the samples, got ${describe(array)}; wrap your numbers with ndarray(new Float64Array(values), [n, …]).`);
    }
    if (array.shape.length === 0) {
      throw new TypeError(`train: ${name}.${field} must have at least one axis (the samples), got a 0-d array.`);
    }
    assertIndexable(array, `train: ${name}.${field}`);
  }
  const n = inputs!.shape[0]!;
  if (targets!.shape[0] !== n) {
    throw new RangeError(
      `train: ${name}.inputs has ${n} samples (shape [${inputs!.shape.join(', ')}]) but ${name}.targets has ${targets!.shape[0]} (shape [${targets!.shape.join(', ')}]); give one target per input row.`,
    );
  }
  if (n === 0) throw new RangeError(`train: ${name} has no samples (its first axis has length 0); pass at least one sample.`);
  return { data: { inputs: inputs!, targets: targets! }, n };
}

function sameRowShape(a: NdArray, b: NdArray): boolean {
  if (a.shape.length !== b.shape.length) return false;
  for (let axis = 1; axis < a.shape.length; axis++) if (a.shape[axis] !== b.shape[axis]) return false;
  return true;
}

function checkFunction<F>(value: unknown, name: string, example: string): F {
  if (typeof value !== 'function') throw new TypeError(`train: ${name} must be a function ${example}, got ${describe(value)}.`);
  return value as F;
}

function checkPositiveInteger(value: unknown, name: string, hint: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    const error = typeof value === 'number' ? RangeError : TypeError;
    throw new error(`train: ${name} must be an integer ≥ 1, got ${describe(value)}; ${hint}.`);
  }
  return value;
}

function checkBoolean(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new TypeError(`train: ${name} must be true or false, got ${describe(value)}; the default is ${fallback}.`);
  return value;
}

/**
 * Validate the options of `train` and fill in the defaults.
 * @throws TypeError / RangeError naming the option, the bad value and the fix
 */
export function resolveTrainOptions<S, P extends TrainParams>(options: TrainOptions<S, P>): ResolvedTrainOptions<S, P> {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`train: expected one options object { params, loss, data, batchSize, epochs, optimizer, seed }, got ${describe(options)}.`);
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.includes(key)) {
      throw new TypeError(`train: unknown option '${key}'; the options are ${KNOWN_OPTIONS.join(', ')}.`);
    }
  }
  const params = options.params as unknown;
  if (typeof params !== 'object' || params === null || isNdArray(params) || Array.isArray(params)) {
    throw new TypeError(`train: params must be a record of named ndarrays such as { W, b }, got ${describe(params)}; wrap a single array as { x }.`);
  }
  for (const [key, value] of Object.entries(params)) {
    if (!isNdArray(value)) throw new TypeError(`train: params.${key} must be an ndarray, got ${describe(value)}.`);
    assertIndexable(value, `train: params.${key}`);
  }
  const nonFinite = firstNonFinite(params as TrainParams);
  if (nonFinite !== null) {
    throw new RangeError(`train: params.${nonFinite} holds NaN or ±Infinity; start from finite values (e.g. small random numbers).`);
  }
  const loss = checkFunction<LossFunction<P>>(options.loss, 'loss', '(params, batch) => number');
  const { data, n } = checkDataset(options.data, 'data');
  const batchSize = checkPositiveInteger(options.batchSize, 'batchSize', `e.g. 32, or ${n} for full-batch training`);
  const epochs = checkPositiveInteger(options.epochs, 'epochs', 'the number of passes over the data, e.g. 10');
  const optimizer = options.optimizer as unknown;
  if (
    typeof optimizer !== 'object' ||
    optimizer === null ||
    typeof (optimizer as GradientTransformation<S>).init !== 'function' ||
    typeof (optimizer as GradientTransformation<S>).update !== 'function'
  ) {
    throw new TypeError(`train: optimizer must be a GradientTransformation { init, update } such as sgd({ lr: 0.1 }) or adam(), got ${describe(optimizer)}.`);
  }
  const gradient = options.gradient ?? DEFAULT_GRADIENT;
  if (gradient !== 'numerical' && typeof gradient !== 'function') {
    throw new TypeError(`train: gradient must be 'numerical' or a function (params, batch, grads) => loss, got ${describe(gradient)}.`);
  }
  const numerical = options.numerical ?? {};
  if (typeof numerical !== 'object' || numerical === null) {
    throw new TypeError(`train: numerical must be an options object such as { h: 1e-4 }, got ${describe(numerical)}.`);
  }
  const seed = checkSeed('train', options.seed);
  let validation: Dataset | undefined;
  if (options.validation !== undefined) {
    validation = checkDataset(options.validation, 'validation').data;
    for (const field of ['inputs', 'targets'] as const) {
      if (!sameRowShape(validation[field], data[field])) {
        throw new RangeError(
          `train: validation.${field} has shape [${validation[field].shape.join(', ')}] but data.${field} has shape [${data[field].shape.join(', ')}]; all axes but the first must agree.`,
        );
      }
    }
  }
  const metrics = options.metrics ?? {};
  if (typeof metrics !== 'object' || metrics === null) {
    throw new TypeError(`train: metrics must be a record of functions such as { accuracy: (params, data) => number }, got ${describe(metrics)}.`);
  }
  for (const [name, metric] of Object.entries(metrics)) checkFunction(metric, `metrics.${name}`, '(params, data) => number');
  let earlyStopping: EarlyStopping | undefined;
  if (options.earlyStopping !== undefined) {
    earlyStopping = new EarlyStopping(options.earlyStopping);
    if (earlyStopping.metric !== 'loss' && !Object.hasOwn(metrics, earlyStopping.metric)) {
      throw new RangeError(
        `train: earlyStopping.metric '${earlyStopping.metric}' is neither 'loss' nor a key of metrics (${Object.keys(metrics).join(', ') || 'none given'}); add it to metrics or watch 'loss'.`,
      );
    }
  }
  const onEpoch = options.onEpoch === undefined ? undefined : checkFunction<(info: EpochInfo<P>) => boolean | void>(options.onEpoch, 'onEpoch', '(info) => boolean | void');
  const signal = options.signal;
  if (signal !== undefined && (typeof signal !== 'object' || signal === null || typeof signal.aborted !== 'boolean')) {
    throw new TypeError(`train: signal must be an AbortSignal (e.g. new AbortController().signal), got ${describe(signal)}.`);
  }
  const progress = checkProgress(options.progress ?? DEFAULT_PROGRESS);
  const dropLast = checkBoolean(options.dropLast, 'dropLast', DEFAULT_DROP_LAST);
  if (dropLast && batchSize > n) {
    throw new RangeError(`train: with dropLast true, batchSize ${batchSize} above the ${n} samples leaves no batch to train on; use batchSize ≤ ${n} or dropLast: false.`);
  }
  return {
    params: params as P,
    loss,
    data,
    sampleCount: n,
    batchSize,
    epochs,
    optimizer: optimizer as GradientTransformation<S>,
    gradient,
    numerical,
    seed,
    validation,
    metrics,
    earlyStopping,
    onEpoch,
    signal,
    progress,
    shuffle: checkBoolean(options.shuffle, 'shuffle', DEFAULT_SHUFFLE),
    dropLast,
  };
}
