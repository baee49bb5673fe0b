/**
 * The Rosenbrock function of n variables with its analytic gradient and
 * Hessian, for the Hessian and Hessian-vector-product accuracy tests:
 * f = Σᵢ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², i = 0 … n−2.
 */
import type { NdArray } from 'ndarray';

/** f at the view's elements (read with get, so any view works). */
export function rosenbrock(v: NdArray): number {
  const n = v.shape[0]!;
  let s = 0;
  for (let i = 0; i < n - 1; i++) s += 100 * (v.get(i + 1) - v.get(i) ** 2) ** 2 + (1 - v.get(i)) ** 2;
  return s;
}

/** ∇f into out: ∂/∂xᵢ = −400xᵢ(xᵢ₊₁ − xᵢ²) − 2(1 − xᵢ) + 200(xᵢ − xᵢ₋₁²). */
export function rosenbrockGradient(v: NdArray, out: NdArray): void {
  const n = v.shape[0]!;
  for (let i = 0; i < n; i++) out.set(i, 0);
  for (let i = 0; i < n - 1; i++) {
    const a = v.get(i);
    const b = v.get(i + 1);
    out.set(i, out.get(i) - 400 * a * (b - a * a) - 2 * (1 - a));
    out.set(i + 1, out.get(i + 1) + 200 * (b - a * a));
  }
}

/** The analytic Hessian (tridiagonal): H[i][i] += 1200xᵢ² − 400xᵢ₊₁ + 2, H[i][i+1] = H[i+1][i] = −400xᵢ, H[i+1][i+1] += 200. */
export function rosenbrockHessian(x: readonly number[]): number[][] {
  const n = x.length;
  const h = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n - 1; i++) {
    const a = x[i]!;
    const b = x[i + 1]!;
    h[i]![i]! += 1200 * a * a - 400 * b + 2;
    h[i]![i + 1] = -400 * a;
    h[i + 1]![i] = -400 * a;
    h[i + 1]![i + 1]! += 200;
  }
  return h;
}

/** The test point of issue 10: [1.3, 0.7, 0.8, 1.9, 1.2] twice. */
export const ROSENBROCK_X = [1.3, 0.7, 0.8, 1.9, 1.2, 1.3, 0.7, 0.8, 1.9, 1.2];
