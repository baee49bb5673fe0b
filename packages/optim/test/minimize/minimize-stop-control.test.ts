/**
 * The caller can stop minimize: an AbortSignal (checked before every step →
 * 'aborted') and onIteration returning false (→ 'callback'). onIteration sees
 * every step with the current point, f there, ‖∇f‖∞, ‖Δx‖∞ and the calls so far.
 * Problem: f = x0² + x1², analytic gradient, sgd lr 0.1, so x_k = 0.8^k·(−3, 4).
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { minimize, sgd, type MinimizeIterationInfo } from '@descent/optim';

const sphere = (x: NdArray): number => x.get(0) ** 2 + x.get(1) ** 2;
const gradient = (x: NdArray, out: NdArray): void => {
  out.set(0, 2 * x.get(0));
  out.set(1, 2 * x.get(1));
};
const options = { optimizer: sgd({ lr: 0.1 }), gradient };

describe('minimize stopped by the caller', () => {
  it("an already aborted signal: 'aborted' before any step, x = x0", () => {
    const controller = new AbortController();
    controller.abort();
    const result = minimize(sphere, ndarray(new Float64Array([-3, 4])), { ...options, signal: controller.signal });
    expect(result.reason).toBe('aborted');
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(0);
    expect(Array.from(result.x.data)).toEqual([-3, 4]);
    expect(result.fun).toBe(25);
    expect(result.message).toBe('Aborted by the signal after 0 steps and 1 evaluation of f (f = 25, ‖∇f‖∞ = 8).');
  });

  it("a signal aborted during step 3: 'aborted' before step 4, x = x_3", () => {
    const controller = new AbortController();
    const result = minimize(sphere, ndarray(new Float64Array([-3, 4])), {
      ...options,
      signal: controller.signal,
      onIteration: (info) => {
        if (info.iteration === 3) controller.abort();
      },
    });
    expect(result.reason).toBe('aborted');
    expect(result.iterations).toBe(3);
    expect(result.x.get(0)).toBeCloseTo(-3 * 0.8 ** 3, 15);
    expect(result.x.get(1)).toBeCloseTo(4 * 0.8 ** 3, 15);
  });

  it("onIteration returning false at step 2: 'callback', x = x_2 = (−1.92, 2.56)", () => {
    const seen: Omit<MinimizeIterationInfo, 'x'>[] = [];
    const points: number[][] = [];
    const result = minimize(sphere, ndarray(new Float64Array([-3, 4])), {
      ...options,
      onIteration: ({ x, ...info }) => {
        seen.push(info);
        points.push([x.get(0), x.get(1)]);
        return info.iteration < 2;
      },
    });
    expect(result.reason).toBe('callback');
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(2);
    expect(result.x.get(0)).toBeCloseTo(-1.92, 15);
    expect(result.x.get(1)).toBeCloseTo(2.56, 15);
    // Step 1: x = (−2.4, 3.2), f = 16, ‖g‖∞ = 6.4, ‖Δx‖∞ = 0.8, calls 2 (f(x0), f(x1)).
    // Step 2: x = (−1.92, 2.56), f = 10.24, ‖g‖∞ = 5.12, ‖Δx‖∞ = 0.64, calls 3.
    expect(seen.map((s) => s.iteration)).toEqual([1, 2]);
    expect(seen.map((s) => s.evaluations)).toEqual([2, 3]);
    seen.forEach((s, i) => {
      const k = i + 1;
      expect(s.fun).toBeCloseTo(25 * 0.64 ** k, 13);
      expect(s.gradNorm).toBeCloseTo(8 * 0.8 ** k, 13);
      expect(s.stepSize).toBeCloseTo(0.8 ** k, 13);
      expect(s.fun).toBe(sphere(ndarray(Float64Array.from(points[i]!))));
    });
    expect(result.message).toMatch(/^Stopped by onIteration returning false after 2 steps/);
  });
});
