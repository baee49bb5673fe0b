/**
 * f'(x) of a scalar function by finite differences.
 */
import { badResultError, fThrewError, nonFiniteCoordinateError, stepTooSmallError } from './errors.js';
import { assertFunction } from './numerical-gradient.js';
import { resolveOptions, type GradientOptions } from './options.js';
import { autoStepBase, FLOAT64_EPSILON, representableStep } from './step.js';

/**
 * The derivative of f at x by a finite difference.
 *
 * central: f'(x) ≈ (f(x+h) − f(x−h)) / 2h, error O(h²);
 * forward: (f(x+h) − f(x)) / h and backward: (f(x) − f(x−h)) / h, error O(h);
 * five-point: (f(x−2h) − 8f(x−h) + 8f(x+h) − f(x+2h)) / 12h, error O(h⁴).
 *
 * `h: 'auto'` takes eps^(1/3)·max(1,|x|) (central), eps^(1/2)·max(1,|x|)
 * (one-sided) or eps^(1/5)·max(1,|x|) (five-point), eps = 2⁻⁵², then rounds it
 * so that x + h is exact (h = (x + h₀) − x). A fixed h is used as given: the
 * quotient divides by the nominal step, as the book does.
 *
 * Cost: 2 calls (forward, backward, central) or 4 (five-point); see `options.counter`.
 *
 * @param f - a scalar function
 * @param x - a finite point
 * @param options - h, scheme, counter
 * @returns the approximate derivative f'(x)
 * @throws TypeError when f is not a function or returns a non-number; RangeError for a bad h, scheme or x
 * @throws Error when f throws (cause kept) or returns NaN/±Infinity, naming the point
 * @example
 * numericalDiff((x) => 0.01 * x * x + 0.1 * x, 5, { h: 1e-4 }); // → 0.1999999999990898
 */
export function numericalDiff(f: (x: number) => number, x: number, options?: GradientOptions): number {
  const where = 'numericalDiff';
  assertFunction(f, where, '(x: number) => number');
  if (typeof x !== 'number' || x - x !== 0) {
    if (typeof x !== 'number') throw new TypeError(`${where}: x must be a number (got ${typeof x}).`);
    throw nonFiniteCoordinateError(where, 'x', x);
  }
  const { scheme, h: hOption, counter, stepUnderflow } = resolveOptions(options, where);
  const h = hOption === 'auto' ? representableStep(x, autoStepBase(scheme, FLOAT64_EPSILON) * Math.max(1, Math.abs(x)), false) : hOption;
  const lowest = scheme === 'five-point' ? x - 2 * h : x - h;
  if (stepUnderflow === 'throw' && (x + h === x || lowest === x || (scheme === 'five-point' && x - h === x))) throw stepTooSmallError(where, 'x', h, x, 'float64');

  let evaluations = 0;
  const at = (point: number): number => {
    let value: unknown;
    try {
      evaluations++;
      value = f(point);
    } catch (error) {
      throw fThrewError(where, `at x=${point}`, error, 'the derivative was not computed', 'x');
    }
    if (typeof value !== 'number' || value - value !== 0) throw badResultError(where, `at x=${point}`, value, 'the derivative was not computed', 'x');
    return value;
  };
  try {
    switch (scheme) {
      case 'central':
        return (at(x + h) - at(x - h)) / (2 * h);
      case 'forward':
        return (at(x + h) - at(x)) / h;
      case 'backward':
        return (at(x) - at(x - h)) / h;
      case 'five-point': {
        const fm2 = at(x - 2 * h);
        const fm1 = at(x - h);
        const fp1 = at(x + h);
        const fp2 = at(x + 2 * h);
        // differences first: exactly 0 when all four values are equal (a vanished step)
        return (fm2 - fp2 + 8 * (fp1 - fm1)) / (12 * h);
      }
      default:
        throw new RangeError(`${where}: unknown scheme ${String(scheme satisfies never)}.`);
    }
  } finally {
    if (counter !== undefined) counter.evaluations += evaluations;
  }
}
