/**
 * TEMPORARY SHIM — delete this file once @descent/core exports its own
 * validator (`resolveGradientOptions`, being added on branch rel-core), and
 * import it from '@descent/core' in minimize-options.ts and train-validation.ts
 * instead. It mirrors core's checks of the shared numerical options (h, scheme,
 * counter, stepUnderflow) so that minimize and train can refuse bad values
 * before anything runs, under their own name; keys it does not know are left
 * for core to judge.
 */
import { ArgumentRangeError, DIFFERENCE_SCHEMES, InvalidArgumentError, type GradientOptions } from '@descent/core';
import { describeValue } from './not-a-number.js';

/**
 * Throw unless `options` are valid numerical-gradient options for core.
 * @param where the public function, for messages
 * @throws InvalidArgumentError for a value of the wrong type; ArgumentRangeError for an h, scheme or stepUnderflow out of range
 */
export function resolveGradientOptions(options: GradientOptions | undefined, where: string): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError(`${where}: options must be an object like { h: 1e-4, scheme: 'central' } (got ${describeValue(options)}).`);
  }
  const { h, scheme, counter, stepUnderflow } = options;
  if (scheme !== undefined && !DIFFERENCE_SCHEMES.includes(scheme)) {
    throw new ArgumentRangeError(`${where}: scheme ${describeValue(scheme)} is not one of ${DIFFERENCE_SCHEMES.map((s) => `'${s}'`).join(', ')}.`);
  }
  if (h !== undefined && h !== 'auto' && !(typeof h === 'number' && h > 0 && h < Infinity)) {
    throw new ArgumentRangeError(`${where}: h must be a positive finite number or 'auto' (got ${describeValue(h)}); the book uses h: 1e-4.`);
  }
  if (counter !== undefined && (typeof counter !== 'object' || counter === null || typeof counter.evaluations !== 'number')) {
    throw new InvalidArgumentError(`${where}: counter must be an object like { evaluations: 0 } (got ${describeValue(counter)}).`);
  }
  if (stepUnderflow !== undefined && stepUnderflow !== 'throw' && stepUnderflow !== 'zero') {
    throw new ArgumentRangeError(`${where}: stepUnderflow must be 'throw' or 'zero' (got ${describeValue(stepUnderflow)}).`);
  }
}
