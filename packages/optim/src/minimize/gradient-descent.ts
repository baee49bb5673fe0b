/**
 * The book's `gradient_descent` ("Deep Learning from Scratch", ch. 4): a fixed
 * number of steps x ← x − lr·∇f(x) with a numerical gradient, reported exactly as
 * they happen — no line search (see `minimize` for one). The only guard: a step
 * that would make x non-finite is not taken (the run stops with the last finite x).
 */
import ndarray, { type NdArray } from 'ndarray';
import { FunctionThrewError, InvalidArgumentError, isDescentError, NonFiniteValueError, numericalGradientInto, StepOverflowError, type GradientOptions, type StepUnderflow } from '@descent/core';
import { resolveGradientOption, type NumericalGradientOptions } from '../checks/gradient-option.js';
import { checkNumber, checkOptionKeys } from '../checks/options.js';
import { coreDetail, relabelCoreError } from '../checks/relabel.js';
import type { AnalyticGradient } from './options.js';
import { checkHyperparameter } from '../transforms/hyperparameters.js';
import { checkStartPoint, contiguousCopy } from './start-point.js';
import { coordinateName } from './gradient/difference-kernel.js';

/** The book's learning rate. */
export const DEFAULT_GD_LR = 0.01;
/** The book's number of steps. */
export const DEFAULT_GD_STEP_NUM = 100;
/** The book's formula keeps going when x ± h rounds to x (the quotient is then 0). */
export const DEFAULT_GD_STEP_UNDERFLOW: StepUnderflow = 'zero';

/** Options of `gradientDescent`. */
export interface GradientDescentOptions {
  /** Learning rate: any finite number (a huge one diverges, as the book shows). @default 0.01 */
  lr?: number;
  /** Number of steps: an integer ≥ 0. @default 100 */
  stepNum?: number;
  /**
   * The gradient, in the shape minimize and train take: an analytic
   * `(x, out) => void` writing ∇f(x) into out, or the options of
   * @descent/core's numerical gradient, forwarded whole to
   * `numericalGradientInto` (h, scheme, stepUnderflow, quotient, counter…).
   * The book uses h 1e-4: pass `{ h: 1e-4 }` to reproduce its numbers. Unless
   * set, quotient is 'nominal' (the book's division by 2h) and stepUnderflow
   * is 'zero' (the book's formula gives 0 where x ± h rounds to x, so x
   * freezes; 'throw' makes that a StepUnderflowError).
   * @default { scheme: 'central', h: 'auto', quotient: 'nominal', stepUnderflow: 'zero' }
   */
  gradient?: NumericalGradientOptions | AnalyticGradient;
}

/** Result of `gradientDescent`. */
export interface GradientDescentResult {
  /** The point after `stepNum` steps: a new contiguous Float64 ndarray with the shape of initX. */
  x: NdArray<Float64Array>;
  /**
   * The point before each update, in row-major element order, as plain arrays
   * ready to plot: history[0] is initX, history[k] the point after k steps;
   * length stepNum (the final point is `x`, not in history — as in the book),
   * or the number of steps taken when the run diverged.
   */
  history: number[][];
  /**
   * 'completed' after stepNum steps; 'diverged' when the gradient at x was not
   * finite (or f was not finite next to x, so no numerical gradient exists), or
   * the step would have made x non-finite: that step is not taken, and `x` is
   * the last point reached, which is finite.
   */
  reason: 'completed' | 'diverged';
  /** What happened, in words: 'completed 100 steps', or why and at which step the run stopped. */
  message: string;
}

/**
 * Plain gradient descent, exactly the book's loop:
 *
 *   for i in 0 … stepNum − 1:  history.push(x);  x ← x − lr·∇f(x)
 *
 * ∇f is the analytic gradient when one is given, or core's
 * `numericalGradientInto(g, f, x, { quotient: 'nominal', stepUnderflow: 'zero', ...gradient })`
 * (the book's division by 2h, so its numbers are reproduced bit for bit),
 * written into one buffer allocated per run; f receives gradientDescent's own
 * contiguous Float64 ndarray with the shape of initX. A too-large lr returns the huge point it
 * reached, which is the book's lesson; but a step that would make x non-finite
 * (a gradient of NaN or ±Infinity, an overflow) is not taken, and neither is
 * one where f is not finite next to x: the run stops there with reason
 * 'diverged' and the last (finite) point — never NaN. Use `minimize` for a run
 * that keeps the best point.
 *
 * To keep the book's numbers, core is asked for `stepUnderflow: 'zero'`: once x
 * grows so large that x ± h rounds to x (lr 10 reaches |x| ≈ 1e13 with h 1e-4),
 * the book's formula gives (f(x) − f(x))/2h = 0 there and x freezes; core's
 * default would throw a RangeError instead.
 * @param f the function to minimise, f(x) → number
 * @param initX the starting point: a non-empty float ndarray, any view; never modified
 * @param options lr, stepNum, gradient
 * @returns `{ x, history, reason, message }`
 * @throws TypeError when f is not a function, initX is not an ndarray or has an integer dtype;
 *   RangeError when initX is empty or non-finite, lr is not finite, stepNum is not an integer ≥ 0;
 *   core's typed errors of the numerical gradient (f threw, returned a non-number, or is not finite around initX),
 *   named gradientDescent with the step; FunctionThrewError when the analytic gradient function throws
 *   ("gradientDescent: the gradient function threw at step k: …", cause: its error)
 * @example
 * import ndarray, { type NdArray } from 'ndarray';
 * import { gradientDescent } from '@descent/optim';
 * const f = (x: NdArray) => x.get(0) ** 2 + x.get(1) ** 2;
 * const { x, history, reason } = gradientDescent(f, ndarray(new Float64Array([-3, 4])), { lr: 0.1, stepNum: 100, gradient: { h: 1e-4 } });
 * // x ≈ [−6.1e-10, 8.1e-10]; history.length → 100; history[0] → [−3, 4]; reason → 'completed'
 * gradientDescent(f, ndarray(new Float64Array([-3, 4])), { lr: 1e308 }).reason; // → 'diverged' (the first step would overflow; x stays [−3, 4])
 */
