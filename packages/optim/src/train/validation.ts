/**
 * Validation of the options of `train`: every bad value is reported before any
 * work starts, naming the option, the value and the fix.
 */
import type { NdArray } from 'ndarray';
import { ArgumentRangeError, InvalidArgumentError, NonFiniteCoordinateError, type GradientOptions } from '@descent/core';
import { resolveGradientOption, type ResolvedGradient } from '../checks/gradient-option.js';
import { checkBoolean, checkFunction, checkNumber, checkOptionKeys, checkSignal } from '../checks/options.js';
import type { Dataset } from './batches.js';
import { firstNonFinite, firstNonFiniteElement } from '../tree/finite.js';
import { EarlyStopping, type EarlyStoppingOptions } from './early-stopping.js';
import { checkProgress, DEFAULT_PROGRESS, type ProgressOption } from './progress.js';
import { checkSeed } from './random.js';
import { assertIndexable } from '../tree/strided.js';
import type { GradientTransformation } from '../transforms/transform.js';
import { isNdArray } from '../tree/tree.js';
import { assertTreesDisjoint, assertWritableTree } from '../tree/memory.js';
import { assertNoProtoKey } from '../tree/proto-key.js';
import {
  DEFAULT_DROP_LAST,
  DEFAULT_SHUFFLE,
  type EpochInfo,
  type GradientFunction,
  type LossFunction,
  type MetricFunction,
  type TrainOptions,
  type TrainParams,
} from './options.js';

