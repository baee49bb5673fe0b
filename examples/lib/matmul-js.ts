/**
 * The JavaScript matrix-product kernels: the fallback where WebAssembly SIMD
 * is missing, and the reference the WebAssembly kernels are checked against.
 *
 * out = a·b for row-major Float64Arrays (a m×k, b k×n, out m×n), every element
 * summed as the naive loop sums it (s = 0; s += a[i,p]·b[p,j] for p ascending),
 * so the result is bit-identical to it (JavaScript never fuses a multiply-add).
 * Speed comes from register tiles — several outputs summed at once, each
 * a and b element loaded once per tile — not from reordering sums. Measured on
 * 100×784·784×50 (2-core AMD EPYC, Node 20): naive 1.1 GFLOP/s, 4×2 tiles
 * 2.2 GFLOP/s; on MNIST digits (76% zeros) the zero-skipping kernel 4.2
 * GFLOP/s-equivalent.
 */
import { checkProduct } from './matrix-checks.js';

/**
 * The zero fraction of a from which the kernels (here and in WebAssembly) skip
 * zeros. Measured on 100×784·784×50 with zeros at random places (CPU time,
 * zero-skipping / dense): WASM 1.48 at 50% zeros, 0.99 at 60%, 0.81 at 70%,
 * 0.42 at 90%; JavaScript 0.94 at 50%, 1.02 at 60%, 0.78 at 70%. Zeros in runs,
 * as in images, favour skipping more: 0.53 on MNIST digits (76% zeros).
 */
export const SPARSE_MIN_ZERO_FRACTION = 0.6;

/**
 * Whether at least SPARSE_MIN_ZERO_FRACTION of a[0 … count) is ±0 (counted
 * 256 at a time, stopping once it is).
 * @example
 * mostlyZeros(new Float64Array([0, 0, 0, 1, 2]), 5); // true: 3 of 5 are zeros
 */
export function mostlyZeros(a: Float64Array, count: number): boolean {
  const needed = Math.ceil(count * SPARSE_MIN_ZERO_FRACTION);
  if (needed === 0) return false;
  let zeros = 0;
  for (let i = 0; i < count; ) {
    const stop = Math.min(count, i + 256);
    for (; i < stop; i++) zeros += a[i] === 0 ? 1 : 0;
    if (zeros >= needed) return true;
  }
  return false;
}

/**
 * Whether b[0 … count) is all finite (b − b is 0 for finite b, NaN for ±∞ and NaN).
 * @example
 * allFinite(new Float64Array([1, Infinity]), 2); // false
 */
export function allFinite(b: Float64Array, count: number): boolean {
  let s = 0;
  for (let i = 0; i < count; i++) s += b[i]! - b[i]!;
  return s === 0;
}

/** out = a·b using every element of a: tiles of 4 rows × 2 columns (8 accumulators), edges one by one. */
function matmulDenseJs(out: Float64Array, a: Float64Array, b: Float64Array, m: number, k: number, n: number): void {
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const a0 = i * k;
    const a1 = a0 + k;
    const a2 = a1 + k;
    const a3 = a2 + k;
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      let c00 = 0, c01 = 0, c10 = 0, c11 = 0, c20 = 0, c21 = 0, c30 = 0, c31 = 0;
      for (let p = 0, bp = j; p < k; p++, bp += n) {
        const b0 = b[bp]!;
        const b1 = b[bp + 1]!;
        const x0 = a[a0 + p]!;
        const x1 = a[a1 + p]!;
        const x2 = a[a2 + p]!;
        const x3 = a[a3 + p]!;
        c00 += x0 * b0; c01 += x0 * b1; c10 += x1 * b0; c11 += x1 * b1;
        c20 += x2 * b0; c21 += x2 * b1; c30 += x3 * b0; c31 += x3 * b1;
      }
      const o = i * n + j;
      out[o] = c00; out[o + 1] = c01; out[o + n] = c10; out[o + n + 1] = c11;
      out[o + 2 * n] = c20; out[o + 2 * n + 1] = c21; out[o + 3 * n] = c30; out[o + 3 * n + 1] = c31;
    }
    if (j < n) for (let r = i; r < i + 4; r++) out[r * n + j] = dot(a, r * k, b, j, k, n);
  }
  for (; i < m; i++) for (let j = 0; j < n; j++) out[i * n + j] = dot(a, i * k, b, j, k, n);
}

