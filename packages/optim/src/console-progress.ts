/**
 * `progress: 'auto'` outside Node (the `default` condition of the
 * `#terminal-progress` import: browsers, workers, other runtimes): one plain
 * line per epoch and the stop message on `console.log`. Uses no Node built-in.
 */
import { lineReporter, type ProgressPlan, type ProgressReporter } from './progress-reporter.js';

/** The default reporter outside Node: plain lines on the console. */
export function autoProgressReporter(plan: ProgressPlan): ProgressReporter {
  return lineReporter((line) => console.log(line), plan.epochs);
}
