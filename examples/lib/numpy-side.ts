/**
 * The numpy side of the benchmarks and of the digits example: the book's TwoLayerNet forward pass,
 * cross-entropy and numerical_gradient ("Deep Learning from Scratch", ch. 3–4,
 * common/functions.py and common/gradient.py), run by `python3` on the very
 * batch and weights the JavaScript side uses (passed as raw float64 files).
 * Used by examples/bench and the digits example's chapter-4 step; no test depends on python.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PYTHON = `
import json, sys, time
import numpy as np

folder, mode, reps, rows = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
I, H, O = (int(v) for v in sys.argv[5:8])
load = lambda name, shape: np.fromfile(folder + '/' + name + '.bin', dtype=np.float64).reshape(shape)
x, t = load('x', (-1, I)), load('t', (-1,)).astype(np.int64)
params = {'W1': load('W1', (I, H)), 'b1': load('b1', (H,)), 'W2': load('W2', (H, O)), 'b2': load('b2', (O,))}

def sigmoid(x):
    return 1 / (1 + np.exp(-x))

def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    return np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)

def cross_entropy_error(y, t):
    if t.size == y.size:
        t = t.argmax(axis=1)
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size

def loss(x, t):
    a1 = np.dot(x, params['W1']) + params['b1']
    z1 = sigmoid(a1)
    a2 = np.dot(z1, params['W2']) + params['b2']
    return cross_entropy_error(softmax(a2), t)

def numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=['multi_index'], op_flags=['readwrite'])
    while not it.finished:
        idx = it.multi_index
        tmp_val = x[idx]
        x[idx] = float(tmp_val) + h
        fxh1 = f(x)
        x[idx] = tmp_val - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp_val
        it.iternext()
    return grad

f = lambda W: loss(x, t)
if mode == 'loss':
    for _ in range(20):
        loss(x, t)
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(reps):
        value = loss(x, t)
    print(json.dumps({'ms': (time.perf_counter() - start) * 1000 / reps, 'cpu': (time.process_time() - cpu) * 1000 / reps, 'loss': float(value)}))
else:
    # the book's numerical gradient on W1[:rows] (a view: perturbed in place), b1, W2, b2
    parts = [params['W1'][:rows], params['b1'], params['W2'], params['b2']]
    start, cpu = time.perf_counter(), time.process_time()
    grads = [numerical_gradient(f, p) for p in parts]
    ms, cpu = (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000
    print(json.dumps({'ms': ms, 'cpu': cpu, 'weights': int(sum(p.size for p in parts)), 'b2': [float(v) for v in grads[3]]}))
`;

/**
 * The numpy version when `python3` with numpy runs here, else null.
 * @example
 * numpyVersion(); // '2.4.6', or null without python3/numpy
 */
export function numpyVersion(): string | null {
  const r = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * Write the batch and the weights as raw float64 files (`<name>.bin`, the host's byte order) into `folder`.
 * @example
 * writeInputs(folder, { x, t, W1, b1, W2, b2 }); // folder/x.bin, folder/t.bin, …
 */
export function writeInputs(folder: string, arrays: Record<'x' | 't' | 'W1' | 'b1' | 'W2' | 'b2', Float64Array>): void {
  for (const [name, data] of Object.entries(arrays)) writeFileSync(join(folder, `${name}.bin`), new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
}

/**
 * Run the book's code on the files in `folder`. mode 'loss': wall and CPU ms
 * (CPU summed over BLAS threads) per loss over `reps` calls; mode 'gradient': the numerical gradient over W1's first `rows`
 * rows, b1, W2 and b2. `threads` sets OPENBLAS/OMP/MKL_NUM_THREADS when given;
 * `sizes` are TwoLayerNet's (inputSize, hiddenSize, outputSize).
 * @throws Error with python's stderr when it fails
 * @example
 * runNumpy<{ ms: number; loss: number }>(folder, 'loss', 200, 0, 1).ms; // ms per loss, one BLAS thread
 */
export function runNumpy<T>(folder: string, mode: 'loss' | 'gradient', reps: number, rows: number, threads?: number, sizes: readonly [number, number, number] = [784, 50, 10]): T {
  const env = { ...process.env };
  if (threads !== undefined) for (const v of ['OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS']) env[v] = String(threads);
  const r = spawnSync('python3', ['-c', PYTHON, folder, mode, String(reps), String(rows), ...sizes.map(String)], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`numpy side failed (${mode}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
