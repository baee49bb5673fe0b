/**
 * The tiny network's loss against the book's numpy, side by side on this machine.
 *
 * 1. The product x·W1 (100×784 · 784×50, 7.84 MFLOP) on every kernel: naive
 *    loop, JavaScript 4×2 register tiles, JavaScript zero-skipping, WebAssembly
 *    SIMD 4×4 tiles, WebAssembly zero-skipping, and each side's automatic
 *    choice — on 100 real MNIST digits (76% zeros) and on a dense random batch
 *    of the same shape (no zeros), so the zero-skipping gain is never mistaken
 *    for a dense speed. GFLOP/s are dense-equivalent: 2·m·k·n / time.
 * 2. TwoLayerNet(784, 50, 10).loss on the MNIST batch (and on the dense one, and
 *    with the JavaScript kernels only) beside the book's numpy forward pass +
 *    cross-entropy on the same digits and the same weights, run by python3 in
 *    each round (numpy's default BLAS threads, and one thread). Ratios are the
 *    medians of the per-round ratios (the machine may be shared).
 * 3. The chapter-4 numerical gradient (batch 100, all 39,760 weights, h = 1e-4):
 *    in-process with IncrementalLoss (measured), with the full-pass loss and
 *    with numpy's book code on one BLAS thread (both measured on W1's first
 *    SUBSET_ROWS rows, b1, W2, b2 and extrapolated by weight count — every
 *    loss costs the same there).
 * Wall times come with CPU times (process.cpuUsage; python's process_time),
 * which a shared machine disturbs less.
 * Prints "skipped: no numpy" for the numpy columns when python3 or numpy is missing.
 *
 *   pnpm --filter @descent/examples bench   (or: node_modules/.bin/tsx examples/bench/loss.bench.ts)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import ndarray from 'ndarray';
import { chapter4Gradient } from '../lib/chapter4-gradient.js';
import { loadDigits } from '../lib/digits-data.js';
import { matmulJsInto, type MatmulKernel } from '../lib/matmul-js.js';
import { wasmMatmulAvailable, wasmMatmulInto } from '../lib/matmul-wasm.js';
import { setMatmulBackend } from '../lib/matrix.js';
import { Random } from '@descent/optim';
import { TwoLayerNet } from '../lib/two-layer-net.js';
import { numpyVersion, runNumpy, writeInputs } from '../lib/numpy-side.js';
import { median } from '../../scripts/bench-stats.js';

const [M, K, N, O] = [100, 784, 50, 10];
const ROUNDS = 7;
const LOSS_REPS = 200;
const SUBSET_ROWS = 20;
const BOOK_H = 1e-4;


/** Wall and CPU (this process, process.cpuUsage) ms per call of f, over `reps` calls after a few warm-up calls. */
function msPerCall(f: () => void, reps: number): { wall: number; cpu: number } {
  for (let i = 0; i < Math.min(reps, 5); i++) f();
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < reps; i++) f();
  const wall = (performance.now() - started) / reps;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 / reps };
}

function naive(out: Float64Array, a: Float64Array, b: Float64Array): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let p = 0; p < K; p++) s += a[i * K + p]! * b[p * N + j]!;
      out[i * N + j] = s;
    }
  }
}

function kernels(mnist: Float64Array, dense: Float64Array, W1: Float64Array): void {
  const out = new Float64Array(M * N);
  const variants: [string, (a: Float64Array) => void, number][] = [
    ['naive triple loop', (a) => naive(out, a, W1), 10],
    ...(['dense', 'sparse', 'auto'] as MatmulKernel[]).map((k): [string, (a: Float64Array) => void, number] => [
      `JavaScript ${k === 'dense' ? '4×2 tiles' : k === 'sparse' ? 'zero-skipping' : 'automatic'}`,
      (a) => matmulJsInto(out, a, W1, M, K, N, k),
      40,
    ]),
    ...(wasmMatmulAvailable() ? (['dense', 'sparse', 'auto'] as MatmulKernel[]) : []).map((k): [string, (a: Float64Array) => void, number] => [
      `WASM SIMD ${k === 'dense' ? '4×4 tiles' : k === 'sparse' ? 'zero-skipping' : 'automatic'}`,
      (a) => wasmMatmulInto(out, a, W1, M, K, N, k),
      100,
    ]),
  ];
  console.log(`\nx·W1 (${M}×${K} · ${K}×${N}, ${(2 * M * K * N / 1e6).toFixed(2)} MFLOP): CPU time per product, median of ${ROUNDS} rounds; GFLOP/s dense-equivalent`);
  console.log(`${'kernel'.padEnd(28)} ${'MNIST digits (76% zeros)'.padEnd(28)} dense random batch`);
  for (const [name, f, reps] of variants) {
    const cells = [mnist, dense].map((a) => {
      const ms = median(Array.from({ length: ROUNDS }, () => msPerCall(() => f(a), reps).cpu));
      return `${ms.toFixed(3)} ms ${(2 * M * K * N / ms / 1e6).toFixed(1).padStart(5)} GFLOP/s`;
    });
    console.log(`${name.padEnd(28)} ${cells[0]!.padEnd(28)} ${cells[1]}`);
  }
}

