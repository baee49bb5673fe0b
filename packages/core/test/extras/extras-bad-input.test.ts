/**
 * Bad input to the functions of issue 10 gets core's typed errors before f
 * is first called: an aliased x (AliasedMemoryError), a destination
 * overlapping x (OverlappingMemoryError) or itself, a NaN coordinate, a
 * direction of the wrong shape or with NaN, wrong option types and values,
 * unknown options, a bad random state, m that disagrees between sources.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import {
  AliasedMemoryError,
  ArgumentRangeError,
  directionalDerivative,
  hessian,
  hessianInto,
  hessianVectorProduct,
  hessianVectorProductInto,
  InvalidArgumentError,
  InvalidStateError,
  jacobian,
  jacobianInto,
  NonFiniteCoordinateError,
  OverlappingMemoryError,
  spsaGradient,
  spsaGradientInto,
} from '@descent/core';

const never = (): number => {
  throw new Error('f must not be called');
};
const vector = (): number[] => {
  throw new Error('f must not be called');
};
const x3 = (): NdArray => ndarray(Float64Array.from([1, 2, 3]), [3]);
const ones = (): NdArray => ndarray(Float64Array.from([1, 1, 1]), [3]);

describe('typed errors before f is called', () => {
  it('an aliased x (stride 0) → AliasedMemoryError in every function', () => {
    const aliased = ndarray(Float64Array.from([1]), [3], [0]);
    const calls = [
      () => directionalDerivative(never, aliased, ones()),
      () => spsaGradient(never, aliased),
      () => jacobian(vector, aliased),
      () => hessian(never, aliased),
      () => hessianVectorProduct(never, aliased, ones()),
    ];
    for (const call of calls) expect(call).toThrow(AliasedMemoryError);
  });
  it('a destination sharing memory with x → OverlappingMemoryError; a stride-0 destination → AliasedMemoryError', () => {
    const data = new Float64Array(12);
    data.set([1, 2, 3]);
    const x = ndarray(data, [3]);
    expect(() => spsaGradientInto(ndarray(data.subarray(2), [3]), never, x)).toThrow(OverlappingMemoryError);
    expect(() => hessianVectorProductInto(ndarray(data.subarray(1), [3]), never, x, ones())).toThrow(OverlappingMemoryError);
    expect(() => jacobianInto(ndarray(data, [3, 3], [3, 1], 2), vector, x)).toThrow(OverlappingMemoryError);
    expect(() => hessianInto(ndarray(new Float64Array(data.buffer, 16), [3, 3]), never, x)).toThrow(OverlappingMemoryError);
    expect(() => hessianInto(ndarray(new Float64Array(3), [3, 3], [1, 0]), never, x3())).toThrow(AliasedMemoryError);
  });
  it('a NaN coordinate of x or v → NonFiniteCoordinateError naming it', () => {
    const bad = ndarray(Float64Array.from([1, NaN, 3]), [3]);
    expect(() => directionalDerivative(never, bad, ones())).toThrow(NonFiniteCoordinateError);
    expect(() => jacobian(vector, bad)).toThrow(/x\[1\] is NaN/);
    expect(() => directionalDerivative(never, x3(), bad)).toThrow(/v\[1\] is NaN/);
    expect(() => hessianVectorProduct(never, x3(), bad)).toThrow(NonFiniteCoordinateError);
  });
  it('a direction of the wrong shape, or not an ndarray', () => {
    expect(() => directionalDerivative(never, x3(), ndarray(new Float64Array(4), [4]))).toThrow(ArgumentRangeError);
    expect(() => hessianVectorProduct(never, x3(), [1, 1, 1] as unknown as NdArray)).toThrow(InvalidArgumentError);
  });
  it('options: unknown keys, wrong types and ranges, a bad random state', () => {
    expect(() => directionalDerivative(never, x3(), ones(), { f0: NaN })).toThrow(ArgumentRangeError);
    expect(() => directionalDerivative(never, x3(), ones(), { samples: 2 } as object)).toThrow(/unknown option "samples"/);
    expect(() => spsaGradient(never, x3(), { samples: 0 })).toThrow(ArgumentRangeError);
    expect(() => spsaGradient(never, x3(), { samples: '2' as unknown as number })).toThrow(InvalidArgumentError);
    expect(() => spsaGradient(never, x3(), { scheme: 'five-point' })).toThrow(ArgumentRangeError);
    expect(() => spsaGradient(never, x3(), { seed: 1, random: { algorithm: 'xoshiro128**', words: new Uint32Array([1, 2, 3, 4]) } })).toThrow(InvalidArgumentError);
    expect(() => spsaGradient(never, x3(), { random: { algorithm: 'xoshiro128**', words: new Uint32Array(4) } })).toThrow(InvalidStateError);
    expect(() => jacobian(vector, x3(), { outputs: -1 })).toThrow(ArgumentRangeError);
    expect(() => jacobian(vector, x3(), { sparsity: [[0, 1]] })).toThrow(/needs m/);
    expect(() => jacobian(vector, x3(), { outputs: 2, f0: [1, 2, 3] })).toThrow(/f0 says 3 outputs but outputs says 2/);
    expect(() => jacobian(vector, x3(), { sparsity: ndarray(new Float64Array(8), [2, 4]) })).toThrow("jacobian: sparsity is 2×4 but the Jacobian is 2×3 (outputs × inputs).");
    expect(() => hessian(never, x3(), { scheme: 'forward' })).toThrow(ArgumentRangeError);
    expect(() => hessian(never, x3(), { gradient: 3 as unknown as () => void })).toThrow(InvalidArgumentError);
    expect(() => hessianVectorProduct(never, x3(), ones(), { scheme: 'five-point' })).toThrow(ArgumentRangeError);
  });
  it('options a function does not honour are refused, not ignored: progress everywhere here, Richardson but in jacobian', () => {
    for (const options of [{ onProgress: () => undefined }, { progressInterval: 10 }] as object[]) {
      expect(() => directionalDerivative(never, x3(), ones(), options)).toThrow(ArgumentRangeError);
      expect(() => spsaGradient(never, x3(), options)).toThrow(ArgumentRangeError);
      expect(() => jacobian(vector, x3(), options)).toThrow(ArgumentRangeError);
      expect(() => hessian(never, x3(), options)).toThrow(ArgumentRangeError);
      expect(() => hessianVectorProduct(never, x3(), ones(), options)).toThrow(ArgumentRangeError);
    }
    for (const options of [{ scheme: 'richardson' }, { richardson: { rtol: 1e-8 } }] as object[]) {
      expect(() => directionalDerivative(never, x3(), ones(), options)).toThrow(ArgumentRangeError);
      expect(() => spsaGradient(never, x3(), options)).toThrow(ArgumentRangeError);
      expect(() => hessian(never, x3(), options)).toThrow(ArgumentRangeError);
      expect(() => hessianVectorProduct(never, x3(), ones(), options)).toThrow(ArgumentRangeError);
    }
    expect(() => spsaGradient(never, x3(), { onProgress: () => undefined } as object)).toThrow(
      "spsaGradient: the option onProgress is not available here (numericalGradient(s) and gradCheck's full mode report progress); leave it out.",
    );
    expect(() => hessian(never, x3(), { richardson: { rtol: 1e-8 } } as object)).toThrow(
      'hessian: the option richardson is not available here (numericalDiff, derivative, numericalGradient(s), jacobian and gradCheck\'s full mode take it); leave it out.',
    );
  });
  it('bounds are checked before f is called: x outside its box, lower ≥ upper, a shape mismatch', () => {
    const outside = { bounds: { lower: 2 } };
    for (const call of [
      () => directionalDerivative(never, x3(), ones(), outside),
      () => spsaGradient(never, x3(), outside),
      () => jacobian(vector, x3(), outside),
      () => hessian(never, x3(), outside),
      () => hessianVectorProduct(never, x3(), ones(), outside),
    ]) {
      expect(call).toThrow(/x\[0\] = 1 is outside its bounds \[2, Infinity\]; start inside the box \(f was not called\)\./);
    }
    expect(() => jacobian(vector, x3(), { bounds: { lower: 3, upper: 3 } })).toThrow(ArgumentRangeError);
    expect(() => hessian(never, x3(), { bounds: { upper: ndarray(new Float64Array(2), [2]) } })).toThrow(/bounds.upper has shape \[2\] but x has shape \[3\]/);
    expect(() => spsaGradient(never, x3(), { bounds: { lower: { x: 0 } } as never })).toThrow(InvalidArgumentError);
  });
  it('a jacobianInto destination of the wrong shape; f that writes into out while m is unknown', () => {
    expect(() => jacobianInto(ndarray(new Float64Array(6), [2, 2]), vector, x3())).toThrow(ArgumentRangeError);
    expect(() => jacobian((_v: NdArray, out: NdArray) => void out.set(0, 1), x3())).toThrow(/returned nothing and the number of outputs is not known/);
  });
  it('f returning a changing number of outputs, or a non-number output', () => {
    let calls = 0;
    expect(() => jacobian(() => (++calls === 1 ? [1, 2] : [1, 2, 3]), x3())).toThrow(/returned 3 outputs .* but 2 were expected/);
    expect(() => jacobian(() => [1, '2'] as unknown as number[], x3())).toThrow(/output 1 is string "2"/);
  });
});
