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
  ['sgd', sgd, 'lr'],
  ['momentum', momentum, 'lr, momentum'],
  ['nesterov', nesterov, 'lr, momentum'],
  ['adagrad', adagrad, 'lr, eps'],
  ['rmsprop', rmsprop, 'lr, decay, eps'],
  ['adam', adam, 'lr, beta1, beta2, eps'],
  ['adamw', adamw, 'lr, beta1, beta2, eps, weightDecay'],
  ['scaleByAdam', scaleByAdam, 'beta1, beta2, eps'],
  ['scaleByRss', scaleByRss, 'eps'],
  ['scaleByRms', scaleByRms, 'decay, eps'],
  ['trace', trace, 'decay, nesterov'],
  ['reduceOnPlateau', reduceOnPlateau, 'factor, patience, threshold, absoluteThreshold, cooldown, accumulationSize, minScale'],
  ['lookahead', ((o: never) => lookahead(sgd(), o)) as Build, 'syncPeriod, slowStepSize, resetState'],
  ['stepDecaySchedule', stepDecaySchedule as Build, 'init, decayRate, stepSize'],
  ['exponentialDecaySchedule', exponentialDecaySchedule as Build, 'init, decayRate, decaySteps'],
  ['warmupCosineDecaySchedule', warmupCosineDecaySchedule as Build, 'peak, warmupSteps, decaySteps, init, end'],
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

describe('the cases that used to run silently with other settings', () => {
  it("adam({ lr: 0.1, beta: 0.5 }) — 'beta' is not 'beta1'", () => {
    expectInvalidArgument(() => adam({ lr: 0.1, beta: 0.5 } as never), "adam: unknown option 'beta'; the options are lr, beta1, beta2, eps.");
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