export function gradientDescent<X extends NdArray<Float64Array> = NdArray<Float64Array>>(f: (x: X) => number, initX: NdArray, options?: GradientDescentOptions): GradientDescentResult;
export function gradientDescent(f: (x: NdArray) => number, initX: NdArray, options: GradientDescentOptions = {}): GradientDescentResult {
  if (typeof f !== 'function') {
    throw new InvalidArgumentError(`gradientDescent: f must be a function (x: NdArray) => number, got ${typeof f}.`);
  }
  checkStartPoint('gradientDescent', 'initX', initX);
  for (const key of ['h', 'scheme', 'stepUnderflow'] as const) {
    if (typeof options === 'object' && options !== null && Object.hasOwn(options, key)) {
      throw new InvalidArgumentError(`gradientDescent: ${key} is an option of the numerical gradient; pass it as gradient: { ${key}: … } (the shape minimize and train take).`);
    }
  }
  checkOptionKeys('gradientDescent', options, ['lr', 'stepNum', 'gradient'], '{ lr: 0.1, stepNum: 100, gradient: { h: 1e-4 } }');
  const lr = checkHyperparameter('gradientDescent', 'lr', options.lr ?? DEFAULT_GD_LR, 'finite', 'the default is 0.01');
  const stepNum = checkNumber('gradientDescent', 'stepNum', options.stepNum ?? DEFAULT_GD_STEP_NUM, { min: 0, integer: true }, 'the default is 100');
  // the book's quotient (f(x+h) − f(x−h)) / 2h, not core's default division by the step actually stored
  const bookDefaults: GradientOptions = { stepUnderflow: DEFAULT_GD_STEP_UNDERFLOW, quotient: 'nominal' };
  const source = resolveGradientOption<AnalyticGradient>('gradientDescent', options.gradient, '(x, out) => void writing ∇f(x) into out', bookDefaults, false);
  const gradientOptions: GradientOptions | undefined = source.numerical === undefined ? undefined : { ...source.numerical, scheme: source.scheme as GradientOptions['scheme'] };

  const x = contiguousCopy(initX);
  const data = x.data;
  const grad = ndarray(new Float64Array(x.size), x.shape.slice());
  const g = grad.data;
  const next = new Float64Array(x.size);
  const history: number[][] = [];
  for (let step = 0; step < stepNum; step++) {
    if (source.analytic !== undefined) analyticStep(source.analytic, x, grad, step);
    else {
      const stop = numericalStep(grad, f, x, gradientOptions, step);
      if (stop !== undefined) return { x, history, reason: 'diverged', message: stop };
    }
    const bad = nextPoint(next, data, g, lr);
    if (bad >= 0) {
      const at = coordinateName(bad, x.shape);
      const what = Number.isFinite(g[bad]!) ? `the step would move ${at} to ${next[bad]}; try a smaller lr` : `the gradient at ${at} is ${g[bad]}`;
      return { x, history, reason: 'diverged', message: `diverged at step ${step}: ${what} (x is the point after ${step} steps, finite).` };
    }
    history.push(Array.from(data));
    data.set(next);
  }
  return { x, history, reason: 'completed', message: `completed ${stepNum} steps` };
}

/** The analytic gradient at x into grad; its exception becomes a FunctionThrewError naming gradientDescent and the step (cause: its error). */
function analyticStep(gradient: AnalyticGradient, x: NdArray, grad: NdArray, step: number): void {
  try {
    gradient(x, grad);
  } catch (error) {
    throw new FunctionThrewError(undefined, error, `gradientDescent: the gradient function threw at step ${step}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * next = x − lr·g element by element (the book's update, same bits).
 * @returns the first element that is not finite in next, or −1
 */
function nextPoint(next: Float64Array, data: Float64Array, g: Float64Array, lr: number): number {
  let bad = -1;
  for (let k = 0; k < data.length; k++) {
    const v = data[k]! - lr * g[k]!;
    next[k] = v;
    if (bad < 0 && v - v !== 0) bad = k;
  }
  return bad;
}

/**
 * The numerical gradient at x into grad. Core's errors are reported under
 * gradientDescent's name with the step; after step 0, f not finite next to x
 * (or x ± h overflowing) ends the run as diverged instead.
 * @returns undefined, or the stop message
 */
function numericalStep(grad: NdArray, f: (x: NdArray) => number, x: NdArray, options: GradientOptions | undefined, step: number): string | undefined {
  try {
    numericalGradientInto(grad, f, x, options);
    return undefined;
  } catch (error) {
    if (!isDescentError(error)) throw error;
    if (step > 0 && (error instanceof NonFiniteValueError || error instanceof StepOverflowError)) {
      return `diverged at step ${step}: no numerical gradient at x (${coreDetail(error, 'numericalGradientInto')}); try a smaller lr (x is the point after ${step} steps, finite).`;
    }
    throw relabelCoreError(error, 'numericalGradientInto', 'gradientDescent', `at step ${step}, `);
  }
}
