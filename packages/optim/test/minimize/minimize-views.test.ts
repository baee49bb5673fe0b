/**
 * minimize accepts any ndarray view as x0 (step(−1), transpose, offset), never
 * modifies it, runs exactly as on a contiguous copy, and returns x with x0's shape.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { adam, minimize } from '@descent/optim';

const rosenbrock = (x: NdArray): number => (1 - x.get(0)) ** 2 + 100 * (x.get(1) - x.get(0) ** 2) ** 2;

describe('minimize on views', () => {
  it('a reversed, offset view gives the same run bit for bit and leaves its storage untouched', () => {
    const storage = new Float64Array([7, 1, -1.2, 9]);
    const view = ndarray(storage).hi(3).lo(1).step(-1); // elements (−1.2, 1)
    expect([view.get(0), view.get(1)]).toEqual([-1.2, 1]);
    const onView = minimize(rosenbrock, view, { maxIterations: 200 });
    const plain = minimize(rosenbrock, ndarray(new Float64Array([-1.2, 1])), { maxIterations: 200 });
    expect(Array.from(onView.x.data)).toEqual(Array.from(plain.x.data));
    expect(onView.fun).toBe(plain.fun);
    expect(onView.evaluations).toBe(plain.evaluations);
    expect(Array.from(storage)).toEqual([7, 1, -1.2, 9]);
  });

  it('a transposed 2×2 view with a GradientTransformation: shape kept, x0 untouched', () => {
    const storage = new Float64Array([1, 2, 3, 4]);
    const view = ndarray(storage, [2, 2]).transpose(1, 0); // [[1, 3], [2, 4]]
    // f = Σ w_ij·(x_ij − t_ij)² with distinct weights, minimum at t.
    const t = [[0.5, -1], [2, 0]];
    const w = [[1, 2], [3, 4]];
    const f = (x: NdArray): number => {
      let sum = 0;
      for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) sum += w[i]![j]! * (x.get(i, j) - t[i]![j]!) ** 2;
      return sum;
    };
    const result = minimize(f, view, { optimizer: adam({ lr: 0.05 }), maxIterations: 20_000, gradTol: 1e-6 });
    expect(result.reason).toBe('gradTol');
    expect(result.x.shape).toEqual([2, 2]);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) expect(Math.abs(result.x.get(i, j) - t[i]![j]!)).toBeLessThan(1e-6);
    expect(result.fun).toBe(f(result.x));
    expect(Array.from(storage)).toEqual([1, 2, 3, 4]);
  });
});
