/**
 * The one option shape for "where the gradient comes from", shared by
 * gradientDescent, minimize and train: `gradient` is either the caller's
 * analytic gradient (a function) or the options of @descent/core's numerical
 * gradient (an object: h, scheme, stepUnderflow, quotient, counter,
 * onProgress, …), validated by core's own rules up front and then forwarded
 * whole — never field by field.
 */
import { resolveGradientOptions, type GradientOptions, type Scheme } from '@descent/core';
import { InvalidArgumentError } from '@descent/core';
import { describeValue } from './not-a-number.js';

/**
 * Options of a numerical gradient: core's GradientOptions (without `f0` and
 * `bounds`, which the caller's loop supplies), with `scheme` also accepting
 * 'adaptive' where the function says so (minimize).
 */
export interface NumericalGradientOptions extends Omit<GradientOptions, 'scheme' | 'f0' | 'bounds'> {
  /**
   * The difference formula: a scheme of @descent/core ('central', 'forward',
   * 'backward', 'five-point', 'richardson') or, for minimize, 'adaptive'.
   * @default minimize: 'adaptive'; gradientDescent and train: 'central'
   */
  scheme?: Scheme | 'adaptive';
}

/** A resolved gradient option: the analytic function, or the numerical options with their scheme. */
export type ResolvedGradient<A> =
  | { readonly analytic: A; readonly numerical: undefined; readonly scheme: undefined }
  | { readonly analytic: undefined; readonly numerical: Omit<GradientOptions, 'scheme'>; readonly scheme: Scheme | 'adaptive' };

/**
 * Check a `gradient` option: a function is the analytic gradient; an object
 * (or undefined: {}) holds core's numerical options, checked by core under
 * `where`'s name and copied (later changes by the caller do not reach the run).
 * @param signature the analytic gradient's signature for messages, e.g. '(x, out) => void writing ∇f(x) into out'
 * @param defaults numerical options the function uses unless the caller sets them (e.g. the book's quotient)
 * @param adaptive whether scheme 'adaptive' is allowed (and the default)
 * @throws InvalidArgumentError for a value that is neither; core's errors (under `where`) for bad numerical options
 * @example
 * const g = resolveGradientOption('train', undefined, '(params, batch, grads) => loss', {}, false);
 * g.scheme; // → 'central'
 */
export function resolveGradientOption<A>(where: string, value: unknown, signature: string, defaults: Omit<GradientOptions, 'f0' | 'bounds'>, adaptive: boolean): ResolvedGradient<A> {
  if (typeof value === 'function') return { analytic: value as A, numerical: undefined, scheme: undefined };
  const options = value ?? {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError(
      `${where}: gradient must be core's numerical options such as { h: 1e-6 } or a function ${signature}, got ${describeValue(options)}.`,
    );
  }
  for (const key of ['f0', 'bounds'] as const) {
    if (Object.hasOwn(options, key)) {
      throw new InvalidArgumentError(`${where}: the gradient option ${key} is supplied by ${where} itself at every point; leave it out${key === 'bounds' ? ` (give ${where} its own bounds option)` : ''}.`);
    }
  }
  const { scheme, ...rest } = { ...defaults, ...(options as NumericalGradientOptions) };
  const wanted = scheme ?? (adaptive ? 'adaptive' : (defaults.scheme ?? 'central'));
  if (wanted === 'adaptive') {
    if (!adaptive) throw new InvalidArgumentError(`${where}: scheme 'adaptive' is minimize's; choose one of core's schemes here (e.g. 'central').`);
    resolveGradientOptions(rest, where);
  } else resolveGradientOptions({ ...rest, scheme: wanted }, where);
  return { analytic: undefined, numerical: rest, scheme: wanted };
}
