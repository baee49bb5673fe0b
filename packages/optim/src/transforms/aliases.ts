/**
 * The named optimizers built by chaining this package's building blocks, as in
 * "Deep Learning from Scratch" and optax: sgd, momentum, nesterov, adagrad,
 * rmsprop (adamw is in adamw.ts). Each is `namedChain(name, [blocks…])` after validating its
 * hyperparameters, so its state is the chain's (see `chain`); the fused `adam`
 * lives in adam.ts.
 */
import { namedChain, type ChainState } from './chain.js';
import { checkHyperparameter, checkLearningRate } from './hyperparameters.js';
import { scaleByLearningRate } from './scale-by-learning-rate.js';
import { DEFAULT_RMS_DECAY, OPTAX_RMS_DECAY, OPTAX_RMS_EPS, scaleByRms } from './scale-by-rms.js';
import { DEFAULT_ROOT_EPS, scaleByRss } from './scale-by-rss.js';
import { DEFAULT_MOMENTUM, trace } from './trace.js';
import type { CheckedTransformation, LearningRate } from './transform.js';
import { InvalidArgumentError } from '@descent/core';
import { checkBoolean, checkChoice, checkOptionKeys } from '../checks/options.js';

/** SGD's learning rate in "Deep Learning from Scratch". */
export const DEFAULT_SGD_LR = 0.01;

/** Options of `sgd` (optax's `sgd(learning_rate, momentum, nesterov)`). */
export interface SgdOptions {
  /** Learning rate: a finite number ≥ 0 or a schedule of the 0-based step. @default 0.01 */
  lr?: LearningRate;
  /** Momentum coefficient μ in [0, 1), or undefined for plain SGD (as optax's `momentum=None`). @default undefined */
  momentum?: number;
  /** With momentum: optax's (and PyTorch's) Nesterov step u = g + μ·t. @default false */
  nesterov?: boolean;
}

/** State of `sgd` without momentum: `[scaleByLearningRate state]`. */
export type SgdState = ChainState<[ReturnType<typeof scaleByLearningRate>]>;

/**
 * Stochastic gradient descent: θ ← θ − lr·g; with `momentum` μ, optax's
 * `sgd(lr, momentum, nesterov)` (and PyTorch's `SGD`):
 *
 *   t ← μ·t + g,   θ ← θ − lr·t              (nesterov false)
 *   t ← μ·t + g,   θ ← θ − lr·(g + μ·t)      (nesterov true)
 *
 * Built as `chain(scaleByLearningRate(lr))`, or with momentum as
 * `chain(trace({ decay: μ, nesterov, form: 'optax' }), scaleByLearningRate(lr))`
 * (state `[trace state, scaleByLearningRate state]`, the `momentum` alias's). The
 * book's Momentum and Nesterov (whose Nesterov differs) are `momentum` and `nesterov`.
 * @param options lr, momentum (μ), nesterov
 * @throws ArgumentRangeError when lr is negative or momentum is outside [0, 1), or either is non-finite;
 *   InvalidArgumentError when nesterov is not a boolean, or is true without momentum
 * @example
 * import ndarray from 'ndarray';
 * import { sgd, applyUpdates } from '@descent/optim';
 * const x = ndarray(new Float64Array([-3, 4]));
 * const g = ndarray(new Float64Array(2));
 * const opt = sgd({ lr: 0.1 });
 * let state = opt.init(x);
 * for (let i = 0; i < 100; i++) {
 *   g.set(0, 2 * x.get(0)); g.set(1, 2 * x.get(1)); // ∇(x0² + x1²)
 *   state = opt.update(g, state, x);
 *   applyUpdates(x, g);
 * }
 * x; // ≈ [−6.11e-10, 8.15e-10] — each step multiplies x by 1 − 2·0.1 = 0.8
 */
// Two overloads: a literal momentum types the state as momentum's; the last one (what TypeScript
// infers when sgd is passed as a factory, e.g. to injectHyperparams) is plain SGD's.
export function sgd(options: SgdOptions & { momentum: number }): CheckedTransformation<MomentumState, unknown[]>;
export function sgd(options?: SgdOptions): CheckedTransformation<SgdState, unknown[]>;
export function sgd(options: SgdOptions = {}): CheckedTransformation<SgdState | MomentumState, unknown[]> {
  checkOptionKeys('sgd', options, ['lr', 'momentum', 'nesterov'], '{ lr: 0.01 }');
  const lr = checkLearningRate('sgd', options.lr ?? DEFAULT_SGD_LR, 'the default is 0.01');
  const nesterov = checkBoolean('sgd', 'nesterov', options.nesterov ?? false, 'the default is false');
  if (options.momentum === undefined) {
    if (nesterov) throw new InvalidArgumentError('sgd: nesterov needs momentum; pass e.g. { momentum: 0.9, nesterov: true }.');
    return namedChain('sgd', [scaleByLearningRate(lr)]);
  }
  const mu = checkHyperparameter('sgd', 'momentum', options.momentum, 'unitInterval', 'e.g. 0.9, or leave it out for plain SGD');
  return namedChain('sgd', [trace({ decay: mu, nesterov, form: 'optax' }), scaleByLearningRate(lr)]);
}

