/**
 * The Hessian of a scalar f by second differences of f (2n² + 1 calls; 2n² with a known f0), or —
 * given an analytic gradient — by central differences of the gradient
 * (2n calls of it), symmetrised.
 */
import ndarray, { type NdArray } from 'ndarray';
import { assertElementsFinite, assertFunction, assertViewInBounds, checkPoint } from '../options/arguments.js';
import { ArgumentRangeError, InvalidArgumentError } from '../errors/error-classes.js';
import { AUTO_STEP_HINT } from '../kernel/finite-difference.js';
import { hessianBySecondDifferences } from './hessian-second-differences.js';
import { groupedColumns, jacobianColumns, singleColumns } from '../jacobian/jacobian-engine.js';
import { richardsonColumns } from '../jacobian/jacobian-richardson.js';
import { assertNoOverlap, assertNoSelfOverlap } from '../memory/memory.js';
import { elementBounds, resolveBounds } from '../kernel/bounds.js';
import { refuseKernelOnlyOptions } from '../options/kernel-only-options.js';
import { addEvaluations, resolveOptions, type GradientOptions } from '../options/options.js';
import { perturbation, restoreAll } from '../directional/perturb-along.js';
import { floatPrecisionOf, sizeOf, type FloatStorage } from '../memory/strided.js';
import { vectorCalls, type VectorFunction } from '../jacobian/vector-call.js';

/** Options of hessian: the shared ones plus an optional analytic gradient. */
export interface HessianOptions<A extends NdArray = NdArray> extends GradientOptions {
  /**
   * ∇f, when known: (x, out) => void writing the n partial derivatives into
   * out (a contiguous Float64 ndarray of length n, reused), or returning them.
   * The Hessian is then the Jacobian of the gradient by `scheme` (central:
   * 2n calls of gradient, f is not called; 'richardson': extrapolated to the
   * rounding floor) with the gradient's step rules, symmetrised (H + Hᵀ)/2.
   * @default undefined (second differences of f)
   */
  gradient?: VectorFunction<A>;
}

/** A destination n×n: float, inside its data, its own memory, no byte of x. */
function checkSquareOut(out: unknown, x: NdArray, n: number, where: string): NdArray {
  floatPrecisionOf(out, where, 'out');
  const o = out as NdArray;
  if (o.shape.length !== 2 || o.shape[0] !== n || o.shape[1] !== n) {
    throw new ArgumentRangeError(`${where}: out has shape [${o.shape.join(',')}] but the Hessian is ${n}×${n}; allocate ndarray(new Float64Array(${n * n}), [${n}, ${n}]).`);
  }
  assertViewInBounds(o, where, 'out');
  assertNoSelfOverlap(o, where, 'out', 'output');
  assertNoOverlap(o, 'out', x, 'x', where);
  return o;
}

/** (H + Hᵀ)/2 in place. */
function symmetrise(h: NdArray): void {
  const data = h.data as FloatStorage;
  const [s0, s1] = h.stride as [number, number];
  const n = h.shape[0]!;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = h.offset + i * s0 + j * s1;
      const b = h.offset + j * s0 + i * s1;
      const mean = 0.5 * (data[a]! + data[b]!);
      data[a] = mean;
      data[b] = mean;
    }
  }
}

function hessianOf(out: unknown, f: (x: NdArray) => number, x: NdArray, options: HessianOptions | undefined, where: string): NdArray {
  const precision = checkPoint(x, where, 'x');
  const gradient = options?.gradient;
  if (gradient === undefined) assertFunction(f, where, '(x) => number');
  else if (typeof gradient !== 'function') throw new InvalidArgumentError(`${where}: gradient must be a function (x, out) => void (got ${typeof gradient}).`);
  if (gradient === undefined && options?.scheme === 'richardson') {
    throw new ArgumentRangeError(`${where}: scheme 'richardson' needs options.gradient (the Hessian is then the Jacobian of the gradient, extrapolated); second differences of f are central — leave scheme out or pass gradient.`);
  }
  refuseKernelOnlyOptions(options, where, { richardson: gradient === undefined });
  const resolved = resolveOptions(options, where, ['gradient']);
  if (gradient === undefined && resolved.scheme !== 'central') {
    throw new ArgumentRangeError(`${where}: second differences of f are central; scheme '${resolved.scheme}' applies only with options.gradient.`);
  }
  const n = sizeOf(x.shape);
  const destination = out === undefined ? ndarray(new Float64Array(n * n), [n, n]) : checkSquareOut(out, x, n, where);
  assertElementsFinite(x, where, 'x');
  const box = elementBounds(resolveBounds(resolved.bounds, x, where, 'x'), n);
  const p = perturbation(x, precision);
  if (gradient === undefined) {
    const counter = { evaluations: 0 };
    try {
      hessianBySecondDifferences(destination, f, x, p, resolved, precision, where, resolved.h === 'auto' ? AUTO_STEP_HINT : undefined, counter, box);
    } finally {
      restoreAll(p);
      addEvaluations(resolved.counter, counter.evaluations);
    }
    return destination;
  }
  const calls = vectorCalls(gradient, x, 'x', where, 'gradient', n);
  const columns = n === 0 ? groupedColumns(new Uint32Array(0), 0, new Uint32Array(1), new Uint32Array(0)) : singleColumns(n);
  try {
    if (resolved.scheme !== 'richardson') jacobianColumns(calls, p, columns, resolved, precision, undefined, () => destination, box);
    else if (n > 0) richardsonColumns(calls, p, columns, resolved, precision, undefined, () => ({ out: destination, error: undefined }), box);
  } finally {
    restoreAll(p);
    addEvaluations(resolved.counter, calls.evaluations);
  }
  symmetrise(destination);
  return destination;
}

