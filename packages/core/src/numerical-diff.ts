/**
 * f'(x) of a scalar function by finite differences.
 */
import { assertFunction } from './arguments.js';
import { describe } from './describe.js';
import { InvalidArgumentError } from './error-classes.js';
import { badResultError, fThrewError, nonFiniteCoordinateError } from './errors.js';
import { AUTO_STEP_HINT, BadPlacement, placementError, planOf, stencilSlope } from './finite-difference.js';
import { addEvaluations, resolveOptions, type GradientOptions } from './options.js';
import { BadValue, Probe } from './probe.js';

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
  const resolved = resolveOptions(options, where, []);
  const plan = planOf(resolved, 'float64', { known: false, value: 0 });
  const box = Float64Array.of(x);
  const probe = Probe.acquire((b: Float64Array) => f(b[0]!), box, box);
  try {
    return stencilSlope(probe, plan, probe.at(0));
  } catch (error) {
    const dirty = probe.dirty;
    const inF = probe.inF;
    probe.restore();
    const point = dirty ? probe.perturbed : x;
    const hint = plan.auto ? AUTO_STEP_HINT : undefined;
    if (error instanceof BadPlacement) {
      throw placementError(error.status, where, 'x', error.h, x, 'float64', error.stencil, plan.nominal, plan.auto, plan.checkStep);
    }
    if (error instanceof BadValue) throw badResultError(where, `at x=${point}`, error.value, 'the derivative was not computed', 'x', hint);
    if (inF) throw fThrewError(where, `at x=${point}`, error, 'the derivative was not computed', 'x');
    throw error;
  } finally {
    addEvaluations(resolved.counter, probe.evaluations);
    Probe.release(probe);
  }
}
