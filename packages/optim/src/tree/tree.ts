/**
 * Parameter trees: one NdArray or a flat record of named NdArrays. Helpers to
 * walk a tree, check that two trees have the same structure, and build the
 * per-parameter state buffers (`number[]`, row-major element order) that the
 * stateful transforms keep.
 */
import ndarray, { type NdArray } from 'ndarray';
import { InvalidArgumentError, InvalidStateError } from '@descent/core';
import type { Params } from '../transforms/transform.js';
import { assertNoProtoKey } from './proto-key.js';

/** A value per parameter array: one value for a single NdArray, or a record with the params' keys. */
export type Tree<T> = T | Record<string, T>;

/** True when `x` looks like an ndarray (has shape, stride, offset and data). */
export function isNdArray(x: unknown): x is NdArray {
  return (
    typeof x === 'object' &&
    x !== null &&
    Array.isArray((x as NdArray).shape) &&
    Array.isArray((x as NdArray).stride) &&
    typeof (x as NdArray).offset === 'number' &&
    (x as NdArray).data !== undefined
  );
}

function describeShape(a: NdArray): string {
  return `[${a.shape.join(', ')}]`;
}

function sameShape(a: NdArray, b: NdArray): boolean {
  if (a.shape.length !== b.shape.length) return false;
  for (let axis = 0; axis < a.shape.length; axis++) if (a.shape[axis] !== b.shape[axis]) return false;
  return true;
}

function describeKind(x: unknown): string {
  if (x === null) return 'null';
  if (isNdArray(x)) return `an NdArray of shape ${describeShape(x)}`;
  if (Array.isArray(x)) return 'a plain array';
  return typeof x === 'object' ? 'a record' : `${typeof x} ${String(x)}`;
}

/**
 * Check that `a` and `b` are trees of the same structure: both one NdArray of the
 * same shape, or records with the same keys whose arrays have the same shapes.
 * @param a the first tree (e.g. updates)
 * @param b the second tree (e.g. params)
 * @param where prefix for the error message, e.g. 'applyUpdates'
 * @param aName name of `a` in the message
 * @param bName name of `b` in the message
 * @throws InvalidArgumentError naming the key and both shapes when they differ, or the value that is not an NdArray
 * @example
 * import ndarray from 'ndarray';
 * const params = { W: ndarray(new Float64Array(6), [2, 3]), b: ndarray(new Float64Array(3)) };
 * const grads = { W: ndarray(new Float64Array(6), [2, 3]), b: ndarray(new Float64Array(3)) };
 * assertSameStructure(grads, params, 'myLoop', 'grads', 'params'); // returns: same keys, same shapes
 */
export function assertSameStructure(a: Params, b: Params, where: string, aName = 'updates', bName = 'params'): void {
  if (isNdArray(a) || isNdArray(b)) {
    if (!isNdArray(a) || !isNdArray(b)) {
      throw new InvalidArgumentError(
        `${where}: ${aName} is ${describeKind(a)} but ${bName} is ${describeKind(b)}; ` +
          `pass ${aName} with the same structure as ${bName} (one NdArray, or a record with the same keys).`,
      );
    }
    if (!sameShape(a, b)) {
      throw new InvalidArgumentError(
        `${where}: ${aName} has shape ${describeShape(a)} but ${bName} has shape ${describeShape(b)}; they must have the same shape.`,
      );
    }
    return;
  }
  if (typeof a !== 'object' || a === null) throw new InvalidArgumentError(`${where}: ${aName} must be an NdArray or a record of NdArrays, got ${describeKind(a)}.`);
  if (typeof b !== 'object' || b === null) throw new InvalidArgumentError(`${where}: ${bName} must be an NdArray or a record of NdArrays, got ${describeKind(b)}.`);
  assertNoProtoKey(a, where, aName);
  assertNoProtoKey(b, where, bName);
  for (const key of Object.keys(b)) {
    if (!Object.hasOwn(a, key)) {
      throw new InvalidArgumentError(`${where}: ${bName} has key '${key}' but ${aName} does not; give ${aName} exactly the keys of ${bName}.`);
    }
  }
  for (const key of Object.keys(a)) {
    const x = a[key];
    const y = b[key];
    if (!Object.hasOwn(b, key)) {
      throw new InvalidArgumentError(`${where}: ${aName} has key '${key}' but ${bName} does not; give ${aName} exactly the keys of ${bName}.`);
    }
    if (!isNdArray(x)) throw new InvalidArgumentError(`${where}: ${aName}['${key}'] must be an NdArray, got ${describeKind(x)}.`);
    if (!isNdArray(y)) throw new InvalidArgumentError(`${where}: ${bName}['${key}'] must be an NdArray, got ${describeKind(y)}.`);
    if (!sameShape(x, y)) {
      throw new InvalidArgumentError(
        `${where}: key '${key}' has shape ${describeShape(x)} in ${aName} but ${describeShape(y)} in ${bName}; they must have the same shape.`,
      );
    }
  }
}

