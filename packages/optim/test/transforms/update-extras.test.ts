/**
 * update's fourth argument, `extras` (optax's extra args): a chain and every
 * wrapper hand it to each inner transform's check, and to a hand-written
 * transform's update.
 */
import { describe, expect, it } from 'vitest';
import {
  applyIfFinite,
  chain,
  defineTransform,
  injectHyperparams,
  lookahead,
  masked,
  multiSteps,
  multiTransform,
  reduceOnPlateau,
  scale,
  sgd,
  type GradientTransformation,
  type Params,
  type UpdateExtras,
} from '@descent/optim';
import { arr } from '../helpers.js';

/** A transform recording the value it was given in its check. */
function recorder(seen: unknown[]) {
  return defineTransform<null, void>({
    name: 'recorder',
    init: () => null,
    check(_u: Params, _s: null, _p: Params, extras?: UpdateExtras) {
      seen.push(extras?.value);
    },
    apply: () => null,
  });
}

describe('update extras', () => {
  it('reach checked and hand-written transforms through chain and every wrapper', () => {
    const seen: unknown[] = [];
    const handWritten: GradientTransformation<null> = {
      init: () => null,
      update(_u, _s, _p, extras) {
        seen.push(`hand ${String(extras?.value)}`);
        return null;
      },
    };
    const wrappers = [
      (t: GradientTransformation<any>) => applyIfFinite(t, { maxConsecutiveErrors: 1 }),
      (t: GradientTransformation<any>) => masked(t, { w: true }),
      (t: GradientTransformation<any>) => multiTransform({ a: t }, { w: 'a' }),
      (t: GradientTransformation<any>) => multiSteps(t, { everyK: 1 }),
      (t: GradientTransformation<any>) => injectHyperparams((h: { k: number }) => chain(scale(h.k), t))({ k: 1 }),
      (t: GradientTransformation<any>) => lookahead(t, { syncPeriod: 1, slowStepSize: 1 }),
    ];
    for (const wrap of wrappers) {
      const opt = chain(wrap(recorder(seen)), wrap(handWritten));
      const params = { w: arr([1]) };
      opt.update({ w: arr([1]) }, opt.init(params), params, { value: 7 });
    }
    expect(seen).toEqual(Array.from({ length: wrappers.length }, () => [7, 'hand 7']).flat());
  });

  it('reduceOnPlateau inside a wrapper gets the value from the outer update', () => {
    const opt = masked(chain(sgd({ lr: 1 }), reduceOnPlateau({ factor: 0.5, patience: 1 })), { w: true, b: false });
    const params = { w: arr([0]), b: arr([0]) };
    let state = opt.init(params);
    state = opt.update({ w: arr([1]), b: arr([1]) }, state, params, { value: 1 });
    const g = { w: arr([1]), b: arr([1]) };
    state = opt.update(g, state, params, { value: 1 });
    expect([g.w.get(0), g.b.get(0)]).toEqual([-0.5, 1]);
  });
});
