/**
 * The Adam hyperparameters: defaults, options, validation, and the steps from
 * which the bias corrections saturate (shared by scaleByAdam, adam and adamw).
 */
import { InvalidArgumentError } from '@descent/core';
import { checkBoolean, checkChoice } from '../checks/options.js';
import { checkHyperparameter } from './hyperparameters.js';

/** β1 of "Deep Learning from Scratch" (and of optax/PyTorch). */
export const DEFAULT_BETA1 = 0.9;
/** β2 of "Deep Learning from Scratch" (and of optax/PyTorch). */
export const DEFAULT_BETA2 = 0.999;
/** ε of "Deep Learning from Scratch" (common/optimizer.py adds 1e-7; optax and PyTorch use 1e-8). */
export const DEFAULT_ADAM_EPS = 1e-7;
/** ε of optax `scale_by_adam` (and PyTorch), the default with form 'optax'. */
export const OPTAX_ADAM_EPS = 1e-8;

/** Options of `scaleByAdam`. */
export interface ScaleByAdamOptions {
  /** Decay of the first-moment (mean) estimate, in [0, 1). @default 0.9 */
  beta1?: number;
  /** Decay of the second-moment (uncentred variance) estimate, in [0, 1). @default 0.999 */
  beta2?: number;
  /** Added to the root in the denominator, ≥ 0. @default 1e-7 (1e-8 with form 'optax', optax's default) */
  eps?: number;
  /**
   * Where ε sits: 'book' (c·m/(√v + ε), c = √(1−β2^t)/(1−β1^t), "Deep Learning
   * from Scratch") or 'optax' (m̂/(√(v̂ + ε_root) + ε) on the bias-corrected
   * moments, optax `scale_by_adam` and PyTorch `Adam`). @default 'book'
   */
  form?: 'book' | 'optax';
  /** (form 'optax') Added to v̂ under the root, ≥ 0 (optax's eps_root). @default 0 */
  epsRoot?: number;
  /** (form 'optax') Nesterov momentum, optax's NAdam: m̂ = β1·m/(1−β1^(t+1)) + (1−β1)·g/(1−β1^t). @default false */
  nesterov?: boolean;
}

/** Resolved, validated hyperparameters of the Adam direction. */
export interface AdamHyperparameters {
  beta1: number;
  beta2: number;
  eps: number;
  form: 'book' | 'optax';
  epsRoot: number;
  nesterov: boolean;
  /** First step t from which 1 − beta1^t rounds to exactly 1 (see `saturationStep`). */
  beta1Saturation: number;
  /** First step t from which 1 − beta2^t rounds to exactly 1 (see `saturationStep`). */
  beta2Saturation: number;
}

/** Below this distance from 1, `saturationStep` does not trust `β ** t` to decrease with t. */
const SATURATION_MARGIN = 2 ** -40;

/**
 * The first step t ≥ 1 from which `1 - beta ** t` is exactly 1 in floating point
 * (β^t ≤ 2⁻⁵⁴), so `adamCorrection` can skip the power from then on and give the
 * same bits. Found with the very `beta ** t` expression the correction uses. It
 * holds for every later t because β^t keeps decreasing by a factor β ≤ 1 − 2⁻⁴⁰,
 * far more than the ≤ 1 ulp error of `**`; closer to 1 than that, Infinity (never skip).
 */
function saturationStep(beta: number): number {
  if (1 - beta < SATURATION_MARGIN) return Infinity;
  if (beta === 0) return 1;
  let t = Math.max(1, Math.ceil((-54 * Math.LN2) / Math.log(beta)));
  while (t > 1 && 1 - beta ** (t - 1) === 1) t--;
  while (1 - beta ** t !== 1) t++;
  return t;
}

/** Validate and resolve the options with the defaults. */
export function resolveAdamOptions(where: string, options: ScaleByAdamOptions): AdamHyperparameters {
  const beta1 = checkHyperparameter(where, 'beta1', options.beta1 ?? DEFAULT_BETA1, 'unitInterval', 'the default is 0.9');
  const beta2 = checkHyperparameter(where, 'beta2', options.beta2 ?? DEFAULT_BETA2, 'unitInterval', 'the default is 0.999');
  const form = checkChoice(where, 'form', options.form ?? 'book', ['book', 'optax'] as const, "the default is 'book'");
  const optax = form === 'optax';
  const epsRoot = checkHyperparameter(where, 'epsRoot', options.epsRoot ?? 0, 'nonNegative', 'the default is 0');
  const nesterov = checkBoolean(where, 'nesterov', options.nesterov ?? false, 'the default is false');
  if (!optax && (epsRoot !== 0 || nesterov)) {
    throw new InvalidArgumentError(`${where}: epsRoot and nesterov are options of optax's formula; pass form: 'optax' with them.`);
  }
  const defaultEps = optax ? OPTAX_ADAM_EPS : DEFAULT_ADAM_EPS;
  return {
    beta1,
    beta2,
    eps: checkHyperparameter(where, 'eps', options.eps ?? defaultEps, 'nonNegative', `the default is ${defaultEps}`),
    form,
    epsRoot,
    nesterov,
    beta1Saturation: saturationStep(beta1),
    beta2Saturation: saturationStep(beta2),
  };
}