/**
 * Check that a tree that is not an NdArray is at least an object (a record).
 * @throws InvalidArgumentError when it is not
 */
export function checkRecord(tree: unknown, where: string, name = 'the tree'): asserts tree is Readonly<Record<string, unknown>> {
  if (typeof tree !== 'object' || tree === null || Array.isArray(tree)) {
    throw new InvalidArgumentError(`${where}: ${name} must be an NdArray or a record of NdArrays, got ${describeKind(tree)}.`);
  }
  assertNoProtoKey(tree, where, name);
}

/**
 * The array stored under `key` in a record tree.
 * @throws InvalidArgumentError when it is not an NdArray
 */
export function leafOf(tree: Readonly<Record<string, unknown>>, key: string, where: string, name = ''): NdArray {
  const leaf = tree[key];
  if (!isNdArray(leaf)) throw new InvalidArgumentError(`${where}: ${name}['${key}'] must be an NdArray, got ${describeKind(leaf)}.`);
  return leaf;
}

/**
 * Check that `tree` is one NdArray or a record of NdArrays (every value).
 * @param name the tree's name in messages (`updates`, `params`)
 * @throws InvalidArgumentError naming the first value that is not an NdArray
 */
export function assertStructure(tree: unknown, where: string, name: string): asserts tree is Params {
  if (isNdArray(tree)) return;
  checkRecord(tree, where, name);
  for (const key of Object.keys(tree)) leafOf(tree, key, where, name);
}

/**
 * Call `visit(array, key)` for each array of the tree (`key` is null for a single NdArray).
 * (Hot paths loop over `Object.keys` with `leafOf` instead, to avoid a closure per call.)
 * @throws InvalidArgumentError when the tree is neither an NdArray nor a record of NdArrays
 */
export function forEachLeaf(tree: Params, where: string, visit: (array: NdArray, key: string | null) => void): void {
  if (isNdArray(tree)) {
    visit(tree, null);
    return;
  }
  checkRecord(tree, where);
  for (const key of Object.keys(tree)) visit(leafOf(tree, key, where), key);
}

/**
 * Total number of elements in a parameter tree.
 * @example
 * treeSize({ w: ndarray(new Float64Array(6), [2, 3]), b: ndarray(new Float64Array(3)) }); // → 9
 */
export function treeSize(params: Params): number {
  let n = 0;
  forEachLeaf(params, 'treeSize', (a) => {
    n += a.size;
  });
  return n;
}

/**
 * Fresh zero-filled Float64Array-backed arrays with the structure and shapes of
 * `params` (e.g. a gradient buffer to pass as `updates`).
 * @example
 * import ndarray from 'ndarray';
 * const params = { W: ndarray(new Float64Array([1, 2, 3, 4]), [2, 2]) };
 * const grads = treeZerosLike(params); // fill with ∇loss, then opt.update(grads, state, params)
 * grads; // → { W: [[0, 0], [0, 0]] }
 */
export function treeZerosLike(params: Params): Params {
  if (isNdArray(params)) return ndarray(new Float64Array(params.size), params.shape.slice());
  const out: Record<string, NdArray> = {};
  forEachLeaf(params, 'treeZerosLike', (a, key) => {
    out[key!] = ndarray(new Float64Array(a.size), a.shape.slice());
  });
  return out;
}

function zeros(n: number): number[] {
  // A packed (not holey) array of numbers, so element access stays fast.
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(0);
  return out;
}

/**
 * Zero-filled state buffers for `params`: one `number[]` per array, holding its
 * elements in row-major order (plain data, JSON-serializable).
 */
export function zeroBuffers(params: Params, where: string): Tree<number[]> {
  if (isNdArray(params)) return zeros(params.size);
  const out: Record<string, number[]> = {};
  forEachLeaf(params, where, (a, key) => {
    out[key!] = zeros(a.size);
  });
  return out;
}

