/**
 * The sentences minimize ends with: why it stopped, with the numbers.
 */
import type { MinimizeReason } from './minimize-options.js';

/** A number in 4 significant digits for messages: 9.819e-6, 1e-5, 0.1235, 25, 2.621e+7. */
export function fmt(x: number): string {
  const magnitude = Math.abs(x);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6) && Number.isFinite(x)) return x.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(x.toPrecision(4)));
}

/** What the stop message is built from. */
export interface StopFacts {
  reason: MinimizeReason;
  /** Extra words for the reason (the Δf of 'fTol', what diverged, why the line search failed). */
  detail: string;
  lineSearchFailed: boolean;
  iterations: number;
  evaluations: number;
  /** f, ‖∇f‖∞ at the last point reached. */
  fun: number;
  gradNorm: number;
  /** f, ‖∇f‖∞ at the returned point (the best one when diverged). */
  resultFun: number;
  resultGradNorm: number;
  /** ‖Δx‖∞ of the last step. */
  stepSize: number;
  bestIteration: number;
  gradTol: number;
  fTol: number;
  xTol: number;
  maxIterations: number;
  maxEvaluations: number;
  /** True when the optimizer is a GradientTransformation (a smaller lr is then the advice on divergence). */
  transformation: boolean;
}

/** The sentence saying why minimize stopped. */
export function stopMessage(s: StopFacts): string {
  const done = `${s.iterations} step${s.iterations === 1 ? '' : 's'} and ${s.evaluations} evaluation${s.evaluations === 1 ? '' : 's'} of f`;
  const at = `f = ${fmt(s.resultFun)}, ‖∇f‖∞ = ${fmt(s.resultGradNorm)}`;
  switch (s.reason) {
    case 'gradTol':
      return `Converged: ‖∇f‖∞ = ${fmt(s.gradNorm)} ≤ gradTol = ${fmt(s.gradTol)} after ${done} (f = ${fmt(s.fun)}).`;
    case 'fTol':
      return `Converged: the last step changed f by ${s.detail} ≤ fTol·max(|f_prev|, |f|, 1) with fTol = ${fmt(s.fTol)}, after ${done} (${at}).`;
    case 'xTol':
      return s.lineSearchFailed
        ? `Stopped without converging: ${s.detail} after ${done} (${at} > gradTol = ${fmt(s.gradTol)}); the gradient may be too inaccurate (try an analytic gradient or another h) or f not smooth there.`
        : `Converged: the last step moved x by ‖Δx‖∞ = ${fmt(s.stepSize)} ≤ xTol = ${fmt(s.xTol)} after ${done} (${at}).`;
    case 'maxIterations':
      return `Stopped at maxIterations = ${s.maxIterations} without converging, after ${done} (${at} > gradTol = ${fmt(s.gradTol)}).`;
    case 'maxEvaluations':
      return `Stopped at maxEvaluations = ${s.maxEvaluations} without converging, after ${done} (${at} > gradTol = ${fmt(s.gradTol)}).`;
    case 'diverged':
      return `Diverged: ${s.detail}; returning the best point seen, from step ${s.bestIteration} (${at}).${s.transformation ? ' Try a smaller learning rate.' : ''}`;
    case 'aborted':
      return `Aborted by the signal after ${done} (${at}).`;
    case 'callback':
      return `Stopped by onIteration returning false after ${done} (${at}).`;
  }
}
