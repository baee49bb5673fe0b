/**
 * Every optimizer, schedule and wrapper constructor checks its options object:
 * a misspelt key is an InvalidArgumentError naming it and the known keys, and
 * a non-object (null, a number, a string, an array) is refused. On main adam,
 * adamw, sgd, momentum, nesterov, adagrad, rmsprop, scaleByAdam, scaleByRss,
 * scaleByRms, trace, reduceOnPlateau, lookahead and spsa ignored unknown keys
 * — adam({ lr: 0.1, beta: 0.5 }) silently ran with beta1 0.9, and
 * sgd(0.1) (the lr passed bare) silently ran with the default lr 0.01 — and
 * crashed with a bare TypeError on null; the three schedules ignored a
 * misspelt optional key (exponentialDecaySchedule's decaySteps) and crashed on null.
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import {
  adagrad,
  applyIfFinite,
  cosineDecaySchedule,
  cosineOnecycleSchedule,
  linearOnecycleSchedule,
  linearSchedule,
  multiSteps,
  piecewiseConstantSchedule,
  piecewiseInterpolateSchedule,
  polynomialSchedule,
  warmupConstantSchedule,
  warmupExponentialDecaySchedule,
  adam,
  adamw,
  exponentialDecaySchedule,
  injectHyperparams,
  lookahead,
  momentum,
  nesterov,
  Random,
  reduceOnPlateau,
  rmsprop,
  scaleByAdam,
  scaleByRms,
  scaleByRss,
  sgd,
  spsa,
  stepDecaySchedule,
  trace,
  warmupCosineDecaySchedule,
} from '@descent/optim';
import { expectInvalidArgument } from '../helpers.js';

type Build = (options: never) => unknown;
const CONSTRUCTORS: [string, Build, string][] = [
  ['sgd', sgd, 'lr, momentum, nesterov'],
  ['momentum', momentum, 'lr, momentum'],
  ['nesterov', nesterov, 'lr, momentum'],
  ['adagrad', adagrad, 'lr, eps, form, initialAccumulatorValue'],
  ['rmsprop', rmsprop, 'lr, decay, eps, form, initialScale, centered, momentum, nesterov'],
  ['adam', adam, 'lr, beta1, beta2, eps, form, epsRoot, nesterov'],
  ['adamw', adamw, 'lr, beta1, beta2, eps, form, epsRoot, nesterov, weightDecay, mask'],
  ['scaleByAdam', scaleByAdam, 'beta1, beta2, eps, form, epsRoot, nesterov'],
  ['scaleByRss', scaleByRss, 'eps, form, initialAccumulatorValue'],
  ['scaleByRms', scaleByRms, 'decay, eps, form, initialScale, centered'],
  ['trace', trace, 'decay, nesterov, form'],
  ['reduceOnPlateau', reduceOnPlateau, 'factor, patience, threshold, absoluteThreshold, cooldown, accumulationSize, minScale'],
  ['lookahead', ((o: never) => lookahead(sgd(), o)) as Build, 'syncPeriod, slowStepSize, resetState'],
  ['stepDecaySchedule', stepDecaySchedule as Build, 'init, decayRate, stepSize'],
  ['exponentialDecaySchedule', exponentialDecaySchedule as Build, 'init, decayRate, decaySteps, transitionSteps, transitionBegin, staircase, end'],
  ['warmupCosineDecaySchedule', warmupCosineDecaySchedule as Build, 'peak, warmupSteps, decaySteps, init, end, exponent'],
  ['cosineDecaySchedule', cosineDecaySchedule as Build, 'init, decaySteps, alpha, exponent'],
  ['polynomialSchedule', polynomialSchedule as Build, 'init, end, transitionSteps, transitionBegin, power'],
  ['linearSchedule', linearSchedule as Build, 'init, end, transitionSteps, transitionBegin'],
  ['piecewiseInterpolateSchedule', piecewiseInterpolateSchedule as Build, 'interpolateType, init, boundariesAndScales'],
  ['linearOnecycleSchedule', linearOnecycleSchedule as Build, 'transitionSteps, peak, pctStart, pctFinal, divFactor, finalDivFactor'],
  ['cosineOnecycleSchedule', cosineOnecycleSchedule as Build, 'transitionSteps, peak, pctStart, pctFinal, divFactor, finalDivFactor'],
  ['warmupExponentialDecaySchedule', warmupExponentialDecaySchedule as Build, 'init, peak, warmupSteps, decayRate, decaySteps, transitionSteps, transitionBegin, staircase, end'],
  ['warmupConstantSchedule', warmupConstantSchedule as Build, 'init, peak, warmupSteps'],
  ['applyIfFinite', ((o: never) => applyIfFinite(sgd(), o)) as Build, 'maxConsecutiveErrors'],
  ['multiSteps', ((o: never) => multiSteps(sgd(), o)) as Build, 'everyK, useGradMean, shouldSkipUpdate'],
];

describe.each(CONSTRUCTORS)('%s', (name, build, keys) => {
  it('names a misspelt key and lists the known ones', () => {
    expectInvalidArgument(() => build({ lrr: 0.1 } as never), `${name}: unknown option 'lrr'; the options are ${keys}.`);
  });
  it.each([
    ['null', null, 'null'],
    ['a number', 0.1, 'number 0\\.1'],
    ['an array', [], 'an array'],
  ])('refuses %s as options', (_what, value, shown) => {
    expectInvalidArgument(() => build(value as never), new RegExp(`^${name}: options must be an object such as \\{.*\\}, got ${shown}\\.$`));
  });
});

describe('piecewiseConstantSchedule (its options object; a number is optax\'s positional init)', () => {
  it('names a misspelt key and lists the known ones', () => {
    expectInvalidArgument(() => piecewiseConstantSchedule({ init: 1, boundaries: { 10: 0.5 } } as never), "piecewiseConstantSchedule: unknown option 'boundaries'; the options are init, boundariesAndScales.");
  });
  it('still takes the positional form', () => {
    // init 1, ×0.5 from step 10: lr(9) = 1, lr(10) = 0.5
    const lr = piecewiseConstantSchedule(1, { 10: 0.5 });
    expect([lr(9), lr(10)]).toEqual([1, 0.5]);
  });
});

describe('the cases that used to run silently with other settings', () => {
  it("adam({ lr: 0.1, beta: 0.5 }) — 'beta' is not 'beta1'", () => {
    expectInvalidArgument(() => adam({ lr: 0.1, beta: 0.5 } as never), "adam: unknown option 'beta'; the options are lr, beta1, beta2, eps, form, epsRoot, nesterov.");
  });
  it('sgd(0.1) — the learning rate passed bare instead of { lr: 0.1 }', () => {
    expectInvalidArgument(() => sgd(0.1 as never), /^sgd: options must be an object such as \{ lr: 0\.01 \}, got number 0\.1\.$/);
  });
  it("exponentialDecaySchedule({ init: 0.1, decayRate: 0.5, decayStep: 10 }) — 'decayStep' is not 'decaySteps'", () => {
    expectInvalidArgument(() => exponentialDecaySchedule({ init: 0.1, decayRate: 0.5, decayStep: 10 } as never), /^exponentialDecaySchedule: unknown option 'decayStep'/);
  });
  it('injectHyperparams(adam) with a misspelt hyperparameter', () => {
    expectInvalidArgument(() => injectHyperparams(adam)({ lr: 0.1, eps1: 1e-8 } as never), /unknown option 'eps1'/);
  });
  it('spsa with a misspelt option, and with null', () => {
    const f = (x: { get(i: number): number }): number => x.get(0) ** 2;
    expectInvalidArgument(() => spsa(f, ndarray(Float64Array.of(1)), { maxIteration: 10 } as never), /^spsa: unknown option 'maxIteration'; the options are maxIterations, /);
    expectInvalidArgument(() => spsa(f, ndarray(Float64Array.of(1)), null as never), /^spsa: options must be an object/);
  });
  it('new Random(null) is a typed error', () => {
    expectInvalidArgument(() => new Random(null as never), /^Random: the state must be 4 unsigned 32-bit words .*got null; use Random\.fromSeed\(seed\)/);
  });
  it('valid options still build: adamw with every key', () => {
    expect(() => adamw({ lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 })).not.toThrow();
  });
});
