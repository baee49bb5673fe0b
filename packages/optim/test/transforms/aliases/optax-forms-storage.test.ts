/**
 * The optax forms on Float32Array and plain-Array storage: a plain Array run
 * gives the Float64Array run's bits (both store doubles); a Float32Array run
 * stays within float32 rounding of it (each stored update is the double
 * rounded to float32, relative error ≤ 2⁻²⁴ per step, over 3 steps).
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { adagrad, adam, applyUpdates, rmsprop, sgd, type GradientTransformation } from '@descent/optim';
import { elements } from '../../helpers.js';

const MAKERS: Record<string, () => GradientTransformation<any>> = {
  "adam(form 'optax', epsRoot)": () => adam({ lr: 0.1, form: 'optax', epsRoot: 1e-6 }),
  "rmsprop(form 'optax', centered, momentum)": () => rmsprop({ lr: 0.1, form: 'optax', centered: true, momentum: 0.5 }),
  "adagrad(form 'optax')": () => adagrad({ lr: 0.1, form: 'optax' }),
  'sgd(momentum, nesterov)': () => sgd({ lr: 0.1, momentum: 0.9, nesterov: true }),
};

type Make = (values: number[]) => NdArray;
const STORAGE: Record<string, Make> = {
  Float64Array: (v) => ndarray(Float64Array.from(v)),
  Array: (v) => ndarray(v.slice()),
  Float32Array: (v) => ndarray(Float32Array.from(v)),
};

function run(make: () => GradientTransformation<any>, store: Make): number[] {
  const x = store([1, -2, 0.5]);
  const opt = make();
  let state = opt.init(x);
  for (const g of [[1, -2, 0.5], [0.3, 0.4, -1], [-0.2, 1, 2]]) {
    const u = store(g);
    state = opt.update(u, state, x);
    applyUpdates(x, u);
  }
  return elements(x);
}

describe.each(Object.keys(MAKERS))('%s on other storage', (name) => {
  it('plain Array: the bits of Float64Array; Float32Array: within float32 rounding', () => {
    const reference = run(MAKERS[name]!, STORAGE['Float64Array']!);
    expect(run(MAKERS[name]!, STORAGE['Array']!)).toEqual(reference);
    run(MAKERS[name]!, STORAGE['Float32Array']!).forEach((v, i) => expect(Math.abs(v - reference[i]!)).toBeLessThan(1e-6 * Math.max(1, Math.abs(reference[i]!))));
  });
});
