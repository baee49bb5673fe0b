/**
 * The asynchronous gradients never hand f the caller's arrays: f receives
 * private copies (contiguous, of the same storage kind), at most
 * `concurrency` of them, one per evaluation in flight; the caller's x is
 * bit-identical afterwards — after success, a throw, a rejection, a
 * non-finite value, an abort — and may even change while the call runs.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { numericalGradient, numericalGradientAsync, numericalGradientsAsync } from '@descent/core';
import { elements, sameBits, snapshot } from '../helpers.js';

const SPECIAL = [-0, 5e-324, -1.5e-310, 1e300, 1, -1, 0.1, 7.25];
const sumOfSines = (v: NdArray): number => elements(v).reduce((s, t) => s + Math.sin(t), 0);
const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('what f receives', () => {
  it('a contiguous copy of the same storage kind, never x; at most `concurrency` copies and evaluations in flight', async () => {
    const data = Float32Array.from({ length: 24 }, (_, i) => i / 5 - 2);
    const x = ndarray(data, [4, 6]).transpose(1, 0).hi(5, 3);
    const seen = new Set<unknown>();
    let inFlight = 0;
    let most = 0;
    const g = await numericalGradientAsync(
      async (v) => {
        expect(v.data).not.toBe(data);
        expect(v.data).toBeInstanceOf(Float32Array);
        expect(v.shape).toEqual([5, 3]);
        expect(v.stride).toEqual([3, 1]);
        seen.add(v.data);
        most = Math.max(most, ++inFlight);
        await wait(1);
        inFlight--;
        return sumOfSines(v);
      },
      x,
      { concurrency: 4 },
    );
    expect(most).toBe(4);
    expect(seen.size).toBe(4);
    // d/dxᵢ Σ sin = cos xᵢ, to the accuracy of float32 central differences (h ≈ 0.005)
    elements(g).forEach((gi, k) => expect(gi).toBeCloseTo(Math.cos(elements(x)[k]!), 4));
  });

  it('the named form gets a private record with every key; plain-array storage stays a plain Array', async () => {
    const params = { W: ndarray([1, 2, 3, 4], [2, 2]), b: ndarray(new Float64Array([0.5]), [1]) };
    const g = await numericalGradientsAsync(
      (p) => {
        expect(p).not.toBe(params);
        expect(Object.keys(p)).toEqual(['W', 'b']);
        expect(Array.isArray(p.W.data)).toBe(true);
        expect(p.W.data).not.toBe(params.W.data);
        expect(p.b.data).not.toBe(params.b.data);
        return p.W.get(0, 1) * p.W.get(1, 0) + p.b.get(0) ** 2;
      },
      params,
    );
    // ∂/∂W01 = W10 = 3, ∂/∂W10 = W01 = 2, ∂/∂b = 2b = 1
    expect(elements(g.W)).toEqual([expect.closeTo(0, 9), expect.closeTo(3, 9), expect.closeTo(2, 9), expect.closeTo(0, 9)]);
    expect(elements(g.b)[0]).toBeCloseTo(1, 9);
  });
});

describe("the caller's x afterwards", () => {
  const cases: [string, (v: NdArray, calls: number) => unknown][] = [
    ['success', (v) => sumOfSines(v)],
    ['a synchronous throw at the 5th call', (v, calls) => {
      if (calls === 5) throw new Error('boom');
      return sumOfSines(v);
    }],
    ['a rejection at the 5th call', (v, calls) => (calls === 5 ? Promise.reject(new Error('boom')) : wait(1).then(() => sumOfSines(v)))],
    ['NaN at the 5th call', (v, calls) => (calls === 5 ? Promise.resolve(NaN) : sumOfSines(v))],
  ];
  for (const [name, body] of cases) {
    it(`is bit-identical after ${name} (−0, subnormals, 1e300), on a step(−1) view`, async () => {
      const data = Float64Array.from(SPECIAL);
      const before = snapshot(data);
      const x = ndarray(data, [8]).step(-1);
      let calls = 0;
      await numericalGradientAsync((v) => body(v, ++calls) as number, x, { concurrency: 3 }).catch(() => undefined);
      expect(sameBits(snapshot(data), before)).toBe(true);
    });
  }

  it('is bit-identical after an abort, and changing x during the call does not change the result', async () => {
    const data = Float64Array.from(SPECIAL.slice(4));
    const x = ndarray(data, [4]);
    const reference = elements(numericalGradient(sumOfSines, x));
    const slow = async (v: NdArray): Promise<number> => {
      await wait(1);
      return sumOfSines(v);
    };
    const running = numericalGradientAsync(slow, x, { concurrency: 2 });
    data[0] = 42; // the values were copied when the call started
    const g = await running;
    data[0] = SPECIAL[4]!;
    expect(sameBits(elements(g), reference)).toBe(true);

    const before = snapshot(data);
    const controller = new AbortController();
    const aborted = numericalGradientAsync(slow, x, { concurrency: 2, signal: controller.signal });
    await wait(2);
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(sameBits(snapshot(data), before)).toBe(true);
  });
});
