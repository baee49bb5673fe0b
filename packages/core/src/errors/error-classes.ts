/**
 * The typed errors of descent. Each class subclasses the built-in error a
 * caller would already test for (TypeError for a value of the wrong kind,
 * RangeError for a value out of range, Error for a failure of f), so existing
 * `instanceof TypeError` checks keep working, and carries a stable `code` to
 * switch on instead of matching message text. Messages say what was wrong and
 * how to fix it; they may be reworded, codes and fields will not be.
 *
 * @example
 * import ndarray, { type NdArray } from 'ndarray';
 * import { numericalGradient, isDescentError } from '@descent/core';
 * const x = ndarray(new Float64Array([1, 2]));
 * const f = (v: typeof x) => v.get(0) ** 2 + v.get(1) ** 2;
 * let g: NdArray;
 * try {
 *   g = numericalGradient(f, x, { h: 1e-30 }); // 1 + 1e-30 rounds to 1: the step underflows
 * } catch (error) {
 *   if (isDescentError(error) && error.code === 'STEP_UNDERFLOW') g = numericalGradient(f, x); // retry with the automatic step
 *   else throw error;
 * }
 * g; // ≈ [2.00000, 4.00000]
 */

/** Every `code` a descent error can carry. */
export type DescentErrorCode =
  | 'INVALID_ARGUMENT'
  | 'OUT_OF_RANGE'
  | 'NON_FINITE_COORDINATE'
  | 'NON_FINITE_VALUE'
  | 'NOT_A_NUMBER'
  | 'STEP_UNDERFLOW'
  | 'STEP_OVERFLOW'
  | 'FUNCTION_THREW'
  | 'INPUT_MODIFIED'
  | 'ALIASED_MEMORY'
  | 'OVERLAPPING_MEMORY'
  | 'INVALID_STATE'
  | 'WORKER_DIED'
  | 'POOL_CLOSED';

/** What every descent error has on top of its built-in base class. */
export interface DescentError extends Error {
  /** Stable machine-readable kind of the error. */
  readonly code: DescentErrorCode;
}

const CODES: ReadonlySet<string> = new Set<DescentErrorCode>([
  'INVALID_ARGUMENT',
  'OUT_OF_RANGE',
  'NON_FINITE_COORDINATE',
  'NON_FINITE_VALUE',
  'NOT_A_NUMBER',
  'STEP_UNDERFLOW',
  'STEP_OVERFLOW',
  'FUNCTION_THREW',
  'INPUT_MODIFIED',
  'ALIASED_MEMORY',
  'OVERLAPPING_MEMORY',
  'INVALID_STATE',
  'WORKER_DIED',
  'POOL_CLOSED',
]);

/**
 * True when `error` was raised by descent (any class of this module).
 * @example
 * isDescentError(new StepUnderflowError('x[0]', 1e-30, 1, 2.2e-16, 'msg')); // → true
 * isDescentError(new RangeError('other')); // → false
 */
export function isDescentError(error: unknown): error is DescentError {
  if (!(error instanceof Error)) return false;
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === 'string' && CODES.has(code);
}

/** An argument or option has the wrong type or shape (code 'INVALID_ARGUMENT'). */
export class InvalidArgumentError extends TypeError implements DescentError {
  readonly code = 'INVALID_ARGUMENT' as const;
  override name = 'InvalidArgumentError';
}

/** An argument or option is of the right type but outside its allowed range (code 'OUT_OF_RANGE'). */
export class ArgumentRangeError extends RangeError implements DescentError {
  readonly code = 'OUT_OF_RANGE' as const;
  override name = 'ArgumentRangeError';
}

/** An element of the point is NaN or ±Infinity, so no difference around it exists (code 'NON_FINITE_COORDINATE'). */
export class NonFiniteCoordinateError extends RangeError implements DescentError {
  readonly code = 'NON_FINITE_COORDINATE' as const;
  override name = 'NonFiniteCoordinateError';
  /**
   * @param coordinate - the element, as `x[1,0]` or `W1[2,3]`
   * @param value - its value (NaN or ±Infinity)
   */
  constructor(
    readonly coordinate: string,
    readonly value: number,
    message: string,
  ) {
    super(message);
  }
}

/** f returned NaN or ±Infinity (code 'NON_FINITE_VALUE'). */
export class NonFiniteValueError extends Error implements DescentError {
  readonly code = 'NON_FINITE_VALUE' as const;
  override name = 'NonFiniteValueError';
  /**
   * @param coordinate - the perturbed element (`x[1,0]`), or undefined at the unperturbed point
   * @param value - what f returned
   */
  constructor(
    readonly coordinate: string | undefined,
    readonly value: number,
    message: string,
  ) {
    super(message);
  }
}

/** f returned something that is not a number (a string, a bigint, a Promise, …) (code 'NOT_A_NUMBER'). */
export class NotANumberError extends TypeError implements DescentError {
  readonly code = 'NOT_A_NUMBER' as const;
  override name = 'NotANumberError';
  /**
   * @param coordinate - the perturbed element, or undefined at the unperturbed point
   * @param value - what f returned
   */
  constructor(
    readonly coordinate: string | undefined,
    readonly value: unknown,
    message: string,
  ) {
    super(message);
  }
}

