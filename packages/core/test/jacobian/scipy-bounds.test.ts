/**
 * scipy's bound tests of approx_derivative (test_with_bounds_2_point,
 * test_with_bounds_3_point, test_tight_bounds, test_bound_switches,
 * test_options) against jacobian/numericalDiff with `bounds`: the nodes stay
 * in the box, the formula turns one-sided with the same order, and where the
 * box is narrower than the step the step shrinks — to scipy's accuracy.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, jacobian, numericalDiff } from '@descent/core';
import { expectThrows } from '../helpers.js';
import { maxRelativeError, storages, vectorVector, vectorVectorJacobian } from '../scipy-functions.js';

describe('scipy test_with_bounds_2_point: box [−1, 1]²', () => {
  it('refuses x outside the box before calling f', () => {
    let calls = 0;
    const F = (x: NdArray, out: NdArray): void => {
      calls++;
      vectorVector(x, out);
    };
    expectThrows(() => jacobian(F, ndarray([-2, 0.2]), { outputs: 3, bounds: { lower: -1, upper: 1 } }), ArgumentRangeError, 'OUT_OF_RANGE', /x\[0\] = -2 is outside its bounds \[-1, 1\]/);
    expect(calls).toBe(0);
  });

  it('at the corner (−1, 1) forward steps inward on x₁ and stays within 1e-6 (scipy), on every storage', () => {
    for (const { name, x } of storages([-1, 1])) {
      const seen: [number, number][] = [];
      const F = (v: NdArray, out: NdArray): void => {
        seen.push([v.get(0), v.get(1)]);
        vectorVector(v, out);
      };
      const J = jacobian(F, x, { outputs: 3, scheme: 'forward', bounds: { lower: -1, upper: 1 } });
      // float32: forward h = 2^(−23/2) ≈ 3.5e-4, truncation h/2·|f″/f′| ≤ 3.5e-4 (x₁^(−1/2) at 1: f″/f′ = −3/2)
      expect(maxRelativeError(J, vectorVectorJacobian(-1, 1)), name).toBeLessThan(name === 'Float32Array' ? 1e-3 : 1e-6);
      for (const [a, b] of seen) expect(a >= -1 && a <= 1 && b >= -1 && b <= 1, name).toBe(true);
      expect(seen.some(([, b]) => b < 1), name).toBe(true); // x₁ = 1 at the upper bound: the forward step turned backward
    }
  });
});

describe('scipy test_with_bounds_3_point: x = (1, 2) in [1, 2]², central', () => {
  const truth = vectorVectorJacobian(1, 2);
  const lower = ndarray([1, 1]);
  const upper = ndarray([2, 2]);
  it('to 1e-9 with no bound, the lower, the upper and both (scalars and ndarrays)', () => {
    for (const bounds of [undefined, { lower }, { upper }, { lower, upper }, { lower: 1, upper: 2 }]) {
      expect(maxRelativeError(jacobian(vectorVector, ndarray([1, 2]), { outputs: 3, bounds }), truth)).toBeLessThan(1e-9);
    }
  });
});

describe('scipy test_tight_bounds: x = (10, 10) in [x − 3e-9, x + 2e-9]', () => {
  const truth = vectorVectorJacobian(10, 10);
  const bounds = { lower: ndarray([10 - 3e-9, 10 - 3e-9]), upper: ndarray([10 + 2e-9, 10 + 2e-9]) };
  it('forward and central to 1e-6, auto step and a fixed h = 1e-5 (scipy rel_step 1e-6)', () => {
    for (const scheme of ['forward', 'central'] as const) {
      for (const h of ['auto', 1e-5] as const) expect(maxRelativeError(jacobian(vectorVector, ndarray([10, 10]), { outputs: 3, scheme, h, bounds }), truth)).toBeLessThan(1e-6);
    }
  });

  it("central keeps its symmetric nodes at the narrower side's room, x ± 2e-9 (scipy's adjusted central), rather than one-sided 1.5e-9 steps", () => {
    const nodes: number[] = [];
    const F = (v: NdArray, out: NdArray): void => {
      if (v.get(1) === 10) nodes.push(v.get(0));
      vectorVector(v, out);
    };
    jacobian(F, ndarray([10, 10]), { outputs: 3, bounds });
    // column 0's nodes (x₁ unmoved): 10 + 2e-9 and 10 − 2e-9 as stored — the step made representable at 10
    const up = 10 + 2e-9;
    expect(nodes.filter((v) => v !== 10)).toEqual([up, 10 - (up - 10)]);
  });

  it('five-point shrinks the same way and stays within 5e-6 (its rounding 14·eps·|f|/(12h) at h = 1e-9)', () => {
    expect(maxRelativeError(jacobian(vectorVector, ndarray([10, 10]), { outputs: 3, scheme: 'five-point', bounds }), truth)).toBeLessThan(5e-6);
  });
});

describe('scipy test_bound_switches: f(x) = x on [−1e-8, 1e-8], NaN outside', () => {
  const f = (x: number): number => (Math.abs(x) <= 1e-8 ? x : Number.NaN);
  it('at 0 and at the upper bound 1e-8, with a step 100× wider than the box: f′ = 1 exactly, every scheme', () => {
    for (const x of [0, 1e-8]) {
      for (const scheme of ['forward', 'backward', 'central', 'richardson'] as const) {
        for (const h of [1e-6, 'auto'] as const) expect(numericalDiff(f, x, { scheme, h, bounds: { lower: -1e-8, upper: 1e-8 } }), `${scheme} h=${h} x=${x}`).toBe(1);
      }
      // five-point: the cubic through five stored nodes of a line, 1 to a few ulps
      expect(Math.abs(numericalDiff(f, x, { scheme: 'five-point', bounds: { lower: -1e-8, upper: 1e-8 } }) - 1)).toBeLessThan(1e-14);
    }
  });
});

describe('scipy test_options: F = (e^(−x₀), e^(x₁)) at (1, 1) with f0 and bounds [0, 2]', () => {
  const F = (x: NdArray, out: NdArray): void => {
    out.set(0, Math.exp(-x.get(0)));
    out.set(1, Math.exp(x.get(1)));
  };
  // J = diag(−e^(−x₀), e^(x₁)); the off-diagonal entries are exactly 0
  const truth = [
    [-Math.exp(-1), 0],
    [0, Math.exp(1)],
  ];
  const close = (J: NdArray, rtol: number): void => {
    expect(Math.abs(J.get(0, 0) - truth[0]![0]!) / Math.exp(-1)).toBeLessThan(rtol);
    expect(Math.abs(J.get(1, 1) - truth[1]![1]!) / Math.exp(1)).toBeLessThan(rtol);
    expect(J.get(0, 1) === 0 && J.get(1, 0) === 0).toBe(true); // ±0: backward divides 0 by −h
  };
  it('forward and backward with h = 1e-6 and f0: one call per column, to 1e-6; central to 1e-9', () => {
    const f0 = [Math.exp(-1), Math.exp(1)];
    for (const scheme of ['forward', 'backward'] as const) {
      const counter = { evaluations: 0 };
      close(jacobian(F, ndarray([1, 1]), { outputs: 2, scheme, h: 1e-6, f0, counter, bounds: { lower: 0, upper: 2 } }), 1e-6);
      expect(counter.evaluations).toBe(2);
    }
    close(jacobian(F, ndarray([1, 1]), { outputs: 2, h: 1e-6, f0, bounds: { lower: 0, upper: 2 } }), 1e-9);
  });
});
