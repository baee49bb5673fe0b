/**
 * ∇f·v — the derivative of f along a direction — from 2 calls of f (central)
 * whatever the size of x, moving all of x in place and restoring it exactly.
 */
import type { NdArray } from 'ndarray';
import { assertElementsFinite, assertFunction, checkPoint } from '../options/arguments.js';
import { alongCalls, valueAlong, valueAtCenter, type AlongCalls } from './along-call.js';
import { describe } from '../errors/describe.js';
import { ArgumentRangeError, InvalidArgumentError, StepUnderflowError } from '../errors/error-classes.js';
import { fitAlong } from './along-fit.js';
import { elementBounds, resolveBounds, type ElementBounds, type Fit } from '../kernel/bounds.js';
import { AUTO_STEP_HINT } from '../kernel/finite-difference.js';
import { checkDirection, scaleDirection } from './direction.js';
import { refuseKernelOnlyOptions } from '../options/kernel-only-options.js';
import { minimumStep } from '../kernel/nodes.js';
import { nominalSlope, STENCILS, storedSlope } from '../kernel/stencil.js';
import { addEvaluations, resolveOptions, type GradientOptions, type ResolvedGradientOptions } from '../options/options.js';
import { elementLabel, norm2, perturbation, restoreAll, segmentOf, type Perturbation } from './perturb-along.js';
import { autoStepBase, epsilonOf, spacingAt, type DifferenceScheme, type Precision } from '../kernel/step.js';
import { sizeOf } from '../memory/strided.js';

/** Options of directionalDerivative: the shared ones plus a known f(x). */
export interface DirectionalDerivativeOptions extends GradientOptions {
  /**
   * f(x), when the caller already has it: the one-sided formulas ('forward',
   * 'backward', and any scheme turned one-sided by `bounds` or the edge of
   * the float range) use it instead of calling f(x).
   * @default undefined (f(x) is evaluated when a one-sided formula needs it)
   */
  f0?: number;
}

/** A finite f0, or undefined. */
export function checkF0(f0: unknown, where: string): number | undefined {
  if (f0 === undefined) return undefined;
  if (typeof f0 !== 'number') throw new InvalidArgumentError(`${where}: f0 must be the number f(x) (got ${describe(f0)}).`);
  if (f0 - f0 !== 0) throw new ArgumentRangeError(`${where}: f0 must be finite (got ${f0}); it is f at the unperturbed x.`);
  return f0;
}

/**
 * The derivative along v of the function f calls see through `calls` (x
 * prepared as calls.p, v gathered into d, modified in place by scaling).
 * Step along v: h: 'auto' moves x by base·max(1, ‖x‖₂) in length (base =
 * eps^(1/3) central, eps^(1/2) one-sided, eps^(1/5) five-point), i.e.
 * t = base·max(1,‖x‖)/‖v‖; a fixed h takes the nodes x ± h·v as given.
 * Quotient 'actual': the displacement actually stored, projected on v,
 * (Σ v_k·(x_k' − x_k)) / Σ v_k², per node; 'nominal': τ·t.
 * @param xNorm - ‖x‖₂ at the unperturbed x (pass it when calling repeatedly on one x)
 */