/** Momentum's learning rate in "Deep Learning from Scratch" (Momentum and Nesterov). */
export const DEFAULT_MOMENTUM_LR = 0.01;

/** Options of `momentum` and `nesterov`. */
export interface MomentumOptions {
  /** Learning rate: a finite number ≥ 0 or a schedule of the 0-based step. @default 0.01 */
  lr?: LearningRate;
  /** Momentum coefficient μ, in [0, 1). @default 0.9 */
  momentum?: number;
}

/** State of `momentum` and `nesterov`: `[trace state, scaleByLearningRate state]`. */
export type MomentumState = ChainState<[ReturnType<typeof trace>, ReturnType<typeof scaleByLearningRate>]>;

/**
 * SGD with momentum, as in "Deep Learning from Scratch":
 *
 *   v ← μ·v − lr·g,   θ ← θ + v
 *
 * Built as `chain(trace({ decay: μ }), scaleByLearningRate(lr))`, which keeps
 * t = −v/lr (t ← μ·t + g, θ ← θ − lr·t): the same steps for a constant lr, up to
 * rounding. With a schedule the whole trace is scaled by the current lr (as in
 * optax `sgd(momentum=μ)` and PyTorch `SGD(momentum=μ)`, whose rule this is);
 * the book has no schedules.
 * @param options lr, momentum (μ)
 * @throws ArgumentRangeError when lr is negative or momentum is outside [0, 1), or either is non-finite
 * @example
 * import ndarray from 'ndarray';
 * import { momentum, applyUpdates } from '@descent/optim';
 * const x = ndarray(new Float64Array([1, 2]));
 * const g = ndarray(new Float64Array([2, 4])); // ∇(x0² + x1²) at x
 * const opt = momentum({ lr: 0.1 });
 * let state = opt.init(x);
 * state = opt.update(g, state, x); // g now holds the step v = −0.1·g; g → [−0.2, −0.4]
 * applyUpdates(x, g);              // x → [0.8, 1.6]
 */
export function momentum(options: MomentumOptions = {}): CheckedTransformation<MomentumState, unknown[]> {
  checkOptionKeys('momentum', options, ['lr', 'momentum'], '{ lr: 0.01, momentum: 0.9 }');
  const lr = checkLearningRate('momentum', options.lr ?? DEFAULT_MOMENTUM_LR, 'the default is 0.01');
  const mu = checkHyperparameter('momentum', 'momentum', options.momentum ?? DEFAULT_MOMENTUM, 'unitInterval', 'the default is 0.9');
  return namedChain('momentum', [trace({ decay: mu }), scaleByLearningRate(lr)]);
}

/**
 * Nesterov's accelerated gradient in the form of "Deep Learning from Scratch"
 * (common/optimizer.py, after arXiv:1212.0901):
 *
 *   v ← μ·v − lr·g,   θ ← θ + μ²·v − (1+μ)·lr·g     (v already updated)
 *
 * Built as `chain(trace({ decay: μ, nesterov: true }), scaleByLearningRate(lr))`
 * with t = −v/lr: u = (1+μ)·g + μ²·t, θ ← θ − lr·u. optax `sgd(nesterov=True)` and
 * PyTorch `SGD(nesterov=True)` use μ²·v_old instead of μ²·v_new (u = g + μ·t), so
 * the book's step carries one more factor μ on the velocity; see `trace`.
 * @param options lr, momentum (μ)
 * @throws ArgumentRangeError when lr is negative or momentum is outside [0, 1), or either is non-finite
 * @example
 * import ndarray from 'ndarray';
 * import { nesterov, applyUpdates } from '@descent/optim';
 * const x = ndarray(new Float64Array([1, 2]));
 * const g = ndarray(new Float64Array([2, 4])); // ∇(x0² + x1²) at x
 * const opt = nesterov({ lr: 0.1 });
 * let state = opt.init(x);
 * state = opt.update(g, state, x); // g now holds the step: 0.81·v − 1.9·0.1·g with v = −0.1·g
 * applyUpdates(x, g);              // x ≈ [0.458, 0.916]
 */
