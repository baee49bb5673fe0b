// Every matrix-product kernel (JavaScript and WebAssembly SIMD; dense, zero-skipping and the automatic choice)
// returns exactly the bits of the naive triple loop s = 0; s += a[i,p]·b[p,j] (p ascending): the kernels keep one
// accumulator per output and never fuse a multiply-add, so not even rounding may differ.
import { describe, expect, it } from 'vitest';
import { matmulJsInto } from '../lib/matmul-js.js';
import { wasmMatmulAvailable, wasmMatmulInto } from '../lib/matmul-wasm.js';
import { Random } from '@descent/optim';
import { normal } from '../lib/random.js';

type Kernel = (out: Float64Array, a: Float64Array, b: Float64Array, m: number, k: number, n: number) => unknown;

function naive(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p]! * b[p * n + j]!;
      out[i * n + j] = s;
    }
  }
  return out;
}

/** Normal draws; with `zeros` > 0 that share of entries is 0 (every fifth of them −0). */
function matrix(rng: Random, count: number, zeros = 0): Float64Array {
  return Float64Array.from({ length: count }, (_, i) => (rng.nextFloat() < zeros ? (i % 5 === 0 ? -0 : 0) : normal(rng)));
}

/** Bitwise equality, element by element (Object.is tells −0 from +0 and NaN equals NaN). */
function expectSameBits(actual: Float64Array, expected: Float64Array): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) expect.fail(`element ${i}: got ${actual[i]}, naive loop gives ${expected[i]}`);
  }
}

const KERNELS: [string, Kernel][] = [
  ['JS dense (4×2 tiles)', (o, a, b, m, k, n) => matmulJsInto(o, a, b, m, k, n, 'dense')],
  ['JS zero-skipping', (o, a, b, m, k, n) => matmulJsInto(o, a, b, m, k, n, 'sparse')],
  ['JS automatic', (o, a, b, m, k, n) => matmulJsInto(o, a, b, m, k, n)],
  ['WASM dense (4×4 tiles)', (o, a, b, m, k, n) => wasmMatmulInto(o, a, b, m, k, n, 'dense')],
  ['WASM zero-skipping', (o, a, b, m, k, n) => wasmMatmulInto(o, a, b, m, k, n, 'sparse')],
  ['WASM automatic', (o, a, b, m, k, n) => wasmMatmulInto(o, a, b, m, k, n)],
];

// Sizes hit every edge of the tiles: rows mod 4, columns mod 2, 4, 5 and 10, k = 0 and 1, and the network's shapes.
const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [3, 5, 7],
  [5, 3, 1],
  [7, 13, 11],
  [4, 8, 2],
  [6, 2, 10],
  [9, 17, 23],
  [4, 0, 3],
  [2, 1, 21],
  [100, 784, 50],
  [100, 50, 10],
];

it('the WebAssembly SIMD kernels load in Node ≥ 20 (so the WASM rows below test them, not a fallback)', () => {
  expect(wasmMatmulAvailable()).toBe(true);
});

describe.each(KERNELS)('%s equals the naive triple loop bit for bit', (_name, kernel) => {
  it.each(SHAPES)('m = %i, k = %i, n = %i: dense and 70%-zero left factors', (m, k, n) => {
    const rng = Random.fromSeed(m * 10_000 + k * 100 + n);
    for (const zeros of [0, 0.7]) {
      const a = matrix(rng, m * k, zeros);
      const b = matrix(rng, k * n);
      const out = new Float64Array(m * n).fill(NaN);
      kernel(out, a, b, m, k, n);
      expectSameBits(out, naive(a, b, m, k, n));
    }
  });

  it('reads operands at a subarray offset and ignores elements past m·k and k·n', () => {
    const rng = Random.fromSeed(3);
    const [m, k, n] = [5, 6, 7];
    const big = matrix(rng, 3 + m * k + 9, 0.5);
    const a = big.subarray(3, 3 + m * k + 9);
    const b = matrix(rng, k * n + 4);
    const out = new Float64Array(m * n);
    kernel(out, a, b, m, k, n);
    expectSameBits(out, naive(a, b, m, k, n));
  });

  it('propagates NaN like the naive loop: 0·∞ = NaN even where a is mostly zeros', () => {
    const [m, k, n] = [4, 6, 3];
    const a = new Float64Array(m * k); // all zeros but one element
    a[7] = 2;
    const b = Float64Array.from({ length: k * n }, (_, i) => i + 1);
    b[2] = Infinity; // row 0 of b: a[i,0]·∞ = 0·∞ = NaN in every output column 2
    b[10] = NaN;
    const out = new Float64Array(m * n);
    kernel(out, a, b, m, k, n);
    expectSameBits(out, naive(a, b, m, k, n));
    expect(Number.isNaN(out[2]!)).toBe(true);
  });
});

