/**
 * Dense matrix products on contiguous row-major Float64Arrays — the inner
 * loops of the tiny network. Shapes are passed explicitly; `out` is written,
 * never read, and must not share memory with `a` or `b`.
 *
 * `matmulInto` (the forward pass, x·W) runs on register-tiled kernels in
 * WebAssembly SIMD or JavaScript (matmul-wasm.ts, matmul-js.ts), bit-identical
 * to a naive loop. The backward products below run in i-k-j order (or dot
 * products over rows), so the innermost loop walks both operands with stride
 * 1; matmulTransAInto unrolls its summation index by 4 (the sum is grouped
 * differently from a naive loop, which changes only rounding).
 * Nothing is allocated except by the allocating `matmul` wrapper.
 */
import { InvalidArgumentError } from '@descent/core';
import { checkDims, checkLength, checkNoOverlap, checkProduct } from './matrix-checks.js';
import { matmulJsInto } from './matmul-js.js';
import { wasmMatmulAvailable, wasmMatmulInto } from './matmul-wasm.js';

/** Products whose operands and result exceed this many bytes run in JavaScript (WebAssembly memory is capped at 4 GiB). */
export const WASM_MAX_BYTES = 2 ** 30;

/** Where `matmulInto` runs: 'auto' (WebAssembly SIMD where available, else JavaScript) or 'js' (always JavaScript). */
export type MatmulBackend = 'auto' | 'js';

let backend: MatmulBackend = 'auto';

/**
 * Choose where `matmulInto` runs from now on (both give the same bits; 'js'
 * is for comparing speed, or for hosts that forbid compiling WebAssembly).
 * @returns the previous choice
 * @throws InvalidArgumentError when `choice` is neither 'auto' nor 'js'
 * @example
 * const previous = setMatmulBackend('js');
 * // … time the JavaScript kernels …
 * setMatmulBackend(previous);
 */
export function setMatmulBackend(choice: MatmulBackend): MatmulBackend {
  if (choice !== 'auto' && choice !== 'js') {
    throw new InvalidArgumentError(`setMatmulBackend: choice must be 'auto' or 'js', got ${JSON.stringify(choice)}`);
  }
  const previous = backend;
  backend = choice;
  return previous;
}

/**
 * out = a·b, with a m×k, b k×n and out m×n (row-major).
 *
 * out[i,j] = Σₚ a[i,p]·b[p,j], summed as the naive loop sums it (s = 0, then
 * p = 0 … k−1 in order), so the result is bit-identical to that loop. Runs on
 * the WebAssembly SIMD kernels where available (unless `setMatmulBackend('js')`),
 * else on the JavaScript ones (same bits); both skip a's zeros when at least 60% of a is zeros and b is
 * finite. See matmul-wasm.ts and matmul-js.ts.
 * @param out destination, m·n elements (overwritten; must not overlap a or b)
 * @param a left factor, m·k elements
 * @param b right factor, k·n elements
 * @returns out
 * @throws ArgumentRangeError when a dimension is not a non-negative integer or an array is too short
 * @throws OverlappingMemoryError when out shares memory with a or b
 * @example
 * const out = new Float64Array(4);
 * matmulInto(out, new Float64Array([1, 2, 3, 4]), new Float64Array([5, 6, 7, 8]), 2, 2, 2);
 * // out = [19, 22, 43, 50]
 */
export function matmulInto(out: Float64Array, a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  checkProduct('matmulInto', out, a, b, m, k, n);
  if (m === 0 || n === 0) return out;
  if (backend === 'auto' && 8 * (m * k + k * n + m * n + 2 * k) <= WASM_MAX_BYTES && wasmMatmulAvailable()) {
    try {
      wasmMatmulInto(out, a, b, m, k, n);
      return out;
    } catch (error) {
      // the module's memory could not grow (RangeError, before anything was written): compute in JavaScript
      if (!(error instanceof RangeError)) throw error;
    }
  }
  matmulJsInto(out, a, b, m, k, n);
  return out;
}

