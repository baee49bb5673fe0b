/**
 * minimize's loop, written once as a generator of evaluation requests (see
 * drive/run-sync.ts): start at x0, then step by the Stepper until a stop test
 * holds. The order of the tests after each step: non-finite gradient, history,
 * onIteration ('callback'), rising f ('diverged'), the gradient test ('gradTol',
 * or 'precisionLoss' when the gradient's own error exceeds gradTol), then
 * 'fTol' / 'xTol' (or 'precisionLoss' when f or x did not change at all, with
 * those off). Before each step: the signal ('aborted') and maxIterations.
 */
import { NonFiniteValueError } from '@descent/core';
import type { Loop } from '../drive/run-sync.js';
import { Stop, type Evaluation } from './evaluation.js';
import type { History } from './history.js';
import type { MinimizeReason, ResolvedMinimizeOptions } from './options.js';
import { maxNorm, type MinimizeRun } from './run.js';
import { fmt } from './stop-message.js';
import type { Stepper } from './steppers/stepper.js';

/** A coarse (adaptive) gradient is refined once when ‖∇f‖∞ first falls to this multiple of gradTol. */
export const REFINE_FACTOR = 30;

/** How a run ended: the reason, words for it, and the last step's ‖Δx‖∞. */
export interface Ending {
  readonly reason: MinimizeReason;
  readonly detail: string;
}

/** What the loop keeps between steps. */
interface Progress {
  readonly f0: number;
  increases: number;
  stepSize: number;
}

const end = (reason: MinimizeReason, detail = ''): Ending => ({ reason, detail });

/** f and ∇f at x0; a non-finite value there is the caller's problem: a NonFiniteValueError (no step is taken). */
function* startAt(run: MinimizeRun, stepper: Stepper, history: History): Loop<Evaluation, void> {
  yield* run.start();
  if (!Number.isFinite(run.fx)) {
    throw new NonFiniteValueError(undefined, run.fx, `${run.evaluations.where}: f(x0) is ${run.fx}; start from a point where f is a finite number (no step was taken).`);
  }
  const norm = stepper.gradNorm(run);
  if (!Number.isFinite(norm) || !Number.isFinite(maxNorm(run.g.data))) {
    throw new NonFiniteValueError(
      undefined,
      norm,
      `${run.evaluations.where}: the gradient at x0 is not finite (‖∇f‖∞ = ${norm}); start from a point where f is differentiable (no step was taken).`,
    );
  }
  history.record(0, run.fx, norm, 0, run.x.data);
}

/**
 * The gradient test: refine a coarse gradient when it first comes near gradTol
 * (and whenever it claims gradTol), then 'gradTol' when ‖∇f‖∞ plus the source's
 * error bound is within gradTol, 'precisionLoss' when that bound alone exceeds it.
 */
function* gradientStop(run: MinimizeRun, stepper: Stepper, o: ResolvedMinimizeOptions, history: History): Loop<Evaluation, Ending | undefined> {
  const n0 = stepper.gradNorm(run);
  if (n0 <= o.gradTol || (!run.refinedNearStop && n0 <= REFINE_FACTOR * o.gradTol)) {
    run.refinedNearStop = true;
    if (yield* run.refine(o.gradTol)) history.amendGradNorm(run.iterations, stepper.gradNorm(run));
  }
  const n1 = stepper.gradNorm(run);
  if (n1 !== n1) return end('diverged', `the gradient at step ${run.iterations} is not finite${because(run)}`);
  const error = run.source.errorBound();
  if (n1 + error <= o.gradTol) return end('gradTol');
  if (n1 <= o.gradTol && error > o.gradTol) {
    return end('precisionLoss', `‖∇f‖∞ = ${fmt(n1)} is within gradTol, but the rounding error of the ${run.source.description} at f = ${fmt(run.fx)} is about ${fmt(error)}`);
  }
  return undefined;
}

/** ' (f returned NaN when x[0] was perturbed …)' when a numerical gradient met a non-finite f, else ''. */
function because(run: MinimizeRun): string {
  const detail = run.evaluations.nonFiniteDetail;
  return detail === '' ? '' : ` (${detail})`;
}

