/**
 * Where a solver's gradients come from: one small interface for analytic and
 * numerical gradients alike, so a line search's trial gradient is the very one
 * the next iteration uses.
 */

import { InvalidArgumentError } from '@descent/core';
import type { Box } from './box-difference.js';

/** Write ∇f(x) into g; `fx` = f(x), already evaluated by the solver. */
export type GradientInto = (g: Float64Array, x: Float64Array, fx: number) => void;

/** A gradient the solvers can call, count and (for numerical gradients) refine. */
export interface GradientSource {
  /** Write ∇f(x) into g; `fx` = f(x) is known, so a forward difference does not evaluate it again. */
  into: GradientInto;
  /**
   * Recompute ∇f at x — the point of the latest `into` call, or any point — with the
   * source's best accuracy (an error well below `tolerance` in the ∞-norm, as far as
   * rounding allows) and write it into g. Returns false, doing nothing, when `into`
   * is already that accurate (analytic gradients, central differences). A solver
   * calls it before it trusts a gradient-based stop and after a failed line search.
   */
  refineInto(g: Float64Array, x: Float64Array, fx: number, tolerance: number): boolean;
  /** True while `into` returns an approximation that `refineInto` can improve. */
  readonly coarse: boolean;
  /**
   * An upper estimate of the ∞-norm error of the gradient this source returned last
   * (by `into` or `refineInto`): 0 for an analytic gradient, the rounding of the
   * difference quotients for a chosen scheme, Infinity for a coarse gradient not yet
   * refined. A solver claims gradTol only when ‖g‖∞ + errorBound() ≤ gradTol.
   */
  errorBound(): number;
  /** Calls of f this source has made so far (numerical differences); 0 for an analytic gradient. */
  readonly evaluations: number;
  /** What the gradient is, for messages: 'analytic', 'forward differences', 'central differences', … */
  readonly description: string;
  /** True when a gradient costs calls of f (finite differences): solvers then never evaluate it at a rejected trial. */
  readonly numerical: boolean;
  /** The box a numerical gradient keeps its evaluations in (undefined: none). */
  readonly bounds?: Box;
}

/**
 * Wrap an analytic gradient `(g, x) => void` as a GradientSource (no calls of f, nothing to refine).
 * @example
 * const source = analyticGradient((g, x) => { g[0] = 2 * x[0]!; });
 * const g = new Float64Array(1);
 * source.into(g, new Float64Array([3]), 9); // g = [6]
 */
export function analyticGradient(gradientInto: (g: Float64Array, x: Float64Array) => void): GradientSource {
  return {
    into: (g, x) => gradientInto(g, x),
    refineInto: () => false,
    coarse: false,
    errorBound: () => 0,
    evaluations: 0,
    description: 'analytic',
    numerical: false,
  };
}

/**
 * Accept a GradientSource or a bare `(g, x, fx) => void` (treated as analytic).
 * @example
 * toGradientSource((g, x) => void (g[0] = 2 * x[0]!)).description; // 'analytic'
 */
export function toGradientSource(gradient: GradientSource | GradientInto): GradientSource {
  if (typeof gradient !== 'function' && (typeof gradient !== 'object' || gradient === null || typeof gradient.into !== 'function')) {
    throw new InvalidArgumentError(
      'gradient must be an analytic (g, x, fx) => void writing ∇f(x) into g, or a GradientSource such as numericalGradientSource(f, n).',
    );
  }
  return typeof gradient === 'function' ? { ...analyticGradient(gradient as (g: Float64Array, x: Float64Array) => void), into: gradient } : gradient;
}
