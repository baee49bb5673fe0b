/**
 * stateToJSON / stateFromJSON keep a record's own '__proto__' key as a key.
 * JSON.parse makes such a key an own property; on main decode copied it with
 * `out[key] = …`, which set the prototype instead (an Array), so the key was
 * lost and stateToJSON of the result refused "state.a is a Array object".
 * (A state of the built-in transforms never has this key — params may not —
 * but a defineTransform state may.)
 */
import { describe, expect, it } from 'vitest';
import { stateFromJSON, stateToJSON } from '@descent/optim';

describe("a state record with an own '__proto__' key", () => {
  it('round-trips through JSON text with the key, −0 and NaN kept', () => {
    const text = '{"a":{"__proto__":[1,{"$number":"-0"},{"$number":"NaN"}],"b":2}}';
    const state = stateFromJSON<{ a: Record<string, unknown> }>(JSON.parse(text));
    expect(Object.getPrototypeOf(state.a)).toBe(Object.prototype);
    expect(Object.keys(state.a)).toEqual(['__proto__', 'b']);
    const list = (state.a as Record<string, number[]>)['__proto__']!;
    expect(list[0]).toBe(1);
    expect(Object.is(list[1], -0)).toBe(true);
    expect(Number.isNaN(list[2])).toBe(true);
    expect(JSON.stringify(stateToJSON(state))).toBe(text);
  });
  it('stateToJSON of an object holding it as an own key encodes the key', () => {
    const record = Object.fromEntries([['__proto__', [-0]]]);
    const json = stateToJSON({ r: record }) as { r: Record<string, unknown> };
    expect(Object.keys(json.r)).toEqual(['__proto__']);
    expect(JSON.stringify(json)).toBe('{"r":{"__proto__":[{"$number":"-0"}]}}');
  });
});
