/**
 * minimizeAsync drives minimize's own loop: with an async f (and async
 * gradients) giving the same values, every run is bit-identical to minimize's —
 * point, f, ‖∇f‖, counts, reason, message and history — for every optimizer
 * kind, numerical schemes (the adaptive default, central, Richardson), bounds,
 * and any concurrency.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { adam, backtracking, bfgs, lbfgs, minimize, minimizeAsync, type MinimizeOptions, type MinimizeResult } from '@descent/optim';

const rosenbrock = (x: NdArray): number => (1 - x.get(0)) ** 2 + 100 * (x.get(1) - x.get(0) ** 2) ** 2;
const rosenbrockGradient = (x: NdArray, out: NdArray): void => {
  const a = x.get(0);
  const b = x.get(1);
  out.set(0, -2 * (1 - a) - 400 * a * (b - a * a));
  out.set(1, 200 * (b - a * a));
};
/** Answers on a later macrotask half the time, so calls really overlap. */
let tick = 0;
const later = <T>(value: T): Promise<T> => new Promise((resolve) => (tick++ % 2 === 0 ? setTimeout(() => resolve(value), 0) : queueMicrotask(() => resolve(value))));
const asyncRosenbrock = (x: NdArray): Promise<number> => later(rosenbrock(x));

const start = (): NdArray => ndarray(new Float64Array([-1.2, 1]));
const bits = (r: MinimizeResult) => ({ ...r, x: Array.from(r.x.data) });

const cases: [string, MinimizeOptions][] = [
  ['default (L-BFGS, adaptive numerical gradient)', {}],
  ['L-BFGS, analytic gradient', { gradient: rosenbrockGradient }],
  ['L-BFGS, central differences', { gradient: { scheme: 'central' } }],
  ['L-BFGS, Richardson differences', { gradient: { scheme: 'richardson' }, maxIterations: 15 }],
  ['dense BFGS', { optimizer: bfgs() }],
  ['L-BFGS with an Armijo search', { optimizer: lbfgs({ lineSearch: 'armijo' }), maxIterations: 30 }],
  ['backtracking gradient descent', { optimizer: backtracking(), maxIterations: 40 }],
  ['a transform (Adam)', { optimizer: adam({ lr: 0.05 }), maxIterations: 60 }],
  ['bounds (L-BFGS-B), numerical', { bounds: { lower: -2, upper: ndarray(new Float64Array([0.5, 2])) } }],
  ['bounds (L-BFGS-B), analytic', { bounds: { lower: -2, upper: ndarray(new Float64Array([0.5, 2])) }, gradient: rosenbrockGradient }],
  ['a budget that ends the run', { maxEvaluations: 25 }],
  // a fixed variable: its neighbours' differences are one request per coordinate (f called with a copy of the whole point)
  ['bounds with a fixed variable (lower = upper)', { bounds: { lower: ndarray(new Float64Array([-2, 1])), upper: ndarray(new Float64Array([0.5, 1])) } }],
];

describe('minimizeAsync gives minimize’s results bit for bit', () => {
  it.each(cases)('%s', async (_name, options) => {
    const sync = minimize(rosenbrock, start(), { ...options, historyLimit: Infinity, historyPoints: true });
    const asyncGradient = typeof options.gradient === 'function' ? { gradient: (x: NdArray, out: NdArray) => later(rosenbrockGradient(x, out)) } : {};
    for (const concurrency of [1, 3, 16]) {
      const result = await minimizeAsync(asyncRosenbrock, start(), { ...options, ...asyncGradient, historyLimit: Infinity, historyPoints: true, concurrency });
      expect(bits(result)).toEqual(bits(sync));
    }
  });

  it('an f that is synchronous but now and then answers with a Promise mid-gradient: the synchronous pass is undone, same bits and counts', async () => {
    for (const options of [{}, { gradient: { scheme: 'richardson' as const }, maxIterations: 15 }]) {
      const sync = minimize(rosenbrock, start(), { ...options, historyLimit: Infinity });
      let calls = 0;
      const mixed = (x: NdArray): number | Promise<number> => (++calls % 7 === 0 ? later(rosenbrock(x)) : rosenbrock(x));
      const result = await minimizeAsync(mixed, start(), { ...options, historyLimit: Infinity, concurrency: 3 });
      expect(bits(result)).toEqual(bits(sync));
      expect(calls).toBeGreaterThan(result.evaluations); // calls of undone passes were made, but not counted
    }
  });

  it('an f declared (...args) (length 0, e.g. a retry wrapper) is called with the point, same bits', async () => {
    const sync = minimize(rosenbrock, start(), { gradient: { scheme: 'central' } });
    const wrapped = async (...args: [NdArray]): Promise<number> => asyncRosenbrock(...args);
    expect(wrapped.length).toBe(0);
    expect(bits(await minimizeAsync(wrapped, start(), { gradient: { scheme: 'central' }, concurrency: 2 }))).toEqual(bits(sync));
  });

  it('a gradient source object { gradient(x, out, context) } is used like an analytic gradient and told the signal', async () => {
    const signal = new AbortController().signal;
    const seen: (AbortSignal | undefined)[] = [];
    const source = {
      gradient: async (x: NdArray, out: NdArray, context: { signal: AbortSignal | undefined }) => {
        seen.push(context.signal);
        rosenbrockGradient(x, out);
      },
    };
    const result = await minimizeAsync(asyncRosenbrock, start(), { gradient: source, signal });
    expect(bits(result)).toEqual(bits(minimize(rosenbrock, start(), { gradient: rosenbrockGradient, signal })));
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.every((s) => s === signal)).toBe(true);
  });

  it('a synchronous f works too (answered without a Promise per call), with the same result', async () => {
    const result = await minimizeAsync(rosenbrock, start(), { historyLimit: Infinity });
    expect(bits(result)).toEqual(bits(minimize(rosenbrock, start(), { historyLimit: Infinity })));
  });

  it('an f that answers x itself at once but perturbed points with a Promise still gives minimize’s result and counts', async () => {
    // f's unperturbed answers are plain numbers, so each gradient first runs core directly;
    // the first Promise undoes that pass (uncounted) and the gradient is recorded and replayed.
    let base: number[] = [];
    const mixed = (x: NdArray): number | Promise<number> => {
      const perturbed = base.length > 0 && (x.get(0) !== base[0] || x.get(1) !== base[1]);
      if (!perturbed) base = [x.get(0), x.get(1)];
      return perturbed ? later(rosenbrock(x)) : rosenbrock(x);
    };
    const counter = { evaluations: 0 };
    const syncCounter = { evaluations: 0 };
    const result = await minimizeAsync(mixed, start(), { gradient: { scheme: 'central', counter }, historyLimit: Infinity });
    const sync = minimize(rosenbrock, start(), { gradient: { scheme: 'central', counter: syncCounter }, historyLimit: Infinity });
    expect(bits(result)).toEqual(bits(sync));
    expect(counter.evaluations).toBe(syncCounter.evaluations);
  });

  it('never modifies x0, a strided view', async () => {
    const storage = new Float64Array([9, -1.2, 9, 1, 9]);
    const x0 = ndarray(storage, [2], [2], 1);
    const result = await minimizeAsync(asyncRosenbrock, x0);
    expect(Array.from(storage)).toEqual([9, -1.2, 9, 1, 9]);
    expect(bits(result)).toEqual(bits(minimize(rosenbrock, start())));
  });
});
