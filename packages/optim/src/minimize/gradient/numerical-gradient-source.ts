/**
 * Numerical gradients for minimize: a scheme of @descent/core chosen by the
 * caller ('forward' reuses the known f(x): N calls per gradient, as scipy's
 * '2-point'; 'central' 2N; …), or 'adaptive' (minimize's default) — forward
 * while far from the stop, and a gradient whose error is measured, not
 * assumed, whenever the loop is about to trust it.
 */
import type { NdArray } from 'ndarray';
import type { NumericalGradientIntoOptions, Scheme } from '@descent/core';
import type { Loop } from '../../drive/run-sync.js';
import type { Box } from '../bounds.js';
import type { Evaluation, Evaluations } from '../evaluation.js';
import { DifferenceKernel } from './difference-kernel.js';
import type { GradientSource } from './gradient-source.js';

/** A scheme of core, or minimize's adaptive forward-then-verified gradient. */
export type MinimizeScheme = Scheme | 'adaptive';

/** Relative accuracy assumed for computed values of f when bounding a quotient's rounding error. */
const F_ACCURACY = 16 * Number.EPSILON;
/** Forward errors up to this multiple of the tolerance are subtracted from later forward gradients; larger ones switch to central. */
const BIAS_LIMIT = 10;

/** How `into` differentiates in adaptive mode: forward (minus the measured forward error), central, or Richardson-extrapolated central. */
type Mode = 'forward' | 'central' | 'extrapolated';

/** True when a and b hold the same values element by element (lengths equal). */
function sameValues(a: Float64Array, b: Float64Array): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** The GradientSource behind `numericalSource`. */
class NumericalGradient implements GradientSource {
  readonly numerical = true;
  private mode: Mode;
  private readonly adaptive: boolean;
  private readonly kernel: DifferenceKernel;
  /** The point of the last adaptive `into` and its raw quotients (forward, or central with the base step). */
  private readonly lastAt: Float64Array;
  private readonly lastG: NdArray<Float64Array>;
  private hasLast = false;
  private readonly other: NdArray<Float64Array>;
  private bias: Float64Array | null = null;
  /** errorBound() of the last gradient returned. */
  private lastError = Infinity;

  constructor(
    evaluations: Evaluations,
    options: NumericalGradientIntoOptions,
    private readonly scheme: MinimizeScheme,
    box: Box | undefined,
    scratch: () => NdArray<Float64Array>,
  ) {
    this.adaptive = scheme === 'adaptive';
    this.mode = scheme === 'central' ? 'central' : 'forward';
    this.kernel = new DifferenceKernel(evaluations, options, box);
    this.lastG = scratch();
    this.lastAt = new Float64Array(this.lastG.size);
    this.other = scratch();
  }

  get coarse(): boolean {
    return this.adaptive && this.mode !== 'extrapolated';
  }

  errorBound(): number {
    return this.lastError;
  }

  get description(): string {
    if (!this.adaptive) return this.scheme === 'five-point' ? 'five-point differences' : `${this.scheme} differences`;
    const what = this.mode === 'forward' ? 'forward differences' : this.mode === 'central' ? 'central differences' : 'extrapolated central differences';
    return `${what} (adaptive)`;
  }

  /** 16ε·|f|/h: the rounding bound of a quotient with the scheme's smallest step (the fixed h, or eps^(1/2), eps^(1/3), eps^(1/5)). */
  private rounding(fx: number, scheme: Scheme): number {
    const h = this.kernel.h;
    const base = h !== 'auto' ? h : scheme === 'forward' || scheme === 'backward' ? Math.sqrt(Number.EPSILON) : scheme === 'five-point' ? Number.EPSILON ** 0.2 : Math.cbrt(Number.EPSILON);
    return (F_ACCURACY * Math.abs(fx)) / base;
  }