/** Σₚ a[aRow + p]·b[j + p·n], p ascending from s = 0. */
function dot(a: Float64Array, aRow: number, b: Float64Array, j: number, k: number, n: number): number {
  let s = 0;
  for (let p = 0, bp = j; p < k; p++, bp += n) s += a[aRow + p]! * b[bp]!;
  return s;
}

let nonzeroValues = new Float64Array(0);
let nonzeroOffsets = new Int32Array(0);

/**
 * out = a·b skipping a's zeros: per row, the nonzero a[i,p] and the offsets of
 * b's rows p are gathered, then summed five output columns at a time. Equal to
 * the dense sum when b is finite (a skipped term is ±0, and s + ±0 = s for
 * every s a sum started at +0 can hold); `matmulJsInto` makes sure it is.
 */
function matmulSparseJs(out: Float64Array, a: Float64Array, b: Float64Array, m: number, k: number, n: number): void {
  if (nonzeroValues.length < k) {
    nonzeroValues = new Float64Array(k);
    nonzeroOffsets = new Int32Array(k);
  }
  const val = nonzeroValues;
  const idx = nonzeroOffsets;
  for (let i = 0; i < m; i++) {
    let nz = 0;
    const aRow = i * k;
    // Branch-free: always write the slot, advance only past a nonzero (no mispredictions on scattered zeros).
    for (let p = 0; p < k; p++) {
      const v = a[aRow + p]!;
      val[nz] = v;
      idx[nz] = p * n;
      nz += v !== 0 ? 1 : 0;
    }
    const o = i * n;
    let j = 0;
    for (; j + 5 <= n; j += 5) {
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0;
      for (let q = 0; q < nz; q++) {
        const bp = idx[q]! + j;
        const x = val[q]!;
        c0 += x * b[bp]!; c1 += x * b[bp + 1]!; c2 += x * b[bp + 2]!; c3 += x * b[bp + 3]!; c4 += x * b[bp + 4]!;
      }
      out[o + j] = c0; out[o + j + 1] = c1; out[o + j + 2] = c2; out[o + j + 3] = c3; out[o + j + 4] = c4;
    }
    for (; j < n; j++) {
      let s = 0;
      for (let q = 0; q < nz; q++) s += val[q]! * b[idx[q]! + j]!;
      out[o + j] = s;
    }
  }
}

/** Which kernel a product runs: 'auto' chooses by the data; 'sparse' skips zeros whenever b is finite. */
export type MatmulKernel = 'auto' | 'dense' | 'sparse';

/**
 * out = a·b on the JavaScript kernels (checked like `matmulInto`).
 * 'auto' skips a's zeros when at least 60% of a is zeros and b is finite,
 * else runs 4×2 register tiles; 'sparse' skips zeros whenever b is finite
 * (with a non-finite b it would hide 0·∞ = NaN, so the dense kernel runs).
 * @returns the kernel that ran
 * @throws ArgumentRangeError / OverlappingMemoryError for bad dimensions, short or overlapping arrays
 * @example
 * const out = new Float64Array(4);
 * matmulJsInto(out, new Float64Array([1, 2, 3, 4]), new Float64Array([5, 6, 7, 8]), 2, 2, 2); // 'dense'; out = [19, 22, 43, 50]
 */
export function matmulJsInto(
  out: Float64Array,
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
  kernel: MatmulKernel = 'auto',
): 'dense' | 'sparse' {
  checkProduct('matmulJsInto', out, a, b, m, k, n);
  if (kernel !== 'dense' && (kernel === 'sparse' || mostlyZeros(a, m * k)) && allFinite(b, k * n)) {
    matmulSparseJs(out, a, b, m, k, n);
    return 'sparse';
  }
  matmulDenseJs(out, a, b, m, k, n);
  return 'dense';
}
