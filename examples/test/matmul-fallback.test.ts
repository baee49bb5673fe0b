// Where WebAssembly is missing (or refuses to compile), matmulInto runs on the JavaScript kernels with the same bits.
import { afterEach, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

it('without WebAssembly, wasmMatmulAvailable() is false and matmulInto gives the naive loop’s bits', async () => {
  vi.stubGlobal('WebAssembly', undefined);
  vi.resetModules();
  const { wasmMatmulAvailable } = await import('../lib/matmul-wasm.js');
  const { matmulInto } = await import('../lib/matrix.js');
  expect(wasmMatmulAvailable()).toBe(false);
  // 2×3 · 3×2 with a zero-heavy left factor (4 of 6 zeros: the zero-skipping kernel)
  const a = new Float64Array([0, 0.1, 0, 0, 0, 0.7]);
  const b = new Float64Array([0.3, 0.5, 0.2, 0.9, 1.1, 0.4]);
  const out = matmulInto(new Float64Array(4), a, b, 2, 3, 2);
  // naive: out[0,j] = 0·b[0,j] + 0.1·b[1,j] + 0·b[2,j]; out[1,j] = 0 + 0 + 0.7·b[2,j]
  expect(Array.from(out)).toEqual([0 + 0.1 * 0.2 + 0, 0 + 0.1 * 0.9 + 0, 0 + 0 + 0.7 * 1.1, 0 + 0 + 0.7 * 0.4]);
});

it('when compiling WebAssembly throws (e.g. a content-security policy), it falls back the same way', async () => {
  vi.stubGlobal('WebAssembly', {
    validate: () => true,
    Module: function Module() {
      throw new Error('WebAssembly.Module(): Wasm code generation disallowed by embedder');
    },
  });
  vi.resetModules();
  const { wasmMatmulAvailable } = await import('../lib/matmul-wasm.js');
  const { matmul } = await import('../lib/matrix.js');
  expect(wasmMatmulAvailable()).toBe(false);
  expect(Array.from(matmul(new Float64Array([1, 2, 3, 4]), new Float64Array([5, 6, 7, 8]), 2, 2, 2))).toEqual([19, 22, 43, 50]);
});