interface NumpyLoss { ms: number; cpu: number; loss: number }

function losses(net: TwoLayerNet, x: ndarray.NdArray, xDense: ndarray.NdArray, t: ndarray.NdArray, folder: string | null): void {
  const wall: Record<string, number[]> = { mnist: [], dense: [], js: [], np: [], np1: [] };
  const cpu: Record<string, number[]> = { mnist: [], dense: [], js: [], np1: [] };
  const ratio: Record<string, number[]> = { np: [], np1: [], cpu1: [], dense1: [] };
  const record = (key: string, m: { wall: number; cpu: number }): void => {
    wall[key]!.push(m.wall);
    cpu[key]?.push(m.cpu);
  };
  let npLoss = NaN;
  for (let r = 0; r < ROUNDS; r++) {
    record('mnist', msPerCall(() => net.loss(x, t), LOSS_REPS));
    record('dense', msPerCall(() => net.loss(xDense, t), LOSS_REPS));
    setMatmulBackend('js');
    record('js', msPerCall(() => net.loss(x, t), LOSS_REPS / 4));
    setMatmulBackend('auto');
    if (folder === null) continue;
    const np = runNumpy<NumpyLoss>(folder, 'loss', LOSS_REPS, 0);
    const np1 = runNumpy<NumpyLoss>(folder, 'loss', LOSS_REPS, 0, 1);
    npLoss = np.loss;
    record('np', { wall: np.ms, cpu: np.cpu });
    record('np1', { wall: np1.ms, cpu: np1.cpu });
    ratio.np!.push(wall.mnist!.at(-1)! / np.ms);
    ratio.np1!.push(wall.mnist!.at(-1)! / np1.ms);
    ratio.cpu1!.push(cpu.mnist!.at(-1)! / np1.cpu);
    ratio.dense1!.push(wall.dense!.at(-1)! / np1.ms);
  }
  const ms = (key: string): string => `${median(wall[key]!).toFixed(3)} ms` + (cpu[key] === undefined ? '' : ` (CPU ${median(cpu[key]!).toFixed(3)} ms)`);
  console.log(`\nTwoLayerNet(${K}, ${N}, ${O}).loss, batch of ${M}: wall time per loss, median of ${ROUNDS} rounds of ${LOSS_REPS}`);
  console.log(`  ours, MNIST digits (WASM SIMD, zeros skipped)   ${ms('mnist')}   loss ${net.loss(x, t)}`);
  console.log(`  ours, dense random batch (WASM SIMD 4×4 tiles)  ${ms('dense')}`);
  console.log(`  ours, MNIST digits, JavaScript kernels only     ${ms('js')}`);
  if (folder === null) {
    console.log('  numpy: skipped: no numpy');
    return;
  }
  console.log(`  numpy (book code), same digits and weights      ${ms('np1')} with 1 BLAS thread, ${ms('np')} with numpy's default threads   loss ${npLoss}`);
  const r = (key: string): string => median(ratio[key]!).toFixed(2);
  console.log(`  ratio ours / numpy on MNIST (median of per-round ratios): ${r('np1')} (numpy 1 thread, like ours), ${r('np')} (numpy default threads); CPU-time ratio ${r('cpu1')}`);
  console.log(`  ratio ours on the dense batch / numpy 1 thread: ${r('dense1')} (numpy's time does not depend on zeros)`);
}

