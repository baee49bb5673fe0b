/**
 * Numerical gradients for the solvers: forward differences that reuse the known
 * f(x) (N calls per gradient, as scipy's '2-point'), central differences (2N),
 * or 'adaptive' — forward while far from the stop, and a gradient whose error is
 * measured, not assumed, whenever the solver is about to trust it.
 */
import type { Box } from './box-difference.js';
import { DifferenceKernel, sameValues } from './difference-kernel.js';
import type { GradientSource } from './gradient-source.js';

/** Options of `numericalGradientSource`. */
export interface NumericalGradientSourceOptions {
  /**
   * 'forward' (N calls per gradient — f(x) is reused; error ≈ (h/2)·|∂²f/∂xᵢ²|,
   * h ≈ 1.5e-8·max(1, |xᵢ|)), 'central' (2N calls; error ≈ (h²/6)·|∂³f/∂xᵢ³|,
   * h ≈ 6e-6·max(1, |xᵢ|)), or 'adaptive' (see numericalGradientSource).
   * @default 'adaptive'
   */
  scheme?: 'adaptive' | 'forward' | 'central';
  /** Step: 'auto' (core's rule per scheme) or a fixed positive number. @default 'auto' */
  h?: number | 'auto';
  /** Keep every evaluation inside [lower, upper] (one-sided differences next to a bound). @default undefined (no bounds) */
  bounds?: Box;
}

/** Relative accuracy assumed for computed values of f when bounding a quotient's rounding error. */
const F_ACCURACY = 16 * Number.EPSILON;
/** Forward errors up to this multiple of the tolerance are subtracted from later forward gradients; larger ones switch to central. */
const BIAS_LIMIT = 10;

/** How `into` differentiates: forward (minus the measured forward error), central, or Richardson-extrapolated central. */
type Mode = 'forward' | 'central' | 'extrapolated';

/** The GradientSource behind `numericalGradientSource`. */
class NumericalGradient implements GradientSource {
  readonly numerical = true;
  private mode: Mode;
  private readonly kernel: DifferenceKernel;
  /** The point of the last `into` and its raw quotients (forward, or central with the base step). */
  private readonly lastAt: Float64Array;
  private readonly lastG: Float64Array;
  private hasLast = false;
  private readonly other: Float64Array;
  private bias: Float64Array | null = null;
  /** errorBound() of the last gradient returned. */
  private lastError = Infinity;

  constructor(
    f: (x: Float64Array) => number,
    n: number,
    options: NumericalGradientSourceOptions,
    private readonly adaptive = (options.scheme ?? 'adaptive') === 'adaptive',
  ) {
    this.mode = options.scheme === 'central' ? 'central' : 'forward';
    this.kernel = new DifferenceKernel(f, n, options.h ?? 'auto', options.bounds);
    this.lastAt = new Float64Array(n);
    this.lastG = new Float64Array(n);
    this.other = new Float64Array(n);
  }

  get evaluations(): number {
    return this.kernel.evaluations;
  }

  get bounds(): Box | undefined {
    return this.kernel.box;
  }

  get coarse(): boolean {
    return this.adaptive && this.mode !== 'extrapolated';
  }

  errorBound(): number {
    return this.lastError;
  }

  /** 16ε·|f|/h: the rounding bound of a one-sided or central quotient with the scheme's smallest step (eps^(1/2) or eps^(1/3), or the fixed h). */
  private rounding(fx: number, scheme: 'forward' | 'central'): number {
    const h = this.kernel.h;
    return (F_ACCURACY * Math.abs(fx)) / (h !== 'auto' ? h : scheme === 'forward' ? Math.sqrt(Number.EPSILON) : Math.cbrt(Number.EPSILON));
  }

  get description(): string {
    const what = this.mode === 'forward' ? 'forward differences' : this.mode === 'central' ? 'central differences' : 'extrapolated central differences';
    return this.adaptive ? `${what} (adaptive)` : what;
  }

  into(g: Float64Array, x: Float64Array, fx: number): void {
    if (this.mode === 'extrapolated') {
      this.lastError = 2 * this.rounding(fx, 'central');
      return this.extrapolatedInto(g, x, fx);
    }
    this.kernel.into(g, x, fx, this.mode);
    // A chosen scheme is taken at its rounding; an adaptive gradient is unverified until refined.
    this.lastError = this.adaptive ? Infinity : this.rounding(fx, this.mode);
    if (!this.adaptive) return;
    this.lastAt.set(x);
    this.lastG.set(g);
    this.hasLast = true;
    const bias = this.mode === 'forward' ? this.bias : null;
    if (bias !== null) for (let k = 0; k < g.length; k++) g[k] = g[k]! - bias[k]!;
  }

