/**
 * The check of a transform that reads the params while it rewrites the
 * updates (weight decay, projections, lookahead's sync).
 */
import type { Params } from './transform.js';
import { assertTreesDisjoint } from '../tree/memory.js';
import { assertIndexable } from '../tree/strided.js';
import { assertSameStructure } from '../tree/tree.js';

/**
 * Throw unless params have the updates' structure and shapes, both have
 * indexable storage, and they share no memory (θ is read while u is written).
 * @throws InvalidArgumentError naming the key or shape; OverlappingMemoryError naming both arrays
 */
export function assertReadsParams(updates: Params, params: Params, where: string): void {
  assertSameStructure(updates, params, where);
  assertIndexable(updates, where);
  assertIndexable(params, where);
  assertTreesDisjoint(updates, 'updates', params, 'params', where);
}
