/**
 * The named optimizers built by chaining this package's building blocks, as in
 * "Deep Learning from Scratch" and optax: sgd, momentum, nesterov, adagrad,
 * rmsprop, adamw. Each is `namedChain(name, [blocks…])` after validating its
 * hyperparameters, so its state is the chain's (see `chain`); the fused `adam`
 * lives in adam.ts.
 */
import { addDecayedWeights } from './add-decayed-weights.js';
import { DEFAULT_ADAM_LR, type AdamOptions } from './adam.js';
import { namedChain, type ChainState } from './chain.js';
import { checkHyperparameter, checkLearningRate } from './hyperparameters.js';
import { resolveAdamOptions, scaleByAdam } from './scale-by-adam.js';
import { scaleByLearningRate } from './scale-by-learning-rate.js';
import { DEFAULT_RMS_DECAY, scaleByRms } from './scale-by-rms.js';
import { DEFAULT_ROOT_EPS, scaleByRss } from './scale-by-rss.js';
import { DEFAULT_MOMENTUM, trace } from './trace.js';
import type { CheckedTransformation, LearningRate } from './transform.js';
import { checkOptionKeys } from '../checks/options.js';

/** SGD's learning rate in "Deep Learning from Scratch". */
export const DEFAULT_SGD_LR = 0.01;

/** Options of `sgd`. */
export interface SgdOptions {
  /** Learning rate: a finite number ≥ 0 or a schedule of the 0-based step. @default 0.01 */
  lr?: LearningRate;
}

/** State of `sgd`: `[scaleByLearningRate state]`. */
export type SgdState = ChainState<[ReturnType<typeof scaleByLearningRate>]>;

/**
 * Stochastic gradient descent: θ ← θ − lr·g.
 *
 * Built as `chain(scaleByLearningRate(lr))`; the same rule as the book's `SGD`,
 * optax `sgd` (without momentum) and PyTorch `SGD` (momentum 0).
 * @param options lr
 * @throws ArgumentRangeError when lr is negative or non-finite
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
export function sgd(options: SgdOptions = {}): CheckedTransformation<SgdState, unknown[]> {
  checkOptionKeys('sgd', options, ['lr'], '{ lr: 0.01 }');
  const lr = checkLearningRate('sgd', options.lr ?? DEFAULT_SGD_LR, 'the default is 0.01');
  return namedChain('sgd', [scaleByLearningRate(lr)]);
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
  /** Added to √h in the denominator, ≥ 0. @default 1e-7 */
  eps?: number;
}

/** State of `adagrad`: `[scaleByRss state, scaleByLearningRate state]`. */
export type AdagradState = ChainState<[ReturnType<typeof scaleByRss>, ReturnType<typeof scaleByLearningRate>]>;

/**
 * AdaGrad, as in "Deep Learning from Scratch":
 *
 *   h ← h + g²,   θ ← θ − lr·g / (√h + ε)
 *
 * Built as `chain(scaleByRss({ eps }), scaleByLearningRate(lr))`. optax `adagrad`
 * starts h at 0.1 and uses g/√(h + ε); PyTorch `Adagrad` uses ε = 1e-10.
 * @param options lr, eps
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
  checkOptionKeys('adagrad', options, ['lr', 'eps'], '{ lr: 0.01 }');
  const lr = checkLearningRate('adagrad', options.lr ?? DEFAULT_ADAGRAD_LR, 'the default is 0.01');
  const eps = checkHyperparameter('adagrad', 'eps', options.eps ?? DEFAULT_ROOT_EPS, 'nonNegative', 'the default is 1e-7');
  return namedChain('adagrad', [scaleByRss({ eps }), scaleByLearningRate(lr)]);
}

/** RMSProp's learning rate in "Deep Learning from Scratch". */
export const DEFAULT_RMSPROP_LR = 0.01;

/** Options of `rmsprop`. */
export interface RmspropOptions {
  /** Learning rate: a finite number ≥ 0 or a schedule of the 0-based step. @default 0.01 */
  lr?: LearningRate;
  /** Decay ρ of the running mean of squares, in [0, 1). @default 0.99 */
  decay?: number;
  /** Added to √h in the denominator, ≥ 0. @default 1e-7 */
  eps?: number;
}

/** State of `rmsprop`: `[scaleByRms state, scaleByLearningRate state]`. */
export type RmspropState = ChainState<[ReturnType<typeof scaleByRms>, ReturnType<typeof scaleByLearningRate>]>;

