/**
 * The Hessian from second differences of f: one or two elements of x moved
 * per call, each call checked, the moved elements restored after it.
 */
import type { NdArray } from 'ndarray';
import { badResultError, changedSinceCheckError, fThrewError, stepOverflowError, stepTooSmallError, wroteToPerturbedError } from './errors.js';
import type { EvaluationCounter, ResolvedGradientOptions } from './options.js';
import { elementName, findChanged, type Perturbation } from './perturb-along.js';
import { autoStep, epsilonOf, type Precision } from './step.js';
import type { FloatStorage } from './strided.js';

/** The call site: f with element i at a (and j at b, when j ≥ 0), checked, then both restored. */
interface Calls {
  f: (x: NdArray) => unknown;
  x: NdArray;
  p: Perturbation;
  where: string;
  hint: string | undefined;
  counter: EvaluationCounter;
}

/** Where x stands for messages: unperturbed (i < 0), one or two elements moved. */
function describeAt(p: Perturbation, i: number, a: number, j: number, b: number): string {
  if (i < 0) return 'at the unperturbed x';
  return `when ${elementName('x', p.shape, i)} was perturbed to ${a}${j >= 0 ? ` and ${elementName('x', p.shape, j)} to ${b}` : ''}`;
}

function valueAt(c: Calls, i: number, a: number, j: number, b: number): number {
  const { p, where } = c;
  const data = p.data;
  const pi = i >= 0 ? p.at[i]! : 0;
  const pj = j >= 0 ? p.at[j]! : 0;
  if (i >= 0) data[pi] = a;
  if (j >= 0) data[pj] = b;
  let value: unknown;
  c.counter.evaluations++;
  try {
    value = c.f(c.x);
  } catch (error) {
    throw fThrewError(where, describeAt(p, i, a, j, b), error, 'x has been restored', i < 0 ? undefined : elementName('x', p.shape, i));
  }
  if (typeof value !== 'number' || value - value !== 0) {
    throw badResultError(where, describeAt(p, i, a, j, b), value, 'x has been restored', i < 0 ? undefined : elementName('x', p.shape, i), c.hint);
  }
  if (i >= 0 && data[pi] !== a) throw wroteToPerturbedError(where, elementName('x', p.shape, i), 'x', a, data[pi]);
  if (j >= 0 && data[pj] !== b) throw wroteToPerturbedError(where, elementName('x', p.shape, j), 'x', b, data[pj]);
  if (i >= 0) data[pi] = p.saved[i]!;
  if (j >= 0) data[pj] = p.saved[j]!;
  return value;
}

/** Per element: the step and the nodes x ± h as stored, checked before f is called. */
function stepsOf(p: Perturbation, options: ResolvedGradientOptions, precision: Precision, where: string): { h: Float64Array; up: Float64Array; down: Float64Array } {
  const auto = options.h === 'auto';
  const base = epsilonOf(precision) ** 0.25;
  const checkStep = options.stepUnderflow === 'throw' || auto;
  const h = new Float64Array(p.size);
  const up = new Float64Array(p.size);
  const down = new Float64Array(p.size);
  for (let k = 0; k < p.size; k++) {
    const x = p.saved[k]!;
    const hk = auto ? autoStep(x, base, p.float32) : (options.h as number);
    const plus = p.float32 ? Math.fround(x + hk) : x + hk;
    const minus = p.float32 ? Math.fround(x - hk) : x - hk;
    if (!(plus - plus === 0 && minus - minus === 0)) throw stepOverflowError(where, elementName('x', p.shape, k), hk, x, precision, false, auto);
    if ((plus === x || minus === x) && checkStep) throw stepTooSmallError(where, elementName('x', p.shape, k), hk, x, precision, 'central');
    h[k] = hk;
    up[k] = plus;
    down[k] = minus;
  }
  return { h, up, down };
}

/**
 * Write the Hessian by second differences into `out` (n×n), counting calls
 * into `counter`; x is restored by the caller.
 */
export function hessianBySecondDifferences(
  out: NdArray,
  f: (x: NdArray) => number,
  x: NdArray,
  p: Perturbation,
  options: ResolvedGradientOptions,
  precision: Precision,
  where: string,
  hint: string | undefined,
  counter: EvaluationCounter,
): void {
  const n = p.size;
  if (n === 0) return;
  const { h, up, down } = stepsOf(p, options, precision, where);
  const nominal = options.quotient === 'nominal';
  const calls: Calls = { f, x, p, where, hint, counter };
  const o = out.data as FloatStorage;
  const [s0, s1] = out.stride as [number, number];
  const put = (i: number, j: number, value: number): void => {
    const v = value === value ? value : 0; // stepUnderflow 'zero': a step that moved nothing gives 0/0
    o[out.offset + i * s0 + j * s1] = v;
    o[out.offset + j * s0 + i * s1] = v;
  };
  const f0 = valueAt(calls, -1, 0, -1, 0);
  assertUnchanged(p, where);
  const saved = p.saved;
  for (let i = 0; i < n; i++) {
    const plus = valueAt(calls, i, up[i]!, -1, 0);
    const minus = valueAt(calls, i, down[i]!, -1, 0);
    const a = up[i]! - saved[i]!;
    const b = saved[i]! - down[i]!;
    put(i, i, nominal ? (plus - f0 - (f0 - minus)) / (h[i]! * h[i]!) : (2 * ((plus - f0) / a - (f0 - minus) / b)) / (a + b));
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const pp = valueAt(calls, i, up[i]!, j, up[j]!);
      const pm = valueAt(calls, i, up[i]!, j, down[j]!);
      const mp = valueAt(calls, i, down[i]!, j, up[j]!);
      const mm = valueAt(calls, i, down[i]!, j, down[j]!);
      const denominator = nominal ? 4 * h[i]! * h[j]! : (up[i]! - down[i]!) * (up[j]! - down[j]!);
      put(i, j, (pp - pm - (mp - mm)) / denominator);
    }
  }
  assertUnchanged(p, where);
}

/** Every element holds its saved value (f wrote nowhere); else InputModifiedError. */
function assertUnchanged(p: Perturbation, where: string): void {
  const changed = findChanged(p);
  if (changed >= 0) throw changedSinceCheckError(where, elementName('x', p.shape, changed), 'x', p.data[p.at[changed]!]);
}
