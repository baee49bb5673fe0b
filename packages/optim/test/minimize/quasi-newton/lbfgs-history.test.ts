/**
 * The L-BFGS memory: the two-loop direction equals −H·g for the inverse BFGS
 * matrix built pair by pair from H₀ = γI (γ of the newest pair), a pair failing
 * the curvature test is skipped without dropping the others, and the ring keeps
 * the newest m pairs.
 */
import { describe, expect, it } from 'vitest';
import { LbfgsHistory } from '../../../src/minimize/quasi-newton/lbfgs-history.js';

/** Dense H after the BFGS inverse updates H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ from H₀ = γI. */
function denseInverse(pairs: [number[], number[]][], gamma: number): number[][] {
  const n = pairs[0]![0].length;
  let H = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? gamma : 0)));
  for (const [s, y] of pairs) {
    const rho = 1 / s.reduce((a, v, i) => a + v * y[i]!, 0);
    const V = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0) - rho * s[i]! * y[j]!));
    const VH = V.map((row) => H[0]!.map((_, j) => row.reduce((a, v, k) => a + v * H[k]![j]!, 0)));
    H = VH.map((row, i) => row.map((_, j) => row.reduce((a, v, k) => a + v * V[j]![k]!, 0) + rho * s[i]! * s[j]!));
  }
  return H;
}

function push(h: LbfgsHistory, s: number[], y: number[], eps = 1e-10): boolean {
  const zero = new Float64Array(s.length);
  return h.tryUpdate(Float64Array.from(s), zero, Float64Array.from(y), zero, eps);
}

describe('LbfgsHistory', () => {
  it('is −g while empty (H = I)', () => {
    const d = new Float64Array(2);
    const slope = new LbfgsHistory(3, 2).directionInto(d, new Float64Array([3, -4]));
    expect(Array.from(d)).toEqual([-3, 4]);
    expect(slope).toBe(-25);
  });

  it('one pair on f = x₁² + 5x₂²: H = BFGS update of γI, γ = sᵀy/yᵀy', () => {
    // s = (−1, −0.5), y = ∇f difference = (−2, −5): sᵀy = 4.5, yᵀy = 29, γ = 4.5/29.
    const h = new LbfgsHistory(5, 2);
    expect(push(h, [-1, -0.5], [-2, -5])).toBe(true);
    expect(h.gamma).toBeCloseTo(4.5 / 29, 15);
    const g = [0.3, -0.7];
    const d = new Float64Array(2);
    h.directionInto(d, Float64Array.from(g));
    const H = denseInverse([[[-1, -0.5], [-2, -5]]], 4.5 / 29);
    expect(d[0]).toBeCloseTo(-(H[0]![0]! * g[0]! + H[0]![1]! * g[1]!), 14);
    expect(d[1]).toBeCloseTo(-(H[1]![0]! * g[0]! + H[1]![1]! * g[1]!), 14);
  });

  it('three pairs in 3-D match the dense inverse BFGS matrix, γ from the newest pair', () => {
    const pairs: [number[], number[]][] = [
      [[1, 0, 0.5], [2, 0.1, 1]],
      [[0, 1, -0.2], [0.3, 3, -0.4]],
      [[0.2, -0.3, 1], [0.5, -0.6, 4]],
    ];
    const h = new LbfgsHistory(5, 3);
    for (const [s, y] of pairs) push(h, s, y);
    const [s3, y3] = pairs[2]!;
    const gamma = s3.reduce((a, v, i) => a + v * y3[i]!, 0) / y3.reduce((a, v) => a + v * v, 0);
    const H = denseInverse(pairs, gamma);
    const g = [1, -2, 0.5];
    const d = new Float64Array(3);
    const slope = h.directionInto(d, Float64Array.from(g));
    for (let i = 0; i < 3; i++) expect(d[i]).toBeCloseTo(-H[i]!.reduce((a, v, k) => a + v * g[k]!, 0), 12);
    expect(slope).toBeCloseTo(g.reduce((a, v, i) => a + v * d[i]!, 0), 14);
  });

  it('skips a pair failing sᵀy > eps·‖s‖‖y‖ and keeps the others', () => {
    const h = new LbfgsHistory(5, 2);
    push(h, [1, 0], [2, 0]);
    expect(push(h, [1, 0], [-1, 0])).toBe(false); // sᵀy = −1
    expect(push(h, [0, 1], [1e-12, 0])).toBe(false); // sᵀy = 0
    expect(h.size).toBe(1);
    expect(h.gamma).toBe(0.5);
  });

  it('keeps only the newest m pairs', () => {
    const h = new LbfgsHistory(2, 2);
    push(h, [1, 0], [1, 0]);
    push(h, [0, 1], [0, 2]);
    push(h, [1, 1], [3, 3]);
    expect(h.size).toBe(2);
    const H = denseInverse([[[0, 1], [0, 2]], [[1, 1], [3, 3]]], 6 / 18);
    const d = new Float64Array(2);
    h.directionInto(d, new Float64Array([1, 2]));
    expect(d[0]).toBeCloseTo(-(H[0]![0]! + 2 * H[0]![1]!), 14);
    expect(d[1]).toBeCloseTo(-(H[1]![0]! + 2 * H[1]![1]!), 14);
  });
});
