/**
 * Where a solver's gradients come from: one small interface for analytic and
 * numerical gradients alike, so a line search's trial gradient is the very one
 * the next iteration uses.
 */

/** Write ∇f(x) into g; `fx` = f(x), already evaluated by the solver. */
export type GradientInto = (g: Float64Array, x: Float64Array, fx: number) => void;

/** A gradient the solvers can call, count and (for numerical gradients) refine. */
export interface GradientSource {
  /** Write ∇f(x) into g; `fx` = f(x) is known, so a forward difference does not evaluate it again. */
  into: GradientInto;
  /** Calls of f this source has made so far (numerical differences); 0 for an analytic gradient. */
  readonly evaluations: number;
  /**
   * Switch to a more accurate gradient for the rest of the run (central after
   * forward differences); false when there is none. A solver calls it before it
   * trusts a gradient-based stop and after a failed line search.
   */
  refine(): boolean;
  /** What the gradient is, for messages: 'analytic', 'forward differences', 'central differences', … */
  readonly description: string;
  /** True when a gradient costs calls of f (finite differences): solvers then never evaluate it at a rejected trial. */
  readonly numerical: boolean;
}

/**
 * Wrap an analytic gradient `(g, x) => void` as a GradientSource (evaluations 0, nothing to refine).
 * @example
 * const source = analyticGradient((g, x) => { g[0] = 2 * x[0]!; });
 * const g = new Float64Array(1);
 * source.into(g, new Float64Array([3]), 9); // g = [6]
 */
export function analyticGradient(gradientInto: (g: Float64Array, x: Float64Array) => void): GradientSource {
  return {
    into: (g, x) => gradientInto(g, x),
    evaluations: 0,
    refine: () => false,
    description: 'analytic',
    numerical: false,
  };
}

/** Accept a GradientSource or a bare `(g, x, fx) => void` (treated as analytic). */
export function toGradientSource(gradient: GradientSource | GradientInto): GradientSource {
  if (typeof gradient === 'function') return { into: gradient, evaluations: 0, refine: () => false, description: 'analytic', numerical: false };
  return gradient;
}
