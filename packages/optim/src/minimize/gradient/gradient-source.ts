/**
 * Where minimize's gradients come from: one small interface for analytic and
 * numerical gradients alike, so a line search's trial gradient is the very one
 * the next iteration uses. Its methods are loops (see drive/run-sync.ts): they
 * yield their evaluations to the driver.
 */
import type { NdArray } from 'ndarray';
import type { Loop } from '../../drive/run-sync.js';
import type { Evaluation, Evaluations } from '../evaluation.js';

/** A gradient a stepper can call, count and (for numerical gradients) refine. */
export interface GradientSource {
  /** Write ∇f(x) into g; `fx` = f(x) is known, so a one-sided difference does not evaluate it again. */
  into(g: NdArray<Float64Array>, x: NdArray<Float64Array>, fx: number): Loop<Evaluation, void>;
  /**
   * Recompute ∇f at x — the point of the latest `into` call, or any point — with the
   * source's best accuracy (an error well below `tolerance` in the ∞-norm, as far as
   * rounding allows) and write it into g. Returns false, doing nothing, when `into`
   * is already that accurate (analytic gradients, a chosen scheme). The loop
   * calls it before it trusts a gradient-based stop and after a failed line search.
   */
  refineInto(g: NdArray<Float64Array>, x: NdArray<Float64Array>, fx: number, tolerance: number): Loop<Evaluation, boolean>;
  /** True while `into` returns an approximation that `refineInto` can improve. */
  readonly coarse: boolean;
  /**
   * An upper estimate of the ∞-norm error of the gradient this source returned last:
   * 0 for an analytic gradient, the rounding of the difference quotients for a
   * chosen scheme, Infinity for a coarse gradient not yet refined. minimize claims
   * gradTol only when ‖g‖∞ + errorBound() ≤ gradTol.
   */
  errorBound(): number;
  /** True when a gradient costs calls of f (finite differences): steppers then never evaluate it at a rejected trial. */
  readonly numerical: boolean;
  /** What the gradient is, for messages: 'analytic', 'forward differences', 'central differences', … */
  readonly description: string;
}

/**
 * The caller's analytic gradient `(x, out) => void` as a GradientSource: no
 * calls of f, nothing to refine, exact as far as minimize can tell.
 * @example
 * const source = analyticSource(new Evaluations(Infinity, undefined));
 * source.description; // → 'analytic'
 */
export function analyticSource(evaluations: Evaluations): GradientSource {
  return {
    into: (g, x) => evaluations.gradient(x, g),
    // eslint-disable-next-line require-yield
    *refineInto() {
      return false;
    },
    coarse: false,
    errorBound: () => 0,
    numerical: false,
    description: 'analytic',
  };
}
