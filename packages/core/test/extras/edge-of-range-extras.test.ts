/**
 * The edge of the float range beyond the gradient: directionalDerivative,
 * spsaGradient, hessian and hessianVectorProduct step toward the interior
 * where a node x ± h would overflow — the range of finite floats is a box
 * like `bounds`, so the formula turns one-sided with the same order (the
 * gradient's inward placement is first order) — and f never sees ±Infinity.
 * As in numericalGradient, a fixed h with no room on either side, and
 * quotient 'nominal' at the edge (its formula needs both sides), are a
 * StepOverflowError naming the element.
 *
 * bowl(t) = t/2 − (t/MAX)·(t/2), finite on [−MAX, MAX]: bowl′(t) = 1/2 − t/MAX
 * (−1/2 at MAX), bowl″ = −1/MAX (a subnormal-free 5.56e-309).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { directionalDerivative, FLOAT32_MAX, hessian, hessianVectorProduct, spsaGradient, StepOverflowError } from '@descent/core';
import { elements, expectThrows, sameBits, snapshot } from '../helpers.js';

const MAX = Number.MAX_VALUE;
const bowl = (t: number): number => t / 2 - (t / MAX) * (t / 2);
/** f = bowl(x₀) + x₁ (x₁ of ordinary size), recording whether every point f saw was finite. */
function recorded(): { f: (v: NdArray) => number; finite: () => boolean } {
  let finite = true;
  return {
    f: (v) => {
      const xs = elements(v);
      finite &&= xs.every(Number.isFinite);
      return bowl(xs[0]!) + (xs[1] ?? 0);
    },
    finite: () => finite,
  };
}

describe('toward the interior near ±MAX, f never called at ±Infinity', () => {
  it('directionalDerivative at (MAX, 1) along (1, 1): −1/2 + 1, one-sided of second order', () => {
    for (const [x0, slope] of [[MAX, -0.5], [-MAX, 1.5]] as const) {
      const r = recorded();
      const data = Float64Array.of(x0, 1);
      const d = directionalDerivative(r.f, ndarray(data, [2]), ndarray(Float64Array.of(1, 1), [2]));
      // one-sided second order: error ≈ t²·|g‴| = 0 here (bowl is quadratic); rounding of f ≈ eps·MAX/t·… ≈ 1e-10
      expect(d).toBeCloseTo(slope + 1, 9);
      expect(r.finite()).toBe(true);
      expect(sameBits(snapshot(data), [x0, 1])).toBe(true);
    }
  });
  it('directionalDerivative on Float32Array at FLOAT32_MAX', () => {
    const seen: number[] = [];
    const d = directionalDerivative((v) => (seen.push(v.get(0)), 2 * v.get(0) * 1e-38), ndarray(Float32Array.of(FLOAT32_MAX), [1]), ndarray(Float64Array.of(1), [1]));
    expect(d).toBeCloseTo(2e-38, 44);
    expect(seen.every((t) => Math.abs(t) <= FLOAT32_MAX)).toBe(true);
  });
  it('spsaGradient at MAX: the pair centred a step below it, bowl′ there ≈ −1/2 + eps^(1/3)', () => {
    const r = recorded();
    const g = spsaGradient(r.f, ndarray(Float64Array.of(MAX), [1])).get(0);
    // centre c = MAX − h with h = eps^(1/3)·MAX: bowl′(c) = −1/2 + h/MAX ≈ −0.5 + 6.06e-6
    expect(g).toBeCloseTo(-0.5 + Math.cbrt(Number.EPSILON), 8);
    expect(r.finite()).toBe(true);
  });
  it('hessian at (MAX, 1): bowl″ = −1/MAX by the one-sided four-point second difference', () => {
    const r = recorded();
    const H = hessian(r.f, ndarray(Float64Array.of(MAX, 1), [2]));
    expect(H.get(0, 0) / (-1 / MAX)).toBeCloseTo(1, 6);
    expect(H.get(0, 1)).toBe(H.get(1, 0));
    expect(Math.abs(H.get(1, 1))).toBeLessThan(1e-6);
    expect(r.finite()).toBe(true);
  });
  it('hessianVectorProduct at MAX: −1/MAX·v, the inner gradient one-sided too', () => {
    const r = recorded();
    const Hv = hessianVectorProduct(r.f, ndarray(Float64Array.of(MAX), [1]), ndarray(Float64Array.of(2), [1])).get(0);
    expect(Hv / (-2 / MAX)).toBeCloseTo(1, 5);
    expect(r.finite()).toBe(true);
  });
});

describe('errors at the edge, as numericalGradient', () => {
  const x = (): NdArray => ndarray(Float64Array.of(MAX, 1), [2]);
  const v = (): NdArray => ndarray(Float64Array.of(1, 1), [2]);
  const never = (): number => {
    throw new Error('f must not be called');
  };
  it("quotient 'nominal' needs both sides: StepOverflowError naming x[0]", () => {
    expectThrows(
      () => directionalDerivative(never, x(), v(), { quotient: 'nominal' }),
      StepOverflowError,
      'STEP_OVERFLOW',
      `directionalDerivative: x[0]=${MAX} is within the automatic step along v of the largest finite number, so a node x ± h·v would overflow to ±Infinity and quotient: 'nominal' needs the nodes on both sides; use the default quotient: 'actual' (it steps toward the interior there).`,
      { coordinate: 'x[0]', value: MAX },
    );
    for (const call of [() => spsaGradient(never, x(), { quotient: 'nominal' }), () => hessian(never, x(), { quotient: 'nominal' }), () => hessianVectorProduct(never, x(), v(), { quotient: 'nominal' })]) {
      expect(call).toThrow(StepOverflowError);
    }
  });
  it('a fixed h too large for either side', () => {
    const zero = (): NdArray => ndarray(Float64Array.of(0, 1), [2]);
    expectThrows(() => directionalDerivative(never, zero(), v(), { h: 1e308, scheme: 'five-point' }), StepOverflowError, 'STEP_OVERFLOW', /^directionalDerivative: x\[0\]=0 is within h=1e\+308 times v of the largest finite number, so the nodes x ± h·v would overflow to ±Infinity on both sides; use a smaller h or h: 'auto'\.$/);
    // at 1e308 with h = 1.5e308: x + h overflows, and below x there are 2.8e308 — less than the Hessian's
    // one-sided nodes (3h) and H·v's (2h) need. (SPSA's pair needs 2h anywhere in the 3.6e308 of floats: it fits.)
    const high = (): NdArray => ndarray(Float64Array.of(1e308, 1), [2]);
    expect(() => hessian(never, high(), { h: 1.5e308 })).toThrow(StepOverflowError);
    expect(() => hessianVectorProduct(never, high(), v(), { h: 1.5e308 })).toThrow(StepOverflowError);
  });
  it('a fixed h that fits on one side steps inward (as numericalGradient with the actual quotient)', () => {
    const r = recorded();
    // exact on the quadratic bowl but for f's rounding, ulp(MAX/2)/2h ≈ 1e292/2e300
    expect(directionalDerivative(r.f, ndarray(Float64Array.of(MAX, 1), [2]), ndarray(Float64Array.of(1, 0), [2]), { h: 1e300 })).toBeCloseTo(-0.5, 7);
    expect(r.finite()).toBe(true);
  });
});
