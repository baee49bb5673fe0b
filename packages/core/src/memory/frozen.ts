/**
 * Storage that cannot be written: a frozen plain Array (`Object.freeze`). An
 * array the functions write in place — a point perturbed and restored, an
 * `out` the results go to — is refused up front with a typed error, instead of
 * a bare TypeError from the first write. (A non-empty typed array cannot be
 * frozen.) Internal module.
 */
import type { NdArray } from 'ndarray';
import { InvalidArgumentError } from '../errors/error-classes.js';

/**
 * Refuse an ndarray over a frozen plain Array.
 * @param a - the array to be written (checked to be an ndarray already)
 * @param where - the public function's name, for the message
 * @param name - the argument's name (`x`, `out`, `params.W1`)
 * @param why - why it is written, completing "… cannot be written, but " (`x is perturbed in place to take differences`)
 * @throws InvalidArgumentError when a.data is a frozen Array
 * @example
 * import ndarray from 'ndarray';
 * assertNotFrozen(ndarray([1, 2]), 'numericalGradient', 'x', 'x is perturbed in place'); // passes
 * let code = '';
 * try {
 *   assertNotFrozen(ndarray(Object.freeze([1, 2]) as number[]), 'numericalGradient', 'x', 'x is perturbed in place');
 * } catch (error) {
 *   code = (error as { code: string }).code;
 * }
 * code; // → 'INVALID_ARGUMENT'
 */
export function assertNotFrozen(a: NdArray, where: string, name: string, why: string): void {
  const data: unknown = a.data;
  if (Array.isArray(data) && data.length > 0 && Object.isFrozen(data)) {
    throw new InvalidArgumentError(
      `${where}: ${name} is stored in a frozen Array, which cannot be written, but ${why}; ` +
        `pass an array that can be written, e.g. ndarray(Float64Array.from(${name}.data), ${name}.shape) (a frozen array may still be read: copy it).`,
    );
  }
}
