/**
 * An analytic gradient holding ±Infinity or NaN fails gradCheck in both modes,
 * and the report points at that element. On main the fast mode passed an
 * analytic +Infinity: vᵀa = ±Infinity made the direction's tolerance Infinity
 * too, and Infinity ≤ Infinity; its trace then stopped without an element
 * (Infinity/Infinity = NaN is not > 1). The full mode failed but named the
 * wrong element: the non-finite element's score was NaN, and every later
 * element compared as worse than NaN. (The fast mode now also fails a
 * direction whose tolerance overflows, Σ|vᵢ·aᵢ| > MAX_VALUE with rtol < 1,
 * instead of passing any error there; the huge-values case below guards it.)
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { gradCheck } from '@descent/core';

const arr = (...v: number[]): NdArray => ndarray(Float64Array.from(v));
/** f = Σ xᵢ², ∇f = 2x = (2, 4, 6) at x = (1, 2, 3). */
const f = (v: NdArray): number => v.get(0) ** 2 + v.get(1) ** 2 + v.get(2) ** 2;

describe('an analytic gradient with a non-finite element', () => {
  it.each([
    [Infinity, 0],
    [-Infinity, 2],
    [Number.NaN, 1],
  ])('%s at element %i: the full check fails and names that element', (bad, at) => {
    const analytic = [2, 4, 6];
    analytic[at] = bad;
    const report = gradCheck(f, arr(...analytic), arr(1, 2, 3));
    expect(report.passed).toBe(false);
    expect(report.worstIndex).toEqual([at]);
  });
  it.each([
    [Infinity, 0],
    [-Infinity, 2],
    [Number.NaN, 1],
  ])('%s at element %i: the fast check fails and traces it to that element', (bad, at) => {
    const analytic = [2, 4, 6];
    analytic[at] = bad;
    const report = gradCheck(f, arr(...analytic), arr(1, 2, 3), { mode: 'fast' });
    expect(report.passed).toBe(false);
    expect(report.location?.index).toEqual([at]);
    // the element's numerical partial derivative is reported as measured, 2·x = 2·(at + 1)
    expect(report.location?.numerical).toBeCloseTo(2 * (at + 1), 6);
  });
  it('named form: the worst key is the parameter holding the NaN', () => {
    const p = { W: arr(1, 2), b: arr(3) };
    const loss = (): number => p.W.get(0) ** 2 + p.W.get(1) ** 2 + p.b.get(0) ** 2;
    const report = gradCheck(loss, { W: arr(Number.NaN, 4), b: arr(6) }, p);
    expect(report.passed).toBe(false);
    expect(report.worstKey).toBe('W');
    expect(report.worstIndex).toEqual([0]);
  });
  it('fast mode: finite but huge wrong values (1e308 each, true gradient 2, 4, 6) fail', () => {
    const report = gradCheck(f, arr(1e308, 1e308, 1e308), arr(1, 2, 3), { mode: 'fast' });
    expect(report.passed).toBe(false);
  });
  it('a correct gradient still passes in both modes', () => {
    expect(gradCheck(f, arr(2, 4, 6), arr(1, 2, 3)).passed).toBe(true);
    expect(gradCheck(f, arr(2, 4, 6), arr(1, 2, 3), { mode: 'fast' }).passed).toBe(true);
  });
});
