/**
 * minimize never calls f at a point holding NaN or ±Infinity: with a
 * transformation optimizer the candidate x + u is checked first (a step to
 * ±Infinity ends the run as 'diverged' with the best point), and a line-search
 * trial point that overflows is rejected without a call. So an f that throws on
 * non-finite input (a common guard) never sees one.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { backtracking, minimize, sgd } from '@descent/optim';

/** x² that refuses non-finite input, recording every point it is called at. */
function guardedSquare(seen: number[]): (x: NdArray) => number {
  return (x) => {
    const v = x.get(0);
    seen.push(v);
    if (!Number.isFinite(v)) throw new Error(`f got ${v}`);
    return v * v;
  };
}
const gradient = (x: NdArray, out: NdArray): void => {
  out.set(0, 2 * x.get(0));
};

describe('a transformation step to ±Infinity', () => {
  it("sgd lr 1e308 from x0 = 3: x1 = 3 − 6e308 = −Infinity → 'diverged', x0 returned, f called once", () => {
    const seen: number[] = [];
    const result = minimize(guardedSquare(seen), ndarray(new Float64Array([3])), { optimizer: sgd({ lr: 1e308 }), gradient });
    expect(result.reason).toBe('diverged');
    expect(Array.from(result.x.data)).toEqual([3]);
    expect(result.fun).toBe(9);
    expect(result.iterations).toBe(0);
    expect(result.evaluations).toBe(1);
    expect(seen).toEqual([3]);
    expect(result.message).toBe(
      'Diverged: step 1 produced a non-finite parameter; returning the best point seen, from step 0 (f = 9, ‖∇f‖∞ = 6). Try a smaller learning rate.',
    );
  });

  it('after finite steps: the best point so far is returned (sgd lr 10, then a gradient of 1e308)', () => {
    // lr 10, g = 2x: x1 = 3 − 60 = −57, x2 = −57 + 1140 = 1083 (f grows, so x0 stays the best);
    // the third gradient is 1e308, so x3 = 1083 − 1e309 = −Infinity: stop before calling f there.
    const seen: number[] = [];
    let calls = 0;
    const jumping = (x: NdArray, out: NdArray): void => {
      calls++;
      out.set(0, calls === 3 ? 1e308 : 2 * x.get(0));
    };
    const result = minimize(guardedSquare(seen), ndarray(new Float64Array([3])), { optimizer: sgd({ lr: 10 }), gradient: jumping });
    expect(result.reason).toBe('diverged');
    expect(result.iterations).toBe(2);
    expect(Array.from(result.x.data)).toEqual([3]);
    expect(seen).toEqual([3, -57, 1083]);
    expect(result.message).toMatch(/^Diverged: step 3 produced a non-finite parameter; returning the best point seen, from step 0 \(f = 9,/);
  });
});

describe('a line-search trial point that overflows', () => {
  it('is rejected without calling f; the search shrinks to a finite point and the run converges', () => {
    // From x0 = 3 (g = 6) with initialStep 1e308: trials 3 − 6e308 and 3 − 3e308 are −Infinity (skipped);
    // 3 − 1.5e308 is finite but f there overflows (rejected); halving goes on until the Armijo test holds.
    const seen: number[] = [];
    const result = minimize(guardedSquare(seen), ndarray(new Float64Array([3])), {
      optimizer: backtracking({ initialStep: 1e308 }),
      gradient,
    });
    expect(seen.every(Number.isFinite)).toBe(true);
    expect(result.reason).toBe('gradTol');
    expect(Math.abs(result.x.get(0))).toBeLessThanOrEqual(0.5e-5);
  });
});