export function nesterov(options: MomentumOptions = {}): CheckedTransformation<MomentumState, unknown[]> {
  checkOptionKeys('nesterov', options, ['lr', 'momentum'], '{ lr: 0.01, momentum: 0.9 }');
  const lr = checkLearningRate('nesterov', options.lr ?? DEFAULT_MOMENTUM_LR, 'the default is 0.01');
  const mu = checkHyperparameter('nesterov', 'momentum', options.momentum ?? DEFAULT_MOMENTUM, 'unitInterval', 'the default is 0.9');
  return namedChain('nesterov', [trace({ decay: mu, nesterov: true }), scaleByLearningRate(lr)]);
}

/** AdaGrad's learning rate in "Deep Learning from Scratch". */
export const DEFAULT_ADAGRAD_LR = 0.01;

/** Options of `adagrad`. */
export interface AdagradOptions {
  /** Learning rate: a finite number ≥ 0 or a schedule of the 0-based step. @default 0.01 */
  lr?: LearningRate;
  /** Added in the denominator, ≥ 0. @default 1e-7 (optax's too) */
  eps?: number;
  /** Where ε sits: 'book' (g/(√h + ε)) or 'optax' (g/√(h + ε)); see `scaleByRss`. @default 'book' */
  form?: 'book' | 'optax';
  /** The value h starts from, ≥ 0 (optax's initial_accumulator_value). @default 0 (0.1 with form 'optax', optax's default) */
  initialAccumulatorValue?: number;
}

/** State of `adagrad`: `[scaleByRss state, scaleByLearningRate state]`. */
export type AdagradState = ChainState<[ReturnType<typeof scaleByRss>, ReturnType<typeof scaleByLearningRate>]>;

/**
 * AdaGrad, as in "Deep Learning from Scratch":
 *
 *   h ← h + g²,   θ ← θ − lr·g / (√h + ε)
 *
 * Built as `chain(scaleByRss({ eps, form, initialAccumulatorValue }), scaleByLearningRate(lr))`.
 * optax `adagrad` starts h at 0.1 and uses g/√(h + ε): `adagrad({ lr, form: 'optax' })`
 * is optax's `adagrad(lr)`. PyTorch `Adagrad` uses ε = 1e-10.
 * @param options lr, eps, form, initialAccumulatorValue
 * @throws ArgumentRangeError when lr or eps is negative or non-finite
 * @example
 * import ndarray from 'ndarray';
 * import { adagrad, applyUpdates } from '@descent/optim';
 * const x = ndarray(new Float64Array([1, 2]));
 * const g = ndarray(new Float64Array([2, 4])); // ∇(x0² + x1²) at x
 * const opt = adagrad({ lr: 0.1 });
 * let state = opt.init(x);
 * state = opt.update(g, state, x); // g now holds the step: −0.1·g/(|g| + 1e-7)
 * applyUpdates(x, g);              // x ≈ [0.900, 1.900]
 */
export function adagrad(options: AdagradOptions = {}): CheckedTransformation<AdagradState, unknown[]> {
  checkOptionKeys('adagrad', options, ['lr', 'eps', 'form', 'initialAccumulatorValue'], '{ lr: 0.01 }');
  const lr = checkLearningRate('adagrad', options.lr ?? DEFAULT_ADAGRAD_LR, 'the default is 0.01');
  const eps = checkHyperparameter('adagrad', 'eps', options.eps ?? DEFAULT_ROOT_EPS, 'nonNegative', 'the default is 1e-7');
  const rss = scaleByRss({ eps, form: options.form, initialAccumulatorValue: options.initialAccumulatorValue });
  return namedChain('adagrad', [rss, scaleByLearningRate(lr)]);
}

/** RMSProp's learning rate in "Deep Learning from Scratch". */
export const DEFAULT_RMSPROP_LR = 0.01;

