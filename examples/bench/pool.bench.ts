/**
 * The book's chapter-4 workload on a worker pool (issue 9, benchmark 4): the
 * numerical gradient of TwoLayerNet(784, 50, 10)'s loss on a batch of 100
 * MNIST digits over all 39,760 weights (79,520 losses, central differences,
 * h = 1e-4 divided by 2h as the book does), side by side in one run:
 *
 * - in process, chapter4Gradient (IncrementalLoss restricted to one W1 column
 *   at a time: the examples' fastest single-thread gradient);
 * - in process, numericalGradient of the pool's own loss (lib/net-loss.ts, the
 *   same IncrementalLoss and scopes): the pool's per-loss work on one thread;
 * - @descent/core/pool with os.availableParallelism() workers on that loss;
 * - the book's numpy numerical_gradient (examples/lib/numpy-side.ts) on the
 *   same digits and weights, one BLAS thread (and numpy's default threads,
 *   in the first round only: it is the slow one on a loaded machine), when
 *   python3 with numpy is present ("skipped: no numpy" otherwise).
 *
 * Default (sample) mode: every side differentiates the same weights — W1's
 * first SAMPLE_ROWS rows and all of b1, W2, b2 — and the full gradient is
 * extrapolated: ours as t(W1 rows) × 784 / SAMPLE_ROWS + t(b1, W2, b2) (a W1
 * weight costs more than an output-layer one under IncrementalLoss); numpy's
 * by weight count (its every loss is the same full forward pass). Measured in
 * ROUNDS rounds, each running every side back to back; ratios are the
 * medians of per-round ratios. "cores busy" is the process's CPU time (worker
 * threads included) over the wall time of the pool's calls: below the worker
 * count, the threads waited for a core (a shared machine). Full mode
 * (CH4_FULL=1): all 39,760 weights, one round, nothing extrapolated (minutes).
 *
 *   pnpm --filter @descent/examples bench   (or: node_modules/.bin/tsx examples/bench/pool.bench.ts)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import ndarray, { type NdArray } from 'ndarray';
import { numericalGradient } from '@descent/core';
import { chapter4Gradient } from '../lib/chapter4-gradient.js';
import { createNetLossPool, flatWeights, netLayout, netLossContext, range, w1ColumnOrder } from '../lib/chapter4-pool.js';
import { loadDigits } from '../lib/digits-data.js';
import { netLoss } from '../lib/net-loss.js';
import { numpyVersion, runNumpy, writeInputs } from '../lib/numpy-side.js';
import { TwoLayerNet } from '../lib/two-layer-net.js';
import { median } from '../../scripts/bench-stats.js';

const [M, I, H, O] = [100, 784, 50, 10];
const FULL = process.env.CH4_FULL === '1';
const SAMPLE_ROWS = FULL ? I : 40;
const ROUNDS = FULL ? 1 : Number(process.env.ROUNDS ?? 3);
const OPTIONS = { h: 1e-4, quotient: 'nominal' as const };
const WORKERS = availableParallelism();


async function seconds(run: () => unknown): Promise<number> {
  const t = performance.now();
  await run();
  return (performance.now() - t) / 1000;
}

const { train } = loadDigits();
const x = ndarray((train.inputs.data as Float64Array).slice(0, M * I), [M, I]);
const t = ndarray((train.targets.data as Float64Array).slice(0, M), [M]);
const net = new TwoLayerNet(I, H, O);
const { W1, b1, W2, b2 } = net.params;
const weights = flatWeights(net);
/** Where each array of the network starts in `weights`. */
const START = netLayout(I, H, O);
const total = START.total;

/** The two parts every side differentiates: W1's first SAMPLE_ROWS rows, and b1, W2, b2. */
const parts = [
  // W1's weights column by column: a worker's consecutive coordinates feed one hidden column (lib/net-loss.ts)
  { name: 'W1 rows', indices: w1ColumnOrder(SAMPLE_ROWS, H), params: { W1: W1.hi(SAMPLE_ROWS, H) } as Record<string, NdArray>, scale: I / SAMPLE_ROWS },
  { name: 'b1, W2, b2', indices: range(START.b1, total), params: { b1, W2, b2 } as Record<string, NdArray>, scale: 1 },
].map((p) => ({
  ...p,
  context: netLossContext(net, x, t, weights, p.indices),
  w: ndarray(Float64Array.from(p.indices, (i) => weights[i]!), [p.indices.length]),
}));
const sampled = parts.reduce((n, p) => n + p.indices.length, 0);
/** A full-gradient time from the two parts' times. */
const extrapolate = (times: number[]): number => times.reduce((s, v, i) => s + v * parts[i]!.scale, 0);

const version = numpyVersion();
let folder: string | null = null;
if (version !== null) {
  folder = mkdtempSync(join(tmpdir(), 'descent-pool-bench-'));
  writeInputs(folder, { x: x.data as Float64Array, t: t.data as Float64Array, W1: W1.data as Float64Array, b1: b1.data as Float64Array, W2: W2.data as Float64Array, b2: b2.data as Float64Array });
}

