/**
 * minimize's history: the start (iteration 0) and one entry per step with f,
 * ‖∇f‖∞ and ‖Δx‖∞; points only on request; at most historyLimit of the LAST
 * entries are kept, so a long run's memory stays bounded.
 * Problem: f = x0² + x1², analytic gradient, sgd lr 0.1: x_k = 0.8^k·(−3, 4),
 * f_k = 25·0.64^k, ‖∇f(x_k)‖∞ = 8·0.8^k, ‖Δx_k‖∞ = 0.8^k.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { minimize, sgd } from '@descent/optim';

const sphere = (x: NdArray): number => x.get(0) ** 2 + x.get(1) ** 2;
const gradient = (x: NdArray, out: NdArray): void => {
  out.set(0, 2 * x.get(0));
  out.set(1, 2 * x.get(1));
};
const run = (extra: object) =>
  minimize(sphere, ndarray(new Float64Array([-3, 4])), { optimizer: sgd({ lr: 0.1 }), gradient, maxIterations: 50, ...extra });

describe('minimize history', () => {
  it('records the start and every step, without points by default', () => {
    const { history } = run({});
    expect(history).toHaveLength(51);
    expect(history[0]).toEqual({ iteration: 0, fun: 25, gradNorm: 8, stepSize: 0 });
    history.forEach((entry, k) => {
      expect(entry.iteration).toBe(k);
      expect(entry.fun).toBeCloseTo(25 * 0.64 ** k, 12);
      expect(entry.gradNorm).toBeCloseTo(8 * 0.8 ** k, 12);
      expect(entry.stepSize).toBeCloseTo(k === 0 ? 0 : 0.8 ** k, 12);
      expect(entry.x).toBeUndefined();
    });
  });

  it('historyPoints adds each point as a plain array', () => {
    const { history } = run({ historyPoints: true, maxIterations: 2 });
    expect(history).toHaveLength(3);
    expect(history[0]!.x).toEqual([-3, 4]);
    expect(history[1]!.x![0]).toBeCloseTo(-2.4, 15);
    expect(history[1]!.x![1]).toBeCloseTo(3.2, 15);
    expect(history[2]!.x![0]).toBeCloseTo(-1.92, 15);
    expect(history[2]!.x![1]).toBeCloseTo(2.56, 15);
  });

  it('historyLimit 7 keeps the last 7 entries of 51 (iterations 44 … 50)', () => {
    const result = run({ historyLimit: 7 });
    expect(result.iterations).toBe(50);
    expect(result.history.map((entry) => entry.iteration)).toEqual([44, 45, 46, 47, 48, 49, 50]);
    expect(result.history.at(-1)!.fun).toBe(result.fun);
  });

  it('historyLimit 0 keeps none', () => {
    expect(run({ historyLimit: 0 }).history).toEqual([]);
  });
});
