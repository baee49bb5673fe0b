/**
 * Validation of the options of `train`: every bad value is reported before any
 * work starts, naming the option, the value and the fix.
 */
import type { NdArray } from 'ndarray';
import { ArgumentRangeError, InvalidArgumentError, NonFiniteCoordinateError, resolveGradientOptions, type GradientOptions } from '@descent/core';
import type { Dataset } from './batches.js';
import { firstNonFinite, firstNonFiniteElement } from './finite.js';
import { EarlyStopping, type EarlyStoppingOptions } from './early-stopping.js';
import { checkProgress, DEFAULT_PROGRESS, type ProgressOption } from './progress.js';
import { checkSeed } from './random.js';
import { assertIndexable } from './strided.js';
import type { GradientTransformation } from './transform.js';
import { isNdArray } from './tree.js';
import { assertTreesDisjoint, assertWritableTree } from './tree-memory.js';
import {
  DEFAULT_DROP_LAST,
  DEFAULT_GRADIENT,
  DEFAULT_SHUFFLE,
  type EpochInfo,
  type GradientFunction,
  type LossFunction,
  type MetricFunction,
  type TrainOptions,
  type TrainParams,
} from './train-options.js';

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
    throw new InvalidArgumentError(`train: ${name} must be an object { inputs, targets } of ndarrays (first axis = samples), got ${describe(value)}.`);
  }
  const { inputs, targets } = value as Partial<Dataset>;
  for (const [field, array] of [
    ['inputs', inputs],
    ['targets', targets],
  ] as const) {
    if (!isNdArray(array)) {
      throw new InvalidArgumentError(`train: ${name}.${field} must be an ndarray whose first axis indexes the samples, got ${describe(array)}; wrap your numbers with ndarray(new Float64Array(values), [n, …]).`);
    }
    if (array.shape.length === 0) {
      throw new InvalidArgumentError(`train: ${name}.${field} must have at least one axis (the samples), got a 0-d array.`);
    }
    assertIndexable(array, `train: ${name}.${field}`);
  }
  const n = inputs!.shape[0]!;
  if (targets!.shape[0] !== n) {
    throw new ArgumentRangeError(
      `train: ${name}.inputs has ${n} samples (shape [${inputs!.shape.join(', ')}]) but ${name}.targets has ${targets!.shape[0]} (shape [${targets!.shape.join(', ')}]); give one target per input row.`,
    );
  }
  if (n === 0) throw new ArgumentRangeError(`train: ${name} has no samples (its first axis has length 0); pass at least one sample.`);
  return { data: { inputs: inputs!, targets: targets! }, n };
}

function sameRowShape(a: NdArray, b: NdArray): boolean {
  if (a.shape.length !== b.shape.length) return false;
  for (let axis = 1; axis < a.shape.length; axis++) if (a.shape[axis] !== b.shape[axis]) return false;
  return true;
}

function checkFunction<F>(value: unknown, name: string, example: string): F {
  if (typeof value !== 'function') throw new InvalidArgumentError(`train: ${name} must be a function ${example}, got ${describe(value)}.`);
  return value as F;
}

function checkPositiveInteger(value: unknown, name: string, hint: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    const error = typeof value === 'number' ? ArgumentRangeError : InvalidArgumentError;
    throw new error(`train: ${name} must be an integer ≥ 1, got ${describe(value)}; ${hint}.`);
  }
  return value;
}

function checkBoolean(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new InvalidArgumentError(`train: ${name} must be true or false, got ${describe(value)}; the default is ${fallback}.`);
  return value;
}

/**
 * The parameters: a record of ndarrays that can be updated in place — float
 * storage (an integer array would truncate every step), each element its own
 * slot, no two sharing memory — holding finite values.
 */