/** Move to the trial point (f finite there); an ending when the run stops at it for a reason other than its gradient. */
function accept(run: MinimizeRun, stepper: Stepper, o: ResolvedMinimizeOptions, history: History, p: Progress): Ending | undefined {
  const step = run.iterations + 1;
  if (!Number.isFinite(maxNorm(run.gt.data))) return end('diverged', `the gradient at step ${step} is not finite (f = ${fmt(run.ft)})${because(run)}`);
  const x = run.x.data;
  const xt = run.xt.data;
  let stepSize = 0;
  for (let k = 0; k < x.length; k++) stepSize = Math.max(stepSize, Math.abs(xt[k]! - x[k]!));
  p.stepSize = stepSize;
  const fPrev = run.fx;
  run.accept();
  const fun = run.fx;
  const gradNorm = stepper.gradNorm(run);
  p.increases = fun > fPrev ? p.increases + 1 : 0;
  history.record(step, fun, gradNorm, stepSize, run.x.data);
  const info = { iteration: step, x: run.x, fun, gradNorm, stepSize, evaluations: run.evaluations.evaluations };
  if (o.onIteration !== undefined && o.onIteration(info) === false) return end('callback');
  if (p.increases >= o.patience && fun > p.f0) {
    return end('diverged', `f increased on ${p.increases} consecutive steps, to ${fmt(fun)} (f(x0) = ${fmt(p.f0)})`);
  }
  return undefined;
}

/** fTol and xTol after a step from f = fPrev; with both off, a step that changed neither f nor x is precision loss. */
function changeStop(run: MinimizeRun, o: ResolvedMinimizeOptions, fPrev: number, stepSize: number): Ending | undefined {
  const change = Math.abs(fPrev - run.fx);
  if (o.fTol > 0 && change <= o.fTol * Math.max(Math.abs(fPrev), Math.abs(run.fx), 1)) return end('fTol', `|Δf| = ${fmt(change)}`);
  if (o.xTol > 0 && stepSize <= o.xTol) return end('xTol');
  if (change === 0) return end('precisionLoss', stepSize === 0 ? 'the last step did not move x (the update rounds to nothing)' : 'the last step left f unchanged at its rounding level');
  return undefined;
}

/**
 * The loop: x0, then steps until a stop. Errors at x0 (f or ∇f not finite, a
 * budget that cannot cover them) are thrown; a stop met inside an evaluation
 * (the budget, divergence) ends the run with its reason.
 */
export function* minimizeLoop(run: MinimizeRun, stepper: Stepper, o: ResolvedMinimizeOptions, history: History): Loop<Evaluation, Ending & { stepSize: number }> {
  const p: Progress = { f0: NaN, increases: 0, stepSize: 0 };
  const ending = yield* steps(run, stepper, o, history, p);
  if (ending.reason === 'diverged') yield* gradientAtBestTrial(run, history);
  return { ...ending, stepSize: p.stepSize };
}

/**
 * A diverged run returns its best point (minimize.ts), which may be a
 * line-search trial whose gradient was never evaluated (a rejected trial costs
 * no gradient): evaluate it there once, so the result's gradNorm is a number.
 * Only on divergence — other endings add no call of f (a budget or a signal
 * ended them, or their counts are pinned) and say instead that the gradient was
 * not evaluated. A budget that cannot cover it, an abort, or a gradient that
 * is not finite there leaves it unknown (a non-finite one disqualifies the
 * trial: the best point is then the best iterate, see best-trial.ts).
 */
function* gradientAtBestTrial(run: MinimizeRun, history: History): Loop<Evaluation, void> {
  const best = run.bestTrial.current;
  if (!(best.fun < history.best.fun) || best.gradNorm === best.gradNorm) return;
  const x = run.scratch();
  x.data.set(best.x);
  const g = run.scratch();
  run.evaluations.step = best.step;
  run.evaluations.nonFiniteDetail = '';
  try {
    yield* run.source.into(g, x, best.fun);
  } catch (error) {
    if (error instanceof Stop) return;
    throw error;
  }
  run.bestTrial.gradientAtCurrent(run.normAt(x.data, g.data));
}

function* steps(run: MinimizeRun, stepper: Stepper, o: ResolvedMinimizeOptions, history: History, p: Progress): Loop<Evaluation, Ending> {
  yield* startAt(run, stepper, history);
  (p as { f0: number }).f0 = run.fx;
  run.evaluations.started = true;
  try {
    let stop = yield* gradientStop(run, stepper, o, history);
    while (stop === undefined) {
      if (o.signal?.aborted === true) return end('aborted');
      if (run.iterations >= o.maxIterations) return end('maxIterations');
      run.evaluations.step = run.iterations + 1;
      const outcome = yield* stepper.step(run);
      if (outcome.kind === 'stop') return end(outcome.reason, outcome.detail);
      if (outcome.kind === 'moved') {
        const fPrev = run.fx;
        const stopped = accept(run, stepper, o, history, p);
        if (stopped !== undefined) return stopped;
        stop = (yield* gradientStop(run, stepper, o, history)) ?? changeStop(run, o, fPrev, p.stepSize);
      } else stop = yield* gradientStop(run, stepper, o, history);
    }
    return stop;
  } catch (error) {
    if (error instanceof Stop) return end(error.reason, error.detail);
    throw error;
  }
}
