/**
 * minimize's calls of f and how their failures are told apart. Every call goes
 * through `Evaluator.call`, which counts it, never exceeds maxEvaluations, and
 * turns f's misbehaviour into typed errors at once: a value that is not a number
 * (a string, a bigint, a Promise) is a NotANumberError, an exception of f a
 * FunctionThrewError — the caller's bugs, reported under minimize's name. A
 * numerical gradient is core's `numericalGradientInto` with `call` as its f, so
 * every error core raises there is classified by class (`translateGradientError`):
 * core wraps what `call` threw in its own FunctionThrewError (unwrapped here,
 * keeping the coordinate core was perturbing), and a NonFiniteValueError,
 * StepUnderflowError or StepOverflowError from core means the run has left the
 * region where the gradient exists: divergence mid-run, a bad start at x0.
 */
import type { NdArray } from 'ndarray';
import { ArgumentRangeError, FunctionThrewError, NonFiniteValueError, NotANumberError, StepOverflowError, StepUnderflowError } from '@descent/core';
import type { MinimizeReason } from './minimize-options.js';
import { fmt } from './minimize-report.js';
import { notANumberError } from './not-a-number.js';

/** A stop of the run decided where an error was met (divergence, the evaluation budget); never escapes minimize. */
export class Stop extends Error {
  constructor(
    readonly reason: Extract<MinimizeReason, 'diverged' | 'maxEvaluations'>,
    readonly detail: string,
  ) {
    super(`minimize stopped: ${reason}`);
  }
}

/** Where x stands when f is called, for messages. */
export type Phase = 'x0' | 'trial' | 'point' | 'gradient';

/** Counts and guards every call of f. */
export class Evaluator {
  /** Calls of f so far (each call that was made, also one that threw). */
  evaluations = 0;
  /** What the next calls are for. */
  phase: Phase = 'x0';
  /** The step in progress (1-based; 0 before the first). */
  step = 0;

  constructor(
    private readonly f: (x: NdArray) => number,
    private readonly maxEvaluations: number,
  ) {}

  /** Where x stands now, in words: 'at x0', 'at a trial point of step 3', … */
  describeAt(): string {
    switch (this.phase) {
      case 'x0':
        return 'at x0';
      case 'trial':
        return `at a trial point of step ${this.step}`;
      case 'point':
        return `at the point of step ${this.step}`;
      case 'gradient':
        return this.step === 0 ? 'while the gradient at x0 was estimated' : `while the gradient at step ${this.step} was estimated`;
    }
  }

  /** f(x), or a throw: Stop('maxEvaluations') before a call beyond the budget, NotANumberError, FunctionThrewError. */
  readonly call = (x: NdArray): number => {
    if (this.evaluations >= this.maxEvaluations) throw new Stop('maxEvaluations', '');
    this.evaluations++;
    const f = this.f; // called as a plain function, as the caller wrote it (no `this`)
    let value: unknown;
    try {
      value = f(x);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new FunctionThrewError(undefined, error, `minimize: f threw ${this.describeAt()}: ${message}`);
    }
    if (typeof value !== 'number') throw notANumberError('minimize', 'f', value, this.describeAt());
    return value;
  };
}

/**
 * The error (or Stop) for an error raised by core's numericalGradientInto called
 * with `evaluator.call`. Mid-run (step ≥ 1) a non-finite f near x or a vanished
 * fixed h stops the run as 'diverged'; at x0 they are errors (no step is taken).
 */
export function translateGradientError(error: unknown, evaluator: Evaluator, maxEvaluations: number, size: number): unknown {
  const atX0 = evaluator.step === 0;
  const where = atX0 ? 'the gradient at x0' : `the gradient at step ${evaluator.step}`;
  const budgetError = (): ArgumentRangeError =>
    new ArgumentRangeError(
      `minimize: maxEvaluations = ${maxEvaluations} does not cover f and its numerical gradient at x0 ` +
        `(${size} parameters); raise maxEvaluations (central differences need 1 + 2·${size}).`,
    );
  // Should core ever let what f threw pass unwrapped, the evaluator's own errors are still recognised.
  if (error instanceof Stop) return atX0 ? budgetError() : error;
  if (error instanceof FunctionThrewError) {
    // Core's f is evaluator.call, so the cause is what call threw; keep core's coordinate.
    const inner = error.cause;
    const coordinate = error.coordinate;
    const perturbed = coordinate === undefined ? '' : `when ${coordinate} was perturbed `;
    if (inner instanceof Stop) return atX0 ? budgetError() : inner;
    if (inner instanceof NotANumberError) return notANumberError('minimize', 'f', inner.value, `${perturbed}while ${where} was estimated`, coordinate);
    if (inner instanceof FunctionThrewError) {
      const message = inner.cause instanceof Error ? inner.cause.message : String(inner.cause);
      return new FunctionThrewError(coordinate, inner.cause, `minimize: f threw ${perturbed}while ${where} was estimated: ${message}`);
    }
    return error;
  }
  if (error instanceof NonFiniteValueError) {
    const detail = `f returned ${error.value} ${error.coordinate === undefined ? '' : `when ${error.coordinate} was perturbed `}while ${where} was estimated`;
    if (!atX0) return new Stop('diverged', detail);
    return new NonFiniteValueError(error.coordinate, error.value, `minimize: ${detail}; start from a point where f is finite around x0 (no step was taken).`);
  }
  if (error instanceof StepOverflowError) {
    // x has grown so close to ±MAX_VALUE that no step of this h fits on either side.
    if (!atX0) {
      return new Stop('diverged', `step ${evaluator.step} reached ${error.coordinate} = ${fmt(error.value)}, where x ± h (h = ${error.h}) overflows, so the numerical gradient is undefined`);
    }
    return new StepOverflowError(error.coordinate, error.h, error.value, `minimize: at x0, ${error.coordinate} = ${error.value} and x ± h overflows for h = ${error.h}; use h: 'auto' or a smaller h.`);
  }
  if (error instanceof StepUnderflowError) {
    if (!atX0) {
      return new Stop(
        'diverged',
        `step ${evaluator.step} reached ${error.coordinate} = ${fmt(error.value)}, where x ± h (h = ${error.h}) rounds to x, so the numerical gradient is undefined`,
      );
    }
    return new StepUnderflowError(
      error.coordinate,
      error.h,
      error.value,
      error.spacing,
      `minimize: at x0, ${error.coordinate} = ${error.value} and x ± h rounds to x for h = ${error.h} (float spacing ${error.spacing}); use h: 'auto' or h ≥ ${error.minimumH}.`,
      error.minimumH,
    );
  }
  return error;
}
