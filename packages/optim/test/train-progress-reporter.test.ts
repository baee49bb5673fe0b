import { afterEach, describe, expect, it, vi } from 'vitest';
import { autoProgressReporter } from '../src/console-progress.js';
import type { EpochSummary, ProgressPlan, ProgressReporter } from '../src/progress.js';
import { sgd } from '../src/sgd.js';
import { train } from '../src/train.js';
import { line, wb } from './train-fixtures.js';

describe('train: a ProgressReporter object as the progress option', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('gets start(plan) once, a step per batch, an epoch per epoch, then finish once, in order', () => {
    const events: string[] = [];
    const plans: ProgressPlan[] = [];
    const summaries: EpochSummary[] = [];
    const reporter: ProgressReporter = {
      start(plan) {
        plans.push(plan);
        events.push('start');
      },
      step(loss) {
        events.push(`step ${loss}`);
      },
      epoch(summary) {
        summaries.push(summary);
        events.push(`epoch ${summary.epoch}`);
      },
      finish(message) {
        events.push(`finish ${message}`);
      },
    };
    // 5 rows in batches of 2 without dropLast: batches of 2, 2, 1 → 3 steps per epoch.
    train({ params: wb(), loss: () => 0.5, gradient: () => 0.5, data: line(5), batchSize: 2, epochs: 2, optimizer: sgd(), seed: 1, progress: reporter });
    expect(plans).toEqual([{ epochs: 2, stepsPerEpoch: 3, totalSteps: 6 }]);
    expect(events).toEqual([
      'start',
      'step 0.5',
      'step 0.5',
      'step 0.5',
      'epoch 1',
      'step 0.5',
      'step 0.5',
      'step 0.5',
      'epoch 2',
      'finish completed 2 epochs (6 steps)',
    ]);
    expect(summaries.map((s) => s.loss)).toEqual([0.5, 0.5]);
  });

  it('works without the optional start method, and a class instance (methods on the prototype) is accepted', () => {
    class Counter implements ProgressReporter {
      steps = 0;
      finished = '';
      step(): void {
        this.steps++;
      }
      epoch(): void {}
      finish(message: string): void {
        this.finished = message;
      }
    }
    const counter = new Counter();
    train({ params: wb(), loss: () => 1, gradient: () => 1, data: line(4), batchSize: 4, epochs: 3, optimizer: sgd(), seed: 1, progress: counter });
    expect(counter.steps).toBe(3);
    expect(counter.finished).toBe('completed 3 epochs (3 steps)');
  });
});

describe("progress 'auto' outside Node (the default condition of #terminal-progress)", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('logs one plain line per epoch and the stop message with console.log, nothing per step', () => {
    const logged: unknown[][] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      logged.push(args);
    });
    const reporter = autoProgressReporter({ epochs: 2, stepsPerEpoch: 3, totalSteps: 6 });
    reporter.step(1);
    reporter.epoch({ epoch: 1, loss: 0.25, validationLoss: 0.5, metrics: { acc: 2 / 3 } });
    reporter.finish('stopped');
    expect(logged).toEqual([['epoch 1/2  loss 0.25  val_loss 0.5  acc 0.666667'], ['stopped']]);
  });
});
