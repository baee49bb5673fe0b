/**
 * Property (minimize never returns NaN): from random starts (views of
 * Float64/Float32/plain-Array storage), with every optimizer kind, optional
 * bounds (fixed variables included) and small budgets, on objectives that are
 * NaN in a region, −Infinity along a ray, unbounded below, non-smooth, or that
 * throw / return a non-number at their k-th call: minimize either throws a
 * typed descent error, or returns a finite x inside the bounds with a finite
 * f equal to f(x) — and x0's storage keeps its bits either way.
 */
import fc from 'fast-check';
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { isDescentError } from '@descent/core';
import { minimize, type MinimizeOptions } from '@descent/optim';
import { OPTIMIZERS } from './optimizer-kinds.js';

const LANDSCAPES = ['quadratic', 'NaN beyond 0.5', '−Infinity below −2', 'unbounded', '|x|₁', 'throws', 'returns a string'] as const;
type Landscape = (typeof LANDSCAPES)[number];

function objective(landscape: Landscape, k: number): (x: NdArray) => number {
  let calls = 0;
  return (x) => {
    const n = x.shape[0]!;
    let quadratic = 0;
    let linear = 0;
    let l1 = 0;
    let max = -Infinity;
    let min = Infinity;
    for (let i = 0; i < n; i++) {
      const v = x.get(i);
      quadratic += (v - i / 2) ** 2;
      linear -= v;
      l1 += Math.abs(v - 0.25);
      max = Math.max(max, v);
      min = Math.min(min, v);
    }
    if (calls++ === k) {
      if (landscape === 'throws') throw new Error('f failed on purpose');
      if (landscape === 'returns a string') return '1' as unknown as number;
    }
    switch (landscape) {
      case 'NaN beyond 0.5':
        return max > 0.5 ? Number.NaN : quadratic;
      case '−Infinity below −2':
        return min < -2 ? -Infinity : linear;
      case 'unbounded':
        return linear;
      case '|x|₁':
        return l1;
      default:
        return quadratic;
    }
  };
}

describe('minimize on hostile objectives', () => {
  it('typed error, or a finite x in the bounds with f(x) = fun; x0 untouched', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LANDSCAPES),
        fc.constantFrom(...(Object.keys(OPTIMIZERS) as (keyof typeof OPTIMIZERS)[])),
        fc.constantFrom('float64', 'float32', 'array'),
        fc.array(fc.double({ min: -1.5, max: 0.4, noNaN: true }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.option(fc.constantFrom({ lower: -1, upper: 1 }, { lower: -0.5 }, { lower: 0.2, upper: 0.2 }), { nil: undefined }),
        fc.option(fc.constantFrom(1, 2, 5, 40), { nil: undefined }),
        fc.nat({ max: 40 }),
        (landscape, optimizerName, kind, values, reversed, bounds, maxIterations, k) => {
          const data = kind === 'float64' ? Float64Array.from(values) : kind === 'float32' ? Float32Array.from(values) : values.slice();
          let x0 = ndarray(data as Float64Array, [values.length]);
          if (reversed) x0 = x0.step(-1);
          const before = Array.from(data as ArrayLike<number>, (v) => (Object.is(v, -0) ? '-0' : String(v))).join(',');
          const make = OPTIMIZERS[optimizerName];
          const options: MinimizeOptions = { maxEvaluations: 2000 };
          if (make !== undefined) options.optimizer = make();
          if (bounds !== undefined && (optimizerName === 'default' || optimizerName === 'lbfgs')) options.bounds = bounds;
          if (maxIterations !== undefined) options.maxIterations = maxIterations;
          const what = `${landscape} / ${optimizerName} / ${kind} / ${JSON.stringify(values)} / ${JSON.stringify(options.bounds)}`;
          let result: ReturnType<typeof minimize> | undefined;
          try {
            result = minimize(objective(landscape, k), x0, options);
          } catch (error) {
            expect(isDescentError(error), `${what}: ${String(error)}`).toBe(true);
          }
          expect(Array.from(data as ArrayLike<number>, (v) => (Object.is(v, -0) ? '-0' : String(v))).join(','), what).toBe(before);
          if (result === undefined) return;
          const x = Array.from(result.x.data);
          expect(x.every(Number.isFinite), `${what}: x = ${x}`).toBe(true);
          expect(Number.isFinite(result.fun), `${what}: fun = ${result.fun}`).toBe(true);
          const lower = options.bounds?.lower ?? -Infinity;
          const upper = options.bounds?.upper ?? Infinity;
          for (const v of x) expect(v >= (lower as number) && v <= (upper as number), `${what}: ${v} outside the bounds`).toBe(true);
          if (landscape !== 'throws' && landscape !== 'returns a string') expect(result.fun, what).toBe(objective(landscape, -1)(result.x));
        },
      ),
      { numRuns: 200, seed: 17 },
    );
  });
});
