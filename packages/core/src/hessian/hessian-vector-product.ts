/**
 * H·v — the Hessian of f times a direction — from gradient differences along
 * v: (∇f(x + t·v) − ∇f(x − t·v)) / 2t, with an analytic gradient (2 calls of
 * it) or the numerical one (4n calls of f), x moved in place and restored.
 */
import ndarray, { type NdArray } from 'ndarray';
import { assertElementsFinite, assertFunction, checkDestination, checkPoint } from '../options/arguments.js';
import { checkDirection, scaleDirection } from '../directional/direction.js';
import { fitAlong } from '../directional/along-fit.js';
import { elementBounds, resolveBounds, type ArrayBounds, type Fit } from '../kernel/bounds.js';
import { ArgumentRangeError, InvalidArgumentError, StepUnderflowError } from '../errors/error-classes.js';
import { changedSinceCheckError, wroteToPerturbedError } from '../kernel/errors.js';
import { differentiateInto } from '../kernel/finite-difference.js';
import { refuseKernelOnlyOptions } from '../options/kernel-only-options.js';
import { addEvaluations, resolveOptions, type GradientOptions, type ResolvedGradientOptions } from '../options/options.js';
import { ordered } from '../kernel/nodes.js';
import { elementName, findChanged, findMoved, movedValue, moveAlong, norm2, perturbation, restoreAll, type Perturbation } from '../directional/perturb-along.js';
import { scatter } from '../memory/strided.js';
import { quotientWeights, STENCILS, type Stencil } from '../kernel/stencil.js';
import { epsilonOf, FLOAT32_MAX, type Precision } from '../kernel/step.js';
import { sizeOf } from '../memory/strided.js';
import { outputBuffer, vectorAt, vectorCalls, type VectorFunction } from '../jacobian/vector-call.js';

/** Options of hessianVectorProduct: the shared ones (h is the step along v; central only) plus an optional analytic gradient. */
export interface HessianVectorProductOptions<A extends NdArray = NdArray> extends GradientOptions {
  /**
   * ∇f, when known: (x, out) => void writing the n partial derivatives into
   * out (contiguous Float64, length n, reused), or returning them; then H·v
   * costs 2 calls of gradient and f is not called.
   * @default undefined (the numerical gradient of f: central, h 'auto'; 4n calls of f)
   */
  gradient?: VectorFunction<A>;
}

/** What one gradient evaluation at the moved x needs. */
interface GradientAt {
  /** ∇f at the current x into `into`; tau says where x was moved (x + τ·v), for messages. */
  at(into: Float64Array, tau: number): void;
  /** Calls made so far. */
  evaluations(): number;
}

/** The gradient source: the analytic gradient through the vector call site, or the numerical one of f. */
function gradientSource(
  f: (x: NdArray) => number,
  gradient: VectorFunction | undefined,
  x: NdArray,
  precision: Precision,
  options: ResolvedGradientOptions,
  where: string,
  move: (sign: number) => string,
  bounds: ArrayBounds | undefined,
): GradientAt {
  const n = sizeOf(x.shape);
  if (gradient !== undefined) {
    const calls = vectorCalls(gradient, x, 'x', where, 'gradient', n);
    calls.locate = (tau) => (tau === 0 ? { at: 'at the unperturbed x' } : { at: `when x was moved to ${move(tau)}`, coordinate: move(tau) });
    const buffer = outputBuffer(n);
    return { at: (into, tau) => into.set(vectorAt(calls, buffer, tau, 0).values), evaluations: () => calls.evaluations };
  }
  const counter = { evaluations: 0 };
  const inner = resolveOptions({ scheme: 'central', h: 'auto', counter, quotient: options.quotient }, where, []);
  // the inner gradient's nodes stay in the box and the range of floats too (one-sided of the same order next to either)
  return { at: (into) => differentiateInto(ndarray(into, x.shape.slice()), f, x, 'x', precision, inner, where, undefined, { bounds: floatRange(bounds, x, precision) }), evaluations: () => counter.evaluations };
}

/** The box intersected with the range of finite floats of x's storage. */
function floatRange(bounds: ArrayBounds | undefined, x: NdArray, precision: Precision): ArrayBounds {
  const top = precision === 'float32' ? FLOAT32_MAX : Number.MAX_VALUE;
  if (bounds === undefined) return { lower: -top, upper: top };
  const box = elementBounds(bounds, sizeOf(x.shape))!;
  for (let k = 0; k < box.lower.length; k++) {
    box.lower[k] = Math.max(box.lower[k]!, -top);
    box.upper[k] = Math.min(box.upper[k]!, top);
  }
  return { lower: ndarray(box.lower, x.shape.slice()), upper: ndarray(box.upper, x.shape.slice()) };
}

