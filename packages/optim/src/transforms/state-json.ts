/**
 * Checkpoints that keep every IEEE value. JSON has no NaN, ±Infinity or −0:
 * `JSON.stringify` writes the first three as `null` and −0 as `0`, and a state
 * holds them after a huge gradient (g² overflows to Infinity in RMSProp, Adam,
 * AdaGrad). `stateToJSON` encodes each such number as `{ "$number": "Infinity" }`
 * (also "-Infinity", "NaN", "-0"); `stateFromJSON` decodes it. Everything else
 * is kept as is, so an encoded state of finite numbers reads like the state.
 *
 * The encoding is unambiguous: an object whose only key is `$number` or
 * `$literal` is itself wrapped as `{ "$literal": … }`, so any plain data
 * round-trips, not just this package's states.
 */
import { InvalidArgumentError, InvalidStateError } from '@descent/core';
import type { Json } from './transform.js';

const SPECIAL: Readonly<Record<string, number>> = { NaN: Number.NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return `a ${(value as object).constructor?.name ?? 'prototype-less'} object`;
  return typeof value === 'function' ? 'a function' : `${typeof value} ${String(value)}`;
}

/** True for an object literal (prototype Object.prototype or null). */
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** True for `{ $number: … }` or `{ $literal: … }` (one key only): the encoding's own markers. */
function isMarker(record: Record<string, unknown>): boolean {
  let count = 0;
  let marker = false;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    count++;
    marker = key === '$number' || key === '$literal';
  }
  return count === 1 && marker;
}

/** record[key] = value as an own property, also for the key '__proto__' (which an assignment would take as the prototype). */
function setOwn(record: { [key: string]: Json }, key: string, value: Json): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
  else record[key] = value;
}

function encode(value: unknown, path: string, seen: Set<object>): Json {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { $number: 'NaN' };
    if (value === Infinity) return { $number: 'Infinity' };
    if (value === -Infinity) return { $number: '-Infinity' };
    if (value === 0 && 1 / value < 0) return { $number: '-0' };
    return value;
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'object' && (Array.isArray(value) || isPlainObject(value))) {
    if (seen.has(value)) throw new InvalidArgumentError(`stateToJSON: ${path} refers back to itself; a state is a tree of plain data, without cycles.`);
    seen.add(value);
    let out: Json;
    if (Array.isArray(value)) {
      const list: Json[] = new Array<Json>(value.length);
      for (let i = 0; i < value.length; i++) list[i] = encode(value[i], `${path}[${i}]`, seen);
      out = list;
    } else {
      const record: { [key: string]: Json } = {};
      for (const key of Object.keys(value)) setOwn(record, key, encode((value as Record<string, unknown>)[key], `${path}.${key}`, seen));
      out = isMarker(value as Record<string, unknown>) ? { $literal: record } : record;
    }
    seen.delete(value);
    return out;
  }
  throw new InvalidArgumentError(
    `stateToJSON: ${path} is ${describe(value)}; a state holds only numbers, strings, booleans, null, arrays and plain objects.`,
  );
}

function decode(value: unknown, path: string): Json {
  if (value === null || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) {
    const list: Json[] = new Array<Json>(value.length);
    for (let i = 0; i < value.length; i++) list[i] = decode(value[i], `${path}[${i}]`);
    return list;
  }
  if (typeof value === 'object' && isPlainObject(value)) {
    const record = value as Record<string, unknown>;
    if (isMarker(record) && Object.hasOwn(record, '$number')) {
      const text = record['$number'];
      if (typeof text === 'string' && Object.hasOwn(SPECIAL, text)) return SPECIAL[text]!;
      throw new InvalidStateError(`stateFromJSON: ${path} is { "$number": ${JSON.stringify(text) ?? String(text)} }; the encoded numbers are "NaN", "Infinity", "-Infinity" and "-0".`, path);
    }
    const source = isMarker(record) ? record['$literal'] : record;
    if (typeof source !== 'object' || source === null || Array.isArray(source)) {
      throw new InvalidStateError(`stateFromJSON: ${path} is { "$literal": ${describe(source)} }; "$literal" wraps an object.`, path);
    }
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(source)) setOwn(out, key, decode((source as Record<string, unknown>)[key], `${path}.${key}`));
    return out;
  }
  throw new InvalidStateError(`stateFromJSON: ${path} is ${describe(value)}, which JSON.parse never returns; pass the parsed JSON.`, path);
}

/**
 * A JSON-safe copy of an optimizer state (or any plain data) that keeps every
 * number exactly: NaN, ±Infinity and −0 become `{ "$number": "NaN" }` etc.
 * `JSON.stringify` it to save a checkpoint; `stateFromJSON(JSON.parse(text))`
 * gives back a state that resumes bit-identically. The state is not modified.
 * @param state what `init` or `update` returned
 * @returns plain JSON data
 * @throws InvalidArgumentError when the state holds something that is not plain data (a typed array, a function, a cycle)
 * @example
 * import ndarray from 'ndarray';
 * import { rmsprop, stateToJSON, stateFromJSON } from '@descent/optim';
 * const x = ndarray(new Float64Array([1]));
 * const opt = rmsprop();
 * const state = opt.update(ndarray(new Float64Array([1e200])), opt.init(x), x);
 * state[0].nu; // → [Infinity] — (1e200)² overflows
 * const text = JSON.stringify(stateToJSON(state));
 * text.startsWith('[{"kind":"scaleByRms","nu":[{"$number":"Infinity"}]}'); // → true
 * const resumed = stateFromJSON<typeof state>(JSON.parse(text));
 * resumed[0].nu; // → [Infinity] — again
 */
export function stateToJSON(state: unknown): Json {
  return encode(state, 'state', new Set());
}

/**
 * The state saved by `stateToJSON`, from its parsed JSON: `{ "$number": … }`
 * becomes NaN, ±Infinity or −0 again and `{ "$literal": … }` the object it wraps.
 * @param json the result of `JSON.parse` on a saved checkpoint (or `stateToJSON` itself)
 * @returns a fresh state, bit for bit the one that was saved
 * @throws InvalidStateError when an encoded number is not one of "NaN", "Infinity", "-Infinity", "-0"
 * @example
 * import { stateFromJSON } from '@descent/optim';
 * stateFromJSON({ kind: 'scaleByRms', nu: [{ $number: 'Infinity' }, 2] }); // → { kind: 'scaleByRms', nu: [Infinity, 2] }
 */
export function stateFromJSON<S = Json>(json: unknown): S {
  return decode(json, 'state') as S;
}
