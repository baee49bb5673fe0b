/**
 * The Jacobian of a vector-valued f by finite differences, perturbing x in
 * place; with a sparsity pattern, whole groups of independent columns at once.
 */
import ndarray, { type NdArray } from 'ndarray';
import { assertElementsFinite, assertFunction, checkPoint } from '../options/arguments.js';
import { elementBounds, resolveBounds } from '../kernel/bounds.js';
import { isSparsityPattern, sparsityPattern, type SparsityInput, type SparsityPattern } from './column-groups.js';
import { describe } from '../errors/describe.js';
import { ArgumentRangeError, InvalidArgumentError } from '../errors/error-classes.js';
import { groupedColumns, jacobianColumns, singleColumns } from './jacobian-engine.js';
import { agreeOnM, centerOf, checkErrorMatrix, checkMatrix, zero, type JacobianOptions } from './jacobian-options.js';
import { richardsonColumns } from './jacobian-richardson.js';
import { refuseKernelOnlyOptions } from '../options/kernel-only-options.js';
import { addEvaluations, resolveOptions, type GradientOptions } from '../options/options.js';
import { perturbation, restoreAll } from '../directional/perturb-along.js';
import { isNdArray, sizeOf } from '../memory/strided.js';
import { vectorAt, vectorCalls, type VectorFunction } from './vector-call.js';

export type { VectorFunction } from './vector-call.js';
export type { JacobianOptions } from './jacobian-options.js';

/** Validate everything before f is called, then differentiate. */
function jacobianOf(out: unknown, f: VectorFunction, x: NdArray, options: JacobianOptions | undefined, where: string): NdArray {
  const precision = checkPoint(x, where, 'x');
  assertFunction(f, where, '(x, out) => void | outputs');
  refuseKernelOnlyOptions(options, where, { richardson: false });
  // f0 is a vector here (the shared options' f0 is a number): validated below, kept out of resolveOptions
  const resolved = resolveOptions(options === undefined ? undefined : ({ ...options, f0: undefined } as GradientOptions), where, ['outputs', 'sparsity', 'f0', 'error']);
  const n = sizeOf(x.shape);
  const destination = out === undefined ? undefined : checkMatrix(out, x, n, where, 'out');
  const error = checkErrorMatrix(options?.error, x, n, resolved.scheme, destination, where);
  const outputs = options?.outputs;
  if (outputs !== undefined && !(typeof outputs === 'number' && Number.isSafeInteger(outputs) && outputs >= 0)) {
    const message = `${where}: outputs must be the number of outputs m, a non-negative integer (got ${describe(outputs)}).`;
    throw typeof outputs === 'number' ? new ArgumentRangeError(message) : new InvalidArgumentError(message);
  }
  const center = centerOf(options?.f0, where);
  const input = options?.sparsity;
  const sources: [string, number | undefined][] = [['out', destination?.shape[0]], ['options.error', error?.shape[0]], ['outputs', outputs], ['f0', center?.length]];
  const m0 = agreeOnM([...sources, ['sparsity', isNdArray(input) ? input.shape[0] : isSparsityPattern(input) ? input.rows : undefined]], where);
  let pattern: SparsityPattern | undefined;
  if (input !== undefined) {
    if (!isSparsityPattern(input) && !isNdArray(input) && m0 < 0) {
      throw new InvalidArgumentError(`${where}: a sparsity list of pairs needs m: pass options.outputs, or prepare it with sparsityPattern(pairs, [m, n]).`);
    }
    pattern = isSparsityPattern(input) ? input : sparsityPattern(input as SparsityInput, [m0, n], where, 'sparsity');
    if (pattern.columns !== n) throw new ArgumentRangeError(`${where}: sparsity has ${pattern.columns} columns but x has ${n} elements.`);
  }
  assertElementsFinite(x, where, 'x');
  const box = elementBounds(resolveBounds(resolved.bounds, x, where, 'x'), n);
  const p = perturbation(x, precision);
  const calls = vectorCalls(f, x, 'x', where, 'f', m0);
  const groups = pattern === undefined ? singleColumns(n) : groupedColumns(pattern.groupOf, pattern.groupCount, pattern.columnStart, pattern.rowIndex);
  const allocate = (m: number): { out: NdArray; error: NdArray | undefined } => {
    if (pattern !== undefined && error !== undefined) zero(error);
    if (destination === undefined) return { out: ndarray(new Float64Array(m * n), [m, n]), error };
    if (pattern !== undefined) zero(destination);
    return { out: destination, error };
  };
  try {
    if (n === 0 && calls.m < 0) vectorAt(calls, undefined, -1, 0);
    if (resolved.scheme !== 'richardson') return jacobianColumns(calls, p, groups, resolved, precision, center, (m) => allocate(m).out, box);
    if (n === 0) return allocate(calls.m).out;
    return richardsonColumns(calls, p, groups, resolved, precision, center, allocate, box);
  } finally {
    restoreAll(p);
    addEvaluations(resolved.counter, calls.evaluations);
  }
}