/** Move x to x₀ + τ·d (inside the range of floats: fitAlong saw to it) and return the stored displacement along d, Σ d_k(x_k − x₀_k) / Σ d_k². */
function moveTo(p: Perturbation, d: Float64Array, tau: number, dd: number): number {
  return moveAlong(p, d, tau) / dd;
}

function productOf(out: unknown, f: (x: NdArray) => number, x: NdArray, v: NdArray, options: HessianVectorProductOptions | undefined, where: string): NdArray {
  const precision = checkPoint(x, where, 'x');
  const gradient = options?.gradient;
  if (gradient === undefined) assertFunction(f, where, '(x) => number');
  else if (typeof gradient !== 'function') throw new InvalidArgumentError(`${where}: gradient must be a function (x, out) => void (got ${typeof gradient}).`);
  refuseKernelOnlyOptions(options, where);
  const resolved = resolveOptions(options, where, ['gradient']);
  if (resolved.scheme !== 'central') throw new ArgumentRangeError(`${where}: H·v is a central difference of gradients; scheme '${resolved.scheme}' is not available.`);
  if (out !== undefined) checkDestination(out, x, where, 'out', 'x');
  const d = checkDirection(v, x, where, 'v', 'x');
  assertElementsFinite(x, where, 'x');
  const bounds = resolveBounds(resolved.bounds, x, where, 'x');
  const n = sizeOf(x.shape);
  const destination = (out as NdArray | undefined) ?? ndarray(new Float64Array(n), x.shape.slice());
  const scale = scaleDirection(d);
  const product = new Float64Array(n);
  if (scale === 0) {
    scatter(destination, product); // H·0 = 0, without a call
    return destination;
  }
  const p = perturbation(x, precision);
  const auto = resolved.h === 'auto';
  const nominal = resolved.quotient === 'nominal';
  const base = gradient === undefined ? epsilonOf(precision) ** 0.25 : Math.cbrt(epsilonOf(precision));
  const t = auto ? (base * Math.max(1, norm2(p.saved))) / norm2(d) : (resolved.h as number) * scale;
  const { stencil, h } = fitAlong(FIT, p, d, t, elementBounds(bounds, n), { scheme: 'central', auto, nominal, where, name: 'v', h: t / scale });
  const move = (tau: number): string => (tau === 0 ? 'x' : `x ${tau > 0 ? '+' : '−'} ${Math.abs(tau) / scale}·v`);
  const source = gradientSource(f, gradient, x, precision, resolved, where, move, bounds);
  let dd = 0;
  for (let k = 0; k < n; k++) dd += d[k]! * d[k]!;
  const K = stencil.offsets.length;
  const grads = Array.from({ length: K + 1 }, () => new Float64Array(n)); // at each node, and at x (one-sided)
  const positions = new Float64Array(K);
  try {
    for (let j = 0; j < K; j++) {
      const tau = stencil.offsets[j]! * h;
      positions[j] = moveTo(p, d, tau, dd);
      source.at(grads[j]!, tau);
      const k = findMoved(p, d, tau);
      if (k >= 0) throw wroteToPerturbedError(where, elementName('x', p.shape, k), 'x', movedValue(p, d, tau, k), p.data[p.at[k]!]);
    }
    if (stencil.center) {
      restoreAll(p);
      source.at(grads[K]!, 0);
      const k = findChanged(p);
      if (k >= 0) throw changedSinceCheckError(where, elementName('x', p.shape, k), 'x', p.data[p.at[k]!]);
    }
    if (!ordered(positions, 0, stencil.offsets, 1) && (resolved.stepUnderflow === 'throw' || auto)) {
      throw new StepUnderflowError('x', t / scale, norm2(p.saved), 0, `${where}: h=${t / scale} moves x along v by less than the spacing of floating-point numbers (x ± h·v rounds back to x); use h: 'auto' or a larger h.`, 2 * (t / scale));
    }
    quotientInto(product, grads, positions, stencil, nominal, h, scale);
  } finally {
    restoreAll(p);
    addEvaluations(resolved.counter, source.evaluations());
  }
  scatter(destination, product);
  return destination;
}

const FIT: Fit = { stencil: STENCILS.central, h: 0 };
const WEIGHTS = new Float64Array(8);

/**
 * H·v from the gradients at the nodes (and at x): central (g₊ − g₋)/(stored
 * displacement), else the stencil's quotient weights (one-sided next to a
 * bound) applied to every component; scale undoes the direction's scaling.
 */
