/**
 * The asynchronous gradient and the worker pool, each beside its baseline in
 * the same run (issue 9's benchmarks 1–3; the fourth, the book's chapter-4
 * workload, is examples/bench/pool.bench.ts):
 *
 * 1. Async overhead: numericalGradientAsync with a synchronous Σ x² (N = 1000,
 *    concurrency 1) vs numericalGradient on the same f and x. Target ≤ 1.2×.
 * 2. Latency-bound f (a 5 ms setTimeout per call, N = 50): concurrency 16 vs
 *    concurrency 1. Target ≥ 12× faster.
 * 3. CPU-bound f (~1 ms of arithmetic per call, calibrated here; N = 400): the
 *    pool (@descent/core/pool) with 1…os.availableParallelism() workers vs the
 *    in-process numericalGradient of the same function. Target: 2 workers
 *    ≥ 1.8× faster (on a 2-core machine).
 *
 * Method: in each round every contender runs back to back (1: a tinybench
 * Bench of both tasks, mean latency of each; 2 and 3: one timed call each), so
 * a round's ratio compares timings taken moments apart; the printed ratio is
 * the median of the per-round ratios (the machine may be shared). Wall times.
 *
 * Run: pnpm --filter @descent/core bench (or node_modules/.bin/tsx packages/core/bench/async.bench.ts)
 * ROUNDS=n overrides the number of rounds.
 */
import { availableParallelism, loadavg } from 'node:os';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { numericalGradient, numericalGradientAsync } from '@descent/core';
import { createGradientPool, type GradientPool } from '@descent/core/pool';
import { cpuLoss, type CpuLossContext } from './cpu-loss.js';
import { median, pairedRounds, quantile } from '../../../scripts/bench-stats.js';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const H = 1e-4;


async function ms(run: () => unknown): Promise<number> {
  const t = performance.now();
  await run();
  return performance.now() - t;
}

const verdict = (met: boolean): string => (met ? 'met' : 'NOT met');

/** 1. numericalGradientAsync (concurrency 1) over numericalGradient, synchronous Σ x², N = 1000. */
async function asyncOverhead(): Promise<void> {
  const n = 1000;
  const x = ndarray(Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 2), [n]);
  const f = (v: NdArray): number => {
    let s = 0;
    for (let i = 0; i < v.shape[0]!; i++) {
      const t = v.get(i);
      s += t * t;
    }
    return s;
  };
  const options = { h: H };
  const { first: sync, second: async_, ratios } = await pairedRounds(
    ROUNDS,
    300,
    ['numericalGradient', () => numericalGradient(f, x, options)],
    ['numericalGradientAsync, concurrency 1', async () => { await numericalGradientAsync(f, x, options); }],
  );
  const ratio = median(ratios);
  console.log(`\n1. async overhead, synchronous Σ x², N = 1000, central, h = ${H}: ${ROUNDS} rounds of a tinybench Bench (300 ms a task)`);
  console.log(`   numericalGradient ${median(sync).toFixed(3)} ms; numericalGradientAsync (concurrency 1) ${median(async_).toFixed(3)} ms`);
  console.log(`   ratio async / sync: ${ratio.toFixed(3)}× (quartiles ${quantile(ratios, 0.25).toFixed(3)}–${quantile(ratios, 0.75).toFixed(3)}); target ≤ 1.2×: ${verdict(ratio <= 1.2)}`);
}

/** 2. A 5 ms latency per call, N = 50: concurrency 16 vs 1. */
async function latencyBound(): Promise<void> {
  const n = 50;
  const x = ndarray(Float64Array.from({ length: n }, (_, i) => i / 10), [n]);
  const f = (v: NdArray): Promise<number> => {
    const data = v.data as Float64Array;
    let s = 0;
    for (let i = 0; i < data.length; i++) s += data[i]! * data[i]!;
    return new Promise((resolve) => setTimeout(() => resolve(s), 5));
  };
  const one: number[] = [];
  const sixteen: number[] = [];
  const ratios: number[] = [];
  await numericalGradientAsync(f, x, { h: H, concurrency: 16 }); // warm-up
  for (let r = 0; r < ROUNDS; r++) {
    const a = await ms(() => numericalGradientAsync(f, x, { h: H, concurrency: 1 }));
    const b = await ms(() => numericalGradientAsync(f, x, { h: H, concurrency: 16 }));
    one.push(a);
    sixteen.push(b);
    ratios.push(a / b);
  }
  const ratio = median(ratios);
  console.log(`\n2. latency-bound f (setTimeout 5 ms), N = 50 (100 calls), ${ROUNDS} rounds`);
  console.log(`   concurrency 1: ${median(one).toFixed(1)} ms; concurrency 16: ${median(sixteen).toFixed(1)} ms`);
  console.log(`   speedup 16 over 1: ${ratio.toFixed(2)}× (quartiles ${quantile(ratios, 0.25).toFixed(2)}–${quantile(ratios, 0.75).toFixed(2)}); target ≥ 12×: ${verdict(ratio >= 12)}`);
}