/** A fixed step h is below the spacing of floating-point numbers at a coordinate: x ± h === x (code 'STEP_UNDERFLOW'). */
export class StepUnderflowError extends RangeError implements DescentError {
  readonly code = 'STEP_UNDERFLOW' as const;
  override name = 'StepUnderflowError';
  /**
   * The smallest step (a power-of-two multiple of `spacing`) with which every
   * node of the scheme lands on its own float at this coordinate; the message
   * suggests it, and retrying with `h: minimumH` does not underflow.
   */
  readonly minimumH: number;
  /**
   * @param coordinate - the element, as `x[1,0]`
   * @param h - the step that vanished
   * @param value - the element's value
   * @param spacing - the spacing of floats at value (one ulp of |value|)
   * @param message - the text
   * @param minimumH - the smallest working step (default: spacing)
   */
  constructor(
    readonly coordinate: string,
    readonly h: number,
    readonly value: number,
    readonly spacing: number,
    message: string,
    minimumH: number = spacing,
  ) {
    super(message);
    this.minimumH = minimumH;
  }
}

/**
 * A node x ± h (x ± 2h) of the difference would overflow to ±Infinity and
 * cannot be moved toward the interior: the step is too large for the
 * coordinate, or `quotient: 'nominal'` needs the symmetric nodes (code 'STEP_OVERFLOW').
 */
export class StepOverflowError extends RangeError implements DescentError {
  readonly code = 'STEP_OVERFLOW' as const;
  override name = 'StepOverflowError';
  /**
   * @param coordinate - the element, as `x[1,0]`
   * @param h - the step
   * @param value - the element's value
   */
  constructor(
    readonly coordinate: string,
    readonly h: number,
    readonly value: number,
    message: string,
  ) {
    super(message);
  }
}

/** f threw; the original error is `cause` (code 'FUNCTION_THREW'). */
export class FunctionThrewError extends Error implements DescentError {
  readonly code = 'FUNCTION_THREW' as const;
  override name = 'FunctionThrewError';
  /**
   * @param coordinate - the perturbed element, or undefined at the unperturbed point
   * @param cause - what f threw
   */
  constructor(
    readonly coordinate: string | undefined,
    cause: unknown,
    message: string,
  ) {
    super(message, { cause });
  }
}

/**
 * f wrote to the array it is differentiated on: after a call, the perturbed
 * element no longer held the value written before the call, or an element not
 * yet reached was no longer a finite number (code 'INPUT_MODIFIED'). f must
 * treat x (and, in the named form, every parameter) as read-only.
 */
export class InputModifiedError extends Error implements DescentError {
  readonly code = 'INPUT_MODIFIED' as const;
  override name = 'InputModifiedError';
  /**
   * @param coordinate - the element found changed, as `x[1,0]`
   * @param expected - the perturbed value it held when f was called (undefined when an element not yet perturbed was found changed)
   * @param found - what it held afterwards
   */
  constructor(
    readonly coordinate: string,
    readonly expected: number | undefined,
    readonly found: unknown,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Distinct elements that share memory: a view aliasing itself (stride 0,
 * overlapping strides; `axes` names them), or two parameter arrays over the
 * same memory (`other` names the second, `axes` is empty). Perturbing one
 * element would move the others too (code 'ALIASED_MEMORY').
 */
export class AliasedMemoryError extends TypeError implements DescentError {
  readonly code = 'ALIASED_MEMORY' as const;
  override name = 'AliasedMemoryError';
  /** The other array sharing memory with `array` (two-array aliasing), else undefined. */
  readonly other: string | undefined;
  /**
   * @param array - the argument's name (`x`, `params.W1`)
   * @param axes - the axes along which two distinct elements land on the same slot ([] for two arrays)
   * @param message - the text
   * @param other - the second array, when two arrays share memory
   */
  constructor(
    readonly array: string,
    readonly axes: readonly number[],
    message: string,
    other?: string,
  ) {
    super(message);
    this.other = other;
  }
}

/** An output array shares memory with an input it would overwrite (code 'OVERLAPPING_MEMORY'). */
export class OverlappingMemoryError extends RangeError implements DescentError {
  readonly code = 'OVERLAPPING_MEMORY' as const;
  override name = 'OverlappingMemoryError';
  /**
   * @param array - the output's name (`out`, `out.W1`)
   * @param other - the input it overlaps (`x`, `params.b1`)
   */
  constructor(
    readonly array: string,
    readonly other: string,
    message: string,
  ) {
    super(message);
  }
}

/** An optimizer state that `update` cannot use: wrong kind, shape or element type (code 'INVALID_STATE'). */
export class InvalidStateError extends TypeError implements DescentError {
  readonly code = 'INVALID_STATE' as const;
  override name = 'InvalidStateError';
  /**
   * @param message - what is wrong with the state and how to fix it
   * @param path - the part of the state that is wrong, as `state`, `state.kind`, `state.mu.w[3]` or `state[0].count` (undefined when no single part is)
   */
  constructor(
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

/**
 * A worker thread of a gradient pool (`@descent/core/pool`) ended while it
 * evaluated f — `process.exit`, out of memory under its resource limits, a
 * crash — so the call that used it cannot finish (code 'WORKER_DIED'). The
 * pool starts a replacement; the next call works. `cause` is what the thread
 * reported (an Error with `code` 'ERR_WORKER_OUT_OF_MEMORY', `worker exited
 * with code: 3`, …).
 */
export class WorkerDiedError extends Error implements DescentError {
  readonly code = 'WORKER_DIED' as const;
  override name = 'WorkerDiedError';
  /**
   * @param cause - what the worker thread reported
   * @param message - the text
   */
  constructor(cause: unknown, message: string) {
    super(message, { cause });
  }
}

/** A gradient pool was closed: the call was refused, or interrupted by close() while it ran (code 'POOL_CLOSED'). */
export class PoolClosedError extends Error implements DescentError {
  readonly code = 'POOL_CLOSED' as const;
  override name = 'PoolClosedError';
}
