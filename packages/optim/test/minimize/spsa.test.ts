/**
 * spsa: Spall's gain sequences aₖ = a/(A + k + 1)^α and cₖ = c/(k + 1)^γ,
 * the calibration of a from a target first step, the evaluation count, the
 * stops, determinism, and bad input.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, InvalidArgumentError } from '@descent/core';
import { spsa } from '@descent/optim';

const square = (x: NdArray) => x.get(0) ** 2;

describe('spsa', () => {
  it('takes the hand-derived steps with given gains (1-D quadratic: the estimate is exact)', () => {
    // N = 1: [f(x + cΔ) − f(x − cΔ)]/(2cΔ) = 2x for f = x², whatever Δ and c.
    // a = 0.25, A = 0, α = 1: a₀ = 0.25, a₁ = 0.125. x: 4 → 4 − 0.25·8 = 2 → 2 − 0.125·4 = 1.5.
    const result = spsa(square, ndarray(new Float64Array([4])), { a: 0.25, stability: 0, alpha: 1, maxIterations: 2 });
    expect(result.x.get(0)).toBeCloseTo(1.5, 14);
    expect(result).toMatchObject({ iterations: 2, evaluations: 5, reason: 'maxIterations', converged: false });
    expect(result.fun).toBeCloseTo(2.25, 13);
    expect(result.message).toBe('spsa stopped after 2 steps and 5 calls of f: reached maxIterations (2); f(x) = 2.25 (one noisy call), a = 0.25, c = 0.4.');
  });

  it('perturbs every element by ±cₖ = c/(k + 1)^γ at step k', () => {
    const c = 0.2;
    const gamma = 0.101;
    const points: number[][] = [];
    const centers: number[][] = [[1, -1, 2]];
    spsa(
      (x: NdArray) => {
        points.push([x.get(0), x.get(1), x.get(2)]);
        return x.get(0) ** 2 + 3 * x.get(1) ** 2 + x.get(2);
      },
      ndarray(new Float64Array([1, -1, 2])),
      { a: 0.01, c, maxIterations: 3, onIteration: (info) => void centers.push([info.x.get(0), info.x.get(1), info.x.get(2)]) },
    );
    // Calls 2k and 2k + 1 are step k's, around the point before it; the 7th is the final f(x).
    expect(points).toHaveLength(7);
    for (let k = 0; k < 3; k++) {
      const ck = c / (k + 1) ** gamma;
      for (const point of points.slice(2 * k, 2 * k + 2)) point.forEach((v, i) => expect(Math.abs(v - centers[k]![i]!)).toBeCloseTo(ck, 14));
      // the two calls are mirror images: x + cΔ and x − cΔ
      points[2 * k]!.forEach((v, i) => expect(v + points[2 * k + 1]![i]!).toBeCloseTo(2 * centers[k]![i]!, 14));
    }
  });

  it('calibrates a so that the first step has the target size (Spall 1998)', () => {
    // f = x², x0 = 3: every estimate is 6, so mean|ĝ₀| = 6 and a = 0.3·(A + 1)^0.602/6 with A = 10 % of 10 = 1;
    // then a₀·ĝ₀ = a/(A + 1)^0.602 · 6 = 0.3 exactly: x1 = 2.7.
    const first: number[] = [];
    const result = spsa(square, ndarray(new Float64Array([3])), {
      maxIterations: 10,
      targetStep: 0.3,
      onIteration: (info) => {
        if (info.iteration === 1) first.push(info.x.get(0), info.evaluations);
      },
    });
    expect(result.gains.a).toBeCloseTo((0.3 * 2 ** 0.602) / 6, 15);
    expect(result.gains.stability).toBe(1);
    expect(first[0]).toBeCloseTo(2.7, 14);
    expect(first[1]).toBe(2 * 10 + 2); // 10 calibration estimates, then the step
    expect(result.evaluations).toBe(20 + 2 * 10 + 1);
  });

  it('is deterministic for a seed, and the seed changes the directions', () => {
    const f = (x: NdArray) => (x.get(0) - 1) ** 2 + 10 * (x.get(1) + 2) ** 2 + x.get(0) * x.get(1);
    const x0 = ndarray(new Float64Array([0, 0]));
    const a = spsa(f, x0, { seed: 5, maxIterations: 50 });
    const b = spsa(f, x0, { seed: 5, maxIterations: 50 });
    const c = spsa(f, x0, { seed: 6, maxIterations: 50 });
    expect(Array.from(b.x.data)).toEqual(Array.from(a.x.data));
    expect(Array.from(c.x.data)).not.toEqual(Array.from(a.x.data));
    expect(Array.from(x0.data as Float64Array)).toEqual([0, 0]);
  });

  it('reads any view and Float32 storage of x0 without modifying it', () => {
    const data = new Float32Array([9, 2, 9, -1]);
    const x0 = ndarray(data, [2], [2], 1); // (2, −1)
    const f = (x: NdArray) => x.get(0) ** 2 + x.get(1) ** 2;
    const result = spsa(f, x0, { maxIterations: 300 });
    expect(Array.from(data)).toEqual([9, 2, 9, -1]);
    expect(Array.from(result.x.data)).toEqual(Array.from(spsa(f, ndarray(new Float64Array([2, -1])), { maxIterations: 300 }).x.data));
    expect(result.fun).toBeLessThan(1e-3); // from f(x0) = 5
  });

  it('stops on maxEvaluations, the signal and the callback; reports divergence at a finite point', () => {
    const budget = spsa(square, ndarray(new Float64Array([1])), { maxEvaluations: 30 });
    expect(budget).toMatchObject({ reason: 'maxEvaluations', evaluations: 29, iterations: 4 }); // 20 + 4·2 + 1; a 5th step would need 31
    const controller = new AbortController();
    controller.abort();
    expect(spsa(square, ndarray(new Float64Array([1])), { a: 0.1, signal: controller.signal })).toMatchObject({ reason: 'aborted', iterations: 0, evaluations: 1 });
    expect(spsa(square, ndarray(new Float64Array([1])), { a: 0.1, onIteration: (i) => i.iteration < 3 })).toMatchObject({ reason: 'callback', iterations: 3 });
    // f = x⁴ with a huge step: x runs away until f overflows; the run stops there with x finite.
    const diverged = spsa((x: NdArray) => x.get(0) ** 4, ndarray(new Float64Array([2])), { a: 100, maxIterations: 100 });
    expect(diverged.reason).toBe('diverged');
    expect(Number.isFinite(diverged.x.get(0))).toBe(true);
    expect(diverged.message).toMatch(/diverged at step \d+ \(.*\): lower a or targetStep/);
  });

  it('refuses bad input before f is called', () => {
    let calls = 0;
    const f = (x: NdArray) => (calls++, x.get(0));
    const x0 = ndarray(new Float64Array([1]));
    expect(() => spsa(3 as never, x0)).toThrow(InvalidArgumentError);
    expect(() => spsa(f, ndarray(new Float64Array(0)))).toThrow(ArgumentRangeError);
    expect(() => spsa(f, x0, { maxIterations: 0 })).toThrow('spsa: maxIterations must be an integer ≥ 1, got 0; the default is 1000.');
    expect(() => spsa(f, x0, { alpha: 1.5 })).toThrow('spsa: alpha must be in (0, 1], got 1.5');
    expect(() => spsa(f, x0, { gamma: 0.6 })).toThrow(ArgumentRangeError);
    expect(() => spsa(f, x0, { c: 0 })).toThrow(ArgumentRangeError);
    expect(() => spsa(f, x0, { a: -1 })).toThrow(ArgumentRangeError);
    expect(() => spsa(f, x0, { seed: 0.5 })).toThrow(InvalidArgumentError);
    expect(() => spsa(f, x0, { maxEvaluations: 10 })).toThrow('spsa: maxEvaluations 10 leaves no room for the calibration (20 calls) and f(x); raise it or pass a.');
    expect(() => spsa(f, x0, { signal: {} as never })).toThrow(InvalidArgumentError);
    expect(calls).toBe(0);
  });
});
