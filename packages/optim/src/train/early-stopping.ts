/**
 * Early stopping: watch one metric per epoch and stop when it has not improved
 * for `patience` epochs in a row.
 */
import { InvalidArgumentError } from '@descent/core';
import { describeValue } from '../checks/not-a-number.js';
import { checkBoolean, checkChoice, checkNumber, checkOptionKeys } from '../checks/options.js';

/** Whether smaller or larger metric values are better. */
export type MetricMode = 'min' | 'max';

/** By default an epoch counts as an improvement only if it beats the best value at all. */
export const DEFAULT_MIN_DELTA = 0;

/** By default the best epoch's parameters are copied back when training stops early. */
export const DEFAULT_RESTORE_BEST = true;

/** Options of early stopping (the `earlyStopping` option of `train`). */
export interface EarlyStoppingOptions {
  /**
   * The metric to watch: a key of `metrics`, or `'loss'` (the validation loss when
   * validation data is given, else the mean training loss of the epoch).
   */
  metric: string;
  /** 'min' when smaller is better (a loss), 'max' when larger is better (an accuracy). */
  mode: MetricMode;
  /** Epochs without improvement tolerated; training stops at the `patience`-th one. An integer ≥ 1. */
  patience: number;
  /**
   * Smallest change that counts as an improvement: with mode 'min', value < best − minDelta;
   * with 'max', value > best + minDelta. A finite number ≥ 0.
   * @default 0
   */
  minDelta?: number;
  /**
   * When training stops early, copy the parameters of the best epoch back into `params`
   * (costs one copy of the parameters, refreshed at each improving epoch).
   * @default true
   */
  restoreBest?: boolean;
}

/** What the tracker concluded from one epoch's value. */
export interface EarlyStoppingVerdict {
  /** The value beat the best so far by more than minDelta (it is the new best). */
  readonly improved: boolean;
  /** `patience` epochs in a row without improvement: stop now. */
  readonly stop: boolean;
}

/**
 * Tracks the best value of a metric and the epochs since it improved.
 * @example
 * const tracker = new EarlyStopping({ metric: 'loss', mode: 'min', patience: 2 });
 * tracker.observe(1.0, 1); // → { improved: true, stop: false }
 * tracker.observe(1.1, 2); // → { improved: false, stop: false }
 * tracker.observe(1.2, 3); // → { improved: false, stop: true }; tracker.bestEpoch → 1
 */
export class EarlyStopping {
  readonly metric: string;
  readonly mode: MetricMode;
  readonly patience: number;
  readonly minDelta: number;
  readonly restoreBest: boolean;
  /** The best value seen (NaN before the first observation). */
  bestValue = Number.NaN;
  /** The 1-based epoch of the best value (0 before the first observation). */
  bestEpoch = 0;
  /** Epochs since the last improvement. */
  epochsWithoutImprovement = 0;

  /**
   * @param options metric, mode, patience, minDelta, restoreBest
   * @throws InvalidArgumentError / ArgumentRangeError naming the option, the bad value and the fix
   */
  constructor(options: EarlyStoppingOptions) {
    const where = 'train';
    const o = checkOptionKeys(where, options, ['metric', 'mode', 'patience', 'minDelta', 'restoreBest'], "{ metric: 'loss', mode: 'min', patience: 5 }", 'earlyStopping') as unknown as EarlyStoppingOptions;
    if (typeof o.metric !== 'string' || o.metric === '') {
      throw new InvalidArgumentError(`${where}: earlyStopping.metric must be the name of a metric (a key of metrics, or 'loss'), got ${describeValue(o.metric)}.`);
    }
    checkChoice(where, 'earlyStopping.mode', o.mode, ['min', 'max'] as const, "'min' when smaller is better (a loss), 'max' when larger is (an accuracy)");
    checkNumber(where, 'earlyStopping.patience', o.patience, { min: 1, integer: true }, 'the epochs without improvement before stopping');
    const minDelta = checkNumber(where, 'earlyStopping.minDelta', o.minDelta ?? DEFAULT_MIN_DELTA, { min: 0 }, 'the default is 0');
    const restoreBest = checkBoolean(where, 'earlyStopping.restoreBest', o.restoreBest ?? DEFAULT_RESTORE_BEST, 'the default is true');
    this.metric = options.metric;
    this.mode = options.mode;
    this.patience = options.patience;
    this.minDelta = minDelta;
    this.restoreBest = restoreBest;
  }

  /**
   * Record the metric's value at the end of `epoch`.
   * @param value the metric's value (NaN never counts as an improvement)
   * @param epoch the 1-based epoch number
   */
  observe(value: number, epoch: number): EarlyStoppingVerdict {
    const first = this.bestEpoch === 0 && !Number.isNaN(value);
    const improved =
      first || (this.mode === 'min' ? value < this.bestValue - this.minDelta : value > this.bestValue + this.minDelta);
    if (improved) {
      this.bestValue = value;
      this.bestEpoch = epoch;
      this.epochsWithoutImprovement = 0;
    } else {
      this.epochsWithoutImprovement++;
    }
    return { improved, stop: this.epochsWithoutImprovement >= this.patience };
  }
}