/**
 * RMSProp, as in "Deep Learning from Scratch":
 *
 *   h ← ρ·h + (1−ρ)·g²,   θ ← θ − lr·g / (√h + ε)
 *
 * Built as `chain(scaleByRms({ decay, eps }), scaleByLearningRate(lr))`. optax
 * `rmsprop` defaults to ρ = 0.9, ε = 1e-8 inside the root; PyTorch `RMSprop` to
 * lr 0.01, ρ = 0.99, ε = 1e-8 outside the root.
 * @param options lr, decay (ρ), eps
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
  checkOptionKeys('rmsprop', options, ['lr', 'decay', 'eps'], '{ lr: 0.01, decay: 0.99 }');
  const lr = checkLearningRate('rmsprop', options.lr ?? DEFAULT_RMSPROP_LR, 'the default is 0.01');
  const decay = checkHyperparameter('rmsprop', 'decay', options.decay ?? DEFAULT_RMS_DECAY, 'unitInterval', 'the default is 0.99');
  const eps = checkHyperparameter('rmsprop', 'eps', options.eps ?? DEFAULT_ROOT_EPS, 'nonNegative', 'the default is 1e-7');
  return namedChain('rmsprop', [scaleByRms({ decay, eps }), scaleByLearningRate(lr)]);
}

/** AdamW's weight decay (PyTorch's default; optax's is 1e-4). */
export const DEFAULT_WEIGHT_DECAY = 0.01;

/** Options of `adamw`. */
export interface AdamwOptions extends AdamOptions {
  /** Decoupled weight decay λ, ≥ 0. @default 0.01 */
  weightDecay?: number;
}

/** State of `adamw`: `[scaleByAdam state, null, scaleByLearningRate state]`. */
export type AdamwState = ChainState<
  [ReturnType<typeof scaleByAdam>, ReturnType<typeof addDecayedWeights>, ReturnType<typeof scaleByLearningRate>]
>;

/**
 * AdamW: the book's Adam with decoupled weight decay (Loshchilov & Hutter). At
 * step t with gradient g:
 *
 *   m ← m + (1−β1)(g − m),  v ← v + (1−β2)(g² − v)
 *   θ ← θ − lr·( √(1−β2^t)/(1−β1^t) · m/(√v + ε) + λ·θ )
 *
 * Built as `chain(scaleByAdam({ beta1, beta2, eps }), addDecayedWeights(λ),
 * scaleByLearningRate(lr))`. The decay is not part of the gradient (so it is
 * not rescaled by √v, unlike L2 regularization) and it is multiplied by lr, as
 * in optax `adamw` and PyTorch `AdamW` (the paper multiplies it by the schedule
 * multiplier only). ε placement as in `adam` (optax/PyTorch: m̂/(√v̂ + ε), 1e-8).
 * Not fused (only `adam` is benchmarked); one pass per transform.
 * @param options lr, beta1, beta2, eps, weightDecay (λ)
 * @throws ArgumentRangeError when a hyperparameter is out of range or non-finite
 * @example
 * import ndarray from 'ndarray';
 * import { adamw, applyUpdates } from '@descent/optim';
 * const x = ndarray(new Float64Array([1, 2]));
 * const g = ndarray(new Float64Array([2, 4])); // ∇(x0² + x1²) at x
 * const opt = adamw({ lr: 0.1, weightDecay: 0.01 });
 * let state = opt.init(x);
 * state = opt.update(g, state, x); // g now holds the step −0.1·(1 + 0.01·x) per element
 * applyUpdates(x, g);              // x ≈ [0.899, 1.898]
 */
export function adamw(options: AdamwOptions = {}): CheckedTransformation<AdamwState, unknown[]> {
  checkOptionKeys('adamw', options, ['lr', 'beta1', 'beta2', 'eps', 'weightDecay'], '{ lr: 0.001, weightDecay: 0.01 }');
  const lr = checkLearningRate('adamw', options.lr ?? DEFAULT_ADAM_LR, 'the default is 0.001');
  const adamOptions = resolveAdamOptions('adamw', options);
  const weightDecay = checkHyperparameter('adamw', 'weightDecay', options.weightDecay ?? DEFAULT_WEIGHT_DECAY, 'nonNegative', 'the default is 0.01');
  const { beta1, beta2, eps } = adamOptions;
  return namedChain('adamw', [scaleByAdam({ beta1, beta2, eps }), addDecayedWeights(weightDecay), scaleByLearningRate(lr)]);
}
