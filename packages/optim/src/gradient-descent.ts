/**
 * The book's `gradient_descent` ("Deep Learning from Scratch", ch. 4): a fixed
 * number of steps x ← x − lr·∇f(x) with a numerical gradient, reported exactly as
 * they happen — no line search, no divergence guard (see `minimize` for those).
 */
import ndarray, { type NdArray } from 'ndarray';
import ops from 'ndarray-ops';
import { numericalGradient, type GradientOptions } from '@descent/core';
import { checkHyperparameter } from './hyperparameters.js';
import { checkStartPoint, contiguousCopy } from './start-point.js';

/** The book's learning rate. */
export const DEFAULT_GD_LR = 0.01;
/** The book's number of steps. */
export const DEFAULT_GD_STEP_NUM = 100;

/** Options of `gradientDescent`. */
export interface GradientDescentOptions {
  /** Learning rate: any finite number (a huge one diverges, as the book shows). @default 0.01 */
  lr?: number;
  /** Number of steps: an integer ≥ 0. @default 100 */
  stepNum?: number;
  /**
   * Finite-difference step, passed to core's `numericalGradient`; the book uses 1e-4
   * (pass it to reproduce the book's numbers). @default core's default ('auto')
   */
  h?: GradientOptions['h'];
  /** Difference formula, passed to core's `numericalGradient`. @default core's default ('central') */
  scheme?: GradientOptions['scheme'];
}

/** Result of `gradientDescent`. */
export interface GradientDescentResult {
  /** The point after `stepNum` steps: a new contiguous Float64 ndarray with the shape of initX. */
  x: NdArray<Float64Array>;
  /**
   * The point before each update, in row-major element order, as plain arrays
   * ready to plot: history[0] is initX, history[k] the point after k steps;
   * length stepNum (the final point is `x`, not in history — as in the book).
   */
  history: number[][];
}

/**
 * Plain gradient descent, exactly the book's loop:
 *
 *   for i in 0 … stepNum − 1:  history.push(x);  x ← x − lr·∇f(x)
 *
 * ∇f is core's `numericalGradient(f, x, { h, scheme })`, evaluated on the
 * current point (f receives a contiguous Float64 ndarray with the shape of initX).
 * Nothing is checked between steps: a too-large lr returns the huge point it
 * reached, which is the book's lesson; use `minimize` for a run that stops and
 * keeps the best point.
 *
 * One exception keeps the book's numbers: once x grows so large that x ± h rounds
 * to x at some element (lr 10 reaches |x| ≈ 1e13 with h 1e-4), core's
 * numericalGradient refuses the step with a RangeError, while the book keeps
 * going with the degenerate differences (f(x+h) − f(x−h))/(2h) — usually 0, so
 * x freezes. For the central scheme with a numeric h, gradientDescent then
 * evaluates exactly the book's formula itself, to report what the book does.
 * @param f the function to minimise, f(x) → number
 * @param initX the starting point: a non-empty float ndarray, any view; never modified
 * @param options lr, stepNum, h, scheme
 * @returns `{ x, history }`
 * @throws TypeError when f is not a function, initX is not an ndarray or has an integer dtype;
 *   RangeError when initX is empty or non-finite, lr is not finite, stepNum is not an integer ≥ 0
 * @example
 * import ndarray, { type NdArray } from 'ndarray';
 * import { gradientDescent } from '@descent/optim';
 * const f = (x: NdArray) => x.get(0) ** 2 + x.get(1) ** 2;
 * const { x, history } = gradientDescent(f, ndarray(new Float64Array([-3, 4])), { lr: 0.1, stepNum: 100, h: 1e-4 });
 * // x ≈ [−6.1e-10, 8.1e-10]; history.length = 100, history[0] = [−3, 4]
 */
export function gradientDescent(f: (x: NdArray) => number, initX: NdArray, options: GradientDescentOptions = {}): GradientDescentResult {
  if (typeof f !== 'function') {
    throw new TypeError(`gradientDescent: f must be a function (x: NdArray) => number, got ${typeof f}.`);
  }
  checkStartPoint('gradientDescent', 'initX', initX);
  const lr = checkHyperparameter('gradientDescent', 'lr', options.lr ?? DEFAULT_GD_LR, 'finite', 'the default is 0.01');
  const stepNum = options.stepNum ?? DEFAULT_GD_STEP_NUM;
  if (typeof stepNum !== 'number' || !Number.isInteger(stepNum) || stepNum < 0) {
    throw new RangeError(`gradientDescent: stepNum must be an integer ≥ 0, got ${String(stepNum)}; the default is 100.`);
  }
  const gradientOptions: GradientOptions = {};
  if (options.h !== undefined) gradientOptions.h = options.h;
  if (options.scheme !== undefined) gradientOptions.scheme = options.scheme;

  const x = contiguousCopy(initX);
  const data = x.data;
  const grad = ndarray(new Float64Array(x.size), x.shape.slice());
  const g = grad.data;
  const history: number[][] = [];
  const h = options.h;
  const bookFallback = typeof h === 'number' && (options.scheme ?? 'central') === 'central';
  for (let step = 0; step < stepNum; step++) {
    history.push(Array.from(data));
    if (bookFallback && stepBelowSpacing(data, h)) bookCentralGradientInto(g, f, x, h);
    else ops.assign(grad, numericalGradient(f, x, gradientOptions));
    for (let k = 0; k < data.length; k++) data[k] = data[k]! - lr * g[k]!;
  }
  return { x, history };
}

/** True when x_k + h or x_k − h rounds to x_k for some element (core's numericalGradient rejects such a step). */
function stepBelowSpacing(data: Float64Array, h: number): boolean {
  for (let k = 0; k < data.length; k++) {
    const value = data[k]!;
    if (value + h === value || value - h === value) return true;
  }
  return false;
}

/**
 * The book's numerical_gradient, verbatim: g_k = (f(x + h·e_k) − f(x − h·e_k)) / (2h),
 * each element restored afterwards. `x` is gradientDescent's contiguous buffer.
 */
function bookCentralGradientInto(g: Float64Array, f: (x: NdArray) => number, x: NdArray<Float64Array>, h: number): void {
  const data = x.data;
  for (let k = 0; k < data.length; k++) {
    const old = data[k]!;
    try {
      data[k] = old + h;
      const up = f(x);
      data[k] = old - h;
      const down = f(x);
      g[k] = (up - down) / (2 * h);
    } finally {
      data[k] = old;
    }
  }
}
