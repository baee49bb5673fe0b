import ndarray from 'ndarray';
import { minimize } from '@descent/optim';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, functionById } from '../src/functions.js';
import { OPTIMIZERS, initialValues, optimizerById } from '../src/optimizers.js';

describe('optimizers catalogue', () => {
  it('has the seven optimizers of the issue', () => {
    expect(OPTIMIZERS.map((o) => o.id)).toEqual(['gd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'lbfgs']);
    expect(new Set(OPTIMIZERS.map((o) => o.color)).size).toBe(7);
  });

  it("has slider ranges holding each default and each function's suggestion", () => {
    for (const o of OPTIMIZERS) {
      for (const h of o.hyperparameters) {
        expect(h.min).toBeLessThan(h.max);
        expect(h.default).toBeGreaterThanOrEqual(h.min);
        expect(h.default).toBeLessThanOrEqual(h.max);
        if (h.scale === 'log') expect(h.min).toBeGreaterThan(0);
      }
      for (const fn of FUNCTIONS) {
        const values = initialValues(o, fn.suggested[o.id]);
        expect(Object.keys(values).sort()).toEqual(o.hyperparameters.map((h) => h.key).sort());
        for (const h of o.hyperparameters) {
          expect(values[h.key]).toBeGreaterThanOrEqual(h.min);
          expect(values[h.key]).toBeLessThanOrEqual(h.max);
        }
        for (const key of Object.keys(fn.suggested[o.id] ?? {})) expect(o.hyperparameters.map((h) => h.key)).toContain(key);
      }
    }
  });

  it("takes optim's defaults where the function suggests nothing", () => {
    expect(initialValues(optimizerById('adam'))).toEqual({ lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-7 });
    expect(initialValues(optimizerById('lbfgs'))).toEqual({ memory: 20, c1: 1e-4 });
    expect(initialValues(optimizerById('adam'), { lr: 0.3 })).toEqual({ lr: 0.3, beta1: 0.9, beta2: 0.999, eps: 1e-7 });
  });

  it('builds optimizers whose steps are the hand-derived ones on x0² + x1²', () => {
    const sphere = functionById('sphere');
    const run = (id: string, values: Record<string, number>, steps: number) =>
      minimize(sphere.f, ndarray(new Float64Array([-3, 4])), { optimizer: optimizerById(id).build(values), maxIterations: steps, gradTol: 0, gradient: { scheme: 'central' } }).x;
    // gradient descent: x ← x − 0.1·2x = 0.8x
    const gd = run('gd', { lr: 0.1 }, 1);
    expect(gd.get(0)).toBeCloseTo(-2.4, 9);
    expect(gd.get(1)).toBeCloseTo(3.2, 9);
    // momentum μ = 0.5, lr 0.1: t1 = g0 = 2x0 = (−6, 8), x1 = x0 − 0.1·t1 = (−2.4, 3.2);
    // g1 = (−4.8, 6.4), t2 = 0.5·t1 + g1 = (−7.8, 10.4), x2 = x1 − 0.1·t2 = (−1.62, 2.16)
    const m = run('momentum', { lr: 0.1, momentum: 0.5 }, 2);
    expect(m.get(0)).toBeCloseTo(-1.62, 9);
    expect(m.get(1)).toBeCloseTo(2.16, 9);
    // Adam's first step moves each coordinate by lr against the gradient's sign (m̂/√v̂ = ±1 up to eps)
    const a = run('adam', { lr: 0.5, beta1: 0.9, beta2: 0.999, eps: 1e-7 }, 1);
    expect(a.get(0)).toBeCloseTo(-2.5, 6);
    expect(a.get(1)).toBeCloseTo(3.5, 6);
    // L-BFGS: the first direction is −g with a first trial of length 1: x0 − 0.1·(−6, 8) = (−2.4, 3.2), where the slope
    // φ' = −100·(1 − 0.2) = −80 is within 0.9·100 of φ'(0) (strong Wolfe); the pair s = (0.6, −0.8), y = 2s gives H = ½I,
    // the exact inverse Hessian, so the second step lands on the minimum
    const l1 = run('lbfgs', { memory: 5, c1: 1e-4 }, 1);
    expect(l1.get(0)).toBeCloseTo(-2.4, 9);
    expect(l1.get(1)).toBeCloseTo(3.2, 9);
    const l = run('lbfgs', { memory: 5, c1: 1e-4 }, 2);
    expect(l.get(0)).toBeCloseTo(0, 9);
    expect(l.get(1)).toBeCloseTo(0, 9);
  });

  it('refuses a missing hyperparameter and an unknown id with typed errors', () => {
    expect(() => optimizerById('adam').build({ lr: 0.1 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', message: expect.stringContaining("'beta1'") }));
    expect(() => optimizerById('sgd')).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', message: expect.stringContaining("'gd'") }));
  });
});
