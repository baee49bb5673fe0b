/**
 * minimizeAsync beside minimize, in the same run:
 *
 * 1. Overhead with a synchronous f: minimizeAsync vs minimize on the extended
 *    Rosenbrock function, n = 20, from (−1.2, 1, …), default options (L-BFGS,
 *    adaptive numerical gradient): the same loop, the same calls of f (the
 *    results are bit-identical); the async driver awaits once per request that
 *    returns a Promise (a numerical gradient), never per call of a synchronous f.
 *    Target ≤ 1.2×.
 * 2. A latency-bound f (every call answers after a 5 ms setTimeout: a remote
 *    service), Rosenbrock n = 10, numerical gradient: minimizeAsync with
 *    concurrency 16 vs concurrency 1. Only a gradient's calls overlap (a line
 *    search is sequential), so the speedup is bounded by the share of gradient
 *    calls (with forward differences, N of every ~N + 2 calls).
 *
 * Method: in each round both contenders run back to back (1: a tinybench Bench
 * of both tasks, mean latency of each; 2: one timed run each), so a round's
 * ratio compares timings taken moments apart; the printed ratio is the median
 * of the per-round ratios (the machine may be shared). Wall times.
 *
 * Run: pnpm --filter @descent/optim bench (or node_modules/.bin/tsx packages/optim/bench/async.bench.ts).
 * ROUNDS=n overrides the number of rounds.
 */
import { loadavg } from 'node:os';
import ndarray, { type NdArray } from 'ndarray';
import { minimize, minimizeAsync, type MinimizeResult } from '@descent/optim';
import { median, pairedRounds } from '../../../scripts/bench-stats.js';

const ROUNDS = Number(process.env.ROUNDS ?? 5);


const verdict = (met: boolean): string => (met ? 'met' : 'NOT met');

/** Σᵢ (1 − xᵢ)² + 100·(xᵢ₊₁ − xᵢ²)². */
function rosenbrock(x: NdArray): number {
  const d = x.data as Float64Array;
  let s = 0;
  for (let i = 0; i + 1 < d.length; i++) s += (1 - d[i]!) ** 2 + 100 * (d[i + 1]! - d[i]! * d[i]!) ** 2;
  return s;
}

const start = (n: number): NdArray => ndarray(Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -1.2 : 1)));

function same(a: MinimizeResult, b: MinimizeResult): boolean {
  return a.evaluations === b.evaluations && a.fun === b.fun && Array.from(a.x.data).every((v, i) => Object.is(v, b.x.data[i]));
}

/** 1. minimizeAsync over minimize, synchronous Rosenbrock n = 20. */
async function syncOverhead(): Promise<void> {
  const n = 20;
  const reference = minimize(rosenbrock, start(n));
  const check = await minimizeAsync(rosenbrock, start(n));
  if (!same(reference, check)) throw new Error('minimizeAsync and minimize differ: the comparison would be meaningless');
  const { first: sync, second: async_, ratios } = await pairedRounds(
    ROUNDS,
    500,
    ['minimize', () => minimize(rosenbrock, start(n))],
    ['minimizeAsync', async () => { await minimizeAsync(rosenbrock, start(n)); }],
  );
  const ratio = median(ratios);
  console.log(`\n1. overhead, synchronous Rosenbrock n = ${n}, default options (${reference.evaluations} calls of f, ${reference.iterations} iterations): ${ROUNDS} rounds of a tinybench Bench (500 ms a task)`);
  console.log(`   minimize ${median(sync).toFixed(3)} ms; minimizeAsync ${median(async_).toFixed(3)} ms`);
  console.log(`   ratio minimizeAsync / minimize: ${ratio.toFixed(3)}× (rounds ${ratios.map((v) => v.toFixed(3)).join(', ')}); target ≤ 1.2×: ${verdict(ratio <= 1.2)}`);
}

/** 2. Rosenbrock n = 10 answering after 5 ms: concurrency 16 vs 1. */
async function latencyBound(): Promise<void> {
  const n = 10;
  let calls = 0;
  const remote = (x: NdArray): Promise<number> => {
    calls++;
    const value = rosenbrock(x);
    return new Promise((resolve) => setTimeout(() => resolve(value), 5));
  };
  const reference = minimize(rosenbrock, start(n));
  const one: number[] = [];
  const sixteen: number[] = [];
  const ratios: number[] = [];
  const rounds = Math.max(1, Math.ceil(ROUNDS / 2));
  for (let r = 0; r < rounds; r++) {
    const times: number[] = [];
    for (const concurrency of [1, 16]) {
      const t = performance.now();
      const result = await minimizeAsync(remote, start(n), { concurrency });
      times.push(performance.now() - t);
      if (!same(result, reference)) throw new Error(`minimizeAsync (concurrency ${concurrency}) differs from minimize`);
    }
    one.push(times[0]!);
    sixteen.push(times[1]!);
    ratios.push(times[0]! / times[1]!);
  }
  const ratio = median(ratios);
  console.log(`\n2. latency-bound f (setTimeout 5 ms a call), Rosenbrock n = ${n}, numerical (adaptive), ${reference.evaluations} calls a run, ${rounds} rounds (${calls} calls in all)`);
  console.log(`   concurrency 1: ${(median(one) / 1000).toFixed(2)} s; concurrency 16: ${(median(sixteen) / 1000).toFixed(2)} s`);
  console.log(`   speedup 16 over 1: ${ratio.toFixed(2)}× (rounds ${ratios.map((v) => v.toFixed(2)).join(', ')})`);
}

console.log(`minimizeAsync benchmarks; load average ${loadavg().map((v) => v.toFixed(1)).join(' ')} (a shared machine: read the side-by-side ratios)`);
await syncOverhead();
await latencyBound();
