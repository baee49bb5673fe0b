/**
 * The pieces of L-BFGS-B against dense linear algebra: the compact matrix
 * B = θI − WMWᵀ equals the direct BFGS updates of θI, its two-loop inverse solves
 * B·d = −g, the generalized Cauchy point is the first local minimizer of the
 * model along the projected-gradient path (hand-derived with B = I, brute force
 * with pairs), and the subspace step minimizes the model over the free variables.
 */
import { describe, expect, it } from 'vitest';
import { CauchyWork, cauchyPointInto } from '../../src/solvers/lbfgsb-cauchy.js';
import { CompactLbfgs } from '../../src/solvers/lbfgsb-compact.js';
import { SubspaceWork, subspaceStepInto } from '../../src/solvers/lbfgsb-subspace.js';
import { solveInPlace } from '../../src/solvers/dense-solve.js';

type Matrix = number[][];
const PAIRS: [number[], number[]][] = [
  [[1, 0, 0.5], [2, 0.1, 1]],
  [[0, 1, -0.2], [0.3, 3, -0.4]],
  [[0.2, -0.3, 1], [0.5, -0.6, 4]],
];
const dotv = (a: number[], b: number[]): number => a.reduce((s, v, i) => s + v * b[i]!, 0);
const matVec = (A: Matrix, v: number[]): number[] => A.map((row) => dotv(row, v));

/** Direct BFGS updates B ← B − Bs(Bs)ᵀ/sᵀBs + yyᵀ/yᵀs from B₀ = θI, θ = yᵀy/sᵀy of the newest pair. */
function denseB(pairs: [number[], number[]][]): Matrix {
  const [sl, yl] = pairs[pairs.length - 1]!;
  const theta = dotv(yl, yl) / dotv(sl, yl);
  const n = sl.length;
  let B = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? theta : 0)));
  for (const [s, y] of pairs) {
    const Bs = matVec(B, s);
    const sBs = dotv(s, Bs);
    const sy = dotv(s, y);
    B = B.map((row, i) => row.map((v, j) => v - (Bs[i]! * Bs[j]!) / sBs + (y[i]! * y[j]!) / sy));
  }
  return B;
}

function compact(pairs: [number[], number[]][], m = 5): CompactLbfgs {
  const B = new CompactLbfgs(m, pairs[0]![0].length);
  const zero = new Float64Array(pairs[0]![0].length);
  for (const [s, y] of pairs) expect(B.tryPush(Float64Array.from(s), zero, Float64Array.from(y), zero, 1e-10)).toBe(true);
  return B;
}

/** B·v from the compact form: θv − W·M·Wᵀv. */
function compactTimes(B: CompactLbfgs, v: number[]): number[] {
  const k2 = 2 * B.k;
  const wtv = new Float64Array(k2);
  const w = new Float64Array(k2);
  for (let i = 0; i < v.length; i++) {
    B.wRowInto(w, i);
    for (let j = 0; j < k2; j++) wtv[j] = wtv[j]! + w[j]! * v[i]!;
  }
  const mw = new Float64Array(k2);
  B.mTimesInto(mw, wtv);
  return v.map((vi, i) => {
    B.wRowInto(w, i);
    return B.theta * vi - w.reduce((s, wj, j) => s + wj * mw[j]!, 0);
  });
}

describe('CompactLbfgs', () => {
  it('B·v = θv − WMWᵀv equals the dense BFGS matrix of the same pairs', () => {
    const B = compact(PAIRS);
    const dense = denseB(PAIRS);
    for (const v of [[1, 0, 0], [0.3, -2, 1.5]]) {
      const a = compactTimes(B, v);
      const b = matVec(dense, v);
      a.forEach((ai, i) => expect(ai).toBeCloseTo(b[i]!, 11));
    }
  });

  it('drops the oldest pair when m are stored (B of the newest m)', () => {
    const B = compact(PAIRS, 2);
    const dense = denseB(PAIRS.slice(1));
    const a = compactTimes(B, [1, 1, 1]);
    matVec(dense, [1, 1, 1]).forEach((bi, i) => expect(a[i]).toBeCloseTo(bi, 11));
  });

  it('inverseTimesInto gives d with B·d = −g', () => {
    const B = compact(PAIRS);
    const d = new Float64Array(3);
    B.inverseTimesInto(d, new Float64Array([1, -2, 0.5]), new Float64Array(5));
    matVec(denseB(PAIRS), Array.from(d)).forEach((v, i) => expect(v).toBeCloseTo(-[1, -2, 0.5][i]!, 11));
  });
});

describe('solveInPlace', () => {
  it('solves [[2, 1], [1, 3]]·x = [3, 5] (x = [0.8, 1.4]) and reports a singular matrix', () => {
    const b = new Float64Array([3, 5]);
    expect(solveInPlace(new Float64Array([2, 1, 1, 3]), 2, 2, b, 1, 1)).toBe(true);
    expect(b[0]).toBeCloseTo(0.8, 15);
    expect(b[1]).toBeCloseTo(1.4, 15);
    expect(solveInPlace(new Float64Array([1, 2, 2, 4]), 2, 2, new Float64Array([1, 1]), 1, 1)).toBe(false);
  });
});

