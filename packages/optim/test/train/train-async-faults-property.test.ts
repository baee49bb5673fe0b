/**
 * Property (trainAsync = train under faults): a loss, an analytic gradient
 * and a metric that are pure functions of the params and the batch — at
 * points picked by a hash of their bits they throw, return a string or NaN —
 * answered at random (by the same hash) as a plain number, a resolved Promise
 * or a Promise settled on a later tick, with sgd or adam, numerical (central
 * or forward) or analytic gradients, random batch sizes, epochs and
 * concurrency 1–4: with concurrency 1 (or no non-finite value met) trainAsync
 * and train end the same way — the same params bit for bit, history and stop,
 * or the same error (class, code, message up to the function's name: typed
 * for the loss; an analytic gradient's or a metric's own throw as it is, as
 * train lets it through); with more, such an error or finite params. The data keeps its bits; nothing
 * is left unhandled.
 */
import fc from 'fast-check';
import ndarray, { type NdArray } from 'ndarray';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDescentError } from '@descent/core';
import { adam, sgd, train, trainAsync, type Batch, type TrainOptions, type TrainResult } from '@descent/optim';

type P = { w: NdArray; b: NdArray };
const FAULTS = ['none', 'throws', 'returns a string', 'returns NaN'] as const;
type Fault = (typeof FAULTS)[number];

/** A hash of the params' and the batch's bits. */
function hash(p: P, batch: Batch): number {
  const view = new DataView(new ArrayBuffer(8));
  let h = 2166136261;
  const mix = (v: number): void => {
    view.setFloat64(0, v);
    h = Math.imul(h ^ view.getUint32(0), 16777619) ^ view.getUint32(4);
  };
  mix(p.w.get(0));
  mix(p.b.get(0));
  for (let i = 0; i < batch.size; i++) mix(batch.inputs.get(i, 0));
  return h >>> 0;
}

function mse(p: P, batch: Batch): number {
  let sum = 0;
  for (let i = 0; i < batch.size; i++) sum += (p.w.get(0) * batch.inputs.get(i, 0) + p.b.get(0) - batch.targets.get(i)) ** 2;
  return sum / batch.size;
}

function gradientOf(p: P, batch: Batch, grads: P): number {
  let gw = 0;
  let gb = 0;
  for (let i = 0; i < batch.size; i++) {
    const r = p.w.get(0) * batch.inputs.get(i, 0) + p.b.get(0) - batch.targets.get(i);
    gw += (2 * r * batch.inputs.get(i, 0)) / batch.size;
    gb += (2 * r) / batch.size;
  }
  grads.w.set(0, gw);
  grads.b.set(0, gb);
  return mse(p, batch);
}

/** f's answer (before the async wrapping): its value, or the fault where the hash (salted per function) falls in 1/rarity. */
function faulty<A extends unknown[]>(fault: Fault, rarity: number, salt: number, f: (p: P, batch: Batch, ...rest: A) => number) {
  const answer = (p: P, batch: Batch, rest: A): { value: unknown } | { error: Error } => {
    if (fault !== 'none' && (hash(p, batch) ^ salt) % rarity === 0) {
      if (fault === 'throws') return { error: new RangeError('failed on purpose') };
      return { value: fault === 'returns a string' ? '1' : Number.NaN };
    }
    return { value: f(p, batch, ...rest) };
  };
  const sync = (p: P, batch: Batch, ...rest: A): number => {
    const a = answer(p, batch, rest);
    if ('error' in a) throw a.error;
    return a.value as number;
  };
  const later = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
  const async = (p: P, batch: Batch, ...rest: A): number | Promise<number> => {
    const a = answer(p, batch, rest);
    const form = (hash(p, batch) >>> 8) % 3;
    if ('error' in a) return form === 0 ? Promise.reject(a.error) : form === 1 ? later().then(() => Promise.reject(a.error)) : (() => { throw a.error; })();
    return form === 0 ? (a.value as number) : form === 1 ? Promise.resolve(a.value as number) : later().then(() => a.value as number);
  };
  return { sync, async };
}

const unhandled: unknown[] = [];
const listener = (reason: unknown): void => void unhandled.push(reason);
beforeAll(() => void process.on('unhandledRejection', listener));
afterAll(() => void process.off('unhandledRejection', listener));