/** Options of `rmsprop`. */
export interface RmspropOptions {
  /** Learning rate: a finite number ≥ 0 or a schedule of the 0-based step. @default 0.01 */
  lr?: LearningRate;
  /** Decay ρ of the running mean of squares, in [0, 1). @default 0.99 (0.9 with form 'optax', optax's default) */
  decay?: number;
  /** Added in the denominator, ≥ 0. @default 1e-7 (1e-8 with form 'optax', optax's default) */
  eps?: number;
  /** Where ε sits: 'book' (g/(√h + ε)) or 'optax' (g/√(h + ε)); see `scaleByRms`. @default 'book' */
  form?: 'book' | 'optax';
  /** The value h starts from, ≥ 0 (optax's initial_scale). @default 0 */
  initialScale?: number;
  /** Centered RMSProp: h − (running mean of g)² in the root (optax's centered). @default false */
  centered?: boolean;
  /** Momentum μ in [0, 1) applied after the learning rate, as optax's rmsprop(momentum=μ); undefined for none. @default undefined */
  momentum?: number;
  /** With momentum: optax's Nesterov form (see `trace`). @default false */
  nesterov?: boolean;
}

/** State of `rmsprop`: `[scaleByRms state, scaleByLearningRate state]`, and a trace state after them with `momentum`. */
export type RmspropState =
  | ChainState<[ReturnType<typeof scaleByRms>, ReturnType<typeof scaleByLearningRate>]>
  | ChainState<[ReturnType<typeof scaleByRms>, ReturnType<typeof scaleByLearningRate>, ReturnType<typeof trace>]>;

/**
 * RMSProp, as in "Deep Learning from Scratch":
 *
 *   h ← ρ·h + (1−ρ)·g²,   θ ← θ − lr·g / (√h + ε)
 *
 * Built as `chain(scaleByRms({ decay, eps, form, initialScale, centered }),
 * scaleByLearningRate(lr))`, then `trace({ decay: momentum, nesterov, form: 'optax' })`
 * when momentum is given (optax's order: the trace is of the scaled steps).
 * optax `rmsprop` defaults to ρ = 0.9, ε = 1e-8 inside the root:
 * `rmsprop({ lr, form: 'optax' })` is optax's `rmsprop(lr)`. PyTorch `RMSprop`
 * defaults to lr 0.01, ρ = 0.99, ε = 1e-8 outside the root.
 * @param options lr, decay (ρ), eps, form, initialScale, centered, momentum, nesterov
 * @throws ArgumentRangeError when a hyperparameter is out of range or non-finite
 * @example
 * import ndarray from 'ndarray';
 * import { rmsprop, applyUpdates } from '@descent/optim';
 * const x = ndarray(new Float64Array([1, 2]));
 * const g = ndarray(new Float64Array([2, 4])); // ∇(x0² + x1²) at x
 * const opt = rmsprop({ lr: 0.01 });
 * let state = opt.init(x);
 * state = opt.update(g, state, x); // g now holds the step: −0.01·g/(0.1·|g| + 1e-7)
 * applyUpdates(x, g);              // x ≈ [0.900, 1.900]
 */
export function rmsprop(options: RmspropOptions = {}): CheckedTransformation<RmspropState, unknown[]> {
  checkOptionKeys('rmsprop', options, ['lr', 'decay', 'eps', 'form', 'initialScale', 'centered', 'momentum', 'nesterov'], '{ lr: 0.01, decay: 0.99 }');
  const lr = checkLearningRate('rmsprop', options.lr ?? DEFAULT_RMSPROP_LR, 'the default is 0.01');
  const form = checkChoice('rmsprop', 'form', options.form ?? 'book', ['book', 'optax'] as const, "the default is 'book'");
  const [defaultDecay, defaultEps] = form === 'optax' ? [OPTAX_RMS_DECAY, OPTAX_RMS_EPS] : [DEFAULT_RMS_DECAY, DEFAULT_ROOT_EPS];
  const decay = checkHyperparameter('rmsprop', 'decay', options.decay ?? defaultDecay, 'unitInterval', `the default is ${defaultDecay}`);
  const eps = checkHyperparameter('rmsprop', 'eps', options.eps ?? defaultEps, 'nonNegative', `the default is ${defaultEps}`);
  const rms = scaleByRms({ decay, eps, form, initialScale: options.initialScale, centered: options.centered });
  const nesterov = checkBoolean('rmsprop', 'nesterov', options.nesterov ?? false, 'the default is false');
  if (options.momentum === undefined) {
    if (nesterov) throw new InvalidArgumentError('rmsprop: nesterov needs momentum; pass e.g. { momentum: 0.9, nesterov: true }.');
    return namedChain('rmsprop', [rms, scaleByLearningRate(lr)]);
  }
  const mu = checkHyperparameter('rmsprop', 'momentum', options.momentum, 'unitInterval', 'e.g. 0.9, or leave it out for none');
  return namedChain('rmsprop', [rms, scaleByLearningRate(lr), trace({ decay: mu, nesterov, form: 'optax' })]) as CheckedTransformation<RmspropState, unknown[]>;
}
