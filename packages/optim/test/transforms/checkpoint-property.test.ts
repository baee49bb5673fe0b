/**
 * Property (checkpoints): for random compositions of transforms (chain,
 * applyIfFinite, masked, multiTransform, multiSteps, lookahead,
 * injectHyperparams over sgd, momentum, nesterov, adagrad, rmsprop, adam,
 * adamw, clipping, scale, trace, projectToBox, reduceOnPlateau), params in
 * Float64/Float32/plain-Array storage, and gradients holding NaN, ±Infinity,
 * −0, subnormals and 1e300: a checkpoint taken at any step —
 * JSON.stringify(stateToJSON(state)), parsed back with stateFromJSON —
 * re-encodes to the same text, and a run resumed from it on copies of the
 * params produces the same params and the same state as the run that went
 * on, step for step. (NaN is compared as NaN: JavaScript does not keep NaN
 * payloads through arithmetic.)
 */
import fc from 'fast-check';
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import {
  adagrad,
  adam,
  adamw,
  applyIfFinite,
  applyUpdates,
  chain,
  clip,
  clipByGlobalNorm,
  injectHyperparams,
  lookahead,
  masked,
  momentum,
  multiSteps,
  multiTransform,
  nesterov,
  projectToBox,
  reduceOnPlateau,
  rmsprop,
  scale,
  sgd,
  stateFromJSON,
  stateToJSON,
  trace,
  type GradientTransformation,
} from '@descent/optim';

type Make = () => GradientTransformation<unknown>;
type Tree = { name: string; make: Make };

const LEAVES: Tree[] = [
  { name: 'sgd', make: () => sgd({ lr: 0.1 }) },
  { name: 'momentum', make: () => momentum({ lr: 0.1 }) },
  { name: 'nesterov', make: () => nesterov({ lr: 0.1 }) },
  { name: 'adagrad', make: () => adagrad({ lr: 0.1 }) },
  { name: 'rmsprop', make: () => rmsprop({ lr: 0.1 }) },
  { name: 'adam', make: () => adam({ lr: 0.1 }) },
  { name: 'adamw', make: () => adamw({ lr: 0.1, weightDecay: 0.1 }) },
  { name: 'clip', make: () => clip(1) },
  { name: 'clipByGlobalNorm', make: () => clipByGlobalNorm(1) },
  { name: 'scale', make: () => scale(-0.5) },
  { name: 'trace', make: () => trace({ decay: 0.9, nesterov: true }) },
  { name: 'projectToBox', make: () => projectToBox(-2, 2) },
  { name: 'reduceOnPlateau', make: () => reduceOnPlateau({ factor: 0.5, patience: 1 }) },
];

const treeArb: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...LEAVES),
    fc.tuple(tie('tree'), tie('tree')).map(([a, b]) => ({ name: `chain(${a.name}, ${b.name})`, make: () => chain(a.make(), b.make()) as GradientTransformation<unknown> })),
    tie('tree').map((a) => ({ name: `applyIfFinite(${a.name})`, make: () => applyIfFinite(a.make(), { maxConsecutiveErrors: 2 }) as GradientTransformation<unknown> })),
    tie('tree').map((a) => ({ name: `masked(${a.name})`, make: () => masked(a.make(), (key) => key !== 'b') as GradientTransformation<unknown> })),
    fc.tuple(tie('tree'), tie('tree')).map(([a, b]) => ({
      name: `multiTransform(${a.name}, ${b.name})`,
      make: () => multiTransform({ p: a.make(), q: b.make() }, (key) => (key === 'b' ? 'p' : 'q')) as GradientTransformation<unknown>,
    })),
    tie('tree').map((a) => ({ name: `multiSteps(${a.name})`, make: () => multiSteps(a.make(), { everyK: 2 }) as GradientTransformation<unknown> })),
    tie('tree').map((a) => ({ name: `lookahead(${a.name})`, make: () => lookahead(a.make(), { syncPeriod: 2, slowStepSize: 0.5 }) as GradientTransformation<unknown> })),
    fc.constant({ name: 'injectHyperparams(adamw)', make: () => injectHyperparams(adamw)({ lr: 0.05, weightDecay: 0.1 }) as GradientTransformation<unknown> }),
  ),
})).tree;

const gradientValue = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -3, max: 3, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 5e-324, 1e300, -1e300) },
);
const storageArb = fc.constantFrom('float64', 'float32', 'array');

function make(kind: string, values: number[], shape: number[]): NdArray {
  const data = kind === 'float64' ? Float64Array.from(values) : kind === 'float32' ? Float32Array.from(values) : values.slice();
  return ndarray(data as Float64Array, shape);
}
function copy(a: NdArray): NdArray {
  const data = Array.isArray(a.data) ? (a.data as number[]).slice() : (a.data as Float64Array).slice();
  return ndarray(data as Float64Array, a.shape.slice(), a.stride.slice(), a.offset);
}
/** Values with −0 spelt out; NaN as NaN. */
const text = (a: NdArray): string => Array.from(a.data as ArrayLike<number>, (v) => (Object.is(v, -0) ? '-0' : String(v))).join(',');
const saved = (state: unknown): string => JSON.stringify(stateToJSON(state));

describe('checkpoints of random transform compositions', () => {
  it('round-trip exactly and resume the same run', () => {
    fc.assert(
      fc.property(
        treeArb,
        storageArb,
        fc.array(fc.array(gradientValue, { minLength: 6, maxLength: 6 }), { minLength: 2, maxLength: 7 }),
        fc.nat(),
        fc.array(fc.double({ min: 0.1, max: 2, noNaN: true }), { minLength: 7, maxLength: 7 }),
        (tree, kind, gradients, at, losses) => {
          const params = { w: make(kind, [0.5, -1, 1.5, 0.25], [2, 2]).transpose(1, 0), b: make(kind, [0.1, -0.2], [2]) };
          const opt = tree.make();
          let state = opt.init(params);
          const checkpointAt = at % gradients.length;
          let twin: { state: unknown; params: { w: NdArray; b: NdArray }; opt: GradientTransformation<unknown> } | undefined;
          for (let step = 0; step < gradients.length; step++) {
            if (step === checkpointAt) {
              const json = saved(state);
              const restored = stateFromJSON(JSON.parse(json));
              expect(saved(restored), tree.name).toBe(json);
              twin = { state: restored, params: { w: copy(params.w), b: copy(params.b) }, opt: tree.make() };
            }
            const g = gradients[step]!;
            const updates = () => ({ w: ndarray(Float64Array.from(g.slice(0, 4)), [2, 2]), b: ndarray(Float64Array.from(g.slice(4)), [2]) });
            const u = updates();
            state = opt.update(u, state, params, { value: losses[step]! });
            applyUpdates(params, u);
            if (twin !== undefined) {
              const v = updates();
              twin.state = twin.opt.update(v, twin.state, twin.params, { value: losses[step]! });
              applyUpdates(twin.params, v);
              expect(text(twin.params.w), `${tree.name} step ${step}`).toBe(text(params.w));
              expect(text(twin.params.b), `${tree.name} step ${step}`).toBe(text(params.b));
              expect(saved(twin.state), `${tree.name} step ${step}`).toBe(saved(state));
            }
          }
        },
      ),
      { numRuns: 200, seed: 11 },
    );
  });
});