function quotientInto(product: Float64Array, grads: Float64Array[], positions: Float64Array, stencil: Stencil, nominal: boolean, h: number, scale: number): void {
  const n = product.length;
  if (stencil === STENCILS.central) {
    const denominator = nominal ? 2 * h : positions[0]! - positions[1]!;
    const [plus, minus] = grads as [Float64Array, Float64Array];
    for (let k = 0; k < n; k++) {
      const value = (scale * (plus[k]! - minus[k]!)) / denominator;
      product[k] = value === value ? value : 0; // stepUnderflow 'zero': a step that moved nothing gives 0/0
    }
    return;
  }
  const K = stencil.offsets.length;
  quotientWeights(WEIGHTS, stencil, positions, K, 0, nominal, h);
  for (let k = 0; k < n; k++) {
    let sum = WEIGHTS[K]! * grads[K]![k]!;
    for (let j = 0; j < K; j++) sum += WEIGHTS[j]! * grads[j]![k]!;
    const value = scale * sum;
    product[k] = value === value ? value : 0;
  }
}

/**
 * Write H(x)·v into `out` (x's shape, its own memory). See hessianVectorProduct.
 * @example
 * const x = ndarray(new Float64Array([1, 2]), [2]);
 * const out = ndarray(new Float64Array(2), [2]);
 * hessianVectorProductInto(out, (a) => a.get(0) ** 2 * a.get(1), x, ndarray(new Float64Array([1, 0]), [2]));
 * // out ≈ [4, 2] (the first column of H = [[2x₁, 2x₀], [2x₀, 0]])
 */
export function hessianVectorProductInto<A extends NdArray>(out: NdArray, f: (x: A) => number, x: A, v: NdArray, options?: HessianVectorProductOptions<A>): NdArray;
export function hessianVectorProductInto(out: NdArray, f: (x: NdArray) => number, x: NdArray, v: NdArray, options?: HessianVectorProductOptions): NdArray {
  if (out === undefined) throw new InvalidArgumentError('hessianVectorProductInto: out must be an ndarray of x’s shape (got undefined).');
  return productOf(out, f, x, v, options, 'hessianVectorProductInto');
}

/**
 * The Hessian-vector product H(x)·v from gradient differences along v:
 *
 *   H·v ≈ (∇f(x + t·v) − ∇f(x − t·v)) / 2t,  error O(t²).
 *
 * The gradient is `options.gradient` (analytic: 2 calls of it) or the
 * numerical gradient of f (central, h 'auto': 4n calls of f). The step
 * along v: h: 'auto' moves x by a vector of length base·max(1, ‖x‖₂), i.e.
 * t = base·max(1,‖x‖)/‖v‖, with base = eps^(1/3) for an analytic gradient
 * (a first difference of an exact function) and eps^(1/4) for a numerical one
 * (a difference of differences, like a second difference: its rounding
 * grows as eps/(h·t)); a fixed h gives x ± h·v. The quotient 'actual'
 * divides by the displacement actually stored, projected on v; 'nominal' by 2t.
 *
 * With `bounds`, or near ±MAX, the nodes x + τ·v are fitted to the box as
 * directionalDerivative fits them: where ±t·v does not fit, the one-sided
 * (−3∇f(x) + 4∇f(x ± tv) − ∇f(x ± 2tv))/±2t (one more gradient), the step
 * shrunk where neither side has room; the numerical gradient inside keeps
 * its nodes in the box and the range of floats too.
 *
 * Every element of x is moved in place and restored bit-identically, also
 * when f or the gradient throws. A zero v gives 0 without a call.
 *
 * @param f - the function (not called when options.gradient is given); must not write to x
 * @param x - the point (any view; Float64Array, Float32Array or plain-array data)
 * @param v - the direction, x's shape (any view or numeric storage; may share memory with x)
 * @param options - h (the step along v), counter, stepUnderflow, quotient, bounds, gradient
 * @returns H·v, a new Float64 ndarray of x's shape
 * @throws the validation errors of directionalDerivative before anything is called; StepOverflowError,
 *   StepUnderflowError; FunctionThrewError, NonFiniteValueError, NotANumberError, InputModifiedError — x restored
 * @example
 * // f = x₀²·x₁ + x₁³: H = [[2x₁, 2x₀], [2x₀, 6x₁]]; at (1, 2) along (1, 1): (6, 14)
 * const x = ndarray(new Float64Array([1, 2]), [2]);
 * const Hv = hessianVectorProduct((a) => a.get(0) ** 2 * a.get(1) + a.get(1) ** 3, x, ndarray(new Float64Array([1, 1]), [2]));
 * // Hv ≈ [6, 14]
 */
export function hessianVectorProduct<A extends NdArray>(f: (x: A) => number, x: A, v: NdArray, options?: HessianVectorProductOptions<A>): NdArray;
export function hessianVectorProduct(f: (x: NdArray) => number, x: NdArray, v: NdArray, options?: HessianVectorProductOptions): NdArray {
  return productOf(undefined, f, x, v, options, 'hessianVectorProduct');
}