export function derivativeAlong(
  calls: AlongCalls,
  d: Float64Array,
  options: ResolvedGradientOptions,
  precision: Precision,
  f0: number | undefined,
  xNorm = norm2(calls.p.saved),
  box?: ElementBounds,
  direction = 'v',
): number {
  const scale = scaleDirection(d);
  if (scale === 0) return 0;
  const scheme = options.scheme as DifferenceScheme; // 'richardson' is refused up front
  const auto = options.h === 'auto';
  const t = auto ? (autoStepBase(scheme, epsilonOf(precision)) * Math.max(1, xNorm)) / norm2(d) : (options.h as number) * scale;
  const nominal = options.quotient === 'nominal';
  const { stencil, h } = fitAlong(FIT, calls.p, d, t, box, { scheme, auto, nominal, where: calls.where, name: direction, h: t / scale });
  let dd = 0;
  for (let k = 0; k < d.length; k++) dd += d[k]! * d[k]!;
  const offsets = stencil.offsets;
  const center = stencil.center ? (f0 ?? valueAtCenter(calls)) : 0;
  for (let k = 0; k < offsets.length; k++) {
    const tau = offsets[k]! * h;
    VALUE[k] = valueAlong(calls, d, tau, () => `${calls.name} + ${tau / scale}·${direction}`);
    ACTUAL[k] = calls.projection / dd; // the stored displacement along d
  }
  let vanished = false;
  for (let k = 0; k < offsets.length; k++) {
    if (!(ACTUAL[k]! * offsets[k]! > 0)) vanished = true;
    for (let j = 0; j < k; j++) if (ACTUAL[j] === ACTUAL[k]) vanished = true;
  }
  if (vanished && (options.stepUnderflow === 'throw' || auto)) throw vanishedError(calls.p, d, h, scale, options, calls.name, calls.where);
  // positions along d relative to x: the stencil's quotient over the stored displacements (or the nominal τ·t)
  const slope = nominal ? nominalSlope(stencil, VALUE, center, h) : storedSlope(ACTUAL, VALUE, offsets.length, 0, center, stencil.center, stencil, vanished);
  // stepUnderflow 'zero': f's values are finite, so NaN is 0/0 from a step that moved nothing
  return slope !== slope ? 0 : slope * scale;
}

const FIT: Fit = { stencil: STENCILS.central, h: 0 };
const VALUE = new Float64Array(4);
const ACTUAL = new Float64Array(4);

/**
 * StepUnderflowError when x ± h·v rounds back to x: names the element that
 * moves most easily and the smallest h that moves it (`minimumH`).
 */
function vanishedError(p: Perturbation, d: Float64Array, t: number, scale: number, options: ResolvedGradientOptions, name: string, where: string): StepUnderflowError {
  let best = -1;
  let minimumH = Infinity;
  const precisionOf = (k: number): Precision => (segmentOf(p, k).float32 ? 'float32' : 'float64');
  for (let k = 0; k < p.size; k++) {
    if (d[k] === 0) continue;
    const h = minimumStep(p.saved[k]!, options.scheme, precisionOf(k)) / Math.abs(d[k]! * scale);
    if (h < minimumH) [best, minimumH] = [k, h];
  }
  const coordinate = elementLabel(p, best);
  const value = p.saved[best]!;
  return new StepUnderflowError(
    coordinate,
    t / scale,
    value,
    spacingAt(value, precisionOf(best)),
    `${where}: h=${t / scale} moves ${name} along v by less than the spacing of floating-point numbers (x ± h·v rounds back to x); ` +
      `use h: 'auto' or h ≥ ${minimumH} (that moves ${coordinate}=${value}).`,
    minimumH,
  );
}