/** chapter4Gradient with the CPU seconds it took (this process). */
function timed(...args: Parameters<typeof chapter4Gradient>): ReturnType<typeof chapter4Gradient> & { cpuSeconds: number } {
  const cpu0 = process.cpuUsage();
  const result = chapter4Gradient(...args);
  const cpu = process.cpuUsage(cpu0);
  return { ...result, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

function gradients(net: TwoLayerNet, x: ndarray.NdArray, t: ndarray.NdArray, folder: string | null): void {
  const all = Object.values(net.params).reduce((n, p) => n + p.size, 0);
  const subset = { W1: net.params.W1.hi(SUBSET_ROWS, N), b1: net.params.b1, W2: net.params.W2, b2: net.params.b2 };
  const full = timed(net, x, t, { h: BOOK_H, quotient: 'nominal', incremental: false, params: subset });
  const inc = timed(net, x, t, { h: BOOK_H, quotient: 'nominal' });
  const perAll = (value: number, weights: number): string => ((value * all) / weights).toFixed(1);
  console.log(`\nchapter-4 numerical gradient, batch ${M}, all ${all} weights, the book's central differences (h = ${BOOK_H}, divided by 2h) (wall s, CPU s)`);
  console.log(`  ours, IncrementalLoss (measured, ${inc.losses} losses)                ${(inc.ms / 1000).toFixed(1)} s (CPU ${inc.cpuSeconds.toFixed(1)} s)`);
  console.log(
    `  ours, full-pass loss (${full.weights} weights measured, extrapolated)      ${perAll(full.ms / 1000, full.weights)} s (CPU ${perAll(full.cpuSeconds, full.weights)} s)`,
  );
  if (folder === null) {
    console.log('  numpy: skipped: no numpy');
    return;
  }
  const np = runNumpy<{ ms: number; cpu: number; weights: number; b2: number[] }>(folder, 'gradient', 0, SUBSET_ROWS, 1);
  console.log(
    `  numpy book numerical_gradient, 1 thread (${np.weights} weights, extrapolated) ${perAll(np.ms / 1000, np.weights)} s (CPU ${perAll(np.cpu / 1000, np.weights)} s)`,
  );
  const b2 = inc.gradient.b2!.data as Float64Array;
  const diff = Math.max(...np.b2.map((v, i) => Math.abs(v - b2[i]!)));
  console.log(`  ∂L/∂b2 ours vs numpy: max |difference| ${diff.toExponential(1)} (rounding: numpy's BLAS sums in another order)`);
}

const { train } = loadDigits();
const x = ndarray((train.inputs.data as Float64Array).slice(0, M * K), [M, K]);
const t = ndarray((train.targets.data as Float64Array).slice(0, M), [M]);
const random = Random.fromSeed(7);
const xDense = ndarray(Float64Array.from({ length: M * K }, () => random.nextFloat() * 0.99 + 0.01), [M, K]);
const net = new TwoLayerNet(K, N, O);
const version = numpyVersion();
const load = (): string => loadavg().map((v) => v.toFixed(1)).join(' ');
console.log(`loss benchmark: ${wasmMatmulAvailable() ? 'WebAssembly SIMD available' : 'no WebAssembly SIMD: JavaScript kernels'}; numpy ${version ?? 'missing'}; load average ${load()}`);
let folder: string | null = null;
if (version !== null) {
  folder = mkdtempSync(join(tmpdir(), 'descent-loss-bench-'));
  const d = (name: string) => net.params[name]!.data as Float64Array;
  writeInputs(folder, { x: x.data as Float64Array, t: t.data as Float64Array, W1: d('W1'), b1: d('b1'), W2: d('W2'), b2: d('b2') });
}
try {
  kernels(x.data as Float64Array, xDense.data as Float64Array, net.params.W1.data as Float64Array);
  losses(net, x, xDense, t, folder);
  gradients(net, x, t, folder);
} finally {
  if (folder !== null) rmSync(folder, { recursive: true, force: true });
}
console.log(`\nload average at the end: ${load()} (wall times on a shared machine: compare the side-by-side ratios, not absolute times)`);
