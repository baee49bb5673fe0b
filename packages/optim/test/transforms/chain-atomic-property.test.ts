/**
 * Property (atomic updates): a chain of random transforms — sgd, momentum,
 * adam, adamw, rmsprop, adagrad, clipping, trace, projectToBox, applyIfFinite,
 * multiSteps, lookahead, masked, multiTransform, reduceOnPlateau — run for a
 * few steps, then fed one bad step: frozen, broadcast (stride 0), integer or
 * overlapping updates, updates aliasing the params, a state of another
 * optimizer, null, or with a corrupted count, a learning-rate schedule that
 * throws or returns NaN, a string or a negative number, no loss for
 * reduceOnPlateau. The update throws — a typed descent error (the schedule's
 * own error passes through) — and nothing is modified: the state (as
 * stateToJSON encodes it), every updates array and every param keep their bits.
 */
import fc from 'fast-check';
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { isDescentError } from '@descent/core';
import {
  adagrad,
  adam,
  adamw,
  applyIfFinite,
  applyUpdates,
  chain,
  clip,
  clipByGlobalNorm,
  lookahead,
  masked,
  momentum,
  multiSteps,
  multiTransform,
  projectToBox,
  reduceOnPlateau,
  rmsprop,
  sgd,
  stateFromJSON,
  stateToJSON,
  trace,
  type GradientTransformation,
  type Params,
} from '@descent/optim';

type Make = () => GradientTransformation<unknown>;
const MEMBERS: Record<string, Make> = {
  sgd: () => sgd({ lr: 0.1 }),
  momentum: () => momentum({ lr: 0.1 }),
  adam: () => adam({ lr: 0.1 }),
  adamw: () => adamw({ lr: 0.1 }),
  rmsprop: () => rmsprop({ lr: 0.1 }),
  adagrad: () => adagrad({ lr: 0.1 }),
  clip: () => clip(1),
  clipByGlobalNorm: () => clipByGlobalNorm(1),
  trace: () => trace({ decay: 0.5 }),
  projectToBox: () => projectToBox(-1, 1),
  'applyIfFinite(adam)': () => applyIfFinite(adam({ lr: 0.1 }), { maxConsecutiveErrors: 1 }) as GradientTransformation<unknown>,
  'multiSteps(adam)': () => multiSteps(adam({ lr: 0.1 }), { everyK: 2 }) as GradientTransformation<unknown>,
  'lookahead(sgd)': () => lookahead(sgd({ lr: 0.1 }), { syncPeriod: 2, slowStepSize: 0.5 }) as GradientTransformation<unknown>,
  'masked(adam)': () => masked(adam({ lr: 0.1 }), (key) => key === 'a') as GradientTransformation<unknown>,
  'multiTransform(adam, sgd)': () => multiTransform({ p: adam({ lr: 0.1 }), q: sgd({ lr: 0.1 }) }, (key) => (key === 'a' ? 'p' : 'q')) as GradientTransformation<unknown>,
  reduceOnPlateau: () => reduceOnPlateau({ patience: 1 }),
};

const FAULTS = [
  'frozen updates',
  'stride-0 updates',
  'Int32Array updates',
  'overlapping updates',
  'updates are the params',
  'state of another optimizer',
  'null state',
  'count −1 in the state',
  'schedule throws',
  'schedule returns NaN',
  'schedule returns a string',
  'schedule returns −1',
  'no loss for reduceOnPlateau',
] as const;
type Fault = (typeof FAULTS)[number];

const bits = (a: NdArray): string =>
  Array.isArray(a.data) ? (a.data as number[]).map((v) => (Object.is(v, -0) ? '-0' : String(v))).join(',') : Buffer.from((a.data as Float64Array).buffer).toString('hex');
const saved = (state: unknown): string => JSON.stringify(stateToJSON(state));

function fresh(values: number[]): { a: NdArray; b: NdArray } {
  return { a: ndarray(Float64Array.from(values.slice(0, 3))), b: ndarray(Float64Array.from(values.slice(3, 5))) };
}

