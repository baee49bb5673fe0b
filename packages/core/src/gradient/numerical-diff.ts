/**
 * f'(x) of a scalar function by finite differences.
 */
import { assertFunction } from '../options/arguments.js';
import { fitToBounds, scalarBounds, type Fit } from '../kernel/bounds.js';
import { describe } from '../errors/describe.js';
import { InvalidArgumentError } from '../errors/error-classes.js';
import { badResultError, fThrewError, nonFiniteCoordinateError } from '../kernel/errors.js';
import { AUTO_STEP_HINT, placementError, planOf, stencilSlope } from '../kernel/coordinate.js';
import { addEvaluations, resolveOptions, type GradientOptions, type ResolvedGradientOptions } from '../options/options.js';
import { BadPlacement, BadValue, Probe } from '../kernel/probe.js';
import { richardsonSlope, type RichardsonReport } from '../richardson/richardson.js';
import { STENCILS } from '../kernel/stencil.js';
import { autoStep, type FixedScheme } from '../kernel/step.js';

/**
 * The derivative of f at x by a finite difference.
 *
 * central: f'(x) ≈ (f(x+h) − f(x−h)) / 2h, error O(h²);
 * forward: (f(x+h) − f(x)) / h and backward: (f(x) − f(x−h)) / h, error O(h);
 * five-point: (f(x−2h) − 8f(x−h) + 8f(x+h) − f(x+2h)) / 12h, error O(h⁴);
 * richardson: central differences at halving steps, extrapolated to the
 * rounding floor (see `derivative` for its error estimate and status).
 *
 * `h: 'auto'` takes eps^(1/3)·max(1,|x|) (central), eps^(1/2)·max(1,|x|)
 * (one-sided) or eps^(1/5)·max(1,|x|) (five-point), eps = 2⁻⁵², then rounds it
 * so that x + h is exact (h = (x + h₀) − x); richardson starts at 0.5. A
 * fixed h is used as given; the default `quotient: 'actual'` divides by the
 * step actually taken, (x+h) − (x−h) as computed (scipy's rule),
 * `quotient: 'nominal'` by the book's 2h. Within a step of ±MAX the nodes go
 * toward the interior (f is never called at ±Infinity); within `bounds`
 * (numbers) the formula turns one-sided next to a bound.
 *
 * Cost: 2 calls (forward, backward, central; 1 with `f0`), 4 (five-point),
 * about 7–13 (richardson); see `options.counter`.
 *
 * @param f - a scalar function
 * @param x - a finite point
 * @param options - h, scheme, counter, stepUnderflow, quotient, f0, bounds, richardson
 * @returns the approximate derivative f'(x)
 * @throws InvalidArgumentError when f is not a function, x not a number or an option of the wrong type;
 *   ArgumentRangeError for an option out of range or x outside its bounds; NonFiniteCoordinateError for x = NaN/±Infinity
 * @throws StepUnderflowError, StepOverflowError; FunctionThrewError (cause kept), NonFiniteValueError,
 *   NotANumberError (also for an async f), naming the point
 * @example
 * numericalDiff((x) => 0.01 * x * x + 0.1 * x, 5, { h: 1e-4 }); // → 0.19999999999955592
 * numericalDiff((x) => 0.01 * x * x + 0.1 * x, 5, { h: 1e-4, quotient: 'nominal' }); // → 0.1999999999990898 (the book's)
 * numericalDiff(Math.exp, 1, { scheme: 'richardson' }); // ≈ 2.71828182845905 (e, to 1e-14)
 */
export function numericalDiff(f: (x: number) => number, x: number, options?: GradientOptions): number {
  const where = 'numericalDiff';
  const resolved = checkScalar(f, x, options, where);
  return differentiateScalar(f, x, resolved, where, REPORT).value;
}

const REPORT: RichardsonReport = { error: 0, status: 'converged' };
const FIT: Fit = { stencil: STENCILS.central, h: 0 };

/** f, x and the options of a scalar derivative, checked before f is called. */
export function checkScalar(f: unknown, x: unknown, options: GradientOptions | undefined, where: string): ResolvedGradientOptions {
  assertFunction(f, where, '(x: number) => number');
  if (typeof x !== 'number') throw new InvalidArgumentError(`${where}: x must be a number (got ${describe(x)}).`);
  if (x - x !== 0) throw nonFiniteCoordinateError(where, 'x', x);
  return resolveOptions(options, where, []);
}

/**
 * The derivative of a scalar f at x by the resolved options' scheme: the
 * stencil kernel (stencilSlope) or Richardson (richardsonSlope, its error and
 * status into `report`) on a one-element box, f called through the same
 * probe as every gradient. Errors are named after x (`at x=1.5`).
 *
 * @returns the value and the calls of f made
 */
export function differentiateScalar(
  f: (x: number) => number,
  x: number,
  resolved: ResolvedGradientOptions,
  where: string,
  report: RichardsonReport,
): { value: number; evaluations: number } {
  const [lo, hi] = scalarBounds(resolved.bounds, x, where);
  const plan = planOf(resolved, 'float64', { known: resolved.f0 !== undefined, value: resolved.f0 ?? 0 });
  const box = Float64Array.of(x);
  const probe = Probe.acquire((b: Float64Array) => f(b[0]!), box, box);
  let evaluations = 0;
  try {
    const old = probe.at(0);
    let value: number;
    if (resolved.scheme === 'richardson') value = richardsonSlope(probe, plan, old, lo, hi, report);
    else if (lo === -Infinity && hi === Infinity) value = stencilSlope(probe, plan, old);
    else {
      fitToBounds(FIT, resolved.scheme as FixedScheme, plan.stencil, old, plan.auto ? autoStep(old, plan.base, false) : plan.fixedH, lo, hi, false);
      value = stencilSlope(probe, plan, old, FIT.stencil, FIT.h, lo, hi);
    }
    evaluations = probe.evaluations;
    return { value, evaluations };
  } catch (error) {
    evaluations = probe.evaluations;
    throw scalarFailure(error, probe, x, where, plan.auto, plan.nominal, plan.checkStep);
  } finally {
    addEvaluations(resolved.counter, evaluations);
    Probe.release(probe);
  }
}

/** The typed error for a scalar derivative, naming the point f was called at. */
function scalarFailure(error: unknown, probe: Probe, x: number, where: string, auto: boolean, nominal: boolean, checkStep: boolean): unknown {
  const dirty = probe.dirty;
  const inF = probe.inF;
  probe.restore();
  const point = dirty ? probe.perturbed : x;
  if (error instanceof BadPlacement) {
    return placementError(error.status, where, 'x', error.h, x, 'float64', error.stencil, nominal, auto, checkStep);
  }
  if (error instanceof BadValue) {
    const at = dirty ? error.node : x;
    return badResultError(where, `at x=${at}`, error.value, 'the derivative was not computed', 'x', auto ? AUTO_STEP_HINT : undefined);
  }
  if (inF) return fThrewError(where, `at x=${point}`, error, 'the derivative was not computed', 'x');
  return error;
}
