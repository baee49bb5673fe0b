/**
 * The functions of issue 10 on views and storages: directionalDerivative,
 * spsaGradient, jacobian (dense and sparse), hessian, hessianVectorProduct
 * and gradCheck's fast mode address x[i₀,…] at offset + Σ i_k·stride_k. On a
 * transposed, hi/lo, step(-1), picked view or plain-Array storage they give
 * the very numbers of a contiguous Float64 copy (elements are visited in
 * row-major order of the view); on Float32Array storage the analytic values
 * within the float32 step's accuracy; and the whole buffer, inside and
 * outside the view, is bit-identical afterwards.
 *
 * f(v) = Σ_k (1 + k mod 3)·v_k² + sin(v_k) over the view's elements in
 * row-major order: ∇f_k = 2(1 + k mod 3)v_k + cos v_k, H diagonal
 * 2(1 + k mod 3) − sin v_k.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { directionalDerivative, gradCheck, hessian, hessianVectorProduct, jacobian, spsaGradient } from '@descent/core';
import { elements, sameBits, snapshot } from '../helpers.js';

const f = (v: NdArray): number => elements(v).reduce((s, x, k) => s + (1 + (k % 3)) * x * x + Math.sin(x), 0);
const F = (v: NdArray, out: NdArray): void => {
  elements(v).forEach((x, k) => out.set(k, (1 + (k % 3)) * x * x + Math.sin(x))); // diagonal Jacobian
};
const gradient = (values: number[]): number[] => values.map((x, k) => 2 * (1 + (k % 3)) * x + Math.cos(x));

/** Every new function on x, as one list of numbers. */
function all(x: NdArray): number[] {
  const n = x.size;
  const v = ndarray(Float64Array.from({ length: n }, (_, k) => Math.cos(1.1 * k) + 0.3), x.shape.slice());
  const diagonal: [number, number][] = Array.from({ length: n }, (_, k) => [k, k]);
  const analytic = ndarray(Float64Array.from(gradient(elements(x))), x.shape.slice());
  return [
    directionalDerivative(f, x, v),
    ...elements(spsaGradient(f, x, { samples: 3, seed: 1 })),
    ...elements(jacobian(F, x, { outputs: n })),
    ...elements(jacobian(F, x, { outputs: n, sparsity: diagonal })),
    ...elements(hessian(f, x)),
    ...elements(hessianVectorProduct(f, x, v)),
    ...(gradCheck(f, analytic, x, { mode: 'fast', directions: 2 }).directions ?? []).map((d) => d.numerical),
  ];
}

function buffer(length: number): Float64Array {
  return Float64Array.from({ length }, (_, i) => 1.5 * Math.sin(1.7 * i + 0.3));
}

function sameAsCopy(view: NdArray): void {
  const data = view.data as Float64Array;
  const before = snapshot(data);
  const got = all(view);
  const copy = ndarray(Float64Array.from(elements(view)), view.shape.slice());
  expect(got).toEqual(all(copy));
  expect(sameBits(snapshot(data), before)).toBe(true);
}

describe('issue 10 functions on views and storages', () => {
  it('transposed 3×4 → 4×3', () => sameAsCopy(ndarray(buffer(12), [3, 4]).transpose(1, 0)));
  it('hi/lo window of a 5×6', () => sameAsCopy(ndarray(buffer(30), [5, 6]).hi(4, 5).lo(1, 2)));
  it('reversed step(-1) and every other element step(2)', () => {
    sameAsCopy(ndarray(buffer(9), [9]).step(-1));
    sameAsCopy(ndarray(buffer(14), [14]).step(2));
  });
  it('a picked column (stride 4)', () => sameAsCopy(ndarray(buffer(20), [5, 4]).pick(null, 1)));
  it('plain-Array storage: the same numbers as Float64Array', () => {
    const values = Array.from(buffer(6));
    const x = ndarray(values, [2, 3]);
    const got = all(x);
    expect(got).toEqual(all(ndarray(Float64Array.from(values), [2, 3])));
    expect(sameBits(values, Array.from(buffer(6)))).toBe(true);
  });
  it('Float32Array storage: analytic values within float32 accuracy, the buffer unchanged', () => {
    const data = Float32Array.from(buffer(6));
    const before = snapshot(data);
    const x = ndarray(data, [6]);
    const values = elements(x);
    const g = gradient(values);
    const v = ndarray(Float32Array.from([1, -1, 0.5, 2, 0, 1]), [6]);
    const exact = g.reduce((s, t, k) => s + t * v.get(k), 0);
    // float32: eps ≈ 1.2e-7, central step eps^(1/3) ≈ 5e-3: error ≈ h² + eps·|f|/h ≈ 3e-5·|f| at most
    expect(Math.abs(directionalDerivative(f, x, v) - exact)).toBeLessThan(1e-3 * Math.abs(exact) + 1e-3);
    const J = jacobian((a) => elements(a).map((t, k) => (1 + (k % 3)) * t * t + Math.sin(t)), x);
    for (let k = 0; k < 6; k++) expect(Math.abs(J.get(k, k) - g[k]!)).toBeLessThan(1e-3);
    const H = hessian(f, x);
    for (let k = 0; k < 6; k++) expect(Math.abs(H.get(k, k) - (2 * (1 + (k % 3)) - Math.sin(values[k]!)))).toBeLessThan(2e-2);
    expect(sameBits(snapshot(data), before)).toBe(true);
  });
});
