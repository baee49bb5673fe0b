import { describe, expect, it } from 'vitest';
import { sgd } from '../src/sgd.js';
import { train } from '../src/train.js';
import type { Batch } from '../src/batches.js';
import { line, mse, mseGradient, snapshot, wb, type P } from './train-fixtures.js';

describe('train: non-finite loss or gradient', () => {
  it('stops a diverging run and returns the last parameters whose loss and gradient were finite', () => {
    // lr 1 on x = 0 … 7 multiplies the error by ≈ −(2·E[x²] − 1) ≈ −34 per step: overflow within ~200 steps.
    const seen: { params: Record<string, number[]>; finite: boolean }[] = [];
    const result = train({
      params: wb(),
      loss: mse,
      gradient: (p: P, batch: Batch, grads: P) => {
        const loss = mseGradient(p, batch, grads);
        const values = snapshot(grads);
        const finite = Number.isFinite(loss) && values['w']!.every(Number.isFinite) && values['b']!.every(Number.isFinite);
        seen.push({ params: snapshot(p), finite });
        return loss;
      },
      data: line(8),
      batchSize: 8,
      epochs: 1000,
      optimizer: sgd({ lr: 1 }),
      seed: 1,
      progress: false,
    });
    expect(result.stopped.reason).toBe('non-finite');
    expect(result.stopped.message).toMatch(/^stopped in epoch \d+, batch 1: .*restored/);
    const lastFinite = seen.filter((s) => s.finite).at(-1)!;
    expect(snapshot(result.params)).toEqual(lastFinite.params);
    expect(Number.isFinite(result.params['w']!.get(0))).toBe(true);
    expect(Number.isFinite(result.params['b']!.get(0))).toBe(true);
    // The run really diverged (huge but finite parameters), and the history holds no NaN.
    expect(Math.abs(result.params['w']!.get(0))).toBeGreaterThan(1e100);
    expect(result.history.length).toBeGreaterThan(10);
    expect(result.history.every((h) => Number.isFinite(h.loss))).toBe(true);
    expect(result.epochs).toBe(result.history.length);
  });

  it('reports a NaN loss and keeps the parameters from before the step that produced it', () => {
    // Full-batch SGD from w = b = 0 with lr 0.01; the loss turns NaN as soon as w exceeds 1.
    const trace: number[] = [];
    const result = train({
      params: wb(),
      loss: mse,
      gradient: (p: P, batch: Batch, grads: P) => {
        trace.push(p['w']!.get(0));
        const loss = mseGradient(p, batch, grads);
        return p['w']!.get(0) > 1 ? Number.NaN : loss;
      },
      data: line(8),
      batchSize: 8,
      epochs: 100,
      optimizer: sgd({ lr: 0.01 }),
      seed: 1,
      progress: false,
    });
    expect(result.stopped.reason).toBe('non-finite');
    expect(result.stopped.message).toContain('the loss is NaN');
    // The last call saw w > 1; the returned w is the one before it (≤ 1). trace[k] is w after k steps, so the
    // returned params are those after trace.length − 2 steps: the step that led to the NaN is not counted.
    expect(trace.at(-1)!).toBeGreaterThan(1);
    expect(result.params['w']!.get(0)).toBe(trace.at(-2));
    expect(result.steps).toBe(trace.length - 2);
    expect(result.stopped.message).toContain(`those after step ${trace.length - 2}; step ${trace.length - 1}, which led here, was undone (after ${trace.length - 2} steps)`);
  });

  it('stops when the loss is finite but not around the point (numerical gradient), keeping the point before', () => {
    // loss = −0.05·b below b = 0.700001 and +∞ above. From b = 0.65, SGD with lr 1 steps to b = 0.7, whose
    // loss is finite, but the central difference perturbs b by h ≈ 6e-6 into the infinite region: the
    // gradient at 0.7 does not exist, so the last point with a finite loss AND gradient is b = 0.65.
    const loss = (p: P): number => (p['b']!.get(0) > 0.700001 ? Infinity : -0.05 * p['b']!.get(0));
    const result = train({ params: wb(0, 0.65), loss, data: line(2), batchSize: 2, epochs: 5, optimizer: sgd({ lr: 1 }), seed: 1, progress: false });
    expect(result.stopped.reason).toBe('non-finite');
    expect(result.stopped.message).toContain('the loss is not finite next to the current point (it is Infinity when b[0] is perturbed');
    // The step to 0.7 is undone, so no step is counted: the params are the initial ones.
    expect(result.steps).toBe(0);
    expect(result.params['b']!.get(0)).toBe(0.65);
    expect(result.params['w']!.get(0)).toBe(0);
  });

  it('names the parameter whose analytic gradient is infinite', () => {
    const result = train({
      params: wb(1, 1),
      loss: mse,
      gradient: (_p: P, _batch: Batch, grads: P) => {
        grads['b']!.set(0, -Infinity);
        return 1;
      },
      data: line(2),
      batchSize: 2,
      epochs: 2,
      optimizer: sgd(),
      seed: 1,
      progress: false,
    });
    expect(result.stopped.message).toMatch(/^stopped in epoch 1, batch 1: the gradient of 'b' is not finite; params were restored/);
    expect(snapshot(result.params)).toEqual({ w: [1], b: [1] });
  });

  it('stops when an update overflows a parameter, restoring its value before the update', () => {
    // Gradient −1e308 with lr 10 gives a step of +1e309 = Infinity in 'w'.
    const result = train({
      params: wb(2, 3),
      loss: mse,
      gradient: (_p: P, _batch: Batch, grads: P) => {
        grads['w']!.set(0, -1e308);
        return 1;
      },
      data: line(2),
      batchSize: 2,
      epochs: 2,
      optimizer: sgd({ lr: 10 }),
      seed: 1,
      progress: false,
    });
    expect(result.stopped.message).toContain("the update made 'w' non-finite");
    expect(snapshot(result.params)).toEqual({ w: [2], b: [3] });
    expect(result.steps).toBe(0);
  });

  it('stops at once, parameters untouched, when the starting point already has an infinite loss', () => {
    const params = wb(3, 1);
    const result = train({ params, loss: () => Infinity, data: line(4), batchSize: 2, epochs: 3, optimizer: sgd(), seed: 1, progress: false });
    expect(result.stopped.reason).toBe('non-finite');
    expect(result.stopped.message).toContain('the loss is Infinity');
    expect(result.steps).toBe(0);
    expect(result.history).toEqual([]);
    expect(snapshot(params)).toEqual({ w: [3], b: [1] });
  });
});