  *into(g: NdArray<Float64Array>, x: NdArray<Float64Array>, fx: number): Loop<Evaluation, void> {
    if (!this.adaptive) {
      yield* this.kernel.into(g, x, fx, this.scheme as Scheme);
      this.lastError = this.rounding(fx, this.scheme as Scheme);
      return;
    }
    if (this.mode === 'extrapolated') {
      this.lastError = 2 * this.rounding(fx, 'central');
      return yield* this.extrapolatedInto(g, x, fx);
    }
    yield* this.kernel.into(g, x, fx, this.mode);
    this.lastError = Infinity; // unverified until refined
    this.lastAt.set(x.data);
    this.lastG.data.set(g.data);
    this.hasLast = true;
    const bias = this.mode === 'forward' ? this.bias : null;
    if (bias !== null) for (let k = 0; k < g.data.length; k++) g.data[k] = g.data[k]! - bias[k]!;
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
  *refineInto(g: NdArray<Float64Array>, x: NdArray<Float64Array>, fx: number, tolerance: number): Loop<Evaluation, boolean> {
    if (!this.coarse) return false;
    const here = this.hasLast && sameValues(x.data, this.lastAt);
    const n = g.data.length;
    const last = this.lastG.data;
    const other = this.other.data;
    if (this.mode === 'forward' && here && this.kernel.box === undefined && this.completionAccurate(fx, tolerance)) {
      yield* this.kernel.into(this.other, x, fx, 'backward');
      const bias = (this.bias ??= new Float64Array(n));
      let largest = 0;
      for (let k = 0; k < n; k++) {
        g.data[k] = (last[k]! + other[k]!) / 2;
        bias[k] = (last[k]! - other[k]!) / 2;
        largest = Math.max(largest, Math.abs(bias[k]!));
      }
      if (!(largest <= BIAS_LIMIT * tolerance)) this.mode = 'central';
      this.lastError = this.rounding(fx, 'forward');
      return true;
    }
    if (!(this.mode === 'central' && here)) {
      yield* this.kernel.into(this.lastG, x, fx, 'central');
      this.lastAt.set(x.data);
      this.hasLast = true;
    }
    this.mode = 'central';
    yield* this.kernel.into(this.other, x, fx, 'central', 2);
    let error = 0;
    for (let k = 0; k < n; k++) {
      g.data[k] = (4 * last[k]! - other[k]!) / 3;
      error = Math.max(error, Math.abs(last[k]! - other[k]!) / 3);
    }
    if (!(error <= tolerance / 10)) this.mode = 'extrapolated';
    // (4D_h − D_2h)/3: truncation O(h⁴), rounding at most (4·1 + 1·½)/3 = 1.5 times that of D_h; 2× for margin.
    this.lastError = 2 * this.rounding(fx, 'central');
    return true;
  }

  /** (4·D_h − D_2h)/3 from central quotients with steps h and 2h: error O(h⁴), 4N calls. */
  private *extrapolatedInto(g: NdArray<Float64Array>, x: NdArray<Float64Array>, fx: number): Loop<Evaluation, void> {
    yield* this.kernel.into(g, x, fx, 'central');
    yield* this.kernel.into(this.other, x, fx, 'central', 2);
    const other = this.other.data;
    for (let k = 0; k < g.data.length; k++) g.data[k] = (4 * g.data[k]! - other[k]!) / 3;
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
 * numericalGradientInto (every call of f counted by the run). One-sided
 * differences reuse the known f(x): a forward gradient costs N calls.
 *
 * 'adaptive' differentiates forward (N calls) and, each time the loop is about
 * to trust a gradient (near the stop, after a failed line search), measures its
 * error instead of assuming it: backward differences with the same steps
 * complete it into a central one for N calls (the forward error, half their
 * difference, is then subtracted from later forward gradients); where f is too
 * large for that, or inside a box, central quotients with steps h and 2h give the
 * Richardson value and an error estimate, and a too-large estimate switches to
 * extrapolated gradients. So a stop at gradTol rests on a gradient accurate to
 * about gradTol/10.
 *
 * @param evaluations the run's bookkeeping
 * @param options the caller's numerical options (core's GradientOptions, validated; its scheme is `scheme`)
 * @param scheme 'adaptive' or a scheme of core
 * @param box the bounds (every node stays inside), or undefined
 * @param scratch allocates a gradient-shaped buffer (two per source)
 * @example
 * import ndarray from 'ndarray';
 * const source = numericalSource(new Evaluations(Infinity, undefined), {}, 'central', undefined, () => ndarray(new Float64Array(2)));
 * source.description; // → 'central differences'
 */
export function numericalSource(
  evaluations: Evaluations,
  options: NumericalGradientIntoOptions,
  scheme: MinimizeScheme,
  box: Box | undefined,
  scratch: () => NdArray<Float64Array>,
): GradientSource {
  return new NumericalGradient(evaluations, options, scheme, box, scratch);
}
