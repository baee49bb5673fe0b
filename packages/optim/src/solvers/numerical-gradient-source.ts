/**
 * Numerical gradients for the solvers, from @descent/core's numericalGradientInto:
 * forward differences that reuse the known f(x) (N calls per gradient, as
 * scipy's '2-point'), central differences (2N), or 'adaptive' — forward, made
 * accurate on request by completing them into central ones — with every
 * evaluation inside a box when bounds are given.
 */
import ndarray, { type NdArray } from 'ndarray';
import { NonFiniteValueError, numericalGradientInto, type DifferenceScheme } from '@descent/core';
import type { GradientSource } from './gradient-source.js';
import { boxSchemeFor, type Box } from './box-difference.js';

/** Options of `numericalGradientSource`. */
export interface NumericalGradientSourceOptions {
  /**
   * 'forward' (N calls of f per gradient — f(x) is reused; error ≈ (h/2)·|∂²f/∂xᵢ²| with
   * h ≈ 1.5e-8·max(1, |xᵢ|)), 'central' (2N calls; error O(h²), h ≈ 6e-6·max(1, |xᵢ|)),
   * or 'adaptive': forward, and when the solver asks for accuracy (`refineInto`, near
   * the stop), backward differences with the same steps at the same point complete
   * them into central ones for N more calls; the halved difference of the two is the
   * forward error, subtracted from later forward gradients. Where f is too large for
   * that step (16ε·|f|/h above a tenth of the tolerance) it switches to 'central'.
   * @default 'adaptive'
   */
  scheme?: 'adaptive' | 'forward' | 'central';
  /** Step: 'auto' (core's rule per scheme) or a fixed positive number. @default 'auto' */
  h?: number | 'auto';
  /** Keep every evaluation inside [lower, upper] (one-sided differences next to a bound). @default undefined (no bounds) */
  bounds?: Box;
}

/** Compare two arrays element by element. */
function sameValues(a: Float64Array, b: Float64Array): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** Forward errors up to this multiple of the tolerance are corrected in later forward gradients; larger ones switch to central. */
const BIAS_LIMIT = 10;

/** Relative accuracy assumed for computed values of f when judging a difference quotient's rounding error. */
const F_ACCURACY = 16 * Number.EPSILON;

/** The GradientSource behind `numericalGradientSource`. */
class NumericalGradient implements GradientSource {
  evaluations = 0;
  readonly numerical = true;
  private central: boolean;
  private readonly adaptive: boolean;
  private readonly h: number | 'auto';
  private readonly box: Box | undefined;
  /** The point of the last forward gradient, its raw forward gradient, and the forward error found by the last completion. */
  private readonly forwardAt: Float64Array;
  private readonly forwardG: Float64Array;
  private readonly backwardG: Float64Array;
  private hasForward = false;
  private bias: Float64Array | null = null;
  /** Core's call of f at the unperturbed x is answered from the known f(x) (seam: a core `f0` option). */
  private readonly snapshot: Float64Array;
  private center = NaN;
  private reusePending = false;
  private readonly views = new Map<Float64Array, NdArray>();

  constructor(
    private readonly f: (x: Float64Array) => number,
    n: number,
    options: NumericalGradientSourceOptions,
  ) {
    const scheme = options.scheme ?? 'adaptive';
    this.central = scheme === 'central';
    this.adaptive = scheme === 'adaptive';
    this.h = options.h ?? 'auto';
    this.box = options.bounds;
    this.forwardAt = new Float64Array(n);
    this.forwardG = new Float64Array(n);
    this.backwardG = new Float64Array(n);
    this.snapshot = new Float64Array(n);
  }

  get coarse(): boolean {
    return this.adaptive && !this.central;
  }

  get description(): string {
    if (this.central) return this.adaptive ? 'central differences (adaptive)' : 'central differences';
    return this.adaptive ? 'forward differences (adaptive)' : 'forward differences';
  }

  into(g: Float64Array, x: Float64Array, fx: number): void {
    if (this.central) return this.differences(g, x, fx, 'central');
    this.differences(g, x, fx, 'forward');
    if (!this.adaptive) return;
    this.forwardAt.set(x);
    this.forwardG.set(g);
    this.hasForward = true;
    const bias = this.bias;
    if (bias !== null) for (let k = 0; k < g.length; k++) g[k] = g[k]! - bias[k]!;
  }

