/**
 * The progress interface of `train` and its plain-text implementation: the
 * part of progress reporting that runs anywhere (Node, browsers, workers).
 */

/** Significant digits of the numbers in progress lines. */
export const PROGRESS_DIGITS = 6;

/** The values shown at the end of an epoch. */
export interface EpochSummary {
  readonly epoch: number;
  readonly loss: number;
  readonly validationLoss?: number | undefined;
  readonly metrics: Readonly<Record<string, number>>;
}

/** The size of a training run, given to `ProgressReporter.start` before the first step. */
export interface ProgressPlan {
  /** Epochs requested (training may stop earlier; `finish` says why). */
  readonly epochs: number;
  /** Optimizer steps (batches) per epoch. */
  readonly stepsPerEpoch: number;
  /** `epochs × stepsPerEpoch`: the step count of a run that completes. */
  readonly totalSteps: number;
}

/**
 * Receives progress events from the training loop. Pass an object of this shape
 * as `train`'s `progress` option to show progress anywhere — a `<progress>`
 * element, a worker's `postMessage`, a log. Calls arrive in the order
 * `start`, then `step` after every optimizer step and `epoch` after every
 * epoch, then `finish` exactly once (also when training stops early or throws).
 * @example
 * import ndarray from 'ndarray';
 * import { train, sgd, type ProgressReporter } from '@descent/optim';
 * // In a page, `bar` would be a <progress> element and `label` a <span>.
 * const bar = { value: 0, max: 0 };
 * const label = { textContent: '' };
 * const reporter: ProgressReporter = {
 *   start: ({ totalSteps }) => { bar.max = totalSteps; },
 *   step: () => { bar.value++; },
 *   epoch: (summary) => { label.textContent = `epoch ${summary.epoch}: loss ${summary.loss.toFixed(3)}`; },
 *   finish: (message) => { label.textContent = message; },
 * };
 * const w = ndarray(new Float64Array([0]));
 * const data = { inputs: ndarray(new Float64Array([1, 2, 3, 4]), [4, 1]), targets: ndarray(new Float64Array([2, 4, 6, 8])) };
 * train({
 *   params: { w }, data, batchSize: 2, epochs: 3, optimizer: sgd({ lr: 0.02 }), seed: 1, progress: reporter,
 *   loss: (p, batch) => (p.w.get(0) * batch.inputs.get(0, 0) - batch.targets.get(0)) ** 2,
 * });
 * bar.max; // → 6
 * bar.value; // → 6
 * label.textContent; // → 'completed 3 epochs (6 steps)'
 */
export interface ProgressReporter {
  /** Once, before the first step. Optional. */
  start?(plan: ProgressPlan): void;
  /** After each optimizer step, with that batch's loss (keep it cheap: it runs once per step). */
  step(loss: number): void;
  /** At the end of each epoch. */
  epoch(summary: EpochSummary): void;
  /** Once, when training ends for any reason; `message` explains why it stopped. */
  finish(message: string): void;
}

/**
 * The plain line of one epoch, e.g. `epoch 3/10  loss 0.123457  val_loss 0.2  accuracy 0.95`.
 * @example
 * formatEpochLine({ epoch: 1, loss: 0.5, metrics: { accuracy: 0.75 } }, 2); // → 'epoch 1/2  loss 0.5  accuracy 0.75'
 */
export function formatEpochLine(summary: EpochSummary, epochs: number): string {
  let line = `epoch ${summary.epoch}/${epochs}  loss ${formatProgressNumber(summary.loss)}`;
  if (summary.validationLoss !== undefined) line += `  val_loss ${formatProgressNumber(summary.validationLoss)}`;
  for (const [name, value] of Object.entries(summary.metrics)) line += `  ${name} ${formatProgressNumber(value)}`;
  return line;
}

/** `x` to `PROGRESS_DIGITS` significant digits, without trailing zeros. */
export function formatProgressNumber(x: number): string {
  return String(Number(x.toPrecision(PROGRESS_DIGITS)));
}

/** A reporter that hands one plain line per epoch, then the stop message, to `write`. */
export function lineReporter(write: (line: string) => void, epochs: number): ProgressReporter {
  return {
    step() {},
    epoch(summary) {
      write(formatEpochLine(summary, epochs));
    },
    finish(message) {
      write(message);
    },
  };
}
