/**
 * What the solvers (L-BFGS, L-BFGS-B) return, and how they say why they stopped.
 */

/**
 * Why a solver stopped:
 * - 'gradTol': ‖∇f‖∞ (projected, with bounds) ≤ gradTol — the only converged stop;
 * - 'fTol': an iteration changed f by at most fTol·max(|f|, |f₊|, 1);
 * - 'lineSearchFailed': no step along the search direction (nor along −∇f) decreased f;
 * - 'precisionLoss': f stopped changing at its rounding level at a point whose gradient is not yet below gradTol;
 * - 'maxIterations', 'maxEvaluations': a budget ran out;
 * - 'diverged': f reached −∞ along a search line (the last finite point is returned).
 */
export type SolverReason = 'gradTol' | 'fTol' | 'lineSearchFailed' | 'precisionLoss' | 'maxIterations' | 'maxEvaluations' | 'diverged';

/** The result of a solver run. */
export interface SolverResult {
  /** The final point (a new array; never NaN). */
  x: Float64Array;
  /** f(x). */
  f: number;
  /** ∇f(x) as the solver last computed it (a new array). */
  gradient: Float64Array;
  /** ‖∇f(x)‖∞ — for bounded problems the projected gradient's norm. */
  gradNorm: number;
  /** Iterations (accepted steps). */
  iterations: number;
  /** Calls of f: the solver's own plus those of a numerical gradient. */
  evaluations: number;
  /** Gradient evaluations (calls of the gradient source). */
  gradientEvaluations: number;
  reason: SolverReason;
  /** True exactly when gradNorm ≤ gradTol: never claimed at a non-stationary point. */
  converged: boolean;
  /** One sentence saying why the run stopped and, for a failure, what to try. */
  message: string;
}

/**
 * The sentence of `SolverResult.message` for a reason.
 * @example
 * stopMessage('gradTol', 3e-6, 1e-5, 0.25, 'analytic'); // 'Converged: ‖∇f‖∞ = 3.00e-6 ≤ gradTol = 0.00001.'
 */
export function stopMessage(reason: SolverReason, gradNorm: number, gradTol: number, f: number, gradient: string): string {
  const g = gradNorm.toExponential(2);
  switch (reason) {
    case 'gradTol':
      return `Converged: ‖∇f‖∞ = ${g} ≤ gradTol = ${gradTol}.`;
    case 'fTol':
      return `Stopped: f changed by less than fTol in the last iteration; ‖∇f‖∞ = ${g}${gradNorm <= gradTol ? '' : ` > gradTol = ${gradTol} (not converged)`}.`;
    case 'lineSearchFailed':
      return (
        `Line search failed: no step along the search direction or along −∇f decreased f; ‖∇f‖∞ = ${g} > gradTol = ${gradTol}. ` +
        (gradient === 'analytic'
          ? 'Check the analytic gradient with gradCheck, or f may be non-smooth here.'
          : `The gradient (${gradient}) may be too inaccurate here: pass an analytic gradient or another h.`)
      );
    case 'precisionLoss':
      return (
        `Precision loss: f = ${f} stopped changing at its rounding level while ‖∇f‖∞ = ${g} > gradTol = ${gradTol}; ` +
        'gradTol asks for more than f’s precision resolves here — loosen gradTol, or shift/rescale f.'
      );
    case 'maxIterations':
      return `Stopped after the maximum number of iterations; ‖∇f‖∞ = ${g} > gradTol = ${gradTol}.`;
    case 'maxEvaluations':
      return `Stopped after the maximum number of evaluations of f; ‖∇f‖∞ = ${g} > gradTol = ${gradTol}.`;
    case 'diverged':
      return 'Diverged: f reached −∞ along the search direction (f is unbounded below); the last finite point is returned.';
  }
}
