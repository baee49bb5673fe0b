/**
 * The Jacobian of a vector-valued f by finite differences, perturbing x in
 * place; with a sparsity pattern, whole groups of independent columns at once.
 */
import ndarray, { type NdArray } from 'ndarray';
import { assertElementsFinite, assertFunction, assertViewInBounds, checkPoint } from './arguments.js';
import { isSparsityPattern, sparsityPattern, type SparsityInput, type SparsityPattern } from './column-groups.js';
import { describe } from './describe.js';
import { ArgumentRangeError, InvalidArgumentError } from './error-classes.js';
import { groupedColumns, jacobianColumns, singleColumns } from './jacobian-engine.js';
import { assertNoOverlap, assertNoSelfOverlap } from './memory.js';
import { refuseKernelOnlyOptions } from './kernel-only-options.js';
import { addEvaluations, resolveOptions, type GradientOptions } from './options.js';
import { perturbation, restoreAll } from './perturb-along.js';
import { floatPrecisionOf, isNdArray, sizeOf, type FloatStorage } from './strided.js';
import { vectorAt, vectorCalls, type VectorFunction } from './vector-call.js';

export type { VectorFunction } from './vector-call.js';

/** Options of jacobian: the shared ones plus the output count, a sparsity pattern and a known f(x). */
export interface JacobianOptions extends Omit<GradientOptions, 'f0'> {
  /**
   * m, the number of outputs. Known up front, f may write its outputs into
   * its second argument from the first call (no allocation per call);
   * otherwise f must return them (m is taken from the first call). Also
   * known from jacobianInto's destination, an ndarray `sparsity` or `f0`.
   * @default undefined
   */
  outputs?: number;
  /**
   * Which outputs may depend on which inputs: an m×n ndarray (nonzero = may
   * depend), a list of [row, column] pairs (needs m known), or a pattern
   * prepared once by sparsityPattern (best when called repeatedly).
   * Columns sharing no row are perturbed together: a banded Jacobian of
   * bandwidth b costs 2b calls (central) whatever n. Entries outside the
   * pattern are 0 in the result.
   * @default undefined (dense: every column alone)
   */
  sparsity?: SparsityPattern | SparsityInput;
  /**
   * f(x) when known (an ndarray or array of m numbers): one-sided schemes
   * then make no call at x.
   * @default undefined
   */
  f0?: NdArray | ArrayLike<number>;
}

/** The m outputs f0 holds, as a Float64Array, checked finite. */
function centerOf(f0: unknown, where: string): Float64Array | undefined {
  if (f0 === undefined) return undefined;
  const list: ArrayLike<unknown> | undefined = isNdArray(f0) ? Array.from({ length: sizeOf(f0.shape) }, (_, k) => elementAt(f0, k)) : Array.isArray(f0) || ArrayBuffer.isView(f0) ? (f0 as ArrayLike<unknown>) : undefined;
  if (list === undefined) throw new InvalidArgumentError(`${where}: f0 must be f(x) as an ndarray or an array of numbers (got ${describe(f0)}).`);
  const values = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (typeof v !== 'number') throw new InvalidArgumentError(`${where}: f0[${i}] is ${describe(v)}, not a number.`);
    if (v - v !== 0) throw new ArgumentRangeError(`${where}: f0[${i}] is ${v}; f0 is f at the unperturbed x and must be finite.`);
    values[i] = v;
  }
  return values;
}

/** Element k (row-major) of a view. */
function elementAt(a: NdArray, k: number): unknown {
  let p = a.offset;
  for (let axis = a.shape.length - 1; axis >= 0; axis--) {
    p += (k % a.shape[axis]!) * a.stride[axis]!;
    k = Math.floor(k / a.shape[axis]!);
  }
  return (a.data as ArrayLike<unknown>)[p];
}

/** Agree on m from every source that knows it; −1 when none does. */
function agreeOnM(sources: [string, number | undefined][], where: string): number {
  let m = -1;
  let from = '';
  for (const [name, value] of sources) {
    if (value === undefined) continue;
    if (m >= 0 && value !== m) throw new ArgumentRangeError(`${where}: ${name} says ${value} outputs but ${from} says ${m}.`);
    [m, from] = [value, name];
  }
  return m;
}

/** A destination m×n: float, inside its data, its own memory, no byte of x. */
function checkJacobianOut(out: unknown, x: NdArray, n: number, where: string): NdArray {
  floatPrecisionOf(out, where, 'out');
  const o = out as NdArray;
  if (o.shape.length !== 2 || o.shape[1] !== n) {
    throw new ArgumentRangeError(`${where}: out has shape [${o.shape.join(',')}] but the Jacobian is m×${n} (outputs × elements of x); allocate ndarray(new Float64Array(m * ${n}), [m, ${n}]).`);
  }
  assertViewInBounds(o, where, 'out');
  assertNoSelfOverlap(o, where, 'out', 'output');
  assertNoOverlap(o, 'out', x, 'x', where);
  return o;
}

