// The committed WebAssembly kernels are exactly what the committed AssemblyScript source compiles to.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { compileKernels, GENERATED_MODULE, generatedModuleText } from '../scripts/build-wasm.js';

it('lib/matmul-wasm.generated.ts is byte-identical to compiling assembly/matmul.ts (run `pnpm --filter @descent/examples build:wasm` after editing it)', async () => {
  const wasm = await compileKernels();
  // a WebAssembly module starts with "\0asm" and version 1
  expect(Array.from(wasm.subarray(0, 8))).toEqual([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  expect(readFileSync(GENERATED_MODULE, 'utf8')).toBe(generatedModuleText(wasm));
});
