/**
 * A throwing analytic gradient function is a FunctionThrewError (code
 * 'FUNCTION_THREW') — as a throwing f or loss is — whose message names the
 * public function, says it was the gradient function and where, and whose
 * `cause` is the original error. The onIteration callback keeps throwing its own
 * errors unchanged.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { gradientDescent, minimize, minimizeAsync, sgd } from '@descent/optim';
import { expectFunctionThrew, rejection, thrown } from '../helpers.js';

const sphere = (x: NdArray): number => x.get(0) ** 2 + x.get(1) ** 2;
const boom = new Error('boom');

/** The gradient of the sphere that throws on its `failAt`-th call (1-based). */
function gradientFailingAt(failAt: number): (x: NdArray, out: NdArray) => void {
  let calls = 0;
  return (x, out) => {
    if (++calls === failAt) throw boom;
    out.set(0, 2 * x.get(0));
    out.set(1, 2 * x.get(1));
  };
}

const expectWrapped = (error: unknown, message: RegExp): void => expectFunctionThrew(error, boom, message);

describe('a throwing gradient function is a FunctionThrewError', () => {
  it('minimize, at x0', () => {
    expectWrapped(thrown(() => minimize(sphere, ndarray(new Float64Array([-3, 4])), { gradient: gradientFailingAt(1) })), /^minimize: the gradient function threw at x0: boom$/);
  });

  it('minimize (sgd), at the point of step 2: call 1 is x0, call 2 step 1, call 3 step 2', () => {
    const error = thrown(() => minimize(sphere, ndarray(new Float64Array([-3, 4])), { optimizer: sgd({ lr: 0.1 }), gradient: gradientFailingAt(3) }));
    expectWrapped(error, /^minimize: the gradient function threw at the point of step 2: boom$/);
  });

  it('minimize (L-BFGS), at the first trial point of step 1', () => {
    expectWrapped(thrown(() => minimize(sphere, ndarray(new Float64Array([-3, 4])), { gradient: gradientFailingAt(2) })), /^minimize: the gradient function threw at a trial point of step 1: boom$/);
  });

  it('minimizeAsync: a rejecting gradient, at x0', async () => {
    const gradient = async (): Promise<void> => {
      throw boom;
    };
    expectWrapped(await rejection(() => minimizeAsync(sphere, ndarray(new Float64Array([-3, 4])), { gradient })), /^minimizeAsync: the gradient function threw at x0: boom$/);
  });

  it('minimizeAsync: a gradient source object that throws', async () => {
    const source = {
      gradient(): void {
        throw boom;
      },
    };
    expectWrapped(await rejection(() => minimizeAsync(sphere, ndarray(new Float64Array([-3, 4])), { gradient: source })), /^minimizeAsync: the gradient function threw at x0: boom$/);
  });

  it('gradientDescent, at step 2 (steps are 0-based: calls 1, 2, 3 are steps 0, 1, 2)', () => {
    const error = thrown(() => gradientDescent(sphere, ndarray(new Float64Array([-3, 4])), { gradient: gradientFailingAt(3) }));
    expectWrapped(error, /^gradientDescent: the gradient function threw at step 2: boom$/);
  });

});

describe('callbacks keep their own errors', () => {
  it("minimize's onIteration", () => {
    const stop = new Error('stop here');
    const onIteration = (): void => {
      throw stop;
    };
    expect(thrown(() => minimize(sphere, ndarray(new Float64Array([-3, 4])), { gradient: gradientFailingAt(0), onIteration }))).toBe(stop);
  });

});
