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
 *    with numpy's book code (both measured on W1's first SUBSET_ROWS rows, b1,
 *    W2, b2 and extrapolated by weight count — every loss costs the same there).
 * Prints "skipped: no numpy" for the numpy columns when python3 or numpy is missing.
 *
 *   pnpm --filter @descent/examples bench   (or: node_modules/.bin/tsx examples/bench/loss.bench.ts)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ndarray from 'ndarray';
import { chapter4Gradient } from '../lib/chapter4-gradient.js';
import { loadDigits } from '../lib/data.js';
import { matmulJsInto, type MatmulKernel } from '../lib/matmul-js.js';
import { wasmMatmulAvailable, wasmMatmulInto } from '../lib/matmul-wasm.js';
import { setMatmulBackend } from '../lib/matrix.js';
import { Random } from '@descent/optim';
import { TwoLayerNet } from '../lib/two-layer-net.js';
import { numpyVersion, runNumpy, writeInputs } from './numpy-side.js';

const [M, K, N, O] = [100, 784, 50, 10];
const ROUNDS = 7;
const LOSS_REPS = 200;
const SUBSET_ROWS = 20;
const BOOK_H = 1e-4;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** ms per call of f, over `reps` calls (after a few warm-up calls). */
function msPerCall(f: () => void, reps: number): number {
  for (let i = 0; i < Math.min(reps, 5); i++) f();
  const started = performance.now();
  for (let i = 0; i < reps; i++) f();
  return (performance.now() - started) / reps;
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
  console.log(`\nx·W1 (${M}×${K} · ${K}×${N}, ${(2 * M * K * N / 1e6).toFixed(2)} MFLOP), median of ${ROUNDS} rounds; GFLOP/s dense-equivalent`);
  console.log(`${'kernel'.padEnd(28)} ${'MNIST digits (76% zeros)'.padEnd(28)} dense random batch`);
  for (const [name, f, reps] of variants) {
    const cells = [mnist, dense].map((a) => {
      const ms = median(Array.from({ length: ROUNDS }, () => msPerCall(() => f(a), reps)));
      return `${ms.toFixed(3)} ms ${(2 * M * K * N / ms / 1e6).toFixed(1).padStart(5)} GFLOP/s`;
    });
    console.log(`${name.padEnd(28)} ${cells[0]!.padEnd(28)} ${cells[1]}`);
  }
}

interface NumpyLoss { ms: number; loss: number }

function losses(net: TwoLayerNet, x: ndarray.NdArray, xDense: ndarray.NdArray, t: ndarray.NdArray, folder: string | null): void {
  const rows: Record<string, number[]> = { mnist: [], dense: [], js: [], np: [], np1: [], ratio: [], ratio1: [], ratioDense: [] };
  let npLoss = NaN;
  for (let r = 0; r < ROUNDS; r++) {
    rows.mnist!.push(msPerCall(() => net.loss(x, t), LOSS_REPS));
    rows.dense!.push(msPerCall(() => net.loss(xDense, t), LOSS_REPS));
    setMatmulBackend('js');
    rows.js!.push(msPerCall(() => net.loss(x, t), LOSS_REPS / 4));
    setMatmulBackend('auto');
    if (folder === null) continue;
    const np = runNumpy<NumpyLoss>(folder, 'loss', LOSS_REPS, 0);
    const np1 = runNumpy<NumpyLoss>(folder, 'loss', LOSS_REPS, 0, 1);
    npLoss = np.loss;
    rows.np!.push(np.ms);
    rows.np1!.push(np1.ms);
    rows.ratio!.push(rows.mnist!.at(-1)! / np.ms);
    rows.ratio1!.push(rows.mnist!.at(-1)! / np1.ms);
    rows.ratioDense!.push(rows.dense!.at(-1)! / np1.ms);
  }
  const ms = (key: string): string => `${median(rows[key]!).toFixed(3)} ms`;
  console.log(`\nTwoLayerNet(${K}, ${N}, ${O}).loss, batch of ${M}: median of ${ROUNDS} rounds of ${LOSS_REPS} losses`);
  console.log(`  ours, MNIST digits (WASM SIMD, zeros skipped)     ${ms('mnist')}   loss ${net.loss(x, t)}`);
  console.log(`  ours, dense random batch (WASM SIMD 4×4 tiles)    ${ms('dense')}`);
  console.log(`  ours, MNIST digits, JavaScript kernels only       ${ms('js')}`);
  if (folder === null) {
    console.log('  numpy: skipped: no numpy');
    return;
  }
  console.log(`  numpy (book code), same digits and weights        ${ms('np')} (default BLAS threads), ${ms('np1')} (1 thread)   loss ${npLoss}`);
  console.log(`  ratio ours / numpy on MNIST: ${median(rows.ratio!).toFixed(2)} (numpy default threads), ${median(rows.ratio1!).toFixed(2)} (numpy 1 thread; ours is 1 thread)`);
  console.log(`  ratio ours on the dense batch / numpy 1 thread: ${median(rows.ratioDense!).toFixed(2)}  (numpy's time does not depend on zeros)`);
}

function gradients(net: TwoLayerNet, x: ndarray.NdArray, t: ndarray.NdArray, folder: string | null): void {
  const all = Object.values(net.params).reduce((n, p) => n + p.size, 0);
  const subset = { W1: net.params.W1.hi(SUBSET_ROWS, N), b1: net.params.b1, W2: net.params.W2, b2: net.params.b2 };
  const full = chapter4Gradient(net, x, t, { h: BOOK_H, incremental: false, params: subset });
  const inc = chapter4Gradient(net, x, t, { h: BOOK_H });
  console.log(`\nchapter-4 numerical gradient, batch ${M}, all ${all} weights, central differences h = ${BOOK_H}`);
  console.log(`  ours, IncrementalLoss (measured, ${inc.losses} losses)           ${(inc.ms / 1000).toFixed(1)} s`);
  console.log(`  ours, full-pass loss (${full.weights} weights measured, extrapolated) ${((full.msPerWeight * all) / 1000).toFixed(1)} s`);
  if (folder === null) {
    console.log('  numpy: skipped: no numpy');
    return;
  }
  const np = runNumpy<{ ms: number; weights: number; b2: number[] }>(folder, 'gradient', 0, SUBSET_ROWS);
  console.log(`  numpy book numerical_gradient (${np.weights} weights measured, extrapolated) ${((np.ms / np.weights) * all / 1000).toFixed(1)} s`);
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
console.log(`loss benchmark: ${wasmMatmulAvailable() ? 'WebAssembly SIMD available' : 'no WebAssembly SIMD: JavaScript kernels'}; numpy ${version ?? 'missing'}`);
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
