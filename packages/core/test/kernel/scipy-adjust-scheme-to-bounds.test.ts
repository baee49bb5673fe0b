/**
 * scipy's TestAdjustSchemeToBounds (_adjust_scheme_to_bounds) observed from
 * outside: the nodes f is called at by numericalDiff with a fixed h = 0.1 and
 * bounds. scipy's '1-sided' with one step is our forward/backward, '2-sided'
 * with one step our central, '2-sided' with two steps our five-point (nodes
 * up to 2h away); a one-sided fallback keeps the order (central → 3 nodes,
 * five-point → 5 nodes toward the room). Expected nodes are x + t·h as the
 * kernel forms them, t the stencil offsets.
 */
import { describe, expect, it } from 'vitest';
import { numericalDiff, type DifferenceScheme } from '@descent/core';

function nodesOf(scheme: DifferenceScheme, x: number, lower: number, upper: number): number[] {
  const seen: number[] = [];
  numericalDiff(
    (t) => {
      seen.push(t);
      return t * t;
    },
    x,
    { scheme, h: 0.1, bounds: { lower, upper } },
  );
  return seen;
}

const at = (x: number, h: number, offsets: number[]): number[] => offsets.map((t) => x + t * h);

describe('scipy test_no_bounds / test_with_bound: box [−1, 1], h = 0.1', () => {
  it('forward and backward keep their side and step where it fits (scipy 1-sided, 1 step: h unchanged)', () => {
    expect(nodesOf('forward', 0, -1, 1)).toEqual(at(0, 0.1, [0, 1]));
    expect(nodesOf('forward', 0.85, -1, 1)).toEqual(at(0.85, 0.1, [0, 1]));
    expect(nodesOf('backward', -0.85, -1, 1)).toEqual(at(-0.85, 0.1, [0, -1]));
    expect(nodesOf('forward', 0, -Infinity, Infinity)).toEqual(at(0, 0.1, [0, 1]));
  });

  it('central fits at 0 and ±0.85 (scipy 2-sided, 1 step: |h|, never one-sided)', () => {
    for (const x of [0, 0.85, -0.85]) expect(nodesOf('central', x, -1, 1)).toEqual(at(x, 0.1, [1, -1]));
  });

  it('five-point (±2h) fits at 0, turns one-sided away from the near bound at ±0.85 (scipy 2-sided, 2 steps: [0.1, −0.1, 0.1], one-sided [F, T, T])', () => {
    expect(nodesOf('five-point', 0, -1, 1)).toEqual(at(0, 0.1, [-2, -1, 1, 2]));
    expect(nodesOf('five-point', 0.85, -1, 1)).toEqual(at(0.85, 0.1, [0, -1, -2, -3, -4]));
    expect(nodesOf('five-point', -0.85, -1, 1)).toEqual(at(-0.85, 0.1, [0, 1, 2, 3, 4]));
  });
});

describe('scipy test_tight_bounds: box [−0.03, 0.05], h = 0.1 fits nowhere', () => {
  it('forward/backward take the larger side with the step shrunk to it (scipy 1-sided, 1 step: [0.05, −0.06])', () => {
    for (const scheme of ['forward', 'backward'] as const) {
      expect(nodesOf(scheme, 0, -0.03, 0.05)).toEqual([0, 0.05]);
      expect(nodesOf(scheme, 0.03, -0.03, 0.05)).toEqual([0.03, 0.03 - 0.06]);
    }
  });

  it('central: symmetric at 0 with the narrower room 0.03, one-sided down from 0.03 with h = 0.03 (scipy 2-sided, 1 step: [0.03, −0.03], one-sided [F, T])', () => {
    expect(nodesOf('central', 0, -0.03, 0.05)).toEqual([0.03, -0.03]);
    expect(nodesOf('central', 0.03, -0.03, 0.05)).toEqual(at(0.03, 0.03, [0, -1, -2]));
  });

  it('five-point: symmetric at 0 with h = 0.015, one-sided down from 0.03 with h = 0.015 (scipy 2-sided, 2 steps: [0.015, −0.015])', () => {
    expect(nodesOf('five-point', 0, -0.03, 0.05)).toEqual(at(0, 0.015, [-2, -1, 1, 2]));
    expect(nodesOf('five-point', 0.03, -0.03, 0.05)).toEqual(at(0.03, 0.015, [0, -1, -2, -3, -4]));
  });

  it('every scheme still differentiates t² exactly enough: 2t to 1e-12 at both points', () => {
    for (const scheme of ['forward', 'backward', 'central', 'five-point'] as const) {
      for (const x of [0, 0.03]) {
        const h = scheme === 'forward' || scheme === 'backward' ? (x === 0 ? 0.05 : 0.06) : 0;
        // one-sided 2-node differences of t² are off by exactly ±h (the second-order term); the others are exact
        const value = numericalDiff((t) => t * t, x, { scheme, h: 0.1, bounds: { lower: -0.03, upper: 0.05 } });
        expect(Math.abs(value - (2 * x + (x === 0 ? h : -h)))).toBeLessThan(1e-12);
      }
    }
  });
});
