/**
 * The sentences minimize ends with: why it stopped, with the numbers, and —
 * for a failure — what to try.
 */
import type { MinimizeReason } from './options.js';

/**
 * A number in 4 significant digits for messages: 9.819e-6, 1e-5, 0.1235, 25, 2.621e+7.
 * @example
 * fmt(0.000009819123); // → '9.819e-6'
 * fmt(2.5); // → '2.5'
 */
export function fmt(x: number): string {
  const magnitude = Math.abs(x);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6) && Number.isFinite(x)) return x.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(x.toPrecision(4)));
}

/** What the stop message is built from. */
export interface StopFacts {
  reason: MinimizeReason;
  /** Extra words for the reason (the Δf of 'fTol', what diverged, what lost precision). */
  detail: string;
  iterations: number;
  evaluations: number;
  /** f, ‖∇f‖∞ at the last point reached. */
  fun: number;
  gradNorm: number;
  /** f, ‖∇f‖∞ at the returned point (the best one seen when the run did not converge; ‖∇f‖∞ NaN when never evaluated there). */
  resultFun: number;
  resultGradNorm: number;
  /** ‖Δx‖∞ of the last step. */
  stepSize: number;
  /** The step of the best point seen: an iterate, or (resultTrial) a trial point of that step. */
  bestIteration: number;
  /** The returned point is a trial point of step bestIteration that was never accepted as an iterate. @default false */
  resultTrial?: boolean;
  /** The returned point is the best seen, not the last point reached (a run that stopped without converging). @default false */
  returnsBest?: boolean;
  gradTol: number;
  fTol: number;
  xTol: number;
  maxIterations: number;
  maxEvaluations: number;
  /** True when the optimizer is a GradientTransformation (a smaller lr is then the advice on divergence). */
  transformation: boolean;
  /** What the gradient is: 'analytic', 'forward differences (adaptive)', … */
  gradient: string;
  /** Elements of x0 moved onto the bounds (0 when the start was inside). */
  projected: number;
}

/** The advice after a failed line search: about the analytic gradient when one was given, about the differences otherwise. */
function lineSearchAdvice(gradient: string): string {
  return gradient === 'analytic'
    ? 'check the analytic gradient with gradCheck, or f may not be smooth here'
    : `the gradient (${gradient}) may be too inaccurate here — pass an analytic gradient or another h — or f may not be smooth here`;
}

/**
 * The sentence saying why minimize stopped.
 * @example
 * const message = stopMessage({ reason: 'maxIterations', detail: '', iterations: 5, evaluations: 6, fun: 1, gradNorm: 0.5, resultFun: 1,
 *   resultGradNorm: 0.5, stepSize: 0.1, bestIteration: 5, gradTol: 1e-5, fTol: 0, xTol: 0, maxIterations: 5, maxEvaluations: Infinity,
 *   transformation: true, gradient: 'analytic', projected: 0 });
 * message; // → 'Stopped at maxIterations = 5 without converging, after 5 steps and 6 evaluations of f (f = 1, ‖∇f‖∞ = 0.5 > gradTol = 1e-5).'
 */
export function stopMessage(s: StopFacts): string {
  const done = `${s.iterations} step${s.iterations === 1 ? '' : 's'} and ${s.evaluations} evaluation${s.evaluations === 1 ? '' : 's'} of f`;
  const known = s.resultGradNorm === s.resultGradNorm;
  const at = known ? `f = ${fmt(s.resultFun)}, ‖∇f‖∞ = ${fmt(s.resultGradNorm)}` : `f = ${fmt(s.resultFun)}; the gradient was not evaluated there`;
  const short = known ? `${at} > gradTol = ${fmt(s.gradTol)}` : at;
  const start = s.projected === 0 ? '' : ` x0 was outside the bounds: ${s.projected} element${s.projected === 1 ? ' was' : 's were'} projected onto them.`;
  const best = s.returnsBest === true && s.reason !== 'diverged' && s.reason !== 'aborted' ? ` The returned point is the best seen, from ${bestFrom(s)}, not the last one reached (f = ${fmt(s.fun)}).` : '';
  return sentence(s, done, at, short) + best + start;
}

/** 'step 3', or 'a trial point of step 3' when the best point was tried but never accepted. */
function bestFrom(s: StopFacts): string {
  return s.resultTrial === true ? `a trial point of step ${s.bestIteration}` : `step ${s.bestIteration}`;
}

function sentence(s: StopFacts, done: string, at: string, short: string): string {
  switch (s.reason) {
    case 'gradTol':
      return `Converged: ‖∇f‖∞ = ${fmt(s.gradNorm)} ≤ gradTol = ${fmt(s.gradTol)} after ${done} (f = ${fmt(s.fun)}).`;
    case 'fTol':
      return `Converged: the last step changed f by ${s.detail} ≤ fTol·max(|f_prev|, |f|, 1) with fTol = ${fmt(s.fTol)}, after ${done} (${at}).`;
    case 'xTol':
      return `Converged: the last step moved x by ‖Δx‖∞ = ${fmt(s.stepSize)} ≤ xTol = ${fmt(s.xTol)} after ${done} (${at}).`;
    case 'precisionLoss':
      return (
        `Stopped without converging (precision loss): ${s.detail || 'f stopped changing at its rounding level'} after ${done} (${short}); ` +
        'gradTol asks for more than the precision of f resolves here — loosen gradTol, or shift or rescale f.'
      );
    case 'lineSearchFailed':
      return `Stopped without converging: the line search found no step that decreases f after ${done} (${short}); ${lineSearchAdvice(s.gradient)}.`;
    case 'maxIterations':
      return `Stopped at maxIterations = ${s.maxIterations} without converging, after ${done} (${short}).`;
    case 'maxEvaluations':
      return `Stopped at maxEvaluations = ${s.maxEvaluations} without converging, after ${done} (${short}).`;
    case 'diverged':
      return `Diverged: ${s.detail}; returning the best point seen, from ${bestFrom(s)} (${at}).${s.transformation ? ' Try a smaller learning rate.' : ''}`;
    case 'aborted':
      return s.detail === ''
        ? `Aborted by the signal after ${done} (${at}).`
        : `Aborted by the signal ${s.detail}, after ${done}; returning the best point seen, from ${bestFrom(s)} (${at}).`;
    case 'callback':
      return `Stopped by onIteration returning false after ${done} (${at}).`;
  }
}
