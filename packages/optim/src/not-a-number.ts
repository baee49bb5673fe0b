/**
 * The error for a user function (f, a loss, a gradient, a metric) that returned
 * something other than a number: a numeric string, a bigint, a boolean — or a
 * Promise, meaning the function is async. Such a value is the caller's bug, not
 * a numerical event (never "divergence"), so it is a NotANumberError (a
 * TypeError) naming the function, the value and where it was returned. A
 * returned Promise gets a rejection handler first, so it cannot end as an
 * unhandled rejection after the error has been reported.
 */
import { NotANumberError } from '@descent/core';

/**
 * True for an object or function with a `then` method (a Promise or any thenable).
 * @example
 * isThenable(Promise.resolve(1)); // → true
 * isThenable(1);                  // → false
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * A short description for messages: `the string "3"`, `bigint 3`, `boolean true`, `null`, `an object`.
 * @example
 * describeValue('3'); // → 'the string "3"'
 * describeValue(3n);  // → 'bigint 3'
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(value)}`;
    case 'undefined':
      return 'undefined (nothing)';
    case 'function':
      return 'a function';
    case 'object':
      return Array.isArray(value) ? 'an array' : 'an object';
    default:
      return `${typeof value} ${String(value)}`;
  }
}

/**
 * A NotANumberError for `fn` returning `value`; a thenable gets a no-op
 * rejection handler attached before the error is built.
 * @param where the public function, e.g. 'minimize'
 * @param fn the user function, e.g. 'f', 'loss', 'the gradient function'
 * @param at where the value was returned, e.g. 'at x0', 'at a trial point of step 3'
 * @param coordinate the perturbed element, when a numerical gradient was being estimated
 * @example
 * const error = notANumberError('minimize', 'f', '3', 'at x0');
 * error.code; // → 'NOT_A_NUMBER'
 * error.message.startsWith('minimize: f must return a number, but returned the string "3" at x0'); // → true
 */
export function notANumberError(where: string, fn: string, value: unknown, at: string, coordinate?: string): NotANumberError {
  if (isThenable(value)) {
    // Swallow a later rejection: the caller learns about the mistake from this error instead.
    Promise.resolve(value).then(undefined, () => undefined);
    return new NotANumberError(
      coordinate,
      value,
      `${where}: ${fn} returned a Promise ${at}, so it is an async function; ${where} calls ${fn} synchronously and needs a number — ` +
        `compute the value synchronously (any rejection of that Promise has been caught).`,
    );
  }
  const hint = typeof value === 'string' || typeof value === 'bigint' ? `; convert it with Number(…)` : '';
  return new NotANumberError(coordinate, value, `${where}: ${fn} must return a number, but returned ${describeValue(value)} ${at}${hint}.`);
}
