/**
 * The Stepper contract of minimize's loop — one rule for finding the next point
 * (a gradient step with backtracking, BFGS, L-BFGS, L-BFGS-B, a transformation) —
 * and the line-search plumbing the quasi-Newton steppers share.
 */
import type { Loop } from '../../drive/run-sync.js';
import type { Evaluation } from '../evaluation.js';
import { armijoSearch } from '../line-search/armijo.js';
import type { LineSearchOutcome } from '../line-search/line-function.js';
import { moreThuenteSearch } from '../line-search/more-thuente.js';
import { wolfeSearch } from '../line-search/wolfe.js';
import type { MinimizeRun } from '../run.js';

/**
 * What one step found:
 * - 'moved': xt, ft and gt hold the next point (f finite there);
 * - 'retry': the gradient was refined or the method's memory emptied — test again and step again;
 * - 'stop': the run ends for `reason`, `detail` saying why.
 */
export type StepOutcome =
  | { readonly kind: 'moved' }
  | { readonly kind: 'retry' }
  | { readonly kind: 'stop'; readonly reason: 'lineSearchFailed' | 'precisionLoss' | 'diverged'; readonly detail: string };

/** One rule for the next point; minimize's loop does the rest (stop tests, history, callbacks). */
export interface Stepper {
  /** Find the next point from run.x into run.xt / ft / gt, yielding the evaluations it needs. */
  step(run: MinimizeRun): Loop<Evaluation, StepOutcome>;
  /** The ‖∇f‖∞ the stop test measures: of the projected gradient with bounds. */
  gradNorm(run: MinimizeRun): number;
  /** True for a GradientTransformation (a smaller learning rate is then the advice on divergence). */
  readonly transformation: boolean;
}

/** Which line search a quasi-Newton stepper runs, with its constants. */
export interface LineSearchSettings {
  readonly kind: 'wolfe' | 'moreThuente' | 'armijo';
  readonly c1: number;
  readonly c2: number;
  readonly maxTrials: number;
  /** How the Armijo search shrinks a rejected step. */
  readonly shrink: number | 'interpolate';
}

export const MOVED: StepOutcome = { kind: 'moved' };
export const RETRY: StepOutcome = { kind: 'retry' };

/**
 * Search along run.d from α0 (at most alphaMax); afterwards xt, ft, gt hold the
 * accepted trial with its gradient, unless the search found no decrease.
 */
export function* searchAlong(run: MinimizeRun, slope0: number, alpha0: number, alphaMax: number, ls: LineSearchSettings): Loop<Evaluation, LineSearchOutcome> {
  run.trials = 0;
  run.finiteTrials = 0;
  const wolfe = { c1: ls.c1, c2: ls.c2, maxTrials: ls.maxTrials, alphaMax };
  const out =
    ls.kind === 'wolfe'
      ? yield* wolfeSearch(run.along, run.fx, slope0, alpha0, wolfe)
      : ls.kind === 'moreThuente'
        ? yield* moreThuenteSearch(run.along, run.fx, slope0, alpha0, wolfe)
        : yield* armijoSearch(run.along, run.fx, slope0, Math.min(alpha0, alphaMax), { c1: ls.c1, maxTrials: ls.maxTrials, shrink: ls.shrink });
  if (out.status !== 'wolfe' && out.status !== 'armijo') return out;
  if (!out.current) yield* run.along.value(out.alpha);
  if (!out.current || out.slope !== out.slope) yield* run.gradientAtTrial();
  return out;
}

/**
 * What to do after a search found no step: refine a coarse gradient and retry;
 * else, once, empty the method's memory (`reset`, when it holds pairs) and retry
 * along −∇f; else stop — 'diverged' when f was −∞ on the line or not finite at
 * any trial, 'precisionLoss' when f's rounding hides the decrease, else
 * 'lineSearchFailed'.
 * @param memory the method's stored pairs and how to forget them, or undefined
 * @param retried whether the memory was already emptied for this point
 */
export function* afterFailedSearch(
  run: MinimizeRun,
  out: LineSearchOutcome | null,
  gradTol: number,
  memory: { readonly size: number; reset(): void } | undefined,
  retried: boolean,
): Loop<Evaluation, StepOutcome & { emptied?: boolean }> {
  if (out?.status === 'unbounded') return { kind: 'stop', reason: 'diverged', detail: 'f reached −Infinity along the search direction (f is unbounded below)' };
  if (out !== null && run.trials > 0 && run.finiteTrials === 0) {
    return { kind: 'stop', reason: 'diverged', detail: `f was not finite at any of the ${run.trials} trial points of the line search` };
  }
  if (yield* run.refine(gradTol)) return RETRY;
  if (!retried && memory !== undefined && memory.size > 0) {
    memory.reset();
    return { kind: 'retry', emptied: true };
  }
  const reason = out?.status === 'precisionLoss' ? 'precisionLoss' : 'lineSearchFailed';
  return { kind: 'stop', reason, detail: '' };
}