/** Rounds of cpuLoss's recurrence that take about `targetMs` per call here (re-measured once the code is optimized). */
function calibrate(x: NdArray, targetMs: number): number {
  let rounds = 1000;
  for (let attempt = 0; attempt < 20; attempt++) {
    const calls = 30;
    const t = performance.now();
    for (let k = 0; k < calls; k++) cpuLoss(x, { rounds });
    const per = (performance.now() - t) / calls;
    const next = Math.max(1, Math.round((rounds * targetMs) / per));
    if (attempt >= 3 && Math.abs(per / targetMs - 1) < 0.15) return rounds;
    rounds = next;
  }
  return rounds;
}

/** 3. CPU-bound f (~1 ms a call), N = 400: pools of 1…availableParallelism() workers vs in process. */
async function cpuBound(): Promise<void> {
  const n = 400;
  const x = ndarray(Float64Array.from({ length: n }, (_, i) => Math.cos(i)), [n]);
  const context: CpuLossContext = { rounds: calibrate(x, 1) };
  const most = Math.max(2, availableParallelism());
  const sizes = Array.from({ length: most }, (_, i) => i + 1);
  const module = new URL('./cpu-loss.ts', import.meta.url);
  const pools = new Map<number, GradientPool<CpuLossContext>>();
  try {
    for (const w of sizes) {
      const pool = createGradientPool<CpuLossContext>({ module, export: 'cpuLoss', workers: w });
      pools.set(w, pool);
      await pool.gradient(x, { h: H, context }); // starts the threads and warms them up
    }
    const reference = numericalGradient((v) => cpuLoss(v, context), x, { h: H });
    const same = ((await pools.get(2)!.gradient(x, { h: H, context })).data as Float64Array).every((v: number, i: number) => Object.is(v, reference.get(i)));
    const inProcess: number[] = [];
    const times = new Map<number, number[]>(sizes.map((w) => [w, []]));
    const cores = new Map<number, number[]>(sizes.map((w) => [w, []]));
    const speedups = new Map<number, number[]>(sizes.map((w) => [w, []]));
    const rounds = Math.max(3, Math.ceil(ROUNDS / 2));
    for (let r = 0; r < rounds; r++) {
      const base = await ms(() => numericalGradient((v) => cpuLoss(v, context), x, { h: H }));
      inProcess.push(base);
      for (const w of sizes) {
        const { wall, cores: c } = await busy(() => pools.get(w)!.gradient(x, { h: H, context }));
        times.get(w)!.push(wall);
        cores.get(w)!.push(c);
        speedups.get(w)!.push(base / wall);
      }
    }
    console.log(`\n3. CPU-bound f (calibrated to 1 ms of arithmetic a call; ${(median(inProcess) / (2 * n)).toFixed(2)} ms a call in process here), N = 400 (800 calls), ${rounds} rounds; availableParallelism() = ${availableParallelism()}`);
    console.log(`   in process (numericalGradient): ${median(inProcess).toFixed(0)} ms; load average ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);
    console.log('   (cores busy = process CPU time, worker threads included, / wall time: below the worker count means the threads waited for a core)');
    for (const w of sizes) {
      const s = speedups.get(w)!;
      console.log(`   pool, ${w} worker${w === 1 ? ' ' : 's'}: ${median(times.get(w)!).toFixed(0)} ms, speedup ${median(s).toFixed(2)}× (quartiles ${quantile(s, 0.25).toFixed(2)}–${quantile(s, 0.75).toFixed(2)}), cores busy ${median(cores.get(w)!).toFixed(2)}`);
    }
    const two = median(speedups.get(2)!);
    console.log(`   2 workers vs in process: ${two.toFixed(2)}×; target ≥ 1.8×: ${verdict(two >= 1.8)}; pool gradient bit-identical to numericalGradient: ${same}`);
  } finally {
    await Promise.all([...pools.values()].map((p) => p.close()));
  }
}

/** Wall ms of run, and the cores it kept busy on average (process CPU time, worker threads included, over wall time). */
async function busy(run: () => unknown): Promise<{ wall: number; cores: number }> {
  const cpu = process.cpuUsage();
  const wall = await ms(run);
  const used = process.cpuUsage(cpu);
  return { wall, cores: (used.user + used.system) / 1000 / wall };
}


console.log(`async gradient and pool benchmarks; load average ${loadavg().map((v) => v.toFixed(1)).join(' ')} (a shared machine: read the side-by-side ratios)`);
await asyncOverhead();
await latencyBound();
await cpuBound();
