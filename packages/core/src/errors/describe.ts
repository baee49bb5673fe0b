/**
 * Short descriptions of arbitrary values for error messages.
 */

/**
 * A short description of any value for error messages.
 * @example
 * describe(3);                      // 'number 3'
 * describe('a');                    // 'string "a"'
 * describe(new Int32Array(3));      // 'Int32Array(3)'
 * describe(Promise.resolve(1));     // 'Promise object'
 */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `Array(${value.length})`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<unknown>).length})`;
  switch (typeof value) {
    case 'string':
      return `string ${JSON.stringify(value)}`;
    case 'number':
    case 'boolean':
      return `${typeof value} ${String(value)}`;
    case 'bigint':
      return `bigint ${String(value)}n`;
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return `symbol ${String(value.description)}`;
    case 'function':
      return 'a function';
    default: {
      // an anonymous class's instance or an async generator has the name '', a null-prototype object no constructor
      const name: unknown = (value as { constructor?: { name?: unknown } }).constructor?.name;
      return typeof name === 'string' && name !== '' ? `${name} object` : 'an object';
    }
  }
}
