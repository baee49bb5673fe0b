/**
 * stateToJSON / stateFromJSON: every IEEE number (NaN, ±Infinity, −0) survives
 * JSON, everything else is kept as is, the encoding's own markers are escaped,
 * and what is not plain data is refused.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, InvalidStateError } from '@descent/core';
import { stateFromJSON, stateToJSON } from '@descent/optim';

const roundTrip = (value: unknown): unknown => stateFromJSON(JSON.parse(JSON.stringify(stateToJSON(value))));

describe('stateToJSON / stateFromJSON', () => {
  it('encodes NaN, ±Infinity and −0 and keeps finite numbers as they are', () => {
    const state = [{ kind: 'scaleByRms', nu: [Infinity, -Infinity, Number.NaN, -0, 0, 1.5, Number.MIN_VALUE, -Number.MAX_VALUE] }];
    expect(stateToJSON(state)).toEqual([
      {
        kind: 'scaleByRms',
        nu: [{ $number: 'Infinity' }, { $number: '-Infinity' }, { $number: 'NaN' }, { $number: '-0' }, 0, 1.5, Number.MIN_VALUE, -Number.MAX_VALUE],
      },
    ]);
    const back = roundTrip(state) as typeof state;
    expect(back[0]!.nu.slice(0, 2)).toEqual([Infinity, -Infinity]);
    expect(back[0]!.nu[2]).toBeNaN();
    expect(Object.is(back[0]!.nu[3], -0)).toBe(true);
    expect(Object.is(back[0]!.nu[4], 0)).toBe(true);
    expect(back[0]!.nu.slice(5)).toEqual([1.5, Number.MIN_VALUE, -Number.MAX_VALUE]);
  });

  it('does not modify the state and returns fresh data', () => {
    const state = { count: 1, mu: [Infinity] };
    const encoded = stateToJSON(state) as { mu: unknown[] };
    expect(state.mu[0]).toBe(Infinity);
    expect(encoded.mu).not.toBe(state.mu);
    const decoded = stateFromJSON<typeof state>(encoded);
    expect(decoded.mu).not.toBe(encoded.mu);
  });

  it('escapes objects that look like its markers, so any plain data round-trips', () => {
    const tricky = { a: { $number: 'Infinity' }, b: { $literal: { $number: 'NaN' } }, c: { $number: 1, other: 2 }, d: null, e: 'NaN', f: true };
    expect(stateToJSON(tricky)).toEqual({
      a: { $literal: { $number: 'Infinity' } },
      b: { $literal: { $literal: { $literal: { $number: 'NaN' } } } },
      c: { $number: 1, other: 2 },
      d: null,
      e: 'NaN',
      f: true,
    });
    expect(roundTrip(tricky)).toEqual(tricky);
  });

  it('refuses what is not plain data, naming where it is', () => {
    expect(() => stateToJSON({ mu: new Float64Array(2) })).toThrow(InvalidArgumentError);
    expect(() => stateToJSON({ mu: new Float64Array(2) })).toThrow(
      'stateToJSON: state.mu is a Float64Array object; a state holds only numbers, strings, booleans, null, arrays and plain objects.',
    );
    expect(() => stateToJSON([1, undefined])).toThrow('stateToJSON: state[1] is undefined 1'.replace(' 1', ''));
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => stateToJSON(cyclic)).toThrow('stateToJSON: state.self refers back to itself');
    expect(() => stateToJSON({ n: 1n })).toThrow(/state\.n is bigint 1/);
  });

  it('refuses an unknown encoded number with an InvalidStateError at its path', () => {
    let error: unknown;
    try {
      stateFromJSON({ nu: [1, { $number: 'Inf' }] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidStateError);
    expect(error).toMatchObject({ code: 'INVALID_STATE', path: 'state.nu[1]' });
    expect((error as Error).message).toBe(
      'stateFromJSON: state.nu[1] is { "$number": "Inf" }; the encoded numbers are "NaN", "Infinity", "-Infinity" and "-0".',
    );
  });
});