/**
 * Write the Hessian of f at x into `out` (n×n, any strides). See hessian.
 * @example
 * const x = ndarray(new Float64Array([1, 2]), [2]);
 * const H = ndarray(new Float64Array(4), [2, 2]);
 * hessianInto(H, (v) => v.get(0) ** 2 * v.get(1), x); // H ≈ [[4, 2], [2, 0]]
 */
export function hessianInto<A extends NdArray>(out: NdArray, f: (x: A) => number, x: A, options?: HessianOptions<A>): NdArray;
export function hessianInto(out: NdArray, f: (x: NdArray) => number, x: NdArray, options?: HessianOptions): NdArray {
  if (out === undefined) throw new InvalidArgumentError('hessianInto: out must be an n×n ndarray (got undefined).');
  return hessianOf(out, f, x, options, 'hessianInto');
}

/**
 * The Hessian H[i, j] = ∂²f/∂xᵢ∂x_j of a scalar f at x, an n×n symmetric
 * Float64 ndarray (n = x.size, x's elements in row-major order).
 *
 * Without a gradient, by second differences of f with the step
 * hᵢ = eps^(1/4)·max(1,|xᵢ|) made representable (it balances the O(h²)
 * truncation against the O(eps/h²) rounding of a second difference):
 *   H[i,i] = (f(x+hᵢeᵢ) − 2f(x) + f(x−hᵢeᵢ)) / hᵢ²,
 *   H[i,j] = (f(x+hᵢeᵢ+h_je_j) − f(x+hᵢeᵢ−h_je_j) − f(x−hᵢeᵢ+h_je_j) + f(x−hᵢeᵢ−h_je_j)) / 4hᵢh_j,
 * with the steps actually stored in place of hᵢ (quotient 'actual', the
 * divided differences of the stored nodes; 'nominal' uses hᵢ as given):
 * 2n² + 1 calls of f (2n² with `f0`), exactly symmetric. With `gradient`, the Jacobian of
 * the gradient (2n calls of it, central; scheme 'richardson' extrapolates
 * halving steps per column to the rounding floor, about 7–13 calls per
 * column, with the `richardson` tolerances — scipy.differentiate.hessian's
 * accuracy) symmetrised (H + Hᵀ)/2. Scheme 'richardson' without `gradient`
 * is refused (ArgumentRangeError): second differences of f are central only.
 *
 * Next to a bound of `bounds` (numbers or ndarrays of x's shape), or within
 * 3hᵢ of ±MAX, element i is differenced one-sidedly with the same order on
 * nodes x + s·hᵢ, x + 2s·hᵢ, x + 3s·hᵢ toward the side with room:
 * H[i,i] = (2f(x) − 5f(x+shᵢ) + 4f(x+2shᵢ) − f(x+3shᵢ))/hᵢ², and a mixed
 * entry is the product of the two elements' first-derivative stencils
 * ((−3f₀ + 4f₁ − f₂)/2shᵢ one-sided) — still 4 calls per pair, one more call
 * per one-sided element; the step shrinks where the box is narrower than
 * 3hᵢ. With `gradient` the gradient's columns are fitted like a Jacobian's.
 * A fixed h with no room in the range of floats, or quotient 'nominal' at
 * its edge, is a StepOverflowError (as numericalGradient).
 *
 * x is perturbed in place and restored bit-identically, also when f throws.
 *
 * @param f - the function (not called when options.gradient is given); must not write to x
 * @param x - the point (any view; Float64Array, Float32Array or plain-array data)
 * @param options - h, counter, stepUnderflow, quotient, bounds, gradient (and scheme and richardson, with gradient)
 * @returns H, n×n
 * @throws the validation errors of numericalGradient before f is called; StepUnderflowError, StepOverflowError (before
 *   f is called); FunctionThrewError, NonFiniteValueError, NotANumberError,
 *   InputModifiedError — x restored in every case
 * @example
 * // f = x₀²·x₁ + x₁³: H = [[2x₁, 2x₀], [2x₀, 6x₁]]
 * const x = ndarray(new Float64Array([1, 2]), [2]);
 * const H = hessian((v) => v.get(0) ** 2 * v.get(1) + v.get(1) ** 3, x);
 * // H ≈ [[4, 2], [2, 12]]
 */
export function hessian<A extends NdArray>(f: (x: A) => number, x: A, options?: HessianOptions<A>): NdArray;
export function hessian(f: (x: NdArray) => number, x: NdArray, options?: HessianOptions): NdArray {
  return hessianOf(undefined, f, x, options, 'hessian');
}
