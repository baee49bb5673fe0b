/**
 * The `progress` option of `train`: what it accepts, and the reporter it
 * becomes. `'auto'` loads its implementation through the `#terminal-progress`
 * import, which resolves to a cli-progress bar in Node and to console lines
 * everywhere else, so this module is safe to bundle for a browser.
 */
import { InvalidArgumentError } from '@descent/core';
import { autoProgressReporter } from '#terminal-progress';
import { lineReporter, type ProgressPlan, type ProgressReporter } from './progress-reporter.js';

export {
  PROGRESS_DIGITS,
  formatEpochLine,
  type EpochSummary,
  type ProgressPlan,
  type ProgressReporter,
} from './progress-reporter.js';

/**
 * Where progress goes:
 * - `'auto'` (and `true`) — in Node, a progress bar when stdout is a terminal and
 *   one plain line per epoch on stdout otherwise; in a browser or worker, one
 *   plain line per epoch on `console.log`;
 * - `false` — nothing;
 * - a function — receives each plain line (no bar);
 * - a `ProgressReporter` object — receives every event (`start`, `step`, `epoch`,
 *   `finish`): the way to drive a page's own progress display.
 */
export type ProgressOption = 'auto' | boolean | ((line: string) => void) | ProgressReporter;

/** Progress is shown by default: a bar on a terminal, lines otherwise. */
export const DEFAULT_PROGRESS: ProgressOption = 'auto';

const silent: ProgressReporter = { step() {}, epoch() {}, finish() {} };

function isReporter(option: unknown): option is ProgressReporter {
  if (typeof option !== 'object' || option === null) return false;
  const r = option as Record<string, unknown>;
  return (
    typeof r['step'] === 'function' &&
    typeof r['epoch'] === 'function' &&
    typeof r['finish'] === 'function' &&
    (r['start'] === undefined || typeof r['start'] === 'function')
  );
}

/**
 * Return `option` if it is a valid `progress` value.
 * @throws InvalidArgumentError (a TypeError) naming the choices when it is not
 */
export function checkProgress(option: unknown): ProgressOption {
  if (typeof option === 'function' || typeof option === 'boolean' || option === 'auto' || isReporter(option)) {
    return option as ProgressOption;
  }
  throw new InvalidArgumentError(
    `train: progress must be 'auto', true, false, a function (line) => void or a reporter { start?, step, epoch, finish }, got ${String(option)}; ` +
      "the default 'auto' draws a bar on a terminal and prints lines otherwise.",
  );
}

/**
 * The reporter for a `progress` option; calls the reporter's `start` (if any) with the plan.
 * @param option 'auto' | boolean | (line) => void | ProgressReporter
 * @param epochs total epochs (for "epoch k/N")
 * @param stepsPerEpoch batches per epoch (the bar's unit)
 * @throws InvalidArgumentError (a TypeError) when the option is none of these
 */
export function createProgressReporter(option: ProgressOption, epochs: number, stepsPerEpoch: number): ProgressReporter {
  const checked = checkProgress(option);
  const plan: ProgressPlan = { epochs, stepsPerEpoch, totalSteps: epochs * stepsPerEpoch };
  if (typeof checked === 'function') return lineReporter(checked, epochs);
  if (checked === false) return silent;
  if (checked === true || checked === 'auto') return autoProgressReporter(plan);
  checked.start?.(plan);
  return checked;
}
