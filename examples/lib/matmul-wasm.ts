/**
 * The WebAssembly SIMD matrix-product kernels (compiled from
 * examples/assembly/matmul.ts by scripts/build-wasm.ts), loaded once,
 * synchronously, from the bytes in matmul-wasm.generated.ts — no file read or
 * fetch, so it runs in Node, browsers and workers alike. Where WebAssembly or
 * its SIMD is missing, `wasmMatmulAvailable()` is false and callers use the
 * JavaScript kernels (matmul-js.ts), which return the same bits.
 *
 * The operands are copied into the module's memory for each product (≈ 30 µs
 * for the 100×784 batch and 784×50 weights here) and the result copied out;
 * the memory grows when a product needs more and is reused otherwise.
 */
import type { MatmulKernel } from './matmul-js.js';
import { MATMUL_WASM_BASE64 } from './matmul-wasm.generated.js';
import { checkProduct } from './matrix-checks.js';

interface KernelExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  matmul(out: number, a: number, b: number, m: number, k: number, n: number, scratch: number): number;
  matmulDense(out: number, a: number, b: number, m: number, k: number, n: number): void;
  matmulSparse(out: number, a: number, b: number, m: number, k: number, n: number, scratch: number): void;
  allFinite(x: number, count: number): number;
}

const PAGE_BYTES = 65536;
let kernels: KernelExports | null | undefined;
let heap = new Float64Array(0);

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function load(): KernelExports | null {
  if (kernels !== undefined) return kernels;
  kernels = null;
  try {
    const bytes = decodeBase64(MATMUL_WASM_BASE64);
    if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes)) {
      kernels = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as unknown as KernelExports;
    }
  } catch {
    kernels = null; // e.g. a content-security policy that forbids compiling WebAssembly
  }
  return kernels;
}

/**
 * Whether the WebAssembly SIMD kernels run here (decided once, on first call:
 * false where WebAssembly, its SIMD or compiling it is not allowed).
 * @example
 * wasmMatmulAvailable(); // true in Node ≥ 20 and current browsers
 */
export function wasmMatmulAvailable(): boolean {
  return load() !== null;
}

/** The module's memory as float64s, at least `bytes` long (grown when needed; views renewed after growing). */
function heapOf(k: KernelExports, bytes: number): Float64Array {
  const memory = k.memory;
  if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE_BYTES));
  if (heap.buffer !== memory.buffer) heap = new Float64Array(memory.buffer);
  return heap;
}

/**
 * out = a·b on the WebAssembly SIMD kernels: a m×k, b k×n, out m×n, row-major
 * (checked like `matmulInto`). Each element equals the naive
 * loop's Σₚ a[i,p]·b[p,j] bit for bit. 'auto' skips a's zeros when at least
 * 60% of a is zeros and b is finite (MNIST digits are ~76% zeros), else runs
 * 4×4 register tiles; 'sparse' skips zeros whenever b is finite (else the
 * dense kernel runs, as in `matmulJsInto`).
 * @returns the kernel that ran
 * @throws ArgumentRangeError / OverlappingMemoryError for bad dimensions, short or overlapping arrays
 * @throws Error when the kernels are not available here (check `wasmMatmulAvailable()` first)
 * @example
 * const out = new Float64Array(4);
 * if (wasmMatmulAvailable()) wasmMatmulInto(out, new Float64Array([1, 2, 3, 4]), new Float64Array([5, 6, 7, 8]), 2, 2, 2);
 * // out = [19, 22, 43, 50]
 */
export function wasmMatmulInto(
  out: Float64Array,
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
  kernel: MatmulKernel = 'auto',
): 'dense' | 'sparse' {
  checkProduct('wasmMatmulInto', out, a, b, m, k, n);
  const exports = load();
  if (exports === null) throw new Error('wasmMatmulInto: WebAssembly SIMD is not available here; use matmulJsInto');
  // Layout in float64 slots from the heap base (8-aligned): a | b | out | scratch (k values + k offsets).
  const base = Math.ceil(exports.heapBase() / 8);
  const aAt = base;
  const bAt = aAt + m * k;
  const outAt = bAt + k * n;
  const scratchAt = outAt + m * n;
  const mem = heapOf(exports, (scratchAt + 2 * k) * 8);
  mem.set(a.subarray(0, m * k), aAt);
  mem.set(b.subarray(0, k * n), bAt);
  let ran: 'dense' | 'sparse';
  if (kernel === 'auto') {
    ran = exports.matmul(outAt * 8, aAt * 8, bAt * 8, m, k, n, scratchAt * 8) === 1 ? 'sparse' : 'dense';
  } else if (kernel === 'sparse' && exports.allFinite(bAt * 8, k * n) === 1) {
    exports.matmulSparse(outAt * 8, aAt * 8, bAt * 8, m, k, n, scratchAt * 8);
    ran = 'sparse';
  } else {
    exports.matmulDense(outAt * 8, aAt * 8, bAt * 8, m, k, n);
    ran = 'dense';
  }
  out.set(mem.subarray(outAt, outAt + m * n));
  return ran;
}
