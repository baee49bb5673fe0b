/**
 * Parameter groups for `masked` and `multiTransform`: a label per array of a
 * record of params, given as a record (key → label) or a function of the key
 * and the array, and the sub-records of the updates and params that each
 * group's transform sees.
 */
import type { NdArray } from 'ndarray';
import { InvalidArgumentError } from '@descent/core';
import { isNdArray } from '../../tree/tree.js';
import { assertNoProtoKey } from '../../tree/proto-key.js';
import type { Params } from '../transform.js';

/** A label per array: a record with exactly the params' keys, or a function of the key and the array. */
export type LabelSpec<L> = Readonly<Record<string, L>> | ((key: string, array: NdArray) => L);

/** Sub-records per label, in the order of `labels` (the groups with no array are empty records). */
export type Groups = Record<string, NdArray>[];

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value === 'object' ? (Array.isArray(value) ? 'an array' : 'an object') : `${typeof value} ${String(value)}`;
}

/**
 * Check a label spec at construction: a function, or a record whose values are all `valid`.
 * @throws InvalidArgumentError naming the bad entry
 */
export function checkLabelSpec<L>(spec: unknown, where: string, name: string, valid: (label: unknown) => label is L, expected: string): LabelSpec<L> {
  if (typeof spec === 'function') return spec as LabelSpec<L>;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec) || isNdArray(spec)) {
    throw new InvalidArgumentError(`${where}: ${name} must be a record of ${expected} (one per key of the params) or a function (key, array) => ${expected}, got ${describe(spec)}.`);
  }
  for (const key of Object.keys(spec)) {
    const label = (spec as Record<string, unknown>)[key];
    if (!valid(label)) throw new InvalidArgumentError(`${where}: ${name}.${key} must be ${expected}, got ${describe(label)}.`);
  }
  return spec as LabelSpec<L>;
}

/**
 * The group index of each key of `params` (record params only).
 * @param indexOf the group of a label, or −1 for a label that names no group
 * @throws InvalidArgumentError for params that are one NdArray, a key the record spec lacks or has extra, or a label that names no group
 */
export function groupKeys<L>(params: Params, spec: LabelSpec<L>, indexOf: (label: L) => number, where: string, name: string, expected: string): Record<string, number> {
  if (isNdArray(params)) {
    throw new InvalidArgumentError(
      `${where}: the params are one NdArray, but ${name} chooses arrays by key; pass a record of arrays such as { w, b } (or, for one array, use the transform itself).`,
    );
  }
  assertNoProtoKey(params, where, 'params');
  const record = typeof spec === 'function' ? null : (spec as Readonly<Record<string, L>>);
  if (record !== null) {
    for (const key of Object.keys(record)) {
      if (!Object.hasOwn(params, key)) throw new InvalidArgumentError(`${where}: ${name} has key '${key}' but the params do not; give ${name} exactly the keys of the params.`);
    }
  }
  const out: Record<string, number> = {};
  for (const key of Object.keys(params)) {
    if (record !== null && !Object.hasOwn(record, key)) {
      throw new InvalidArgumentError(`${where}: the params have key '${key}' but ${name} does not; give ${name} exactly the keys of the params.`);
    }
    const label = record !== null ? record[key]! : (spec as (key: string, array: NdArray) => L)(key, params[key]!);
    const index = indexOf(label);
    if (index < 0) {
      throw new InvalidArgumentError(`${where}: ${name} gives '${key}' the label ${describe(label)}, which is not ${expected}.`);
    }
    out[key] = index;
  }
  return out;
}

/** Split a record tree (with the keys `groupKeys` saw) into `count` sub-records by the group of each key. */
export function split(tree: Params, groups: Readonly<Record<string, number>>, count: number): Groups {
  const out: Groups = [];
  for (let g = 0; g < count; g++) out.push({});
  const record = tree as Readonly<Record<string, NdArray>>;
  for (const key of Object.keys(record)) out[groups[key]!]![key] = record[key]!;
  return out;
}