/** The updates, state and extras of the faulty step (undefined: the fault does not apply to this chain). */
function inject(fault: Fault, updates: { a: NdArray; b: NdArray }, state: unknown, params: Params, names: string[]): { updates: Params; state: unknown; extras?: { value: number } } | undefined {
  const extras = { value: 1 };
  switch (fault) {
    case 'frozen updates':
      return { updates: { a: updates.a, b: ndarray(Object.freeze([1, 2]) as unknown as number[]) }, state, extras };
    case 'stride-0 updates':
      return { updates: { a: updates.a, b: ndarray(Float64Array.of(1), [2], [0]) }, state, extras };
    case 'Int32Array updates':
      return { updates: { a: updates.a, b: ndarray(Int32Array.of(1, 2)) }, state, extras };
    case 'overlapping updates': {
      const buffer = new Float64Array(4);
      return { updates: { a: ndarray(buffer, [3]), b: ndarray(buffer, [2], [1], 2) }, state, extras };
    }
    case 'updates are the params':
      // only transforms that read the params must refuse (the others never look at them)
      return names.some((n) => /adamw|projectToBox|lookahead/.test(n)) ? { updates: params, state, extras } : undefined;
    case 'state of another optimizer':
      return { updates, state: chain(clip(1), sgd(), adam(), rmsprop()).init(params), extras };
    case 'null state':
      return { updates, state: null, extras };
    case 'count −1 in the state': {
      const json = saved(state).replace(/"count":\d+/, '"count":-1');
      return json === saved(state) ? undefined : { updates, state: stateFromJSON(JSON.parse(json)), extras };
    }
    case 'no loss for reduceOnPlateau':
      return names.includes('reduceOnPlateau') ? { updates, state } : undefined;
    default:
      return undefined; // the schedule faults are set up when the chain is built
  }
}

describe('a chain whose update fails modifies nothing', () => {
  it('typed error; state, updates and params keep their bits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...Object.keys(MEMBERS)), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...FAULTS),
        fc.nat({ max: 3 }),
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 5, maxLength: 5 }),
        (names, fault, goodSteps, values) => {
          const scheduled = fault.startsWith('schedule');
          let calls = 0;
          const schedule = (): number => {
            if (calls++ < goodSteps) return 0.1;
            if (fault === 'schedule throws') throw new Error('schedule failed on purpose');
            return fault === 'schedule returns NaN' ? Number.NaN : fault === 'schedule returns −1' ? -1 : ('0.1' as unknown as number);
          };
          const members = names.map((n) => MEMBERS[n]!());
          const opt = chain(...members, ...(scheduled ? [sgd({ lr: schedule })] : [])) as GradientTransformation<unknown>;
          const params = fresh(values);
          let state = opt.init(params);
          for (let step = 0; step < goodSteps; step++) {
            const u = fresh(values.map((v) => v * (step + 2)));
            state = opt.update(u, state, params, { value: 1 });
            applyUpdates(params, u);
          }
          const updates = fresh(values.map((v) => -v));
          const bad = scheduled ? { updates, state, extras: { value: 1 } } : inject(fault, updates, state, params, names);
          if (bad === undefined) return;
          const leaves = [...Object.values(bad.updates as Record<string, NdArray>), params.a, params.b];
          const before = leaves.map(bits);
          const stateBefore = bad.state === null ? 'null' : saved(bad.state);
          let error: unknown;
          try {
            opt.update(bad.updates, bad.state, params, bad.extras);
          } catch (e) {
            error = e;
          }
          const what = `${names.join(', ')} / ${fault}`;
          expect(error, what).toBeDefined();
          if (!isDescentError(error)) expect((error as Error).message, what).toBe('schedule failed on purpose');
          expect(leaves.map(bits), what).toEqual(before);
          expect(bad.state === null ? 'null' : saved(bad.state), what).toBe(stateBefore);
        },
      ),
      { numRuns: 200, seed: 5 },
    );
  });
});