/**
 * out = aᵀ·b, with a m×k, b m×n and out k×n (row-major) — e.g. dW = xᵀ·dY.
 *
 * out[p,j] = Σᵢ a[i,p]·b[i,j], accumulated in i-p-j order (i four at a time).
 * @param out destination, k·n elements (overwritten)
 * @param a m·k elements (used transposed)
 * @param b m·n elements
 * @returns out
 * @throws ArgumentRangeError when a dimension is not a non-negative integer or an array is too short
 * @example
 * const out = new Float64Array(4);
 * matmulTransAInto(out, new Float64Array([1, 2, 3, 4]), new Float64Array([5, 6, 7, 8]), 2, 2, 2);
 * // [[1, 3], [2, 4]]·[[5, 6], [7, 8]] = [26, 30, 38, 44]
 */
export function matmulTransAInto(out: Float64Array, a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  checkDims('matmulTransAInto', m, k, n);
  checkLength('matmulTransAInto', 'out', out, k, n);
  checkLength('matmulTransAInto', 'a', a, m, k);
  checkLength('matmulTransAInto', 'b', b, m, n);
  out.fill(0, 0, k * n);
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const a0 = i * k;
    const a1 = a0 + k;
    const a2 = a1 + k;
    const a3 = a2 + k;
    const b0 = i * n;
    const b1 = b0 + n;
    const b2 = b1 + n;
    const b3 = b2 + n;
    for (let p = 0; p < k; p++) {
      const x0 = a[a0 + p]!;
      const x1 = a[a1 + p]!;
      const x2 = a[a2 + p]!;
      const x3 = a[a3 + p]!;
      const oRow = p * n;
      for (let j = 0; j < n; j++) out[oRow + j]! += x0 * b[b0 + j]! + x1 * b[b1 + j]! + x2 * b[b2 + j]! + x3 * b[b3 + j]!;
    }
  }
  for (; i < m; i++) {
    const aRow = i * k;
    const bRow = i * n;
    for (let p = 0; p < k; p++) {
      const aip = a[aRow + p]!;
      const oRow = p * n;
      for (let j = 0; j < n; j++) out[oRow + j]! += aip * b[bRow + j]!;
    }
  }
  return out;
}

/**
 * out = a·bᵀ, with a m×n, b k×n and out m×k (row-major) — e.g. dX = dY·Wᵀ.
 *
 * out[i,p] = Σⱼ a[i,j]·b[p,j]: a dot product of two contiguous rows.
 * @param out destination, m·k elements (overwritten)
 * @param a m·n elements
 * @param b k·n elements (used transposed)
 * @returns out
 * @throws ArgumentRangeError when a dimension is not a non-negative integer or an array is too short
 * @example
 * const out = new Float64Array(4);
 * matmulTransBInto(out, new Float64Array([1, 2, 3, 4]), new Float64Array([5, 6, 7, 8]), 2, 2, 2);
 * // [[1, 2], [3, 4]]·[[5, 7], [6, 8]] = [17, 23, 39, 53]
 */
export function matmulTransBInto(out: Float64Array, a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  checkDims('matmulTransBInto', m, k, n);
  checkLength('matmulTransBInto', 'out', out, m, k);
  checkLength('matmulTransBInto', 'a', a, m, n);
  checkLength('matmulTransBInto', 'b', b, k, n);
  for (let i = 0; i < m; i++) {
    const aRow = i * n;
    for (let p = 0; p < k; p++) {
      const bRow = p * n;
      let sum = 0;
      for (let j = 0; j < n; j++) sum += a[aRow + j]! * b[bRow + j]!;
      out[i * k + p] = sum;
    }
  }
  return out;
}

/**
 * a·b as a new m×n row-major Float64Array (wraps `matmulInto`).
 * @example
 * matmul(new Float64Array([1, 2, 3, 4]), new Float64Array([5, 6, 7, 8]), 2, 2, 2); // [19, 22, 43, 50]
 */
export function matmul(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  checkDims('matmul', m, k, n);
  return matmulInto(new Float64Array(m * n), a, b, m, k, n);
}
