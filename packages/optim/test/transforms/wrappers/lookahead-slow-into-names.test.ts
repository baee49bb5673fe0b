/**
 * lookaheadSlowInto(out, state) names its own arguments in its errors: `out`
 * (not "updates", the name of a transform's argument) and `state`, and says how
 * to fix a mismatched out.
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, InvalidStateError } from '@descent/core';
import { lookahead, lookaheadSlowInto, sgd } from '@descent/optim';

describe('lookaheadSlowInto: errors name out', () => {
  const params = { w: ndarray(new Float64Array([1, 2])), b: ndarray(new Float64Array([3])) };
  const state = lookahead(sgd()).init(params);

  it('out is not a tree: "out must be …"', () => {
    expect(() => lookaheadSlowInto(42 as never, state)).toThrow(InvalidArgumentError);
    expect(() => lookaheadSlowInto(42 as never, state)).toThrow(/^lookaheadSlowInto: out must be an NdArray or a record of NdArrays, got/);
  });

  it("a leaf of out that is not an NdArray: \"out['w'] must be an NdArray\"", () => {
    expect(() => lookaheadSlowInto({ w: [1, 2], b: ndarray(new Float64Array(1)) } as never, state)).toThrow(/^lookaheadSlowInto: out\['w'\] must be an NdArray/);
  });

  it('out with a missing key: "state.slow does not match out (it has a buffer for key \'b\' that out does not have)"', () => {
    const error = (() => {
      try {
        lookaheadSlowInto({ w: ndarray(new Float64Array(2)) }, state);
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected a throw');
    })();
    expect(error).toBeInstanceOf(InvalidStateError);
    expect(error.message).toBe(
      "lookaheadSlowInto: state.slow does not match out (it has a buffer for key 'b' that out does not have); " +
        'give out the structure and shapes of the params the state was made for (e.g. treeZerosLike(params)).',
    );
    expect(error.message).not.toMatch(/updates|these params/);
  });

  it('out with a wrong size: names the key and both sizes', () => {
    expect(() => lookaheadSlowInto({ w: ndarray(new Float64Array(3)), b: ndarray(new Float64Array(1)) }, state)).toThrow(
      /^lookaheadSlowInto: state\.slow does not match out \(key 'w' holds 2 values but the array of shape \[3\] has 3\)/,
    );
  });

  it('out one NdArray for a record state', () => {
    expect(() => lookaheadSlowInto(ndarray(new Float64Array(3)), state)).toThrow(/^lookaheadSlowInto: state\.slow does not match out \(it is .* but out is one NdArray\)/);
  });
});
