/**
 * Checks on the state a caller passes back to `update`: it must be the plain
 * object that `init` (or the previous `update`) returned, possibly after a
 * checkpoint round trip, made by the same kind of transform.
 *
 * Kind tags: every record state carries `kind`, the name of the transform that
 * made it (`'scaleByAdam'`, `'trace'`, …), and `update` refuses a state of
 * another kind. Optimizers built by chaining share their building blocks'
 * kinds, so a state moves between optimizers exactly when they are the same
 * chain of the same blocks: `adam()` and `chain(scaleByAdam(), scaleByLearningRate(lr))`
 * (by design: the fused adam keeps the chained version's state), and
 * `momentum()` and `nesterov()` (by design: both keep the trace t ← μ·t + g and
 * differ only in how they read it, so a run can switch between them). Hyper-
 * parameters are not part of the kind.
 *
 * States without a tag (checkpoints saved before tags existed) are accepted
 * when their fields are exactly those of the expected kind (e.g. `{ count, mu,
 * nu }` for scaleByAdam): no two kinds have the same fields, so this tells them
 * apart as surely as the tag. They stay untagged.
 */
import { InvalidStateError } from '@descent/core';

/** How every state message ends. */
export const STATE_FIX = 'pass the state returned by init(params) or by the previous update (or a checkpoint of it read back with stateFromJSON)';

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

/**
 * The state as a record, after checking it is a non-null, non-array object
 * made by a transform of kind `kind` (or an untagged state with exactly `fields`).
 * @param state what the caller passed
 * @param where the transform, for messages
 * @param kind the expected `kind` tag
 * @param fields the state's fields besides `kind`
 * @throws InvalidStateError naming the transform, what was found and the fix
 */
export function stateRecord(state: unknown, where: string, kind: string, fields: readonly string[]): Record<string, unknown> {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) {
    throw new InvalidStateError(`${where}: state must be an object, got ${kindOf(state)}; ${STATE_FIX}.`, 'state');
  }
  const record = state as Record<string, unknown>;
  const tag = record['kind'];
  if (tag === kind) return record;
  if (tag !== undefined) {
    throw new InvalidStateError(
      `${where}: this state was made by ${typeof tag === 'string' ? `'${tag}'` : kindOf(tag)} (its kind), not by '${kind}'; ` +
        `a state only resumes the kind of transform that made it — ${STATE_FIX}.`,
      'state.kind',
    );
  }
  const keys = Object.keys(record);
  if (keys.length !== fields.length || !fields.every((field) => Object.hasOwn(record, field))) {
    throw new InvalidStateError(
      `${where}: a state without a kind tag must have exactly the fields of a '${kind}' state (${fields.join(', ')}), ` +
        `got ${keys.length === 0 ? 'no fields' : keys.join(', ')}; it was made by another transform — ${STATE_FIX}.`,
      'state',
    );
  }
  return record;
}

/**
 * The state's step counter, after checking it is an integer ≥ 0.
 * @throws InvalidStateError when `state.count` is missing or not a non-negative integer
 */
export function stateCount(state: Record<string, unknown>, where: string): number {
  const count = state['count'];
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    const got = typeof count === 'string' ? JSON.stringify(count) : String(count);
    throw new InvalidStateError(`${where}: state.count must be an integer ≥ 0, got ${got}; ${STATE_FIX}.`, 'state.count');
  }
  return count;
}