function checkParams(params: unknown): TrainParams {
  if (typeof params !== 'object' || params === null || isNdArray(params) || Array.isArray(params)) {
    throw new InvalidArgumentError(`train: params must be a record of named ndarrays such as { W, b }, got ${describe(params)}; wrap a single array as { x }.`);
  }
  for (const [key, value] of Object.entries(params)) {
    if (!isNdArray(value)) throw new InvalidArgumentError(`train: params.${key} must be an ndarray, got ${describe(value)}.`);
    assertIndexable(value, `train: params.${key}`);
  }
  const record = params as TrainParams;
  let size = 0;
  for (const key of Object.keys(record)) size += record[key]!.size;
  if (size === 0) {
    const keys = Object.keys(record);
    throw new ArgumentRangeError(
      `train: params ${keys.length === 0 ? 'is an empty record' : `hold no elements (${keys.map((key) => `${key}: [${record[key]!.shape.join(', ')}]`).join(', ')})`}, ` +
        'so there is nothing to train; pass the arrays to train, e.g. { w: ndarray(new Float64Array(3)), b: ndarray(new Float64Array(1)) }.',
    );
  }
  assertWritableTree(record, 'train', 'params');
  const nonFinite = firstNonFinite(record);
  if (nonFinite !== null) {
    const element = firstNonFiniteElement(record[nonFinite]!)!;
    throw new NonFiniteCoordinateError(
      `params.${nonFinite}[${element.index.join(',')}]`,
      element.value,
      `train: params.${nonFinite} holds NaN or ±Infinity; start from finite values (e.g. small random numbers).`,
    );
  }
  return record;
}

function checkOptimizer<S>(optimizer: unknown): GradientTransformation<S> {
  if (
    typeof optimizer !== 'object' ||
    optimizer === null ||
    typeof (optimizer as GradientTransformation<S>).init !== 'function' ||
    typeof (optimizer as GradientTransformation<S>).update !== 'function'
  ) {
    throw new InvalidArgumentError(`train: optimizer must be a GradientTransformation { init, update } such as sgd({ lr: 0.1 }) or adam(), got ${describe(optimizer)}.`);
  }
  return optimizer as GradientTransformation<S>;
}

/** The gradient option and core's numerical options (a copy), both checked now rather than inside core at the first step. */
function checkGradient<P extends TrainParams>(gradient: unknown, numerical: unknown): { gradient: 'numerical' | GradientFunction<P>; numerical: GradientOptions } {
  if (gradient !== 'numerical' && typeof gradient !== 'function') {
    throw new InvalidArgumentError(`train: gradient must be 'numerical' or a function (params, batch, grads) => loss, got ${describe(gradient)}.`);
  }
  if (typeof numerical !== 'object' || numerical === null || Array.isArray(numerical)) {
    throw new InvalidArgumentError(`train: numerical must be an options object such as { h: 1e-4 }, got ${describe(numerical)}.`);
  }
  resolveGradientOptions(numerical as GradientOptions, 'train');
  return { gradient: gradient as 'numerical' | GradientFunction<P>, numerical: { ...(numerical as GradientOptions) } };
}

/** The validation set: rows shaped like the training rows, memory apart from the params. */
function checkValidation(value: unknown, data: Dataset, params: TrainParams): Dataset | undefined {
  if (value === undefined) return undefined;
  const validation = checkDataset(value, 'validation').data;
  assertTreesDisjoint(params, 'params', { inputs: validation.inputs, targets: validation.targets }, 'validation', 'train');
  for (const field of ['inputs', 'targets'] as const) {
    if (!sameRowShape(validation[field], data[field])) {
      throw new ArgumentRangeError(
        `train: validation.${field} has shape [${validation[field].shape.join(', ')}] but data.${field} has shape [${data[field].shape.join(', ')}]; all axes but the first must agree.`,
      );
    }
  }
  return validation;
}

function checkMetrics<P extends TrainParams>(value: unknown): Readonly<Record<string, MetricFunction<P>>> {
  const metrics = value ?? {};
  if (typeof metrics !== 'object' || metrics === null || Array.isArray(metrics)) {
    throw new InvalidArgumentError(`train: metrics must be a record of functions such as { accuracy: (params, data) => number }, got ${describe(metrics)}.`);
  }
  for (const [name, metric] of Object.entries(metrics)) checkFunction(metric, `metrics.${name}`, '(params, data) => number');
  return metrics as Readonly<Record<string, MetricFunction<P>>>;
}

