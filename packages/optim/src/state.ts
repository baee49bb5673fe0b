/**
 * Checks on the state a caller passes back to `update`: it must be the plain
 * object that `init` (or the previous `update`) returned, possibly after a
 * checkpoint round trip.
 */
import { InvalidStateError } from '@descent/core';

/** How every state message ends. */
export const STATE_FIX = 'pass the state returned by init(params) or by the previous update (or its JSON copy)';

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

/**
 * The state as a record, after checking it is a non-null, non-array object.
 * @throws InvalidStateError naming the transform, what was found and the fix
 */
export function stateRecord(state: unknown, where: string): Record<string, unknown> {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) {
    throw new InvalidStateError('state', `${where}: state must be an object, got ${kindOf(state)}; ${STATE_FIX}.`);
  }
  return state as Record<string, unknown>;
}

/**
 * The state's step counter, after checking it is an integer ≥ 0.
 * @throws InvalidStateError when `state.count` is missing or not a non-negative integer
 */
export function stateCount(state: Record<string, unknown>, where: string): number {
  const count = state['count'];
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    const got = typeof count === 'string' ? JSON.stringify(count) : String(count);
    throw new InvalidStateError('state.count', `${where}: state.count must be an integer ≥ 0, got ${got}; ${STATE_FIX}.`);
  }
  return count;
}
