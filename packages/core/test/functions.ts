/**
 * The n = 10 test functions shared by accuracy.test.ts, richardson.test.ts
 * and bench/richardson.bench.ts, with their analytic gradients.
 */
import type { NdArray } from 'ndarray';

/** The point: [1.3, 0.7, 0.8, 1.9, 1.2] twice. */
export const POINT = [1.3, 0.7, 0.8, 1.9, 1.2, 1.3, 0.7, 0.8, 1.9, 1.2];

/** Rosenbrock: Σᵢ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)². */
export function rosenbrock(v: NdArray): number {
  let s = 0;
  for (let i = 0; i + 1 < v.shape[0]!; i++) {
    const a = v.get(i);
    const b = v.get(i + 1);
    s += 100 * (b - a * a) ** 2 + (1 - a) ** 2;
  }
  return s;
}

/** ∂/∂xᵢ = −400xᵢ(xᵢ₊₁ − xᵢ²) − 2(1 − xᵢ) [i < n−1] + 200(xᵢ − xᵢ₋₁²) [i > 0]. */
export function rosenbrockGradient(x: number[]): number[] {
  return x.map((xi, i) => {
    let g = 0;
    if (i + 1 < x.length) g += -400 * xi * (x[i + 1]! - xi * xi) - 2 * (1 - xi);
    if (i > 0) g += 200 * (xi - x[i - 1]! ** 2);
    return g;
  });
}

/** Σ e^{xᵢ}·sin xᵢ. */
export function expSin(v: NdArray): number {
  let s = 0;
  for (let i = 0; i < v.shape[0]!; i++) s += Math.exp(v.get(i)) * Math.sin(v.get(i));
  return s;
}

/** ∂/∂xᵢ = e^{xᵢ}(sin xᵢ + cos xᵢ). */
export const expSinGradient = (x: number[]): number[] => x.map((t) => Math.exp(t) * (Math.sin(t) + Math.cos(t)));
