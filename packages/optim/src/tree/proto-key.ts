/**
 * The one key a record of params cannot have: `__proto__`. An object literal
 * or an assignment `record['__proto__'] = array` sets the prototype instead of
 * adding a key, so every record the transforms and the training loop build
 * per key (states, updates, copies) would silently lose that array. Internal module.
 */
import { InvalidArgumentError } from '@descent/core';

/**
 * Refuse a record holding its own `__proto__` key (made by JSON.parse,
 * Object.fromEntries or Object.defineProperty).
 * @param record - a record of params (or of updates, labels, bounds)
 * @param where - the public function's name, for the message
 * @param name - what the record is, for the message ('params', 'updates', …)
 * @throws InvalidArgumentError when `record` has an own `__proto__` key
 * @example
 * import ndarray from 'ndarray';
 * const w = ndarray(new Float64Array(2));
 * assertNoProtoKey({ w }, 'adam', 'params'); // passes
 * let code = '';
 * try {
 *   assertNoProtoKey(Object.fromEntries([['__proto__', w]]), 'adam', 'params');
 * } catch (error) {
 *   code = (error as { code: string }).code;
 * }
 * code; // → 'INVALID_ARGUMENT'
 */
export function assertNoProtoKey(record: object, where: string, name: string): void {
  if (Object.hasOwn(record, '__proto__')) {
    throw new InvalidArgumentError(
      `${where}: ${name} has the key '__proto__', which a JavaScript record cannot carry over (assigning it sets the prototype instead of adding a key), ` +
        "so that array would be lost from states and updates; rename it, e.g. to 'proto'.",
    );
  }
}
