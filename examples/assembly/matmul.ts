// AssemblyScript source of the tiny network's matrix product (compiled by
// examples/scripts/build-wasm.ts into lib/matmul-wasm.generated.ts; never
// edit the generated file by hand).
//
// out = a·b for row-major float64 matrices: a m×k, b k×n, out m×n. Pointers
// are byte offsets into this module's memory. Every output element is summed
// as the naive triple loop sums it — s = 0; for p = 0 … k−1: s += a[i,p]·b[p,j]
// — one product after another in one accumulator (WebAssembly has no fused
// multiply-add outside relaxed SIMD, so each step rounds the same way), so
// both kernels return the naive loop's bits exactly. SIMD only computes two
// output columns at once (f64x2); it never reorders a sum.

/** a's zero fraction from which `matmul` skips zeros: 3/5 (the measured crossover, see matmul-js.ts). */
const SPARSE_MIN_ZERO_NUMERATOR: i32 = 3;
const SPARSE_MIN_ZERO_DENOMINATOR: i32 = 5;

/** First byte free for the caller's matrices (static data ends before it). */
export function heapBase(): usize {
  return __heap_base;
}

@inline function fma2(c: v128, x: v128, b: v128): v128 {
  return f64x2.add(c, f64x2.mul(x, b));
}

/** Four rows × four columns of out: 8 f64x2 accumulators, p ascending. */
@inline function tile4x4(o: usize, a0: usize, b: usize, k8: usize, n8: usize): void {
  const a1 = a0 + k8, a2 = a1 + k8, a3 = a2 + k8;
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c30 = f64x2.splat(0), c31 = f64x2.splat(0);
  let bp = b;
  for (let p: usize = 0; p < k8; p += 8) {
    const b0 = v128.load(bp), b1 = v128.load(bp, 16);
    let x = v128.load64_splat(a0 + p);
    c00 = fma2(c00, x, b0); c01 = fma2(c01, x, b1);
    x = v128.load64_splat(a1 + p);
    c10 = fma2(c10, x, b0); c11 = fma2(c11, x, b1);
    x = v128.load64_splat(a2 + p);
    c20 = fma2(c20, x, b0); c21 = fma2(c21, x, b1);
    x = v128.load64_splat(a3 + p);
    c30 = fma2(c30, x, b0); c31 = fma2(c31, x, b1);
    bp += n8;
  }
  v128.store(o, c00); v128.store(o, c01, 16);
  v128.store(o + n8, c10); v128.store(o + n8, c11, 16);
  v128.store(o + 2 * n8, c20); v128.store(o + 2 * n8, c21, 16);
  v128.store(o + 3 * n8, c30); v128.store(o + 3 * n8, c31, 16);
}

/** `rows` (1–4) rows × two columns: one f64x2 accumulator per row. */
@inline function tileRowsX2(o: usize, a0: usize, b: usize, k8: usize, n8: usize, rows: i32): void {
  for (let r = 0; r < rows; r++) {
    const ar = a0 + <usize>r * k8;
    let c = f64x2.splat(0);
    let bp = b;
    for (let p: usize = 0; p < k8; p += 8) {
      c = fma2(c, v128.load64_splat(ar + p), v128.load(bp));
      bp += n8;
    }
    v128.store(o + <usize>r * n8, c);
  }
}

/** `rows` (1–4) rows × one column, scalar. */
@inline function tileRowsX1(o: usize, a0: usize, b: usize, k8: usize, n8: usize, rows: i32): void {
  for (let r = 0; r < rows; r++) {
    const ar = a0 + <usize>r * k8;
    let s: f64 = 0;
    let bp = b;
    for (let p: usize = 0; p < k8; p += 8) {
      s += load<f64>(ar + p) * load<f64>(bp);
      bp += n8;
    }
    store<f64>(o + <usize>r * n8, s);
  }
}

/** out = a·b, every element of a used (register tiles of 4×4, edges by 2 and 1 columns). */
export function matmulDense(out: usize, a: usize, b: usize, m: i32, k: i32, n: i32): void {
  const k8 = <usize>k << 3, n8 = <usize>n << 3;
  for (let i = 0; i < m; i += 4) {
    const rows = min(4, m - i);
    const a0 = a + <usize>i * k8;
    const o = out + <usize>i * n8;
    let j = 0;
    if (rows == 4) {
      for (; j + 4 <= n; j += 4) tile4x4(o + (<usize>j << 3), a0, b + (<usize>j << 3), k8, n8);
    }
    for (; j + 2 <= n; j += 2) tileRowsX2(o + (<usize>j << 3), a0, b + (<usize>j << 3), k8, n8, rows);
    if (j < n) tileRowsX1(o + (<usize>j << 3), a0, b + (<usize>j << 3), k8, n8, rows);
  }
}

/**
 * out = a·b skipping a's zeros: row by row, the nonzero a[i,p] and the byte
 * offsets of b's rows p are gathered into `scratch` (12·k bytes, 8-aligned),
 * then out's row is summed over them ten columns at a time (5 f64x2
 * accumulators), then two, then one. Equal to the dense sum whenever b is
 * finite: a skipped term is ±0 and s + ±0 = s for the s ≠ −0 that a sum
 * started at +0 always is.
 */