/** What state buffers are checked against, in messages: the params (the default) or a destination argument such as `out`. */
export interface BuffersTarget {
  /** 'the params', 'out' */
  readonly name: string;
  /** The verb forms agreeing with name: 'are' / 'is', 'do' / 'does'. */
  readonly are: string;
  readonly does: string;
  /** How to fix a mismatch. */
  readonly fix: string;
}

const PARAMS_TARGET: BuffersTarget = {
  name: 'the params',
  are: 'are',
  does: 'do',
  fix: 'the state was made for other params: call init(params) with these params, or restore the state saved for them.',
};

function mismatch(where: string, field: string, detail: string, target: BuffersTarget = PARAMS_TARGET): InvalidStateError {
  const against = target === PARAMS_TARGET ? 'these params' : target.name;
  return new InvalidStateError(`${where}: state.${field} does not match ${against} (${detail}); ${target.fix}`, `state.${field}`);
}

/**
 * Check that state buffers (as made by `zeroBuffers`) fit `arrays`: same
 * structure, same keys, and one buffer of `array.size` numbers per array. Called
 * before any update so a mismatch changes nothing.
 * @param target what `arrays` is called in messages (default: the params)
 * @throws InvalidStateError saying to call init with these params when they do not fit
 */
export function assertBuffersMatch(buffers: unknown, arrays: Params, where: string, field: string, target: BuffersTarget = PARAMS_TARGET): void {
  if (isNdArray(arrays)) {
    if (!Array.isArray(buffers)) throw mismatch(where, field, `it is ${describeKind(buffers)} but ${target.name} ${target.are} one NdArray`, target);
    if (buffers.length !== arrays.size) {
      throw mismatch(where, field, `it holds ${buffers.length} values but the array of shape ${describeShape(arrays)} has ${arrays.size}`, target);
    }
    assertNumbers(buffers, where, field, null);
    return;
  }
  if (typeof buffers !== 'object' || buffers === null || Array.isArray(buffers)) {
    throw mismatch(where, field, `it is ${describeKind(buffers)} but ${target.name} ${target.are} a record`, target);
  }
  const record = buffers as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(arrays, key)) throw mismatch(where, field, `it has a buffer for key '${key}' that ${target.name} ${target.does} not have`, target);
  }
  for (const key of Object.keys(arrays)) {
    const array = leafOf(arrays, key, where, target === PARAMS_TARGET ? '' : target.name);
    if (!Object.hasOwn(record, key)) throw mismatch(where, field, `it has no buffer for key '${key}'`, target);
    const buffer = record[key];
    if (!Array.isArray(buffer)) throw mismatch(where, field, `key '${key}' is ${describeKind(buffer)}, not an array of numbers`, target);
    if (buffer.length !== array.size) {
      throw mismatch(
        where,
        field,
        `key '${key}' holds ${buffer.length} values but the array of shape ${describeShape(array)} has ${array.size}`,
        target,
      );
    }
    assertNumbers(buffer, where, field, key);
  }
}

/** The index of the first slot of `buffer` that is not a number, or −1. */
function firstNonNumber(buffer: readonly unknown[]): number {
  for (let i = 0; i < buffer.length; i++) if (typeof buffer[i] !== 'number') return i;
  return -1;
}

/**
 * Throw unless every slot of a state buffer is a number (NaN and ±Infinity
 * included: a run can reach them). A `null` is what `JSON.stringify` leaves of
 * NaN and ±Infinity, so its message points to stateToJSON/stateFromJSON.
 * @throws InvalidStateError naming the slot (`state.mu.w[3]`) and its value
 */
function assertNumbers(buffer: readonly unknown[], where: string, field: string, key: string | null): void {
  const i = firstNonNumber(buffer);
  if (i < 0) return;
  const value = buffer[i];
  const path = `state.${field}${key === null ? '' : `.${key}`}[${i}]`;
  const got =
    value === null
      ? 'null, not a number: JSON.stringify writes NaN and ±Infinity as null. Save checkpoints with ' +
        'JSON.stringify(stateToJSON(state)) and read them with stateFromJSON(JSON.parse(text)), which keep every number'
      : `${typeof value === 'string' ? `the string ${JSON.stringify(value)}` : describeKind(value)}, not a number; every slot of state.${field} must be a number`;
  throw new InvalidStateError(`${where}: ${path} is ${got} — pass the state returned by init(params) or by the previous update.`, path);
}

/** The buffer of one array: the whole tree for a single NdArray (key null), else the keyed entry. */
export function leafBuffer(buffers: Tree<number[]>, key: string | null): number[] {
  return (key === null ? buffers : (buffers as Record<string, number[]>)[key]) as number[];
}
