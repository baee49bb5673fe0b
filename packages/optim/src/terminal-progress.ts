/**
 * `progress: 'auto'` in Node (the `node` condition of the `#terminal-progress`
 * import): a cli-progress bar when stdout is a terminal, one plain line per
 * epoch otherwise (logs, CI). Node-only: bundlers for the browser resolve
 * `#terminal-progress` to console-progress.ts instead, so neither cli-progress
 * nor `process` ever reaches a browser bundle.
 */
import cliProgress from 'cli-progress';
import { formatProgressNumber, lineReporter, type ProgressPlan, type ProgressReporter } from './progress-reporter.js';

function barReporter({ epochs, totalSteps }: ProgressPlan): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    {
      format: 'epoch {epoch}/{epochs} [{bar}] {percentage}% | loss {loss} | ETA {eta_formatted}',
      stream: process.stdout,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(totalSteps, 0, { epoch: 1, epochs, loss: '-' });
  let epoch = 1;
  return {
    step(loss) {
      bar.increment(1, { epoch, loss: formatProgressNumber(loss) });
    },
    epoch(summary) {
      epoch = Math.min(summary.epoch + 1, epochs);
      bar.update({ epoch, loss: formatProgressNumber(summary.loss) });
    },
    finish(message) {
      bar.stop();
      process.stdout.write(`${message}\n`);
    },
  };
}

/** The default reporter in Node: a bar on a TTY stdout, plain lines on stdout otherwise. */
export function autoProgressReporter(plan: ProgressPlan): ProgressReporter {
  return process.stdout.isTTY === true ? barReporter(plan) : lineReporter((line) => process.stdout.write(`${line}\n`), plan.epochs);
}