function gcp(x: number[], g: number[], lo: number[], hi: number[], B: CompactLbfgs): number[] {
  const n = x.length;
  const xc = new Float64Array(n);
  cauchyPointInto(xc, new Float64Array(2 * B.m), Float64Array.from(x), Float64Array.from(g), Float64Array.from(lo), Float64Array.from(hi), B, new CauchyWork(n, B.m));
  return Array.from(xc);
}

/** First local minimizer of m(t) = gᵀ(x(t) − x) + ½(x(t) − x)ᵀB(x(t) − x) along x(t) = P(x − tg), segment by segment. */
function bruteForceGcp(x: number[], g: number[], lo: number[], hi: number[], B: Matrix): number[] {
  const path = (t: number): number[] => x.map((xi, i) => Math.min(Math.max(xi - t * g[i]!, lo[i]!), hi[i]!));
  const breaks = [...new Set(x.map((xi, i) => (g[i]! < 0 ? (xi - hi[i]!) / g[i]! : g[i]! > 0 ? (xi - lo[i]!) / g[i]! : Infinity)))]
    .filter((t) => t > 0)
    .sort((a, b) => a - b);
  let t0 = 0;
  for (const t1 of [...breaks, Infinity]) {
    const z0 = path(t0).map((v, i) => v - x[i]!);
    const dir = path(t0 + Math.min(1, (t1 - t0) / 2)).map((v, i) => (v - x[i]! - z0[i]!) / Math.min(1, (t1 - t0) / 2));
    const slope = dotv(g, dir) + dotv(dir, matVec(B, z0));
    const curv = dotv(dir, matVec(B, dir));
    const tStar = slope >= 0 ? 0 : -slope / curv;
    if (tStar < t1 - t0) return path(t0 + tStar);
    t0 = t1;
  }
  return path(t0);
}

describe('cauchyPointInto', () => {
  it('B = I, minimizer inside the first segment: xc = x − g = (1, 2)', () => {
    expect(gcp([0, 0], [-1, -2], [-5, -5], [5, 5], new CompactLbfgs(3, 2))).toEqual([1, 2]);
  });

  it('B = I through both breakpoints (0.25 and 0.5) to the box corner (0.25, 1)', () => {
    // d = (1, 2), f′ = −5, f″ = 5: t* = 1 ≥ 0.25. At x₁'s bound: f′ = −5 + 0.25·5 + 1 − 0.25 = −3, f″ = 5 − 1 = 4,
    // t* = 0.75 ≥ 0.25 (next breakpoint 0.5). At x₂'s: f′ = −3 + 0.25·4 + 4 − 2 = 0 → stop with both at their bounds.
    expect(gcp([0, 0], [-1, -2], [-1, -1], [0.25, 1], new CompactLbfgs(3, 2))).toEqual([0.25, 1]);
  });

  it('with three pairs equals the brute-force first minimizer along the path', () => {
    const B = compact(PAIRS);
    const dense = denseB(PAIRS);
    const cases: [number[], number[], number[], number[]][] = [
      [[0, 0, 0], [-1, 2, -0.5], [-0.2, -0.3, -1], [0.1, 1, 1]],
      [[0.5, -0.5, 0], [3, -1, 2], [0, -1, -0.4], [1, 0, 1]],
      [[0, 0, 0], [-0.1, 0.2, -0.05], [-1, -1, -1], [1, 1, 1]],
    ];
    for (const [x, g, lo, hi] of cases) {
      const a = gcp(x, g, lo, hi, B);
      bruteForceGcp(x, g, lo, hi, dense).forEach((v, i) => expect(a[i]).toBeCloseTo(v, 10));
    }
  });
});

describe('subspaceStepInto', () => {
  it('minimizes the model over the free variables when the minimizer is inside the box', () => {
    // x = 0, g = (1, −1, 0.5); variable 0 fixed at its bound 0.3 at xc; free {1, 2} from xc = (0.3, 0.1, −0.05).
    const B = compact(PAIRS);
    const dense = denseB(PAIRS);
    const x = [0, 0, 0];
    const g = [1, -1, 0.5];
    const xc = [0.3, 0.1, -0.05];
    const lo = [-10, -10, -10];
    const hi = [0.3, 10, 10];
    const c = new Float64Array(2 * B.m);
    const w = new Float64Array(2 * B.k);
    for (let i = 0; i < 3; i++) {
      B.wRowInto(w, i);
      for (let j = 0; j < 2 * B.k; j++) c[j] = c[j]! + w[j]! * (xc[i]! - x[i]!);
    }
    const xbar = new Float64Array(3);
    subspaceStepInto(xbar, Float64Array.from(x), Float64Array.from(xc), c, Float64Array.from(g), Float64Array.from(lo), Float64Array.from(hi), B, new SubspaceWork(3, B.m));
    // Dense: the reduced gradient r = (g + B(xc − x))_F, solve B_FF·d = −r.
    const r = matVec(dense, xc).map((v, i) => v + g[i]!);
    const A = new Float64Array([dense[1]![1]!, dense[1]![2]!, dense[2]![1]!, dense[2]![2]!]);
    const d = new Float64Array([-r[1]!, -r[2]!]);
    solveInPlace(A, 2, 2, d, 1, 1);
    expect(xbar[0]).toBe(0.3);
    expect(xbar[1]).toBeCloseTo(xc[1]! + d[0]!, 10);
    expect(xbar[2]).toBeCloseTo(xc[2]! + d[1]!, 10);
  });
});
