/**
 * The errors a finite difference raises. Each names the function, the
 * coordinate (`x[1,0]`, `W1[2,3]`), the value it was perturbed to and the fix.
 */
import {
  FunctionThrewError,
  NonFiniteCoordinateError,
  NonFiniteValueError,
  NotANumberError,
  StepUnderflowError,
} from './error-classes.js';
import { describe } from './options.js';
import { spacingAt, type Precision } from './step.js';

/** RangeError: adding h to the coordinate leaves it unchanged in its precision. */
export function stepTooSmallError(where: string, coordinate: string, h: number, value: number, precision: Precision): StepUnderflowError {
  const spacing = spacingAt(value, precision);
  return new StepUnderflowError(
    coordinate,
    h,
    value,
    spacing,
    `${where}: h=${h} is below the spacing of floating-point numbers at ${coordinate}=${value} ` +
      `(${precision} spacing ${spacing}); use h: 'auto' or h ≥ ${spacing}.`,
  );
}

/** RangeError: the coordinate itself is NaN or ±Infinity, so no difference around it exists. */
export function nonFiniteCoordinateError(where: string, coordinate: string, value: number): NonFiniteCoordinateError {
  return new NonFiniteCoordinateError(coordinate, value, `${where}: ${coordinate} is ${value}; finite differences need finite coordinates.`);
}

/**
 * The error for f returning something that is not a finite number:
 * NotANumberError (a TypeError) for a non-number, NonFiniteValueError for
 * NaN/±Infinity. `at` says where x stood; `coordinate` is the perturbed element.
 */
export function badResultError(
  where: string,
  at: string,
  result: unknown,
  restored: string,
  coordinate?: string,
): NotANumberError | NonFiniteValueError {
  if (typeof result !== 'number') {
    return new NotANumberError(coordinate, result, `${where}: f must return a number, but returned ${describe(result)} ${at}; ${restored}.`);
  }
  return new NonFiniteValueError(
    coordinate,
    result,
    `${where}: f returned ${result} ${at}; a finite difference needs finite values of f near x (try a smaller h) — ${restored}.`,
  );
}

/** FunctionThrewError wrapping what f threw, keeping it as `cause`; `coordinate` is the perturbed element. */
export function fThrewError(where: string, at: string, cause: unknown, restored: string, coordinate?: string): FunctionThrewError {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new FunctionThrewError(coordinate, cause, `${where}: f threw ${at}: ${message} (${restored}).`);
}

/** `when x[1,0] was perturbed to 3.0001` or `at the unperturbed x`, for messages. */
export function describeAt(coordinate: string | undefined, perturbed: number, name: string): string {
  return coordinate === undefined ? `at the unperturbed ${name}` : `when ${coordinate} was perturbed to ${perturbed}`;
}
