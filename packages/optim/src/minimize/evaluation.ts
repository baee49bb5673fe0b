/**
 * What minimize's loop asks its driver to evaluate, and the loop's side of
 * every evaluation: counting calls of f, never exceeding maxEvaluations,
 * checking that f returned a number, and turning failures into typed errors
 * that say where they happened.
 *
 * Three requests (`Evaluation`): f at a point ('value'); an analytic gradient
 * ('gradient'); finite differences of f ('differences': core's
 * `numericalGradientInto` with the options in the request, forwarded whole —
 * one request covers the N or 2N calls of a gradient, so an asynchronous driver
 * can run them concurrently). A driver answers with f's raw return value (or
 * throws what evaluating threw); everything else happens here, once, for every
 * driver.
 */
import type { NdArray } from 'ndarray';
import {
  ArgumentRangeError,
  FunctionThrewError,
  NonFiniteValueError,
  NotANumberError,
  StepOverflowError,
  StepUnderflowError,
  numericalGradientInto,
  type EvaluationCounter,
  type NumericalGradientIntoOptions,
} from '@descent/core';
import type { Loop } from '../drive/run-sync.js';
import { EvaluationAborted } from '../drive/run-async.js';
import { notANumberError } from '../checks/not-a-number.js';
import { relabelCoreError } from '../checks/relabel.js';
import type { AnalyticGradient, MinimizeReason } from './options.js';
import { fmt } from './stop-message.js';

/** One evaluation minimize's loop needs (see the module comment). */
export type Evaluation =
  | { readonly kind: 'value'; readonly x: NdArray<Float64Array> }
  | { readonly kind: 'gradient'; readonly x: NdArray<Float64Array>; readonly out: NdArray<Float64Array> }
  | {
      readonly kind: 'differences';
      /** The array core perturbs (the point, or a one-element view of it). */
      readonly x: NdArray;
      readonly out: NdArray;
      readonly options: NumericalGradientIntoOptions;
      /** When x is a view: the whole point f is called with (it shares x's storage). */
      readonly whole: NdArray<Float64Array> | undefined;
    };

/**
 * The synchronous answer to each of minimize's requests: f itself, the analytic
 * gradient, or core's numerical gradient (f called with the whole point).
 * @example
 * import ndarray from 'ndarray';
 * const serve = serveSync((x) => x.get(0) ** 2, undefined);
 * serve({ kind: 'value', x: ndarray(new Float64Array([3])) }); // → 9
 */
export function serveSync(f: (x: NdArray) => number, gradient: AnalyticGradient | undefined): (request: Evaluation) => unknown {
  return (request) => {
    switch (request.kind) {
      case 'value':
        return f(request.x);
      case 'gradient':
        return gradient!(request.x, request.out);
      case 'differences': {
        const whole = request.whole;
        numericalGradientInto(request.out, whole === undefined ? f : () => f(whole), request.x, request.options);
        return undefined;
      }
    }
  };
}

/** A stop of the run decided where an error was met (divergence, the evaluation budget, an abort between evaluations); never escapes minimize. */
export class Stop extends Error {
  constructor(
    readonly reason: Extract<MinimizeReason, 'diverged' | 'maxEvaluations' | 'aborted'>,
    readonly detail: string,
  ) {
    super(`minimize stopped: ${reason}`);
  }
}

/** Where x stands when f is called, for messages. */
export type Phase = 'x0' | 'trial' | 'point' | 'gradient';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Counts and guards every evaluation of one run; builds the requests. */
export class Evaluations {
  /** Calls of f so far (each call that was made, also one that threw). */
  evaluations = 0;
  /** What the next calls are for. */
  phase: Phase = 'x0';
  /** The step in progress (1-based; 0 before the first). */
  step = 0;
  /** True once f and ∇f at x0 are known: later failures stop the run instead of throwing. */
  started = false;
  /** Why the last numerical gradient is NaN (f not finite next to the point), for the stop message. */
  nonFiniteDetail = '';
  /** Core counts the calls of a differences request here. */
  private readonly counter: EvaluationCounter = { evaluations: 0 };

