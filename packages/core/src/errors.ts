/**
 * The errors a finite difference raises. Each names the function, the
 * coordinate (`x[1,0]`, `W1[2,3]`), the value it was perturbed to and the fix.
 */
import { describe } from './options.js';
import { spacingAt, type Precision } from './step.js';

/** RangeError: adding h to the coordinate leaves it unchanged in its precision. */
export function stepTooSmallError(where: string, coordinate: string, h: number, value: number, precision: Precision): RangeError {
  const spacing = spacingAt(value, precision);
  return new RangeError(
    `${where}: h=${h} is below the spacing of floating-point numbers at ${coordinate}=${value} ` +
      `(${precision} spacing ${spacing}); use h: 'auto' or h ≥ ${spacing}.`,
  );
}

/** RangeError: the coordinate itself is NaN or ±Infinity, so no difference around it exists. */
export function nonFiniteCoordinateError(where: string, coordinate: string, value: number): RangeError {
  return new RangeError(`${where}: ${coordinate} is ${value}; finite differences need finite coordinates.`);
}

/**
 * The error for f returning something that is not a finite number: TypeError
 * for a non-number, Error for NaN/±Infinity. `at` says where x stood.
 */
export function badResultError(where: string, at: string, result: unknown, restored: string): Error {
  if (typeof result !== 'number') {
    return new TypeError(`${where}: f must return a number, but returned ${describe(result)} ${at}; ${restored}.`);
  }
  return new Error(
    `${where}: f returned ${result} ${at}; a finite difference needs finite values of f near x (try a smaller h) — ${restored}.`,
  );
}

/** Error wrapping what f threw, keeping it as `cause`. */
export function fThrewError(where: string, at: string, cause: unknown, restored: string): Error {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new Error(`${where}: f threw ${at}: ${message} (${restored}).`, { cause });
}

/** `when x[1,0] was perturbed to 3.0001` or `at the unperturbed x`, for messages. */
export function describeAt(coordinate: string | undefined, perturbed: number, name: string): string {
  return coordinate === undefined ? `at the unperturbed ${name}` : `when ${coordinate} was perturbed to ${perturbed}`;
}
