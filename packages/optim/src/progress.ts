/**
 * Training progress output: a cli-progress bar when stdout is a terminal, plain
 * per-epoch lines otherwise (logs, CI), or lines handed to a function.
 */
import cliProgress from 'cli-progress';

/**
 * Where progress goes: `'auto'` (and `true`) — a progress bar on a TTY stdout, one
 * plain line per epoch otherwise; `false` — nothing; a function — receives each
 * plain line (no bar).
 */
export type ProgressOption = 'auto' | boolean | ((line: string) => void);

/** Progress is shown by default: a bar on a terminal, lines otherwise. */
export const DEFAULT_PROGRESS: ProgressOption = 'auto';

/** Significant digits of the numbers in progress lines. */
export const PROGRESS_DIGITS = 6;

/** The values shown at the end of an epoch. */
export interface EpochSummary {
  readonly epoch: number;
  readonly loss: number;
  readonly validationLoss?: number | undefined;
  readonly metrics: Readonly<Record<string, number>>;
}

/** Receives progress events from the training loop. */
export interface ProgressReporter {
  /** After each optimizer step (cheap: the bar redraws at most 10 times per second). */
  step(loss: number): void;
  /** At the end of each epoch. */
  epoch(summary: EpochSummary): void;
  /** Once, when training ends for any reason; `message` explains why it stopped. */
  finish(message: string): void;
}

/**
 * The plain line of one epoch, e.g. `epoch 3/10  loss 0.123457  val_loss 0.2  accuracy 0.95`.
 * @example
 * formatEpochLine({ epoch: 1, loss: 0.5, metrics: { accuracy: 0.75 } }, 2); // 'epoch 1/2  loss 0.5  accuracy 0.75'
 */
export function formatEpochLine(summary: EpochSummary, epochs: number): string {
  let line = `epoch ${summary.epoch}/${epochs}  loss ${formatNumber(summary.loss)}`;
  if (summary.validationLoss !== undefined) line += `  val_loss ${formatNumber(summary.validationLoss)}`;
  for (const [name, value] of Object.entries(summary.metrics)) line += `  ${name} ${formatNumber(value)}`;
  return line;
}

function formatNumber(x: number): string {
  return String(Number(x.toPrecision(PROGRESS_DIGITS)));
}

const silent: ProgressReporter = { step() {}, epoch() {}, finish() {} };

function lineReporter(write: (line: string) => void, epochs: number): ProgressReporter {
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

function barReporter(epochs: number, stepsPerEpoch: number): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    {
      format: 'epoch {epoch}/{epochs} [{bar}] {percentage}% | loss {loss} | ETA {eta_formatted}',
      stream: process.stdout,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(epochs * stepsPerEpoch, 0, { epoch: 1, epochs, loss: '-' });
  let epoch = 1;
  return {
    step(loss) {
      bar.increment(1, { epoch, loss: formatNumber(loss) });
    },
    epoch(summary) {
      epoch = Math.min(summary.epoch + 1, epochs);
      bar.update({ epoch, loss: formatNumber(summary.loss) });
    },
    finish(message) {
      bar.stop();
      process.stdout.write(`${message}\n`);
    },
  };
}

/**
 * Return `option` if it is a valid `progress` value.
 * @throws TypeError naming the choices when it is not
 */
export function checkProgress(option: unknown): ProgressOption {
  if (typeof option === 'function' || typeof option === 'boolean' || option === 'auto') return option as ProgressOption;
  throw new TypeError(
    `train: progress must be 'auto', true, false or a function (line) => void, got ${String(option)}; the default 'auto' draws a bar on a terminal and prints lines otherwise.`,
  );
}

/**
 * The reporter for a `progress` option.
 * @param option 'auto' | boolean | (line) => void
 * @param epochs total epochs (for "epoch k/N")
 * @param stepsPerEpoch batches per epoch (the bar's unit)
 * @throws TypeError when the option is none of these
 */
export function createProgressReporter(option: ProgressOption, epochs: number, stepsPerEpoch: number): ProgressReporter {
  const checked = checkProgress(option);
  if (typeof checked === 'function') return lineReporter(checked, epochs);
  if (checked === false) return silent;
  return process.stdout.isTTY ? barReporter(epochs, stepsPerEpoch) : lineReporter((line) => process.stdout.write(`${line}\n`), epochs);
}
