/**
 * Errors of @descent/core raised inside a public function of this package
 * speak with core's voice ("spsaGradientInto: f threw …"): the caller never
 * called that function. `relabelCoreError` puts the public function's name —
 * and where in its run the error happened — in place of core's name, keeping
 * the error's class, code, coordinate and cause (only the message changes).
 */
import { isDescentError } from '@descent/core';

/**
 * Re-label `error` when it is a DescentError whose message starts with
 * `${core}: `: the message becomes `${where}: ${context}<the rest>`. Anything
 * else is returned unchanged.
 * @param error what was caught
 * @param core the core function whose name the message starts with, e.g. 'spsaGradientInto'
 * @param where the public function's name, e.g. 'spsa'
 * @param context words before core's detail, e.g. 'at step 3, ' (may be '')
 * @param words core's names for the public function's arguments, renamed (e.g. [/\bh\b/g, 'c'])
 * @returns the same error object (re-labelled or not), to rethrow
 * @example
 * import { FunctionThrewError } from '@descent/core';
 * const error = new FunctionThrewError(undefined, new Error('boom'), 'spsaGradientInto: f threw: boom');
 * (relabelCoreError(error, 'spsaGradientInto', 'spsa', 'at step 3, ') as Error).message; // → 'spsa: at step 3, f threw: boom'
 */
export function relabelCoreError(error: unknown, core: string, where: string, context: string, words: readonly Rename[] = []): unknown {
  if (isDescentError(error) && error.message.startsWith(`${core}: `)) {
    (error as Error).message = `${where}: ${context}${coreDetail(error, core, words)}`;
  }
  return error;
}

/** A word of core's message to say in the public function's terms: [pattern, replacement] (e.g. core's h is spsa's c). */
export type Rename = readonly [RegExp, string];

/**
 * core's detail of a DescentError raised by `core`, without its name prefix (for a sentence of our own), `words` renamed.
 * @example
 * import { NonFiniteValueError } from '@descent/core';
 * coreDetail(new NonFiniteValueError(undefined, NaN, 'spsaGradientInto: f returned NaN'), 'spsaGradientInto'); // → 'f returned NaN'
 */
export function coreDetail(error: Error, core: string, words: readonly Rename[] = []): string {
  let detail = error.message.startsWith(`${core}: `) ? error.message.slice(core.length + 2) : error.message;
  for (const [pattern, replacement] of words) detail = detail.replace(pattern, replacement);
  return detail;
}
