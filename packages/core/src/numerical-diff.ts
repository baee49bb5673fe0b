/**
 * f'(x) of a scalar function by finite differences.
 */
import { assertFunction } from './arguments.js';
import { describe } from './describe.js';
import { InvalidArgumentError } from './error-classes.js';
import { badResultError, fThrewError, nonFiniteCoordinateError } from './errors.js';
import { AUTO_STEP_HINT, placementError } from './finite-difference.js';
import { NODE_OFFSETS, placeNodes, slopeOf } from './nodes.js';
import { addEvaluations, resolveOptions, type GradientOptions } from './options.js';
import { autoStep, autoStepBase, FLOAT64_EPSILON } from './step.js';

/**
 * The derivative of f at x by a finite difference.
 *
 * central: f'(x) ≈ (f(x+h) − f(x−h)) / 2h, error O(h²);
 * forward: (f(x+h) − f(x)) / h and backward: (f(x) − f(x−h)) / h, error O(h);
 * five-point: (f(x−2h) − 8f(x−h) + 8f(x+h) − f(x+2h)) / 12h, error O(h⁴).
 *
 * `h: 'auto'` takes eps^(1/3)·max(1,|x|) (central), eps^(1/2)·max(1,|x|)
 * (one-sided) or eps^(1/5)·max(1,|x|) (five-point), eps = 2⁻⁵², then rounds it
 * so that x + h is exact (h = (x + h₀) − x). A fixed h is used as given; the
 * default `quotient: 'actual'` divides by the step actually taken,
 * (x+h) − (x−h) as computed (scipy's rule), `quotient: 'nominal'` by the
 * book's 2h. Within a step of ±MAX the nodes go toward the interior (f is
 * never called at ±Infinity).
 *
 * Cost: 2 calls (forward, backward, central) or 4 (five-point); see `options.counter`.
 *
 * @param f - a scalar function
 * @param x - a finite point
 * @param options - h, scheme, counter, stepUnderflow, quotient
 * @returns the approximate derivative f'(x)
 * @throws InvalidArgumentError when f is not a function, x not a number or an option of the wrong type;
 *   ArgumentRangeError for an option out of range; NonFiniteCoordinateError for x = NaN/±Infinity
 * @throws StepUnderflowError, StepOverflowError; FunctionThrewError (cause kept), NonFiniteValueError,
 *   NotANumberError (also for an async f), naming the point
 * @example
 * numericalDiff((x) => 0.01 * x * x + 0.1 * x, 5, { h: 1e-4 }); // → 0.19999999999955592
 * numericalDiff((x) => 0.01 * x * x + 0.1 * x, 5, { h: 1e-4, quotient: 'nominal' }); // → 0.1999999999990898 (the book's)
 */
export function numericalDiff(f: (x: number) => number, x: number, options?: GradientOptions): number {
  const where = 'numericalDiff';
  assertFunction(f, where, '(x: number) => number');
  if (typeof x !== 'number') throw new InvalidArgumentError(`${where}: x must be a number (got ${describe(x)}).`);
  if (x - x !== 0) throw nonFiniteCoordinateError(where, 'x', x);
  const { scheme, h: hOption, counter, stepUnderflow, quotient } = resolveOptions(options, where, []);
  const auto = hOption === 'auto';
  const h = auto ? autoStep(x, autoStepBase(scheme, FLOAT64_EPSILON), false) : hOption;
  const checkStep = stepUnderflow === 'throw' || auto;
  const nominal = quotient === 'nominal';
  const s = new Float64Array(8); // nodes in s[0…3], f at them in s[4…7]
  const status = placeNodes(s, x, h, scheme, false);
  if (status !== 0) {
    const error = placementError(status, where, 'x', h, x, 'float64', scheme, nominal, auto, checkStep);
    if (error !== undefined) throw error;
  }
  const hint = auto ? AUTO_STEP_HINT : undefined;
  let evaluations = 0;
  const at = (point: number): number => {
    let value: unknown;
    try {
      evaluations++;
      value = f(point);
    } catch (error) {
      throw fThrewError(where, `at x=${point}`, error, 'the derivative was not computed', 'x');
    }
    if (typeof value !== 'number' || value - value !== 0) throw badResultError(where, `at x=${point}`, value, 'the derivative was not computed', 'x', hint);
    return value;
  };
  try {
    const center = scheme === 'forward' || scheme === 'backward' ? at(x) : 0;
    const count = NODE_OFFSETS[scheme].length;
    for (let k = 0; k < count; k++) s[4 + k] = at(s[k]!);
    const slope = slopeOf(scheme, s, x, h, center, nominal, status);
    // stepUnderflow 'zero': f's values are finite (checked), so NaN can only be 0/0 from a vanished step
    return !checkStep && slope !== slope ? 0 : slope;
  } finally {
    addEvaluations(counter, evaluations);
  }
}
