import ndarray from 'ndarray';
import { numericalGradient } from '@descent/core';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, functionById } from '../src/functions.js';

const at = (id: string, a: number, b: number): number => functionById(id).f(ndarray(new Float64Array([a, b])));

describe('functions catalogue', () => {
  it('has the six functions of the issue, in menu order', () => {
    expect(FUNCTIONS.map((fn) => fn.id)).toEqual(['sphere', 'elongated', 'rosenbrock', 'himmelblau', 'beale', 'saddle']);
  });

  it('evaluates each formula at a hand-computed point', () => {
    expect(at('sphere', -3, 4)).toBe(25); // 9 + 16
    expect(at('elongated', -7, 2)).toBe(6.45); // 49/20 + 4
    expect(at('rosenbrock', -1.2, 1)).toBeCloseTo(24.2, 12); // 2.2² + 100·(1 − 1.44)² = 4.84 + 19.36
    expect(at('himmelblau', 0, 0)).toBe(170); // 11² + 7²
    expect(at('beale', 1, 1.5)).toBe(41.25); // 2² + 3.5² + 5² = 4 + 12.25 + 25
    expect(at('saddle', 1, 2)).toBe(-3);
  });

  it('reads x through get, so strided views work', () => {
    // elements 1 and 2 of [9, 1, 9, 2] picked with stride 2 from offset 1
    const view = ndarray(new Float64Array([9, 1, 9, 2]), [2], [2], 1);
    expect(functionById('sphere').f(view)).toBe(5);
    expect(functionById('rosenbrock').f(ndarray([1, 1]))).toBe(0); // plain-Array storage
  });

  it('has f = f* and a vanishing gradient at every listed minimiser', () => {
    for (const fn of FUNCTIONS) {
      for (const [a, b] of fn.minimizers) {
        const x = ndarray(new Float64Array([a, b]));
        expect(fn.f(x) - fn.minimum!).toBeLessThan(1e-28); // Himmelblau's are given to 16 digits: f ≈ 2e-29
        const g = numericalGradient(fn.f, x);
        expect(Math.max(Math.abs(g.get(0)), Math.abs(g.get(1)))).toBeLessThan(1e-6);
      }
    }
    expect(functionById('saddle').minimizers).toEqual([]);
    expect(functionById('saddle').minimum).toBeUndefined();
  });

  it('draws each function in a 4:3 box holding its start and minimisers', () => {
    for (const fn of FUNCTIONS) {
      const w = fn.box.x0[1] - fn.box.x0[0];
      const h = fn.box.x1[1] - fn.box.x1[0];
      expect(w / h).toBeCloseTo(4 / 3, 12);
      for (const [a, b] of [fn.start, ...fn.minimizers]) {
        expect(a).toBeGreaterThan(fn.box.x0[0]);
        expect(a).toBeLessThan(fn.box.x0[1]);
        expect(b).toBeGreaterThan(fn.box.x1[0]);
        expect(b).toBeLessThan(fn.box.x1[1]);
      }
    }
  });

  it('refuses an unknown id with a typed error naming the valid ones', () => {
    expect(() => functionById('booth')).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', message: expect.stringContaining("'rosenbrock'") }));
  });
});