/**
 * The directional derivative ∇f(x)·v by a finite difference along v.
 *
 * With g(t) = f(x + t·v), ∇f·v = g'(0); central: (g(t) − g(−t)) / 2t, error
 * O(t²); forward/backward: (g(±t) − g(0)) / ±t, O(t); five-point:
 * (g(−2t) − 8g(−t) + 8g(t) − g(2t)) / 12t, O(t⁴). Cost: 2 calls of f
 * (central; forward and backward: 2, or 1 with `f0`; five-point: 4) whatever
 * the size of x — against 2N for the full gradient.
 *
 * The step: h: 'auto' moves x by a vector of length base·max(1, ‖x‖₂)
 * (base = eps^(1/3) for central, eps^(1/2) one-sided, eps^(1/5) five-point,
 * eps of x's storage), i.e. t = base·max(1,‖x‖)/‖v‖ — the rule of the
 * per-element step, with the length of x for its size; a fixed h gives the
 * nodes x ± h·v (for v = eᵢ exactly numericalGradient's nodes). The default
 * quotient 'actual' divides by the displacement actually stored, projected
 * on v: Σ v_k·(x_k' − x_k) / Σ v_k² per node (for v = eᵢ the step actually
 * taken, as everywhere in core); 'nominal' by t.
 *
 * Bounds and the edge of the float range: x + τ·v for the stencil's τ must
 * stay inside `bounds` (numbers or ndarrays of x's shape) and finite, so
 * along v the nodes have the interval [−down, up] of τ that keeps every
 * element inside; the stencil is fitted to it as numericalDiff fits a
 * scalar's — the scheme's own nodes when they fit, else the one-sided
 * formula of the same order ((−3g(0) + 4g(±t) − g(±2t))/±2t for central),
 * else the step shrunk to the room. Near ±MAX this steps toward the interior
 * as numericalGradient does (same order; an h: 'auto' step also shrinks);
 * a fixed h with room on neither side, or quotient 'nominal' at the edge
 * (its formula needs both sides), is a StepOverflowError.
 *
 * Every element of x is moved in place (f receives the same ndarray) and
 * restored bit-identically afterwards, also when f throws or returns a bad
 * value. After each call every element must still hold its moved value (else
 * InputModifiedError). v is read once before x moves: it may be any view, a
 * broadcast (stride 0), integer-typed, or share memory with x. A zero v (or
 * an empty x) gives 0 without calling f.
 *
 * @param f - the function, called as f(x) with x moved along v; must not write to x
 * @param x - the point: an ndarray view of Float64Array, Float32Array or plain-array data
 * @param v - the direction, an ndarray of x's shape (any numeric storage)
 * @param options - h, scheme, counter, stepUnderflow, quotient, f0, bounds
 * @returns ∇f(x)·v
 * @throws InvalidArgumentError, ArgumentRangeError, AliasedMemoryError (x aliasing itself), NonFiniteCoordinateError
 *   (an element of x or v), all before f is called; StepUnderflowError, StepOverflowError; FunctionThrewError,
 *   NonFiniteValueError, NotANumberError, InputModifiedError — x restored in every case
 * @example
 * const x = ndarray(new Float64Array([1, 2, 3]), [3]);
 * const v = ndarray(new Float64Array([1, 1, 1]), [3]);
 * const f = (a: NdArray) => a.get(0) ** 2 + a.get(1) ** 2 + a.get(2) ** 2;
 * directionalDerivative(f, x, v); // ≈ 12.00000000 (∇f = 2x = [2, 4, 6])
 * directionalDerivative(f, x, v, { bounds: { upper: 3 } }); // ≈ 12.00000000 — x[2] sits on its bound: one-sided
 */
export function directionalDerivative<A extends NdArray>(f: (x: A) => number, x: A, v: NdArray, options?: DirectionalDerivativeOptions): number;
export function directionalDerivative(f: (x: NdArray) => number, x: NdArray, v: NdArray, options?: DirectionalDerivativeOptions): number {
  const where = 'directionalDerivative';
  const precision = checkPoint(x, where, 'x');
  assertFunction(f, where, '(x) => number');
  refuseKernelOnlyOptions(options, where);
  const resolved = resolveOptions(options, where, ['f0']);
  const f0 = checkF0(options?.f0, where);
  const d = checkDirection(v, x, where, 'v', 'x');
  assertElementsFinite(x, where, 'x');
  const n = sizeOf(x.shape);
  const box = elementBounds(resolveBounds(resolved.bounds, x, where, 'x'), n);
  if (n === 0) return 0;
  const p = perturbation(x, precision);
  const calls = alongCalls(f, x, p, 'x', where, resolved.h === 'auto' ? AUTO_STEP_HINT : undefined);
  try {
    return derivativeAlong(calls, d, resolved, precision, f0, undefined, box);
  } finally {
    restoreAll(p);
    addEvaluations(resolved.counter, calls.evaluations);
  }
}
