/**
 * The test functions of scipy's optimize/tests/test__numdiff.py and
 * differentiate/tests/test_differentiate.py, re-expressed on ndarrays, with
 * their Jacobians derived by hand (each derivation beside the function).
 * Shared by the scipy-port tests under test/<folder>/scipy-*.test.ts (scipy's
 * rosen, rosen_der and rosen_hess are rosenbrock.ts).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';

/** F(x) = (x₀ sin x₁, x₁ cos x₀, x₀³ x₁^(−1/2)) — scipy's fun_vector_vector. */
export function vectorVector(x: NdArray, out: NdArray): void {
  const a = x.get(0);
  const b = x.get(1);
  out.set(0, a * Math.sin(b));
  out.set(1, b * Math.cos(a));
  out.set(2, a ** 3 * b ** -0.5);
}

/**
 * ∂F/∂x of vectorVector: row 0 (sin x₁, x₀ cos x₁); row 1 (−x₁ sin x₀, cos x₀);
 * row 2 (3x₀² x₁^(−1/2), −½ x₀³ x₁^(−3/2)).
 */
export function vectorVectorJacobian(a: number, b: number): number[][] {
  return [
    [Math.sin(b), a * Math.cos(b)],
    [-b * Math.sin(a), Math.cos(a)],
    [3 * a * a * b ** -0.5, -0.5 * a ** 3 * b ** -1.5],
  ];
}

/** f(x) = sin(x₀x₁)·ln x₀ — scipy's fun_vector_scalar. */
export function vectorScalar(x: NdArray): number {
  return Math.sin(x.get(0) * x.get(1)) * Math.log(x.get(0));
}

/** ∇ of vectorScalar: (x₁ cos(x₀x₁) ln x₀ + sin(x₀x₁)/x₀, x₀ cos(x₀x₁) ln x₀) by the product and chain rules. */
export function vectorScalarGradient(a: number, b: number): number[] {
  return [b * Math.cos(a * b) * Math.log(a) + Math.sin(a * b) / a, a * Math.cos(a * b) * Math.log(a)];
}

/** Largest |J[i,j] − T[i][j]| / |T[i][j]| over the entries (T has no zero entry where this is used). */
export function maxRelativeError(J: NdArray, T: readonly (readonly number[])[]): number {
  let worst = 0;
  for (let i = 0; i < T.length; i++) for (let j = 0; j < T[i]!.length; j++) worst = Math.max(worst, Math.abs(J.get(i, j) - T[i]![j]!) / Math.abs(T[i]![j]!));
  return worst;
}

/** Largest |J[i,j] − T[i][j]|. */
export function maxAbsoluteError(J: NdArray, T: readonly (readonly number[])[]): number {
  let worst = 0;
  for (let i = 0; i < T.length; i++) for (let j = 0; j < T[i]!.length; j++) worst = Math.max(worst, Math.abs(J.get(i, j) - T[i]![j]!));
  return worst;
}

/** The storages every array function must accept, holding `values`: a Float64 step(−1) view, Float32Array, a plain Array. */
export function storages(values: readonly number[]): { name: string; x: NdArray }[] {
  const n = values.length;
  const reversed = new Float64Array(n + 2);
  for (let i = 0; i < n; i++) reversed[n - i] = values[i]!; // element i at n − i: a view with stride −1 and offset n
  return [
    { name: 'Float64 step(-1) view', x: ndarray(reversed, [n], [-1], n) },
    { name: 'Float32Array', x: ndarray(Float32Array.from(values), [n]) },
    { name: 'plain Array', x: ndarray(values.slice(), [n]) },
  ];
}
