/**
 * The one place where a scalar f is called with x moved along a direction
 * (directionalDerivative, spsaGradient, gradCheck's fast mode): move every
 * element to x₀ + τ·d, call f on the same ndarray, check what it returned
 * and that it left x alone. Restoring x is the caller's `finally`.
 */
import type { NdArray } from 'ndarray';
import { badResultError, changedSinceCheckError, fThrewError, wroteToPerturbedError } from '../kernel/errors.js';
import { StepOverflowError } from '../errors/error-classes.js';
import { currentValue, elementLabel, findChanged, findMoved, movedValue, moveAlong, restoreAll, type Perturbation } from './perturb-along.js';

/** What a run of calls along directions shares; `evaluations` counts calls (also those that throw). */
export interface AlongCalls {
  readonly f: (x: NdArray) => unknown;
  readonly x: NdArray;
  readonly p: Perturbation;
  /** The array's name in messages (`x`, `W1`). */
  readonly name: string;
  /** The public function, for messages. */
  readonly where: string;
  /** The end of the advice when f is not finite near x. */
  readonly hint: string | undefined;
  evaluations: number;
  /** Σ d_k·(stored x_k − x₀_k) of the last move (see moveAlong). */
  projection: number;
  /** f at the unperturbed x once evaluated (valueAtCenter), else undefined. */
  center: number | undefined;
}

/** A new run of calls on `p`. */
export function alongCalls(f: (x: NdArray) => unknown, x: NdArray, p: Perturbation, name: string, where: string, hint?: string): AlongCalls {
  return { f, x, p, name, where, hint, evaluations: 0, projection: 0, center: undefined };
}

/**
 * f at x₀ + τ·d (all elements moved as the storage holds them).
 * @param move - how the move reads in messages, e.g. `x + 1.2e-5·v` (called on error only)
 * @returns f's value, a finite number; `calls.projection` holds the stored displacement projected on d
 * @throws StepOverflowError (an element would overflow; f not called), FunctionThrewError, NonFiniteValueError,
 *   NotANumberError, InputModifiedError (f wrote to x) — x is left moved: the caller restores it
 */
export function valueAlong(calls: AlongCalls, d: Float64Array, tau: number, move: () => string): number {
  const { p, name, where } = calls;
  const projection = moveAlong(p, d, tau);
  if (projection !== projection) throw overflowError(calls, d, tau, move());
  calls.projection = projection;
  let value: unknown;
  calls.evaluations++;
  try {
    value = calls.f(calls.x);
  } catch (error) {
    throw fThrewError(where, `when ${name} was moved to ${move()}`, error, `${name} has been restored`, move());
  }
  if (typeof value !== 'number' || value - value !== 0) {
    throw badResultError(where, `when ${name} was moved to ${move()}`, value, `${name} has been restored`, move(), calls.hint);
  }
  const k = findMoved(p, d, tau);
  if (k >= 0) throw wroteToPerturbedError(where, elementLabel(p, k), name, movedValue(p, d, tau, k), currentValue(p, k));
  return value;
}

/**
 * f at the unperturbed x (one-sided formulas), checked like valueAlong: x is
 * put back first (an earlier move may have left it moved), and the value is
 * kept in calls.center for the next one-sided formula of the run.
 */
export function valueAtCenter(calls: AlongCalls): number {
  if (calls.center !== undefined) return calls.center;
  const { name, where } = calls;
  restoreAll(calls.p);
  let value: unknown;
  calls.evaluations++;
  try {
    value = calls.f(calls.x);
  } catch (error) {
    throw fThrewError(where, `at the unperturbed ${name}`, error, `${name} was not modified`);
  }
  if (typeof value !== 'number' || value - value !== 0) throw badResultError(where, `at the unperturbed ${name}`, value, `${name} was not modified`);
  const k = findChanged(calls.p);
  if (k >= 0) throw changedSinceCheckError(where, elementLabel(calls.p, k), name, currentValue(calls.p, k));
  calls.center = value;
  return value;
}

/** StepOverflowError naming the first element that x₀ + τ·d sends to ±Infinity. */
function overflowError(calls: AlongCalls, d: Float64Array, tau: number, move: string): StepOverflowError {
  const { p, name, where } = calls;
  let k = 0;
  while (k < p.size - 1 && Number.isFinite(movedValue(p, d, tau, k))) k++;
  const coordinate = elementLabel(p, k);
  return new StepOverflowError(
    coordinate,
    Math.abs(tau * d[k]!),
    p.saved[k]!,
    `${where}: moving ${name} to ${move} sends ${coordinate}=${p.saved[k]} to ${movedValue(p, d, tau, k)}: the step along the direction is too large ` +
      `for the range of floating-point numbers there; use a smaller h (f was not called at that point; ${name} has been restored).`,
  );
}