describe('the automatic choice', () => {
  it('skips zeros when at least 60% of a is zero and b is finite, and not otherwise (JS and WASM alike)', () => {
    // a is 1×5, b is 5×1: 3 zeros of 5 is exactly the threshold, 2 of 5 is below it
    const a = new Float64Array([0, 4, 0, 0, 2]);
    const b = new Float64Array([1, 2, 3, 4, 5]);
    const out = new Float64Array(1);
    expect(matmulJsInto(out, a, b, 1, 5, 1)).toBe('sparse');
    expect(out[0]).toBe(18); // 4·2 + 2·5
    expect(wasmMatmulInto(out, a, b, 1, 5, 1)).toBe('sparse');
    const denser = new Float64Array([0, 4, 1, 0, 2]);
    expect(matmulJsInto(out, denser, b, 1, 5, 1)).toBe('dense');
    expect(wasmMatmulInto(out, denser, b, 1, 5, 1)).toBe('dense');
    const infinite = new Float64Array([1, 2, Infinity, 4, 5]);
    expect(matmulJsInto(out, a, infinite, 1, 5, 1)).toBe('dense');
    expect(wasmMatmulInto(out, a, infinite, 1, 5, 1)).toBe('dense');
    expect(out[0]).toBeNaN(); // 0·∞
    // forcing the zero-skipping kernel on a non-finite b still runs the dense one
    expect(matmulJsInto(out, a, infinite, 1, 5, 1, 'sparse')).toBe('dense');
    expect(wasmMatmulInto(out, a, infinite, 1, 5, 1, 'sparse')).toBe('dense');
    expect(matmulJsInto(out, a, b, 1, 5, 1, 'dense')).toBe('dense');
  });

  it('grows the WebAssembly memory for a product larger than the last, and small products still work after it', () => {
    const rng = Random.fromSeed(8);
    for (const [m, k, n] of [[2, 3, 4], [300, 257, 301], [3, 2, 5]] as const) {
      const a = matrix(rng, m * k, 0.3);
      const b = matrix(rng, k * n);
      const out = new Float64Array(m * n);
      wasmMatmulInto(out, a, b, m, k, n);
      expectSameBits(out, naive(a, b, m, k, n));
    }
  });
});

describe('the kernels check their arguments like matmulInto', () => {
  it.each([
    ['matmulJsInto', matmulJsInto],
    ['wasmMatmulInto', wasmMatmulInto],
  ] as const)('%s rejects a short operand (OUT_OF_RANGE) and an out overlapping a (OVERLAPPING_MEMORY)', (name, kernel) => {
    expect(() => kernel(new Float64Array(4), new Float64Array(4), new Float64Array(3), 2, 2, 2)).toThrow(
      expect.objectContaining({ code: 'OUT_OF_RANGE', message: expect.stringContaining(`${name}: b has 3 elements`) }),
    );
    const shared = new Float64Array(8);
    expect(() => kernel(shared.subarray(2, 6), shared.subarray(0, 4), new Float64Array(4), 2, 2, 2)).toThrow(
      expect.objectContaining({ code: 'OVERLAPPING_MEMORY' }),
    );
    expect(() => kernel(new Float64Array(4), new Float64Array(4), new Float64Array(4), 2, -1, 2)).toThrow(/k must be a non-negative integer/);
  });
});