  refineInto(g: Float64Array, x: Float64Array, fx: number, tolerance: number): boolean {
    if (!this.coarse) return false;
    if (this.box === undefined && this.hasForward && sameValues(x, this.forwardAt) && this.completionAccurate(fx, tolerance)) {
      this.differences(this.backwardG, x, fx, 'backward');
      const bias = (this.bias ??= new Float64Array(x.length));
      let largest = 0;
      for (let k = 0; k < x.length; k++) {
        g[k] = (this.forwardG[k]! + this.backwardG[k]!) / 2;
        bias[k] = (this.forwardG[k]! - this.backwardG[k]!) / 2;
        largest = Math.max(largest, Math.abs(bias[k]!));
      }
      // A forward error far above the tolerance changes too much from point to point to be subtracted: central from now on.
      if (!(largest <= BIAS_LIMIT * tolerance)) this.central = true;
      return true;
    }
    this.central = true;
    this.differences(g, x, fx, 'central');
    return true;
  }

  /** True when central differences with the forward step keep their rounding error 16ε·|f|/h below tolerance/10 at every coordinate. */
  private completionAccurate(fx: number, tolerance: number): boolean {
    // The automatic one-sided step is eps^(1/2)·max(1, |xᵢ|) ≥ eps^(1/2): the smallest step bounds the error.
    const step = this.h === 'auto' ? Math.sqrt(Number.EPSILON) : this.h;
    return F_ACCURACY * Math.abs(fx) <= (tolerance / 10) * step;
  }

  private view(a: Float64Array): NdArray {
    let v = this.views.get(a);
    if (v === undefined) {
      if (this.views.size >= 6) this.views.clear();
      this.views.set(a, (v = ndarray(a, [a.length])));
    }
    return v;
  }

  /** Differences of one scheme into out (every coordinate; one-sided next to a bound of the box). */
  private differences(out: Float64Array, x: Float64Array, fx: number, scheme: DifferenceScheme): void {
    const f = this.f;
    const fCore = (v: NdArray): number => {
      if (this.reusePending) {
        this.reusePending = false;
        if (sameValues(x, this.snapshot)) return this.center;
      }
      this.evaluations++;
      return f(v.data as Float64Array);
    };
    const arm = (): void => {
      this.snapshot.set(x);
      this.center = fx;
      this.reusePending = true;
    };
    const xv = this.view(x);
    const gv = this.view(out);
    try {
      const box = this.box;
      if (box === undefined || interior(x, box, scheme, this.h)) {
        arm();
        numericalGradientInto(gv, fCore, xv, { scheme, h: this.h });
        return;
      }
      // Next to a bound: coordinate by coordinate, each with a difference that stays in the box.
      for (let i = 0; i < x.length; i++) {
        const choice = boxSchemeFor(x[i]!, box.lower[i]!, box.upper[i]!, scheme, this.h);
        if (choice === null) out[i] = 0;
        else {
          arm();
          numericalGradientInto(gv.lo(i).hi(1), fCore, xv.lo(i).hi(1), choice);
        }
      }
    } catch (error) {
      // f is not finite at a perturbed point next to x: no usable gradient here (a solver treats it as a rejected trial).
      if (!(error instanceof NonFiniteValueError)) throw error;
      out.fill(NaN);
    } finally {
      this.reusePending = false;
    }
  }
}

/** True when the wanted scheme and step fit inside the box at every coordinate (one call of core suffices). */
function interior(x: Float64Array, box: Box, scheme: DifferenceScheme, h: number | 'auto'): boolean {
  for (let i = 0; i < x.length; i++) {
    const choice = boxSchemeFor(x[i]!, box.lower[i]!, box.upper[i]!, scheme, h);
    if (choice === null || choice.scheme !== scheme || choice.h !== h) return false;
  }
  return true;
}

/**
 * A GradientSource computing ∇f by finite differences with core's
 * numericalGradientInto, counting every call of f it makes (`evaluations`).
 *
 * One-sided differences need f(x), which the solver already has: the function
 * handed to core answers core's unperturbed call from the known value (after
 * checking that x is bit-identical to the point it was given), so a forward
 * gradient costs N calls, not N + 1.
 *
 * @param f - the objective, called with the solver's point buffer
 * @param n - the number of variables
 * @param options - scheme ('adaptive' | 'forward' | 'central'), h, bounds
 * @example
 * const source = numericalGradientSource((x) => x[0]! ** 2 + 3 * x[1]!, 2, { scheme: 'central' });
 * const g = new Float64Array(2);
 * source.into(g, new Float64Array([1, 0]), 1); // g ≈ [2, 3], source.evaluations = 4
 */
export function numericalGradientSource(f: (x: Float64Array) => number, n: number, options: NumericalGradientSourceOptions = {}): GradientSource {
  return new NumericalGradient(f, n, options);
}
