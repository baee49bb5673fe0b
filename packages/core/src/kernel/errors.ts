/**
 * The errors a finite difference raises. Each names the function, the
 * coordinate (`x[1,0]`, `W1[2,3]`), the value it was perturbed to and the fix.
 */
import {
  FunctionThrewError,
  InputModifiedError,
  NonFiniteCoordinateError,
  NonFiniteValueError,
  NotANumberError,
  StepOverflowError,
  StepUnderflowError,
} from '../errors/error-classes.js';
import { describe } from '../errors/describe.js';
import { minimumStep } from './nodes.js';
import type { Stencil } from './stencil.js';
import { spacingAt, type Precision, type Scheme } from './step.js';

/** StepUnderflowError: adding h to the coordinate leaves it unchanged in its precision; suggests a step that works. */
export function stepTooSmallError(
  where: string,
  coordinate: string,
  h: number,
  value: number,
  precision: Precision,
  scheme: Scheme | Stencil,
): StepUnderflowError {
  const spacing = spacingAt(value, precision);
  const minimumH = minimumStep(value, scheme, precision);
  return new StepUnderflowError(
    coordinate,
    h,
    value,
    spacing,
    `${where}: h=${h} is below the spacing of floating-point numbers at ${coordinate}=${value} ` +
      `(${precision} spacing ${spacing}); use h: 'auto' or h ≥ ${minimumH}.`,
    minimumH,
  );
}

/**
 * StepOverflowError: a node would overflow to ±Infinity. `inward` says it
 * could have been placed toward the interior, which only quotient 'nominal'
 * (needing the symmetric nodes) refuses.
 */
export function stepOverflowError(
  where: string,
  coordinate: string,
  h: number,
  value: number,
  precision: Precision,
  inward: boolean,
  auto: boolean,
): StepOverflowError {
  const largest = precision === 'float32' ? 'float32' : 'float64';
  const message = inward
    ? `${where}: ${coordinate}=${value} is within ${auto ? 'the automatic step' : `h=${h}`} of the largest finite ${largest} number, ` +
      `so a node x ± h would overflow to ±Infinity and quotient: 'nominal' needs the nodes on both sides; ` +
      `use the default quotient: 'actual' (it steps toward the interior there)${auto ? '' : ' or a smaller h'}.`
    : `${where}: h=${h} is too large at ${coordinate}=${value}: the nodes would overflow to ±Infinity on both sides; use a smaller h or h: 'auto'.`;
  return new StepOverflowError(coordinate, h, value, message);
}

/** NonFiniteCoordinateError: the coordinate itself is NaN or ±Infinity, so no difference around it exists. */
export function nonFiniteCoordinateError(where: string, coordinate: string, value: number): NonFiniteCoordinateError {
  return new NonFiniteCoordinateError(
    coordinate,
    value,
    `${where}: ${coordinate} is ${value}; finite differences need finite coordinates (f was not called).`,
  );
}

/** True for a Promise or any object with a then method. */
function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * The error for f returning something that is not a finite number:
 * NotANumberError (a TypeError) for a non-number — a Promise (async f) gets
 * its own message, and a no-op rejection handler is attached to it so that a
 * rejecting async f leaves no unhandled rejection behind — and
 * NonFiniteValueError for NaN/±Infinity. `at` says where x stood;
 * `coordinate` is the perturbed element; `hint` ends the NaN/Infinity advice.
 */
export function badResultError(
  where: string,
  at: string,
  result: unknown,
  restored: string,
  coordinate?: string,
  hint = ' (try a smaller h)',
): NotANumberError | NonFiniteValueError {
  if (isThenable(result)) {
    try {
      result.then(undefined, () => undefined);
    } catch {
      // a then that throws: nothing to silence
    }
    return new NotANumberError(
      coordinate,
      result,
      `${where}: f returned a Promise (an async function?) ${at}; ${where} is synchronous and needs f to return a number — ` +
        `an async f is not supported: await what f needs first and pass a synchronous f; ${restored}.`,
    );
  }
  if (typeof result !== 'number') {
    return new NotANumberError(coordinate, result, `${where}: f must return a number, but returned ${describe(result)} ${at}; ${restored}.`);
  }
  if (coordinate === undefined) {
    return new NonFiniteValueError(coordinate, result, `${where}: f returned ${result} ${at}; f must be finite at x itself — ${restored}.`);
  }
  return new NonFiniteValueError(
    coordinate,
    result,
    `${where}: f returned ${result} ${at}; a finite difference needs finite values of f near x${hint} — ${restored}.`,
  );
}

/** FunctionThrewError wrapping what f threw, keeping it as `cause`; `coordinate` is the perturbed element. */
export function fThrewError(where: string, at: string, cause: unknown, restored: string, coordinate?: string): FunctionThrewError {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new FunctionThrewError(coordinate, cause, `${where}: f threw ${at}: ${message} (${restored}).`);
}

/** InputModifiedError: f changed the element it was called with perturbed. */
export function wroteToPerturbedError(where: string, coordinate: string, name: string, perturbed: number, found: unknown): InputModifiedError {
  return new InputModifiedError(
    coordinate,
    perturbed,
    found,
    `${where}: f wrote to ${name}: ${coordinate} was ${perturbed} when f was called and ${describeValue(found)} when it returned. ` +
      `f must not modify ${name} (it is perturbed in place; copy it if f needs a scratch array) — ${coordinate} has been restored; ` +
      `other elements f may have written were not checked.`,
  );
}

/** InputModifiedError: an element checked finite before the first call of f is no longer a finite number. */
export function changedSinceCheckError(where: string, coordinate: string, name: string, found: unknown): InputModifiedError {
  return new InputModifiedError(
    coordinate,
    undefined,
    found,
    `${where}: ${coordinate} was a finite number before f was first called and is ${describeValue(found)} now: f wrote to ${name}. ` +
      `f must not modify ${name} (copy it if f needs a scratch array); the elements perturbed so far have been restored.`,
  );
}

function describeValue(value: unknown): string {
  return typeof value === 'number' ? String(value) : describe(value);
}

/** `when x[1,0] was perturbed to 3.0001` or `at the unperturbed x`, for messages. */
export function describeAt(coordinate: string | undefined, perturbed: number, name: string): string {
  return coordinate === undefined ? `at the unperturbed ${name}` : `when ${coordinate} was perturbed to ${perturbed}`;
}