  /**
   * Forward mode: complete the forward quotients at x into central ones with the
   * same steps (N backward calls) when their rounding error 16ε·|f|/h stays below
   * tolerance/10; keep the halved difference as the forward error to subtract
   * later (or, when it exceeds BIAS_LIMIT·tolerance, go central). Otherwise, and in
   * central mode: central quotients with steps h and 2h, their Richardson value
   * (4D_h − D_2h)/3, and — when the estimated error |D_h − D_2h|/3 of D_h exceeds
   * tolerance/10 — extrapolated gradients from now on.
   */
  refineInto(g: Float64Array, x: Float64Array, fx: number, tolerance: number): boolean {
    if (!this.coarse) return false;
    const here = this.hasLast && sameValues(x, this.lastAt);
    if (this.mode === 'forward' && here && this.kernel.box === undefined && this.completionAccurate(fx, tolerance)) {
      this.kernel.into(this.other, x, fx, 'backward');
      const bias = (this.bias ??= new Float64Array(x.length));
      let largest = 0;
      for (let k = 0; k < x.length; k++) {
        g[k] = (this.lastG[k]! + this.other[k]!) / 2;
        bias[k] = (this.lastG[k]! - this.other[k]!) / 2;
        largest = Math.max(largest, Math.abs(bias[k]!));
      }
      if (!(largest <= BIAS_LIMIT * tolerance)) this.mode = 'central';
      this.lastError = this.rounding(fx, 'forward');
      return true;
    }
    if (!(this.mode === 'central' && here)) {
      this.kernel.into(this.lastG, x, fx, 'central');
      this.lastAt.set(x);
      this.hasLast = true;
    }
    this.mode = 'central';
    this.kernel.into(this.other, x, fx, 'central', 2);
    let error = 0;
    for (let k = 0; k < x.length; k++) {
      g[k] = (4 * this.lastG[k]! - this.other[k]!) / 3;
      error = Math.max(error, Math.abs(this.lastG[k]! - this.other[k]!) / 3);
    }
    if (!(error <= tolerance / 10)) this.mode = 'extrapolated';
    // (4D_h − D_2h)/3: truncation O(h⁴), rounding at most (4·1 + 1·½)/3 = 1.5 times that of D_h; 2× for margin.
    this.lastError = 2 * this.rounding(fx, 'central');
    return true;
  }

  /** (4·D_h − D_2h)/3 from central quotients with steps h and 2h: error O(h⁴), 4N calls. */
  private extrapolatedInto(g: Float64Array, x: Float64Array, fx: number): void {
    this.kernel.into(g, x, fx, 'central');
    this.kernel.into(this.other, x, fx, 'central', 2);
    for (let k = 0; k < x.length; k++) g[k] = (4 * g[k]! - this.other[k]!) / 3;
  }

  /** True when central quotients with the forward steps keep their rounding error 16ε·|f|/h below tolerance/10. */
  private completionAccurate(fx: number, tolerance: number): boolean {
    // The automatic one-sided step is eps^(1/2)·max(1, |xᵢ|) ≥ eps^(1/2): the smallest step bounds the error.
    const h = this.kernel.h;
    return F_ACCURACY * Math.abs(fx) <= (tolerance / 10) * (h === 'auto' ? Math.sqrt(Number.EPSILON) : h);
  }
}

/**
 * A GradientSource computing ∇f by finite differences with @descent/core's
 * numericalGradientInto, counting every call of f it makes (`evaluations`).
 * One-sided differences reuse the solver's f(x): a forward gradient costs N calls.
 *
 * 'adaptive' (the default) differentiates forward (N calls) and, each time the
 * solver is about to trust a gradient (near the stop, after a failed line
 * search), measures its error instead of assuming it: backward differences with
 * the same steps complete it into a central one for N calls (the forward error,
 * half their difference, is then subtracted from later forward gradients); where
 * f is too large for that, central quotients with steps h and 2h give the
 * Richardson value and an error estimate, and a too-large estimate switches to
 * extrapolated gradients. So a stop at gradTol rests on a gradient accurate to
 * about gradTol/10.
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