/** The options after validation, with defaults filled in. */
export interface ResolvedTrainOptions<S, P extends TrainParams> {
  readonly params: P;
  readonly loss: LossFunction<P>;
  readonly data: Dataset;
  readonly sampleCount: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly optimizer: GradientTransformation<S>;
  /** The analytic gradient, or core's numerical options (a copy, its scheme included). */
  readonly gradient: { readonly analytic: GradientFunction<P>; readonly numerical: undefined } | { readonly analytic: undefined; readonly numerical: GradientOptions };
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

function checkDataset(value: unknown, name: string, where: string): { data: Dataset; n: number } {
  if (typeof value !== 'object' || value === null) {
    throw new InvalidArgumentError(`${where}: ${name} must be an object { inputs, targets } of ndarrays (first axis = samples), got ${describe(value)}.`);
  }
  const { inputs, targets } = value as Partial<Dataset>;
  for (const [field, array] of [
    ['inputs', inputs],
    ['targets', targets],
  ] as const) {
    if (!isNdArray(array)) {
      throw new InvalidArgumentError(`${where}: ${name}.${field} must be an ndarray whose first axis indexes the samples, got ${describe(array)}; wrap your numbers with ndarray(new Float64Array(values), [n, …]).`);
    }
    if (array.shape.length === 0) {
      throw new InvalidArgumentError(`${where}: ${name}.${field} must have at least one axis (the samples), got a 0-d array.`);
    }
    assertIndexable(array, `${where}: ${name}.${field}`);
  }
  const n = inputs!.shape[0]!;
  if (targets!.shape[0] !== n) {
    throw new ArgumentRangeError(
      `${where}: ${name}.inputs has ${n} samples (shape [${inputs!.shape.join(', ')}]) but ${name}.targets has ${targets!.shape[0]} (shape [${targets!.shape.join(', ')}]); give one target per input row.`,
    );
  }
  if (n === 0) throw new ArgumentRangeError(`${where}: ${name} has no samples (its first axis has length 0); pass at least one sample.`);
  return { data: { inputs: inputs!, targets: targets! }, n };
}

function sameRowShape(a: NdArray, b: NdArray): boolean {
  if (a.shape.length !== b.shape.length) return false;
  for (let axis = 1; axis < a.shape.length; axis++) if (a.shape[axis] !== b.shape[axis]) return false;
  return true;
}

/**
 * The parameters: a record of ndarrays that can be updated in place — float
 * storage (an integer array would truncate every step), each element its own
 * slot, no two sharing memory — holding finite values.
 */
function checkParams(params: unknown, where: string): TrainParams {
  if (typeof params !== 'object' || params === null || isNdArray(params) || Array.isArray(params)) {
    throw new InvalidArgumentError(`${where}: params must be a record of named ndarrays such as { W, b }, got ${describe(params)}; wrap a single array as { x }.`);
  }
  assertNoProtoKey(params, where, 'params');
  for (const [key, value] of Object.entries(params)) {
    if (!isNdArray(value)) throw new InvalidArgumentError(`${where}: params.${key} must be an ndarray, got ${describe(value)}.`);
    assertIndexable(value, `${where}: params.${key}`);
  }
  const record = params as TrainParams;
  let size = 0;
  for (const key of Object.keys(record)) size += record[key]!.size;
  if (size === 0) {
    const keys = Object.keys(record);
    throw new ArgumentRangeError(
      `${where}: params ${keys.length === 0 ? 'is an empty record' : `hold no elements (${keys.map((key) => `${key}: [${record[key]!.shape.join(', ')}]`).join(', ')})`}, ` +
        'so there is nothing to train; pass the arrays to train, e.g. { w: ndarray(new Float64Array(3)), b: ndarray(new Float64Array(1)) }.',
    );
  }
  assertWritableTree(record, where, 'params');
  const nonFinite = firstNonFinite(record);
  if (nonFinite !== null) {
    const element = firstNonFiniteElement(record[nonFinite]!)!;
    throw new NonFiniteCoordinateError(
      `params.${nonFinite}[${element.index.join(',')}]`,
      element.value,
      `${where}: params.${nonFinite} holds NaN or ±Infinity; start from finite values (e.g. small random numbers).`,
    );
  }
  return record;
}

function checkOptimizer<S>(optimizer: unknown, where: string): GradientTransformation<S> {
  if (
    typeof optimizer !== 'object' ||
    optimizer === null ||
    typeof (optimizer as GradientTransformation<S>).init !== 'function' ||
    typeof (optimizer as GradientTransformation<S>).update !== 'function'
  ) {
    throw new InvalidArgumentError(`${where}: optimizer must be a GradientTransformation { init, update } such as sgd({ lr: 0.1 }) or adam(), got ${describe(optimizer)}.`);
  }
  return optimizer as GradientTransformation<S>;
}

/** The gradient option: the analytic function, or core's numerical options (central by default) with the scheme set. */
function checkGradient<P extends TrainParams>(value: unknown, where: string): ResolvedTrainOptions<unknown, P>['gradient'] {
  const resolved: ResolvedGradient<GradientFunction<P>> = resolveGradientOption(where, value, '(params, batch, grads) => loss', { scheme: 'central' }, false);
  if (resolved.analytic !== undefined) return { analytic: resolved.analytic, numerical: undefined };
  return { analytic: undefined, numerical: { ...resolved.numerical, scheme: resolved.scheme as GradientOptions['scheme'] } };
}

/** The validation set: rows shaped like the training rows, memory apart from the params. */
function checkValidation(value: unknown, data: Dataset, params: TrainParams, where: string): Dataset | undefined {
  if (value === undefined) return undefined;
  const validation = checkDataset(value, 'validation', where).data;
  assertTreesDisjoint(params, 'params', { inputs: validation.inputs, targets: validation.targets }, 'validation', where);
  for (const field of ['inputs', 'targets'] as const) {
    if (!sameRowShape(validation[field], data[field])) {
      throw new ArgumentRangeError(
        `${where}: validation.${field} has shape [${validation[field].shape.join(', ')}] but data.${field} has shape [${data[field].shape.join(', ')}]; all axes but the first must agree.`,
      );
    }
  }
  return validation;
}

function checkMetrics<P extends TrainParams>(value: unknown, where: string): Readonly<Record<string, MetricFunction<P>>> {
  const metrics = value ?? {};
  if (typeof metrics !== 'object' || metrics === null || Array.isArray(metrics)) {
    throw new InvalidArgumentError(`${where}: metrics must be a record of functions such as { accuracy: (params, data) => number }, got ${describe(metrics)}.`);
  }
  for (const [name, metric] of Object.entries(metrics)) checkFunction(where, `metrics.${name}`, metric, '(params, data) => number');
  return metrics as Readonly<Record<string, MetricFunction<P>>>;
}

function checkEarlyStopping(value: unknown, metrics: Readonly<Record<string, unknown>>, where: string): EarlyStopping | undefined {
  if (value === undefined) return undefined;
  const earlyStopping = new EarlyStopping(value as EarlyStoppingOptions);
  if (earlyStopping.metric !== 'loss' && !Object.hasOwn(metrics, earlyStopping.metric)) {
    throw new ArgumentRangeError(
      `${where}: earlyStopping.metric '${earlyStopping.metric}' is neither 'loss' nor a key of metrics (${Object.keys(metrics).join(', ') || 'none given'}); add it to metrics or watch 'loss'.`,
    );
  }
  return earlyStopping;
}

/**
 * Validate the options of `train` and fill in the defaults.
 * @param where the public function's name in messages ('train', 'trainAsync')
 * @throws InvalidArgumentError / ArgumentRangeError (and AliasedMemoryError, OverlappingMemoryError,
 *   NonFiniteCoordinateError for the params) naming the option, the bad value and the fix
 */
export function resolveTrainOptions<S, P extends TrainParams>(options: TrainOptions<S, P>, where = 'train'): ResolvedTrainOptions<S, P> {
  checkOptionKeys(where, options, KNOWN_OPTIONS, '{ params, loss, data, batchSize, epochs, optimizer, seed }');
  const params = checkParams(options.params, where);
  const loss = checkFunction<LossFunction<P>>(where, 'loss', options.loss, '(params, batch) => number');
  const { data, n } = checkDataset(options.data, 'data', where);
  const batchSize = checkNumber(where, 'batchSize', options.batchSize, { min: 1, integer: true }, `e.g. 32, or ${n} for full-batch training`);
  const epochs = checkNumber(where, 'epochs', options.epochs, { min: 1, integer: true }, 'the number of passes over the data, e.g. 10');
  const optimizer = checkOptimizer<S>(options.optimizer, where);
  const gradient = checkGradient<P>(options.gradient, where);
  const seed = checkSeed(where, options.seed);
  // Writing params must not change the data they are trained on.
  assertTreesDisjoint(params, 'params', { inputs: data.inputs, targets: data.targets }, 'data', where);
  const validation = checkValidation(options.validation, data, params, where);
  const metrics = checkMetrics<P>(options.metrics, where);
  const earlyStopping = checkEarlyStopping(options.earlyStopping, metrics, where);
  const onEpoch = options.onEpoch === undefined ? undefined : checkFunction<(info: EpochInfo<P>) => boolean | void>(where, 'onEpoch', options.onEpoch, '(info) => boolean | void');
  const signal = checkSignal(where, options.signal);
  const progress = checkProgress(options.progress ?? DEFAULT_PROGRESS);
  const dropLast = checkBoolean(where, 'dropLast', options.dropLast ?? DEFAULT_DROP_LAST, 'the default is false');
  if (dropLast && batchSize > n) {
    throw new ArgumentRangeError(`${where}: with dropLast true, batchSize ${batchSize} above the ${n} samples leaves no batch to train on; use batchSize ≤ ${n} or dropLast: false.`);
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
    seed,
    validation,
    metrics,
    earlyStopping,
    onEpoch,
    signal,
    progress,
    shuffle: checkBoolean(where, 'shuffle', options.shuffle ?? DEFAULT_SHUFFLE, 'the default is true'),
    dropLast,
  };
}