type Outcome = { result: { params: string[]; history: unknown; stopped: unknown; steps: number } } | { error: Error & { code?: unknown } };
const bitsOf = (r: TrainResult<P>) => ({ params: [r.params.w.get(0), r.params.b.get(0)].map((v) => (Object.is(v, -0) ? '-0' : String(v))), history: r.history, stopped: r.stopped, steps: r.steps });

describe('trainAsync under faults', () => {
  it('ends as train ends (concurrency 1, or nothing non-finite met); else a typed error or finite params', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FAULTS),
        fc.integer({ min: 2, max: 30 }),
        fc.constantFrom('central', 'forward', 'analytic'),
        fc.constantFrom('sgd', 'adam'),
        fc.tuple(fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true })),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        async (fault, rarity, gradientKind, optimizerName, [w0, b0], batchSize, epochs, concurrency, withMetric) => {
          const n = 7;
          const inputs = Float64Array.from({ length: n }, (_, i) => i / 2);
          const targets = Float64Array.from({ length: n }, (_, i) => i + 1);
          const before = [...inputs, ...targets].join(',');
          const loss = faulty(fault, rarity, 0, mse);
          const gradient = faulty(fault, rarity, 0x5bd1e995, gradientOf);
          const metric = faulty(fault, rarity, 0x27d4eb2f, mse);
          const base = (): Omit<TrainOptions<unknown, P>, 'loss'> => ({
            params: { w: ndarray(Float64Array.of(w0)), b: ndarray(Float64Array.of(b0)) },
            data: { inputs: ndarray(inputs, [n, 1]), targets: ndarray(targets, [n]) },
            batchSize,
            epochs,
            optimizer: optimizerName === 'sgd' ? sgd({ lr: 0.05 }) : adam({ lr: 0.1 }),
            seed: 5,
            progress: false,
          });
          const what = `${fault} 1/${rarity} / ${gradientKind} / ${optimizerName} / (${w0}, ${b0}) / batch ${batchSize} / ${epochs} epochs / c${concurrency} / metric ${withMetric}`;
          const outcome = async (run: () => TrainResult<P> | Promise<TrainResult<P>>): Promise<Outcome> => {
            try {
              return { result: bitsOf(await run()) };
            } catch (error) {
              return { error: error as Error };
            }
          };
          const sync = await outcome(() =>
            train<unknown, P>({
              ...base(),
              loss: loss.sync,
              gradient: gradientKind === 'analytic' ? gradient.sync : { scheme: gradientKind as 'central' | 'forward' },
              ...(withMetric ? { metrics: { m: metric.sync } } : {}),
            }),
          );
          const async = await outcome(() =>
            trainAsync<unknown, P>({
              ...base(),
              loss: loss.async,
              gradient: gradientKind === 'analytic' ? gradient.async : { scheme: gradientKind as 'central' | 'forward' },
              ...(withMetric ? { metrics: { m: metric.async } } : {}),
              concurrency,
            }),
          );
          expect([...inputs, ...targets].join(','), what).toBe(before);
          const exact = concurrency === 1 || fault !== 'returns NaN';
          if ('error' in async) {
            // the loss's failures are typed; an analytic gradient's or a metric's own throw reaches the caller as it is (as in train)
            const own = async.error instanceof RangeError && async.error.message === 'failed on purpose';
            expect(isDescentError(async.error) || (own && (gradientKind === 'analytic' || withMetric)), `${what}: ${String(async.error)}`).toBe(true);
            if (!exact) return;
            expect('error' in sync, `${what}: trainAsync rejected with ${String(async.error)}, train returned`).toBe(true);
            const e = (sync as { error: Error & { code?: unknown } }).error;
            expect([async.error.constructor, async.error.code], what).toEqual([e.constructor, e.code]);
            if (concurrency === 1) expect(async.error.message, what).toBe(e.message.replace(/^train: /, 'trainAsync: '));
            return;
          }
          if (exact) {
            expect('error' in sync ? String(sync.error) : undefined, what).toBeUndefined();
            expect(async.result, what).toEqual((sync as { result: unknown }).result);
            return;
          }
          expect(async.result.params.map(Number).every(Number.isFinite), what).toBe(true);
        },
      ),
      { numRuns: 200, seed: 41 },
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(unhandled).toEqual([]);
  });
});
