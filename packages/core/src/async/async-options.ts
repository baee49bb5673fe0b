/**
 * The options only the asynchronous gradients have — how many evaluations
 * of f may be in flight, and a signal that cancels — and their validation.
 */
import { describe } from '../errors/describe.js';
import { ArgumentRangeError, InvalidArgumentError } from '../errors/error-classes.js';

/**
 * What `signal` must be: an AbortSignal (the DOM's and Node's both fit; this
 * structural type keeps @descent/core free of DOM typings).
 */
export interface AbortSignalLike {
  /** True once aborted. */
  readonly aborted: boolean;
  /** Why (AbortController.abort(reason); a DOMException 'AbortError' by default). */
  readonly reason?: unknown;
  /** Subscribe to 'abort'. */
  addEventListener(type: 'abort', listener: () => void): void;
  /** Unsubscribe. */
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Options of the asynchronous gradients beyond those of the synchronous ones. */
export interface AsyncOptions {
  /**
   * How many evaluations of f may be in flight at once. Each runs on its own
   * private copy of x (created when first needed: at most `concurrency`
   * copies), perturbed in place and restored after f settles. A synchronous
   * f (returning a number) settles at once, so it never needs more than one.
   * @default 1
   */
  concurrency?: number;
  /**
   * Cancels the call: no evaluation is started once it aborts, and the
   * promise rejects with `signal.reason` after the evaluations in flight have
   * settled (pass the same signal to what f awaits to cut those short).
   * @default undefined (not cancellable)
   */
  signal?: AbortSignalLike;
}

/** The keys of AsyncOptions, accepted by the asynchronous gradients on top of the shared ones. */
export const ASYNC_KEYS: readonly string[] = ['concurrency', 'signal'];

/** The async options validated: concurrency a positive safe integer, signal an AbortSignal. */
export function resolveAsyncOptions(options: AsyncOptions | undefined, where: string): { concurrency: number; signal: AbortSignalLike | undefined } {
  const concurrency: unknown = options?.concurrency ?? 1;
  if (!(typeof concurrency === 'number' && Number.isSafeInteger(concurrency) && concurrency >= 1)) {
    const message = `${where}: concurrency must be a whole number ≥ 1 of evaluations in flight (got ${describe(concurrency)}); the default is 1.`;
    throw typeof concurrency === 'number' ? new ArgumentRangeError(message) : new InvalidArgumentError(message);
  }
  const signal: unknown = options?.signal;
  if (signal !== undefined && !isSignal(signal)) {
    throw new InvalidArgumentError(`${where}: signal must be an AbortSignal, e.g. new AbortController().signal (got ${describe(signal)}).`);
  }
  return { concurrency, signal };
}

function isSignal(value: unknown): value is AbortSignalLike {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Partial<AbortSignalLike>;
  return typeof s.aborted === 'boolean' && typeof s.addEventListener === 'function' && typeof s.removeEventListener === 'function';
}

/**
 * Refuse an f declared without parameters: the asynchronous gradients call f
 * with a private copy (never the caller's arrays), so an f that reads the
 * caller's arrays from its closure would see them unperturbed and every
 * derivative would come out 0.
 * @param what - what f receives, for the message (`x`, `params`)
 */
export function assertTakesArgument(f: (...args: never[]) => unknown, where: string, what: string, example: string): void {
  if (f.length > 0) return;
  throw new InvalidArgumentError(
    `${where}: f takes no parameter, but it must read the ${what} it is called with: ${where} calls f with its own copy (one per evaluation in flight) ` +
      `and never perturbs your arrays, so an f that reads them from its closure would see them unchanged and every derivative would be 0. ` +
      `Declare the parameter, e.g. ${example}${what === 'params' ? ' (the synchronous numericalGradients calls f() instead)' : ''}; wrap a (...args) function as (${what}) => g(${what}).`,
  );
}