console.log(`chapter-4 numerical gradient on a pool: TwoLayerNet(${I}, ${H}, ${O}), batch ${M}, ${total} weights (${2 * total} losses), h = ${OPTIONS.h} / 2h`);
console.log(
  FULL
    ? 'mode: full (CH4_FULL=1): every weight, one round, nothing extrapolated'
    : `mode: sample (CH4_FULL=1 for the full run): ${sampled} weights (W1's first ${SAMPLE_ROWS} rows, b1, W2, b2) on every side, full time extrapolated; ${ROUNDS} rounds`,
);
console.log(`numpy ${version ?? 'missing'}; workers ${WORKERS}; load average ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);

const pool = createNetLossPool(WORKERS);
const rows: Record<string, number[]> = { chapter4: [], same: [], pool: [], np1: [], np: [] };
let identical = true;
/** CPU seconds of this process (worker threads included) and wall seconds of the pool's calls: their ratio is the cores its threads got. */
let poolCpu = 0;
let poolWall = 0;
try {
  for (const p of parts) await pool.gradient(p.w, { ...OPTIONS, context: p.context }); // threads started, code warm
  for (let r = 0; r < ROUNDS; r++) {
    const c4: number[] = [];
    const same: number[] = [];
    const pooled: number[] = [];
    for (const p of parts) {
      let exact: Record<string, NdArray> = {};
      c4.push(await seconds(() => (exact = chapter4Gradient(net, x, t, { ...OPTIONS, params: p.params }).gradient)));
      const expected = new Float64Array(total).fill(NaN);
      for (const [name, g] of Object.entries(exact)) {
        const columns = name === 'W1' || name === 'W2' ? (name === 'W1' ? H : O) : 1;
        for (let k = 0; k < g.size; k++) expected[START[name as 'W1'] + k] = g.shape.length === 2 ? g.get(Math.floor(k / columns), k % columns) : g.get(k);
      }
      let local: NdArray | null = null;
      same.push(await seconds(() => (local = numericalGradient((w) => netLoss(w, p.context), p.w, OPTIONS))));
      let remote: NdArray | null = null;
      const cpu = process.cpuUsage();
      pooled.push(await seconds(async () => (remote = await pool.gradient(p.w, { ...OPTIONS, context: p.context }))));
      const used = process.cpuUsage(cpu);
      poolCpu += (used.user + used.system) / 1e6;
      poolWall += pooled.at(-1)!;
      identical &&= (remote!.data as Float64Array).every((v, k) => Object.is(v, local!.get(k)) && Object.is(v, expected[p.indices[k]!]!));
    }
    rows.chapter4!.push(extrapolate(c4));
    rows.same!.push(extrapolate(same));
    rows.pool!.push(extrapolate(pooled));
    if (folder !== null) {
      const scale = total / sampled;
      rows.np1!.push((runNumpy<{ ms: number }>(folder, 'gradient', 0, SAMPLE_ROWS, 1).ms / 1000) * scale);
      if (r === 0) rows.np!.push((runNumpy<{ ms: number }>(folder, 'gradient', 0, SAMPLE_ROWS).ms / 1000) * scale); // slow under load: once
    }
  }
} finally {
  await pool.close();
  if (folder !== null) rmSync(folder, { recursive: true, force: true });
}

const how = FULL ? 'measured' : 'extrapolated';
const line = (label: string, key: string): void => console.log(`  ${label.padEnd(72)} ${median(rows[key]!).toFixed(1).padStart(6)} s`);
console.log(`\nfull gradient, wall seconds (${how}; median of ${ROUNDS} round${ROUNDS === 1 ? '' : 's'})`);
line('ours in process, chapter4Gradient (IncrementalLoss, one column scope)', 'chapter4');
line("ours in process, numericalGradient of the pool's loss (lib/net-loss.ts)", 'same');
line(`ours, pool of ${WORKERS} workers (@descent/core/pool), cores busy ${(poolCpu / poolWall).toFixed(2)}`, 'pool');
if (folder === null) {
  console.log('  numpy book numerical_gradient: skipped: no numpy');
} else {
  line('numpy book numerical_gradient, 1 BLAS thread', 'np1');
  line("numpy book numerical_gradient, numpy's default threads (first round only)", 'np');
}
/** Median of the per-round ratios (over the rounds both have). */
const ratio = (a: string, b: string): string => `${median(rows[b]!.map((v, i) => rows[a]![i]! / v)).toFixed(2)}×`;
console.log(`  pool speedup over the same loss in process: ${ratio('same', 'pool')}; over chapter4Gradient: ${ratio('chapter4', 'pool')}`);
if (folder !== null) {
  console.log(`  time ratio pool / numpy: ${ratio('pool', 'np1')} (numpy 1 thread), ${ratio('pool', 'np')} (numpy default threads) — below 1 beats numpy`);
  console.log(`  time ratio chapter4Gradient / numpy 1 thread: ${ratio('chapter4', 'np1')}`);
}
console.log(`  pool gradient bit-identical to the in-process ones (same loss, and chapter4Gradient): ${identical}`);
