/**
 * Checks of single fields of a transform's state (counters, flags), each
 * failing with an InvalidStateError that names the field and the fix.
 */
import { InvalidStateError } from '@descent/core';
import { STATE_FIX } from './state.js';

/**
 * `state[field]` after checking it is an integer ≥ 0.
 * @throws InvalidStateError naming `state.field` and what it holds
 * @example
 * stateInteger({ miniStep: 2 }, 'miniStep', 'multiSteps'); // → 2
 */
export function stateInteger(state: Record<string, unknown>, field: string, where: string): number {
  const value = state[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidStateError(`${where}: state.${field} must be an integer ≥ 0, got ${String(value)}; ${STATE_FIX}.`, `state.${field}`);
  }
  return value;
}

/**
 * `state[field]` after checking it is a number (NaN and ±Infinity included).
 * @throws InvalidStateError naming `state.field` (a null is what JSON.stringify leaves of NaN)
 */
export function stateNumber(state: Record<string, unknown>, field: string, where: string): number {
  const value = state[field];
  if (typeof value !== 'number') {
    throw new InvalidStateError(`${where}: state.${field} must be a number, got ${String(value)}; ${STATE_FIX}.`, `state.${field}`);
  }
  return value;
}

/**
 * `state[field]` after checking it is true or false.
 * @throws InvalidStateError naming `state.field`
 */
export function stateBoolean(state: Record<string, unknown>, field: string, where: string): boolean {
  const value = state[field];
  if (typeof value !== 'boolean') throw new InvalidStateError(`${where}: state.${field} must be true or false, got ${String(value)}; ${STATE_FIX}.`, `state.${field}`);
  return value;
}