  /**
   * @param maxEvaluations the budget of calls of f
   * @param userCounter the caller's own counter (core's `counter` option), incremented too
   * @param where the public function's name in messages
   */
  constructor(
    readonly maxEvaluations: number,
    private readonly userCounter: EvaluationCounter | undefined,
    /** The public function's name in messages ('minimize', 'minimizeAsync'). */
    readonly where = 'minimize',
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
        return this.step === 0 ? 'while the gradient at x0 was estimated' : `while ${this.step === 0 ? 'the gradient at x0' : `the gradient at step ${this.step}`} was estimated`;
    }
  }

  /**
   * f(x) as a number. Throws Stop('maxEvaluations') instead of a call beyond the
   * budget, a NotANumberError when f returns something else, a FunctionThrewError
   * (f's error as cause) when f throws.
   */
  *value(x: NdArray<Float64Array>): Loop<Evaluation, number> {
    if (this.evaluations >= this.maxEvaluations) throw new Stop('maxEvaluations', '');
    this.evaluations++;
    if (this.userCounter !== undefined) this.userCounter.evaluations++;
    let value: unknown;
    try {
      value = yield { kind: 'value', x };
    } catch (error) {
      this.checkAborted(error);
      throw new FunctionThrewError(undefined, error, `${this.where}: f threw ${this.describeAt()}: ${messageOf(error)}`);
    }
    if (typeof value !== 'number') throw notANumberError(this.where, 'f', value, this.describeAt());
    return value;
  }

  /**
   * The analytic gradient at x into out. An exception of the gradient function
   * becomes a FunctionThrewError (its error as `cause`), as one of f does, whose
   * message says it was the gradient function and where: 'at x0', 'at a trial
   * point of step 3', ….
   */
  *gradient(x: NdArray<Float64Array>, out: NdArray<Float64Array>): Loop<Evaluation, void> {
    try {
      yield { kind: 'gradient', x, out };
    } catch (error) {
      this.checkAborted(error);
      throw new FunctionThrewError(undefined, error, `${this.where}: the gradient function threw ${this.describeAt()}: ${messageOf(error)}`);
    }
  }

  /**
   * An abort between evaluations (asynchronous driver): once the run has
   * started it is a stop with reason 'aborted' (the best point is kept); at x0
   * there is no point to return, so it propagates.
   */
  private checkAborted(error: unknown): void {
    if (!(error instanceof EvaluationAborted)) return;
    if (this.started) throw new Stop('aborted', `between evaluations ${this.describeAt()}`);
    throw error;
  }

  /**
   * Core's differences at x into out with `options` (forwarded whole; the
   * counter is minimize's). `cost` is the number of calls they make: a request
   * the budget cannot cover is not made (Stop, or at x0 an ArgumentRangeError).
   * A value of f that is not finite next to x fills out with NaN (mid-run) and
   * is remembered for the message; core's other errors become minimize's.
   * @param label the coordinate's name when x is a one-element view of `whole`
   */
  *differences(
    x: NdArray,
    out: NdArray,
    options: NumericalGradientIntoOptions,
    cost: number,
    whole?: NdArray<Float64Array>,
    label?: string,
  ): Loop<Evaluation, void> {
    if (this.evaluations + cost > this.maxEvaluations) throw this.started ? new Stop('maxEvaluations', '') : this.budgetError(cost);
    this.phase = 'gradient';
    const counter = this.counter;
    const before = counter.evaluations;
    try {
      yield { kind: 'differences', x, out, options: { ...options, counter }, whole };
    } catch (error) {
      this.checkAborted(error);
      if (error instanceof NonFiniteValueError && this.started) {
        this.nonFiniteDetail = `f returned ${error.value} ${coordinateWords(label ?? error.coordinate)}while ${this.step === 0 ? 'the gradient at x0' : `the gradient at step ${this.step}`} was estimated`;
        fillNaN(out);
        return;
      }
      throw this.translate(error, label);
    } finally {
      const made = counter.evaluations - before;
      this.evaluations += made;
      if (this.userCounter !== undefined) this.userCounter.evaluations += made;
    }
  }

  private budgetError(cost: number): ArgumentRangeError {
    return new ArgumentRangeError(
      `${this.where}: maxEvaluations = ${this.maxEvaluations} does not cover f and its numerical gradient at x0 ` +
        `(1 + ${cost} calls); raise maxEvaluations to at least ${1 + cost}.`,
    );
  }

  /**
   * The error for one raised by core's numericalGradientInto. Once the run has
   * started, a vanished or overflowing fixed h stops it as 'diverged'; before,
   * those and a non-finite f are errors (no step is taken).
   */
  private translate(error: unknown, label: string | undefined): unknown {
    const atX0 = !this.started;
    const where = this.step === 0 ? 'the gradient at x0' : `the gradient at step ${this.step}`;
    if (error instanceof NotANumberError) {
      const coordinate = label ?? error.coordinate;
      return notANumberError(this.where, 'f', error.value, `${coordinateWords(coordinate)}while ${where} was estimated`, coordinate);
    }
    if (error instanceof FunctionThrewError) {
      const coordinate = label ?? error.coordinate;
      return new FunctionThrewError(coordinate, error.cause, `${this.where}: f threw ${coordinateWords(coordinate)}while ${where} was estimated: ${messageOf(error.cause)}`);
    }
    if (error instanceof NonFiniteValueError) {
      const coordinate = label ?? error.coordinate;
      const detail = `f returned ${error.value} ${coordinateWords(coordinate)}while ${where} was estimated`;
      return new NonFiniteValueError(coordinate, error.value, `${this.where}: ${detail}; start from a point where f is finite around x0 (no step was taken).`);
    }
    if (error instanceof StepOverflowError) {
      const coordinate = label ?? error.coordinate;
      if (!atX0) {
        return new Stop('diverged', `step ${this.step} reached ${coordinate} = ${fmt(error.value)}, where x ± h (h = ${error.h}) overflows, so the numerical gradient is undefined`);
      }
      return new StepOverflowError(coordinate, error.h, error.value, `${this.where}: at x0, ${coordinate} = ${error.value} and x ± h overflows for h = ${error.h}; use h: 'auto' or a smaller h.`);
    }
    if (error instanceof StepUnderflowError) {
      const coordinate = label ?? error.coordinate;
      if (!atX0) {
        return new Stop('diverged', `step ${this.step} reached ${coordinate} = ${fmt(error.value)}, where x ± h (h = ${error.h}) rounds to x, so the numerical gradient is undefined`);
      }
      return new StepUnderflowError(
        coordinate,
        error.h,
        error.value,
        error.spacing,
        `${this.where}: at x0, ${coordinate} = ${error.value} and x ± h rounds to x for h = ${error.h} (float spacing ${error.spacing}); use h: 'auto' or h ≥ ${error.minimumH}.`,
        error.minimumH,
      );
    }
    const context = `${where.replace(/^the/, 'while the')} was estimated, `;
    return relabelCoreError(relabelCoreError(error, 'numericalGradientInto', this.where, context), 'numericalGradientAsync', this.where, context);
  }
}

/** 'when x[1] was perturbed ' (with the trailing space), or '' without a coordinate. */
function coordinateWords(coordinate: string | undefined): string {
  return coordinate === undefined ? '' : `when ${coordinate} was perturbed `;
}

function fillNaN(out: NdArray): void {
  const data = out.data as Float64Array;
  if (out.size === data.length) data.fill(NaN);
  else for (let i = 0; i < out.size; i++) data[out.offset + i * (out.stride[0] ?? 1)] = NaN;
}
