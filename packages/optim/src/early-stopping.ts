/**
 * Early stopping: watch one metric per epoch and stop when it has not improved
 * for `patience` epochs in a row.
 */

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
   * @throws TypeError / RangeError naming the option, the bad value and the fix
   */
  constructor(options: EarlyStoppingOptions) {
    const where = 'train: earlyStopping';
    if (typeof options !== 'object' || options === null) {
      throw new TypeError(`${where} must be an object { metric, mode, patience }, got ${String(options)}.`);
    }
    if (typeof options.metric !== 'string' || options.metric === '') {
      throw new TypeError(`${where}.metric must be the name of a metric (a key of metrics, or 'loss'), got ${String(options.metric)}.`);
    }
    if (options.mode !== 'min' && options.mode !== 'max') {
      throw new TypeError(`${where}.mode must be 'min' (smaller is better, e.g. a loss) or 'max' (e.g. an accuracy), got ${String(options.mode)}.`);
    }
    if (typeof options.patience !== 'number' || !Number.isInteger(options.patience) || options.patience < 1) {
      throw new RangeError(`${where}.patience must be an integer ≥ 1 (epochs without improvement before stopping), got ${String(options.patience)}.`);
    }
    const minDelta = options.minDelta ?? DEFAULT_MIN_DELTA;
    if (typeof minDelta !== 'number' || !Number.isFinite(minDelta) || minDelta < 0) {
      throw new RangeError(`${where}.minDelta must be a finite number ≥ 0, got ${String(minDelta)}; the default is 0.`);
    }
    this.metric = options.metric;
    this.mode = options.mode;
    this.patience = options.patience;
    this.minDelta = minDelta;
    this.restoreBest = options.restoreBest ?? DEFAULT_RESTORE_BEST;
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
