/**
 * Runs one optimizer of the catalogue on one function with @descent/optim's
 * `minimize`, recording the path step by step for the page to animate.
 * Every number of a trace — points, f, ‖∇f‖∞, the stop reason and message —
 * comes from `minimize` (numerical gradients by @descent/core).
 */
import ndarray from 'ndarray';
import type { DifferenceScheme, Quotient } from '@descent/core';
import { minimize, type MinimizeReason } from '@descent/optim';
import type { PlaygroundFunction, Point } from './functions.js';
import type { HyperparameterValues, OptimizerSpec } from './optimizers.js';

/** How the gradient is estimated (core's numerical gradient options). */
export interface GradientSettings {
  /** Difference formula. @default 'central' */
  readonly scheme?: DifferenceScheme;
  /** Fixed step, or 'auto' (core's step for the scheme). @default 'auto' */
  readonly h?: number | 'auto';
  /** What the difference is divided by ('actual': core's default; 'nominal': the book's). @default 'actual' */
  readonly quotient?: Quotient;
}

/** Settings shared by every optimizer of a race. */
export interface RunSettings {
  /** Steps before the run stops with 'maxIterations'. */
  readonly maxIterations: number;
  readonly gradient: GradientSettings;
}

/** One optimizer's run, ready to animate. */
export interface Trace {
  readonly optimizer: OptimizerSpec;
  /** path[k]: the point after k accepted steps; path[0] is the start. Finite points only. */
  readonly path: Point[];
  /** f at path[k]. */
  readonly fun: number[];
  /** ‖∇f‖∞ at path[k]. */
  readonly gradNorm: number[];
  /** minimize's x: the last point — or, when the run diverged, the best point seen. Never NaN. */
  readonly x: Point;
  /** f at x. */
  readonly value: number;
  /** Index of x in path (the last index unless the run diverged). */
  readonly bestStep: number;
  readonly reason: MinimizeReason;
  /** minimize's sentence on why the run stopped. */
  readonly message: string;
  readonly converged: boolean;
  readonly iterations: number;
  readonly evaluations: number;
}

/** The core gradient options for these settings: central differences unless another scheme is chosen (undefined h and quotient left out, so core's defaults apply). */
function gradientOptions(settings: GradientSettings): { scheme?: DifferenceScheme; h?: number | 'auto'; quotient?: Quotient } {
  const options: { scheme?: DifferenceScheme; h?: number | 'auto'; quotient?: Quotient } = {};
  options.scheme = settings.scheme ?? 'central';
  if (settings.h !== undefined) options.h = settings.h;
  if (settings.quotient !== undefined) options.quotient = settings.quotient;
  return options;
}

/**
 * Run `optimizer` with `values` on `fn` from `start` for at most
 * `settings.maxIterations` steps (minimize's other tolerances at their defaults).
 * @throws whatever minimize throws before the first step (an invalid
 *   hyperparameter, or f or ∇f not finite at the start)
 * @example
 * const trace = runOptimizer(functionById('sphere'), optimizerById('gd'), { lr: 0.1 }, [-3, 4], { maxIterations: 100, gradient: {} });
 * trace.path[1]; // ≈ [−2.4, 3.2]: one step x − 0.1·(2x0, 2x1)
 */
export function runOptimizer(fn: PlaygroundFunction, optimizer: OptimizerSpec, values: HyperparameterValues, start: Point, settings: RunSettings): Trace {
  const path: Point[] = [start];
  const result = minimize(fn.f, ndarray(new Float64Array(start), [2]), {
    optimizer: optimizer.build(values),
    gradient: gradientOptions(settings.gradient),
    maxIterations: settings.maxIterations,
    historyLimit: settings.maxIterations + 1,
    onIteration: (info) => {
      path.push([info.x.get(0), info.x.get(1)]);
    },
  });
  const fun = result.history.map((entry) => entry.fun);
  const gradNorm = result.history.map((entry) => entry.gradNorm);
  // minimize returns the first point with the lowest f when it diverged, the last one otherwise
  let bestStep = path.length - 1;
  if (result.reason === 'diverged') {
    bestStep = 0;
    for (let k = 1; k < fun.length; k++) if (fun[k]! < fun[bestStep]!) bestStep = k;
  }
  return {
    optimizer,
    path,
    fun,
    gradNorm,
    x: [result.x.get(0), result.x.get(1)],
    value: result.fun,
    bestStep,
    reason: result.reason,
    message: result.message,
    converged: result.converged,
    iterations: result.iterations,
    evaluations: result.evaluations,
  };
}