function checkEarlyStopping(value: unknown, metrics: Readonly<Record<string, unknown>>): EarlyStopping | undefined {
  if (value === undefined) return undefined;
  const earlyStopping = new EarlyStopping(value as EarlyStoppingOptions);
  if (earlyStopping.metric !== 'loss' && !Object.hasOwn(metrics, earlyStopping.metric)) {
    throw new ArgumentRangeError(
      `train: earlyStopping.metric '${earlyStopping.metric}' is neither 'loss' nor a key of metrics (${Object.keys(metrics).join(', ') || 'none given'}); add it to metrics or watch 'loss'.`,
    );
  }
  return earlyStopping;
}

function checkSignal(signal: unknown): AbortSignal | undefined {
  if (signal !== undefined && (typeof signal !== 'object' || signal === null || typeof (signal as AbortSignal).aborted !== 'boolean')) {
    throw new InvalidArgumentError(`train: signal must be an AbortSignal (e.g. new AbortController().signal), got ${describe(signal)}.`);
  }
  return signal as AbortSignal | undefined;
}

/**
 * Validate the options of `train` and fill in the defaults.
 * @throws InvalidArgumentError / ArgumentRangeError (and AliasedMemoryError, OverlappingMemoryError,
 *   NonFiniteCoordinateError for the params) naming the option, the bad value and the fix
 */
export function resolveTrainOptions<S, P extends TrainParams>(options: TrainOptions<S, P>): ResolvedTrainOptions<S, P> {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError(`train: expected one options object { params, loss, data, batchSize, epochs, optimizer, seed }, got ${describe(options)}.`);
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.includes(key)) {
      throw new InvalidArgumentError(`train: unknown option '${key}'; the options are ${KNOWN_OPTIONS.join(', ')}.`);
    }
  }
  const params = checkParams(options.params);
  const loss = checkFunction<LossFunction<P>>(options.loss, 'loss', '(params, batch) => number');
  const { data, n } = checkDataset(options.data, 'data');
  const batchSize = checkPositiveInteger(options.batchSize, 'batchSize', `e.g. 32, or ${n} for full-batch training`);
  const epochs = checkPositiveInteger(options.epochs, 'epochs', 'the number of passes over the data, e.g. 10');
  const optimizer = checkOptimizer<S>(options.optimizer);
  const { gradient, numerical } = checkGradient<P>(options.gradient ?? DEFAULT_GRADIENT, options.numerical ?? {});
  const seed = checkSeed('train', options.seed);
  // Writing params must not change the data they are trained on.
  assertTreesDisjoint(params, 'params', { inputs: data.inputs, targets: data.targets }, 'data', 'train');
  const validation = checkValidation(options.validation, data, params);
  const metrics = checkMetrics<P>(options.metrics);
  const earlyStopping = checkEarlyStopping(options.earlyStopping, metrics);
  const onEpoch = options.onEpoch === undefined ? undefined : checkFunction<(info: EpochInfo<P>) => boolean | void>(options.onEpoch, 'onEpoch', '(info) => boolean | void');
  const signal = checkSignal(options.signal);
  const progress = checkProgress(options.progress ?? DEFAULT_PROGRESS);
  const dropLast = checkBoolean(options.dropLast, 'dropLast', DEFAULT_DROP_LAST);
  if (dropLast && batchSize > n) {
    throw new ArgumentRangeError(`train: with dropLast true, batchSize ${batchSize} above the ${n} samples leaves no batch to train on; use batchSize ≤ ${n} or dropLast: false.`);
  }
  return {
    params: params as P,
    loss,
    data,
    sampleCount: n,
    batchSize,
    epochs,
    optimizer,
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
