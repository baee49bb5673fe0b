import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatEpochLine, type ProgressReporter } from '../src/progress.js';
import { sgd } from '../src/sgd.js';
import { train } from '../src/train.js';
import { line, wb } from './train-fixtures.js';

const constantRun = (progress: Parameters<typeof train>[0]['progress']) =>
  train({
    params: wb(),
    loss: () => 0.25,
    gradient: () => 0.25,
    data: line(4),
    validation: line(2),
    metrics: { acc: () => 1 / 3 },
    batchSize: 2,
    epochs: 2,
    optimizer: sgd(),
    seed: 1,
    progress,
  });

describe('train: progress output', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('hands one plain line per epoch and the stop message to a function', () => {
    const lines: string[] = [];
    constantRun((l) => lines.push(l));
    expect(lines).toEqual([
      'epoch 1/2  loss 0.25  val_loss 0.25  acc 0.333333',
      'epoch 2/2  loss 0.25  val_loss 0.25  acc 0.333333',
      'completed 2 epochs (4 steps)',
    ]);
  });

  it("'auto' prints the same plain lines to stdout when it is not a terminal; false prints nothing", () => {
    const written: string[] = [];
    const isTTY = process.stdout.isTTY;
    process.stdout.isTTY = false;
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      constantRun('auto');
      constantRun(false);
    } finally {
      process.stdout.isTTY = isTTY;
    }
    expect(spy).toHaveBeenCalledTimes(3);
    expect(written.join('')).toBe(
      'epoch 1/2  loss 0.25  val_loss 0.25  acc 0.333333\nepoch 2/2  loss 0.25  val_loss 0.25  acc 0.333333\ncompleted 2 epochs (4 steps)\n',
    );
  });

  it("'auto' draws a cli-progress bar on a terminal stdout, then prints the stop message", () => {
    const written: string[] = [];
    const isTTY = process.stdout.isTTY;
    process.stdout.isTTY = true;
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      constantRun('auto');
    } finally {
      process.stdout.isTTY = isTTY;
    }
    const output = written.join('');
    expect(output).toContain('100% | loss 0.25');
    expect(output.endsWith('completed 2 epochs (4 steps)\n')).toBe(true);
    expect(output).not.toContain('epoch 1/2  loss');
  });

  it('formats numbers to 6 significant digits and omits a missing validation loss', () => {
    expect(formatEpochLine({ epoch: 3, loss: 1234.56789, metrics: { accuracy: 0.987654321 } }, 10)).toBe('epoch 3/10  loss 1234.57  accuracy 0.987654');
    expect(formatEpochLine({ epoch: 1, loss: 1.5e-9, metrics: {} }, 1)).toBe('epoch 1/1  loss 1.5e-9');
  });

  it('rejects an unknown progress value, or an object missing a method, naming the choices', () => {
    const choices = /progress must be 'auto', true, false, a function \(line\) => void or a reporter \{ start\?, step, epoch, finish \}, got /;
    expect(() => constantRun('bar' as 'auto')).toThrow(choices);
    expect(() => constantRun('bar' as 'auto')).toThrow(expect.objectContaining({ name: 'InvalidArgumentError', code: 'INVALID_ARGUMENT' }));
    expect(() => constantRun({ step() {}, epoch() {} } as unknown as ProgressReporter)).toThrow(choices);
    expect(() => constantRun({ step() {}, epoch() {}, finish() {}, start: 1 } as unknown as ProgressReporter)).toThrow(TypeError);
  });
});
