/**
 * A diverging run stops with reason 'diverged' and returns the best point seen
 * (lowest f among the points whose f and gradient were finite), with fun = f
 * there — never NaN or ±Infinity parameters.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { minimize, momentum, sgd, type MinimizeResult } from '@descent/optim';

const sphere = (x: NdArray): number => x.get(0) ** 2 + x.get(1) ** 2;
const sphereGradient = (x: NdArray, out: NdArray): void => {
  out.set(0, 2 * x.get(0));
  out.set(1, 2 * x.get(1));
};
const rosenbrock = (x: NdArray): number => (1 - x.get(0)) ** 2 + 100 * (x.get(1) - x.get(0) ** 2) ** 2;
const start = (): NdArray => ndarray(new Float64Array([-3, 4]));

function expectFiniteDiverged(result: MinimizeResult): void {
  expect(result.reason).toBe('diverged');
  expect(result.converged).toBe(false);
  for (const value of result.x.data) expect(Number.isFinite(value)).toBe(true);
  expect(Number.isFinite(result.fun)).toBe(true);
  expect(Number.isFinite(result.gradNorm)).toBe(true);
  expect(result.message).toMatch(/^Diverged: .*returning the best point seen/);
}

describe("minimize: 'diverged' keeps the best point", () => {
  it('NaN from f mid-run (sgd): stops at that step and returns the previous, lowest point', () => {
    // sgd lr 0.1, analytic gradient: call 1 is f(x0), call k + 1 is f(x_k), x_k = 0.8^k·(−3, 4).
    // f returns NaN from call 6 on, i.e. at x_5: the best point is x_4, f = 25·0.64^4 = 4.194304.
    let calls = 0;
    const f = (x: NdArray): number => (++calls >= 6 ? Number.NaN : sphere(x));
    const result = minimize(f, start(), { optimizer: sgd({ lr: 0.1 }), gradient: sphereGradient });
    expectFiniteDiverged(result);
    expect(result.iterations).toBe(4);
    expect(result.x.get(0)).toBeCloseTo(-3 * 0.8 ** 4, 14);
    expect(result.x.get(1)).toBeCloseTo(4 * 0.8 ** 4, 14);
    expect(result.fun).toBe(sphere(result.x));
    expect(result.fun).toBeCloseTo(4.194304, 14);
    expect(result.message).toMatch(/f returned NaN at step 5/);
  });

  it('NaN from f mid-run (default optimizer, numerical gradient): stops, fun is f at the returned point', () => {
    // From the 40th call on f is NaN, whether a line-search trial or a numerical-gradient
    // evaluation meets it first: either way no finite point is left to accept.
    let calls = 0;
    const f = (x: NdArray): number => (++calls >= 40 ? Number.NaN : rosenbrock(x));
    const result = minimize(f, ndarray(new Float64Array([-1.2, 1])));
    expectFiniteDiverged(result);
    expect(result.fun).toBe(rosenbrock(result.x));
    expect(result.fun).toBeLessThan(rosenbrock(ndarray(new Float64Array([-1.2, 1]))));
    expect(result.evaluations).toBeGreaterThanOrEqual(40);
  });

  it('an exploding sgd lr (1e200): f(x_1) = Infinity → x0 returned, f = 25', () => {
    // x_1 = x0 − 1e200·2·x0 ≈ (6e200, −8e200), whose square overflows to Infinity.
    const result = minimize(sphere, start(), { optimizer: sgd({ lr: 1e200 }) });
    expectFiniteDiverged(result);
    expect(result.iterations).toBe(0);
    expect(Array.from(result.x.data)).toEqual([-3, 4]);
    expect(result.fun).toBe(25);
    expect(result.message).toMatch(/f returned Infinity at step 1/);
  });

  it('too large an lr on x0² + x1² (sgd lr 10): the growing loss is caught, x0 returned (not ±Infinity)', () => {
    // x_k = (1 − 20)^k·x0 = (−19)^k·x0: f grows ×361 per step; after divergencePatience = 10
    // consecutive increases (f_10 = 25·361^10 ≈ 9.4e26 > f(x0)) the run stops; the best is x0.
    const result = minimize(sphere, start(), { optimizer: sgd({ lr: 10 }), gradient: sphereGradient });
    expectFiniteDiverged(result);
    expect(result.iterations).toBe(10);
    expect(Array.from(result.x.data)).toEqual([-3, 4]);
    expect(result.fun).toBe(25);
    expect(result.history.at(-1)!.fun).toBeCloseTo(25 * 361 ** 10, -14);
  });

  it('too large an lr with a fixed h (1e-4): x ± h vanishes at |x| ≈ 1e12 → diverged, x0 returned', () => {
    // x_k = (−19)^k·(−3, 4): at k = 9, |x| ≈ 1.3e12 and 4·19^9 ≈ 1.3e12 > 2^40, whose float spacing
    // 2^−12 ≈ 2.4e-4 exceeds 2h, so x ± 1e-4 rounds to x and core refuses the numerical gradient.
    const result = minimize(sphere, start(), { optimizer: sgd({ lr: 10 }), gradient: { h: 1e-4 } });
    expectFiniteDiverged(result);
    expect(result.iterations).toBe(8);
    expect(Array.from(result.x.data)).toEqual([-3, 4]);
    expect(result.message).toMatch(/step 9 reached x\[\d\] = .*, where x ± h \(h = 0\.0001\) rounds to x/);
  });

  it('a growing loss with divergencePatience 3 (sgd lr 1.5: f_k = 25·4^k) stops after 3 increases', () => {
    const result = minimize(sphere, start(), { optimizer: sgd({ lr: 1.5 }), gradient: sphereGradient, divergencePatience: 3 });
    expectFiniteDiverged(result);
    expect(result.iterations).toBe(3);
    expect(result.history.map((entry) => entry.fun)).toEqual([25, 100, 400, 1600]);
    expect(Array.from(result.x.data)).toEqual([-3, 4]);
    expect(result.message).toMatch(/f increased on 3 consecutive steps, to 1600 \(f\(x0\) = 25\)/);
  });

  it('a step to ±Infinity with a finite f is caught as a non-finite parameter', () => {
    // f = min(x², 1) is finite even at x = −Infinity; x0 = 0.9, g = 1.8,
    // lr 1.5e308: the step −1.5e308·1.8 overflows to −Infinity.
    const f = (x: NdArray): number => Math.min(x.get(0) ** 2, 1);
    const gradient = (x: NdArray, out: NdArray): void => {
      out.set(0, 2 * x.get(0));
    };
    const result = minimize(f, ndarray(new Float64Array([0.9])), { optimizer: sgd({ lr: 1.5e308 }), gradient });
    expectFiniteDiverged(result);
    expect(Array.from(result.x.data)).toEqual([0.9]);
    expect(result.message).toMatch(/step 1 produced a non-finite parameter/);
  });

  it('a non-finite analytic gradient mid-run: the last point with a finite gradient is returned', () => {
    // sgd lr 0.1: x_k = 0.8^k·(−3, 4); the gradient turns NaN at x_3 (call 4 of the gradient).
    let calls = 0;
    const gradient = (x: NdArray, out: NdArray): void => {
      calls++;
      out.set(0, calls >= 4 ? Number.NaN : 2 * x.get(0));
      out.set(1, 2 * x.get(1));
    };
    const result = minimize(sphere, start(), { optimizer: sgd({ lr: 0.1 }), gradient });
    expectFiniteDiverged(result);
    expect(result.iterations).toBe(2);
    expect(result.x.get(0)).toBeCloseTo(-1.92, 15);
    expect(result.x.get(1)).toBeCloseTo(2.56, 15);
    expect(result.gradNorm).toBeCloseTo(5.12, 14);
    expect(result.message).toMatch(/the gradient at step 3 is not finite/);
  });

  it('the line search meets only non-finite values: diverged at x0', () => {
    // f is finite only at x0 itself; every trial x0 − α·g is NaN until α·g no longer moves x.
    const f = (x: NdArray): number => (x.get(0) === -3 && x.get(1) === 4 ? 25 : Number.NaN);
    const result = minimize(f, start(), { gradient: sphereGradient });
    expectFiniteDiverged(result);
    expect(result.iterations).toBe(0);
    expect(Array.from(result.x.data)).toEqual([-3, 4]);
    expect(result.message).toMatch(/f was not finite at any of the \d+ trial points of the line search/);
  });

  it('an oscillating but converging momentum run is not called diverged', () => {
    // Momentum 0.9 with lr 0.01 on x² + 10·y² overshoots: f rises on some steps, yet stays below f(x0).
    const f = (x: NdArray): number => x.get(0) ** 2 + 10 * x.get(1) ** 2;
    const gradient = (x: NdArray, out: NdArray): void => {
      out.set(0, 2 * x.get(0));
      out.set(1, 20 * x.get(1));
    };
    const result = minimize(f, start(), { optimizer: momentum({ lr: 0.01, momentum: 0.9 }), gradient, maxIterations: 5000 });
    const increases = result.history.filter((entry, i) => i > 0 && entry.fun > result.history[i - 1]!.fun).length;
    expect(increases).toBeGreaterThan(0);
    expect(result.reason).toBe('gradTol');
  });
});
