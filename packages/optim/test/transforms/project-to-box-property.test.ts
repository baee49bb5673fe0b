/**
 * projectToBox, property: for random params, steps and boxes, and every mix of
 * Float64 and Float32 storage for params and updates, the params after
 * applyUpdates lie inside the box (fast-check, fixed seed).
 */
import ndarray from 'ndarray';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyUpdates, projectToBox } from '@descent/optim';

const storages = [Float64Array, Float32Array] as const;

describe('projectToBox property', () => {
  it.each([0, 1, 2, 3])('lands inside the box (storage mix %i: params, updates ∈ {Float64, Float32})', (mix) => {
    const P = storages[mix & 1]!;
    const U = storages[mix >> 1]!;
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.float({ min: -100, max: 100, noNaN: true }),
        fc.float({ min: Math.fround(1e-3), max: 50, noNaN: true }),
        (p0, step, low, width) => {
          const lo = low;
          const hi = Math.fround(low + width); // float32 bounds: the box always holds a float32 value
          const x = ndarray(P.of(p0));
          const u = ndarray(U.of(step));
          projectToBox(lo, hi).update(u, null, x);
          applyUpdates(x, u);
          const r = x.get(0);
          expect(r >= lo && r <= hi, `p0 ${p0}, step ${step}, box [${lo}, ${hi}] → ${r}`).toBe(true);
        },
      ),
      { seed: 11, numRuns: 2000 },
    );
  });
});
