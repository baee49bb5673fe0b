import ndarray from 'ndarray';
import { adam, gradientDescent, minimize } from '@descent/optim';
import { describe, expect, it } from 'vitest';
import { functionById } from '../src/functions.js';
import { optimizerById } from '../src/optimizers.js';
import { runOptimizer, type Trace } from '../src/runner.js';

function expectConsistent(trace: Trace): void {
  expect(trace.path).toHaveLength(trace.iterations + 1);
  expect(trace.fun).toHaveLength(trace.iterations + 1);
  expect(trace.gradNorm).toHaveLength(trace.iterations + 1);
  for (const [a, b] of trace.path) expect(Number.isFinite(a) && Number.isFinite(b)).toBe(true);
  for (const v of [...trace.fun, ...trace.gradNorm, trace.value, ...trace.x]) expect(Number.isFinite(v)).toBe(true);
  expect(trace.path[trace.bestStep]).toEqual(trace.x);
  expect(trace.fun[trace.bestStep]).toBe(trace.value);
}

describe('runner', () => {
  it("walks exactly the book's gradientDescent path (same quotient and h)", () => {
    const sphere = functionById('sphere');
    const trace = runOptimizer(sphere, optimizerById('gd'), { lr: 0.1 }, [-3, 4], { maxIterations: 20, gradient: { h: 1e-4, quotient: 'nominal' } });
    const book = gradientDescent(sphere.f, ndarray(new Float64Array([-3, 4])), { lr: 0.1, stepNum: 20, gradient: { h: 1e-4 } });
    // gradientDescent's history holds the points before each step; the final point is x
    expect(trace.path).toEqual([...book.history, Array.from(book.x.data)]);
    expect(trace.reason).toBe('maxIterations');
    expectConsistent(trace);
  });

  it("records minimize's own numbers: the final point, f, reason and message of a direct call", () => {
    const rosenbrock = functionById('rosenbrock');
    const trace = runOptimizer(rosenbrock, optimizerById('adam'), { lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-7 }, [-1.5, 1.5], { maxIterations: 200, gradient: {} });
    const direct = minimize(rosenbrock.f, ndarray(new Float64Array([-1.5, 1.5])), { optimizer: adam({ lr: 0.05 }), maxIterations: 200, gradient: { scheme: 'central' } });
    expect(trace.x).toEqual([direct.x.get(0), direct.x.get(1)]);
    expect(trace.value).toBe(direct.fun);
    expect(trace.reason).toBe(direct.reason);
    expect(trace.message).toBe(direct.message);
    expect(trace.fun).toEqual(direct.history.map((e) => e.fun));
    expect(trace.iterations).toBe(200);
    expectConsistent(trace);
  });

  it('shows a divergence as such: reason, message, and the best finite point — never a NaN', () => {
    // lr 0.01 on Rosenbrock: |∂f/∂x0| ≈ 216 at the start, the step overshoots the valley walls and grows
    const trace = runOptimizer(functionById('rosenbrock'), optimizerById('gd'), { lr: 0.01 }, [-1.2, 1], { maxIterations: 500, gradient: {} });
    expect(trace.reason).toBe('diverged');
    expect(trace.converged).toBe(false);
    expect(trace.message).toMatch(/^Diverged: .*best point seen, from step \d+/);
    expect(trace.bestStep).toBeLessThan(trace.path.length - 1);
    expect(Math.min(...trace.fun)).toBe(trace.value);
    expectConsistent(trace);
  });

  it('stops at the saddle point from x1 = 0 and escapes it from x1 = 0.05', () => {
    const saddle = functionById('saddle');
    const gd = optimizerById('gd');
    // x0 ← x0 − 0.05·2x0 = 0.9·x0 while x1 = 0 stays: ‖∇f‖∞ = 2·|x0| falls below 1e-5 when 3.6·0.9^k ≤ 1e-5, k ≥ 122
    const stuck = runOptimizer(saddle, gd, { lr: 0.05 }, [-1.8, 0], { maxIterations: 500, gradient: {} });
    expect(stuck.reason).toBe('gradTol');
    expect(stuck.iterations).toBe(122);
    expect(stuck.x[1]).toBe(0);
    // off the axis x1 ← 1.1·x1 grows without bound: after 100 steps 0.05·1.1^100 ≈ 689
    const escaped = runOptimizer(saddle, gd, { lr: 0.05 }, [-1.8, 0.05], { maxIterations: 100, gradient: {} });
    expect(escaped.reason).toBe('maxIterations');
    expect(escaped.x[1] / (0.05 * 1.1 ** 100)).toBeCloseTo(1, 6);
    expectConsistent(escaped);
  });

  it('lets L-BFGS reach the Rosenbrock minimum in far fewer steps than the first-order methods', () => {
    const trace = runOptimizer(functionById('rosenbrock'), optimizerById('lbfgs'), { memory: 20, c1: 1e-4 }, [-1.2, 1], { maxIterations: 1000, gradient: {} });
    expect(trace.reason).toBe('gradTol');
    expect(trace.x[0]).toBeCloseTo(1, 4);
    expect(trace.x[1]).toBeCloseTo(1, 4);
    expect(trace.iterations).toBeLessThan(100);
    expectConsistent(trace);
  });

  it('passes the gradient settings to core (forward differences move the path)', () => {
    const sphere = functionById('sphere');
    const settings = (scheme: 'central' | 'forward') => ({ maxIterations: 3, gradient: { scheme, h: 1e-2 } });
    const central = runOptimizer(sphere, optimizerById('gd'), { lr: 0.1 }, [-3, 4], settings('central'));
    const forward = runOptimizer(sphere, optimizerById('gd'), { lr: 0.1 }, [-3, 4], settings('forward'));
    // forward difference of x²: ((x + h)² − x²)/h = 2x + h, so the first step is 0.1·h = 1e-3 shorter in each coordinate
    expect(forward.path[1]![0] - central.path[1]![0]).toBeCloseTo(-1e-3, 9);
    expect(forward.path[1]![1] - central.path[1]![1]).toBeCloseTo(-1e-3, 9);
  });
});