export function matmulSparse(out: usize, a: usize, b: usize, m: i32, k: i32, n: i32, scratch: usize): void {
  const k8 = <usize>k << 3, n8 = <usize>n << 3;
  const val = scratch, idx = scratch + k8;
  for (let i = 0; i < m; i++) {
    const ar = a + <usize>i * k8;
    let nz: usize = 0;
    // Branch-free: always write the slot, advance only past a nonzero (no mispredictions on scattered zeros).
    for (let p: usize = 0; p < <usize>k; p++) {
      const v = load<f64>(ar + (p << 3));
      store<f64>(val + (nz << 3), v);
      store<u32>(idx + (nz << 2), <u32>(p * n8));
      nz += <usize>(v != 0);
    }
    const o = out + <usize>i * n8;
    let j = 0;
    for (; j + 10 <= n; j += 10) {
      const bj = b + (<usize>j << 3);
      let c0 = f64x2.splat(0), c1 = f64x2.splat(0), c2 = f64x2.splat(0), c3 = f64x2.splat(0), c4 = f64x2.splat(0);
      for (let q: usize = 0; q < nz; q++) {
        const bp = bj + <usize>load<u32>(idx + (q << 2));
        const x = v128.load64_splat(val + (q << 3));
        c0 = fma2(c0, x, v128.load(bp)); c1 = fma2(c1, x, v128.load(bp, 16)); c2 = fma2(c2, x, v128.load(bp, 32));
        c3 = fma2(c3, x, v128.load(bp, 48)); c4 = fma2(c4, x, v128.load(bp, 64));
      }
      const oj = o + (<usize>j << 3);
      v128.store(oj, c0); v128.store(oj, c1, 16); v128.store(oj, c2, 32); v128.store(oj, c3, 48); v128.store(oj, c4, 64);
    }
    for (; j + 2 <= n; j += 2) {
      const bj = b + (<usize>j << 3);
      let c = f64x2.splat(0);
      for (let q: usize = 0; q < nz; q++) c = fma2(c, v128.load64_splat(val + (q << 3)), v128.load(bj + <usize>load<u32>(idx + (q << 2))));
      v128.store(o + (<usize>j << 3), c);
    }
    if (j < n) {
      const bj = b + (<usize>j << 3);
      let s: f64 = 0;
      for (let q: usize = 0; q < nz; q++) s += load<f64>(val + (q << 3)) * load<f64>(bj + <usize>load<u32>(idx + (q << 2)));
      store<f64>(o + (<usize>j << 3), s);
    }
  }
}

/** Whether all `count` doubles at `x` are finite (x − x is 0 for finite x, NaN for ±∞ and NaN). */
export function allFinite(x: usize, count: i32): bool {
  let acc = f64x2.splat(0);
  const end = x + (<usize>count << 3);
  let p = x;
  for (; p + 16 <= end; p += 16) {
    const v = v128.load(p);
    acc = f64x2.add(acc, f64x2.sub(v, v));
  }
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (p < end) {
    const v = load<f64>(p);
    s += v - v;
  }
  return s == 0;
}

/** Whether at least SPARSE_MIN_ZERO_NUMERATOR/…DENOMINATOR of the `count` doubles at `x` are ±0 (counted two at a time, 256 per check, stopping once they are). */
export function mostlyZeros(x: usize, count: i32): bool {
  const needed = (<i64>count * SPARSE_MIN_ZERO_NUMERATOR + SPARSE_MIN_ZERO_DENOMINATOR - 1) / SPARSE_MIN_ZERO_DENOMINATOR;
  if (needed == 0) return false;
  const zero = f64x2.splat(0);
  let zeros: i64 = 0;
  const end = x + (<usize>count << 3);
  let p = x;
  while (p + 16 <= end) {
    // f64x2.eq gives −1 in each lane equal to ±0: subtracting counts them
    let lanes = i64x2.splat(0);
    const stop = min(end, p + 2048);
    for (; p + 16 <= stop; p += 16) lanes = i64x2.sub(lanes, f64x2.eq(v128.load(p), zero));
    zeros += i64x2.extract_lane(lanes, 0) + i64x2.extract_lane(lanes, 1);
    if (zeros >= needed) return true;
  }
  if (p < end) zeros += <i64>(load<f64>(p) == 0);
  return zeros >= needed;
}

/**
 * out = a·b with the faster kernel for the data: the sparse one when a is
 * mostly zeros and b is finite (skipping a zero times ±∞/NaN would hide a
 * NaN), the dense one otherwise. Returns 1 when it skipped zeros, 0 when not.
 */
export function matmul(out: usize, a: usize, b: usize, m: i32, k: i32, n: i32, scratch: usize): i32 {
  if (mostlyZeros(a, m * k) && allFinite(b, k * n)) {
    matmulSparse(out, a, b, m, k, n, scratch);
    return 1;
  }
  matmulDense(out, a, b, m, k, n);
  return 0;
}