/**
 * Write the Jacobian J[i, j] = ∂fᵢ/∂x_j of a vector-valued f at x into `out`
 * (m×n, any strides). See jacobian.
 *
 * @param out - destination m×n (float storage, its own memory, none shared with x)
 * @param f - (x, out) => void writing m outputs into out, or returning them
 * @param x - the point (any view; Float64Array, Float32Array or plain-array data)
 * @param options - h, scheme, counter, stepUnderflow, quotient, outputs, sparsity, f0, bounds, richardson, error
 * @returns out
 * @example
 * const x = ndarray(new Float64Array([1, 2]), [2]);
 * const J = ndarray(new Float64Array(4), [2, 2]);
 * jacobianInto(J, (v, out) => { out.set(0, v.get(0) * v.get(1)); out.set(1, v.get(0) + v.get(1)); }, x);
 * // J ≈ [[2, 1], [1, 1]]
 */
export function jacobianInto<A extends NdArray>(out: NdArray, f: VectorFunction<A>, x: A, options?: JacobianOptions): NdArray;
export function jacobianInto(out: NdArray, f: VectorFunction, x: NdArray, options?: JacobianOptions): NdArray {
  if (out === undefined) throw new InvalidArgumentError('jacobianInto: out must be an m×n ndarray (got undefined).');
  return jacobianOf(out, f, x, options, 'jacobianInto');
}

/**
 * The Jacobian J[i, j] = ∂fᵢ/∂x_j of a vector-valued f at x by finite
 * differences: an m×n Float64 ndarray, n = x.size with x's elements in
 * row-major order of its multi-index, m the number of outputs.
 *
 * f(x, out) writes its m outputs into `out` (a contiguous Float64 ndarray of
 * length m, reused across calls: no allocation per call; m must then be known
 * up front: options.outputs, an ndarray sparsity, f0, or jacobianInto's
 * destination) — or returns them (an ndarray or an array of m numbers). Each
 * column is a finite difference of the vectors, with the gradient's rules:
 * scheme (central (f(x+hⱼeⱼ) − f(x−hⱼeⱼ))/2hⱼ, forward, backward,
 * five-point), step (h: 'auto' = eps^(1/3)·max(1,|x_j|) for central, made
 * representable), quotient ('actual': the step actually stored), placement
 * toward the interior near ±MAX, stepUnderflow.
 *
 * With `sparsity`, columns that share no row are perturbed together (greedy
 * colouring, see sparsityPattern): a call moves a whole group and each
 * output row is credited to the one column of the group it depends on. A
 * tridiagonal n×n Jacobian takes 3 groups: 6 calls (central) instead of 2n.
 *
 * With `bounds` (numbers or ndarrays of x's shape) the nodes never leave the
 * box: each column's stencil is fitted as numericalGradient fits it —
 * one-sided of the same order next to a bound, the step shrunk where neither
 * side has room (scipy's approx_derivative with bounds).
 *
 * Scheme 'richardson': each column is a coordinate of the Richardson tableau
 * of numericalGradient (central steps h₀ = 0.5, h₀/2, … extrapolated to the
 * rounding floor), one per output it touches — every entry converges, steps
 * back from non-finite outputs and reports its error on its own
 * (`options.error`, m×n), the columns of a sparsity group in lockstep; each
 * entry is the value `derivative` gives for that output along that input.
 *
 * Cost: 2n calls (central), n+1 (one-sided; n with f0), 4n (five-point),
 * about 6n–20n + 1 (richardson: the slowest output of a column sets its
 * count); with sparsity the number of groups replaces n. x is perturbed in place and
 * restored bit-identically afterwards, also when f throws; after each call
 * the perturbed elements must still hold their nodes (InputModifiedError).
 *
 * @param f - (x, out) => void writing m outputs, or (x) => outputs; must not write to x
 * @param x - the point (any view; Float64Array, Float32Array or plain-array data)
 * @param options - h, scheme, counter, stepUnderflow, quotient, outputs, sparsity, f0, bounds, richardson, error
 * @returns J, m×n
 * @throws InvalidArgumentError, ArgumentRangeError, AliasedMemoryError, OverlappingMemoryError, NonFiniteCoordinateError
 *   before f is called; StepUnderflowError, StepOverflowError (before f is called); FunctionThrewError, NonFiniteValueError
 *   (an output NaN/±Infinity, naming it), NotANumberError, InputModifiedError — x restored in every case
 * @example
 * // f(x) = (x₀², x₀·x₁, sin x₁): J = [[2x₀, 0], [x₁, x₀], [0, cos x₁]]
 * const x = ndarray(new Float64Array([3, 0]), [2]);
 * const f = (v: NdArray, out: NdArray) => {
 *   out.set(0, v.get(0) ** 2);
 *   out.set(1, v.get(0) * v.get(1));
 *   out.set(2, Math.sin(v.get(1)));
 * };
 * const J = jacobian(f, x, { outputs: 3 });
 * // J ≈ [[6, 0], [0, 3], [0, 1]]
 * const error = ndarray(new Float64Array(6), [3, 2]);
 * jacobian(f, x, { outputs: 3, scheme: 'richardson', error }); // ≈ [[6, 0], [0, 3], [0, 1]]
 * error.get(2, 1) < 1e-13; // → true — the estimated error of cos 0 = 1
 */
export function jacobian<A extends NdArray>(f: VectorFunction<A>, x: A, options?: JacobianOptions): NdArray;
export function jacobian(f: VectorFunction, x: NdArray, options?: JacobianOptions): NdArray {
  return jacobianOf(undefined, f, x, options, 'jacobian');
}
