/**
 * The one key a record of params cannot have: `__proto__`. An object literal
 * or an assignment `record['__proto__'] = array` sets the prototype instead of
 * adding a key, so every record built per key (gradients, errors, copies for
 * async calls) would silently lose that array. Internal module (@descent/optim keeps its own copy for its trees).
 */
import { InvalidArgumentError } from '../errors/error-classes.js';

/**
 * Refuse a record holding its own `__proto__` key (made by JSON.parse,
 * Object.fromEntries or Object.defineProperty).
 * @param record - a record of params (or of destinations)
 * @param where - the public function's name, for the message
 * @param name - what the record is, for the message ('params', 'updates', …)
 * @throws InvalidArgumentError when `record` has an own `__proto__` key
 * @example
 * import ndarray from 'ndarray';
 * const W1 = ndarray(new Float64Array(2));
 * assertNoProtoKey({ W1 }, 'numericalGradients', 'params'); // passes
 * let code = '';
 * try {
 *   assertNoProtoKey(Object.fromEntries([['__proto__', W1]]), 'numericalGradients', 'params');
 * } catch (error) {
 *   code = (error as { code: string }).code;
 * }
 * code; // → 'INVALID_ARGUMENT'
 */
export function assertNoProtoKey(record: object, where: string, name: string): void {
  if (Object.hasOwn(record, '__proto__')) {
    throw new InvalidArgumentError(
      `${where}: ${name} has the key '__proto__', which a JavaScript record cannot carry over (assigning it sets the prototype instead of adding a key), ` +
        "so that array would be lost from the results; rename it, e.g. to 'proto'.",
    );
  }
}