/** Validate everything before f is called, then differentiate. */
function jacobianOf(out: unknown, f: VectorFunction, x: NdArray, options: JacobianOptions | undefined, where: string): NdArray {
  const precision = checkPoint(x, where, 'x');
  assertFunction(f, where, '(x, out) => void | outputs');
  refuseKernelOnlyOptions(options, where);
  // f0 is a vector here (the shared options' f0 is a number): validated below, kept out of resolveOptions
  const resolved = resolveOptions(options === undefined ? undefined : ({ ...options, f0: undefined } as GradientOptions), where, ['outputs', 'sparsity', 'f0']);
  const n = sizeOf(x.shape);
  const destination = out === undefined ? undefined : checkJacobianOut(out, x, n, where);
  const outputs = options?.outputs;
  if (outputs !== undefined && !(typeof outputs === 'number' && Number.isSafeInteger(outputs) && outputs >= 0)) {
    const message = `${where}: outputs must be the number of outputs m, a non-negative integer (got ${describe(outputs)}).`;
    throw typeof outputs === 'number' ? new ArgumentRangeError(message) : new InvalidArgumentError(message);
  }
  const center = centerOf(options?.f0, where);
  const input = options?.sparsity;
  const m0 = agreeOnM([['out', destination?.shape[0]], ['outputs', outputs], ['f0', center?.length], ['sparsity', isNdArray(input) ? input.shape[0] : isSparsityPattern(input) ? input.rows : undefined]], where);
  let pattern: SparsityPattern | undefined;
  if (input !== undefined) {
    if (!isSparsityPattern(input) && !isNdArray(input) && m0 < 0) {
      throw new InvalidArgumentError(`${where}: a sparsity list of pairs needs m: pass options.outputs, or prepare it with sparsityPattern(pairs, [m, n]).`);
    }
    pattern = isSparsityPattern(input) ? input : sparsityPattern(input as SparsityInput, [m0, n], where, 'sparsity');
    if (pattern.columns !== n) throw new ArgumentRangeError(`${where}: sparsity has ${pattern.columns} columns but x has ${n} elements.`);
  }
  assertElementsFinite(x, where, 'x');
  const p = perturbation(x, precision);
  const calls = vectorCalls(f, x, 'x', where, 'f', m0);
  const groups = pattern === undefined ? singleColumns(n) : groupedColumns(pattern.groupOf, pattern.groupCount, pattern.columnStart, pattern.rowIndex);
  const allocate = (m: number): NdArray => {
    if (destination === undefined) return ndarray(new Float64Array(m * n), [m, n]);
    if (pattern !== undefined) zero(destination);
    return destination;
  };
  try {
    if (n === 0 && calls.m < 0) vectorAt(calls, undefined, -1, 0);
    return jacobianColumns(calls, p, groups, resolved, precision, center, allocate);
  } finally {
    restoreAll(p);
    addEvaluations(resolved.counter, calls.evaluations);
  }
}

function zero(a: NdArray): void {
  const data = a.data as FloatStorage;
  for (let i = 0; i < a.shape[0]!; i++) for (let j = 0; j < a.shape[1]!; j++) data[a.offset + i * a.stride[0]! + j * a.stride[1]!] = 0;
}

/**
 * Write the Jacobian J[i, j] = ∂fᵢ/∂x_j of a vector-valued f at x into `out`
 * (m×n, any strides). See jacobian.
 *
 * @param out - destination m×n (float storage, its own memory, none shared with x)
 * @param f - (x, out) => void writing m outputs into out, or returning them
 * @param x - the point (any view; Float64Array, Float32Array or plain-array data)
 * @param options - h, scheme, counter, stepUnderflow, quotient, outputs, sparsity, f0
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
 * Cost: 2n calls (central), n+1 (one-sided; n with f0), 4n (five-point);
 * with sparsity the number of groups replaces n. x is perturbed in place and
 * restored bit-identically afterwards, also when f throws; after each call
 * the perturbed elements must still hold their nodes (InputModifiedError).
 *
 * @param f - (x, out) => void writing m outputs, or (x) => outputs; must not write to x
 * @param x - the point (any view; Float64Array, Float32Array or plain-array data)
 * @param options - h, scheme, counter, stepUnderflow, quotient, outputs, sparsity, f0
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
 */
export function jacobian<A extends NdArray>(f: VectorFunction<A>, x: A, options?: JacobianOptions): NdArray;
export function jacobian(f: VectorFunction, x: NdArray, options?: JacobianOptions): NdArray {
  return jacobianOf(undefined, f, x, options, 'jacobian');
}
