/**
 * Nothing Node-only reaches a browser bundle of @descent/core or @descent/optim
 * (from the workspace sources; the consumer check repeats this on the packed
 * tarballs). esbuild with platform 'browser' fails on any import of a Node
 * built-in, and the bundle text must not touch Node globals either. The
 * worker pool is Node-only by design: it lives behind the `@descent/core/pool`
 * subpath with only a `node` condition, so a browser bundle cannot resolve it
 * and the root entries never reach it.
 */
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
/** Node globals a browser lacks, as the bundle would reference them. */
const NODE_GLOBALS = /\bprocess\s*\.|\bBuffer\s*\.|\b__dirname\b|\b__filename\b|\brequire\s*\(|\bsetImmediate\b/;

async function bundle(contents: string, platform: 'browser' | 'node'): Promise<{ text: string; metafile: Metafile }> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform,
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { text: result.outputFiles[0]!.text, metafile: result.metafile };
}

const everything = `import * as core from '@descent/core'; import * as optim from '@descent/optim'; (globalThis as any).all = [core, optim];`;

describe('browser bundle of both packages', () => {
  it('builds for platform browser with no Node built-in, no cli-progress and no Node global', async () => {
    const { text, metafile } = await bundle(everything, 'browser');
    const inputs = Object.keys(metafile.inputs);
    const imports = Object.values(metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    expect(imports.filter((path) => BUILTINS.has(path))).toEqual([]);
    expect(inputs.filter((path) => /cli-progress|terminal-progress/.test(path))).toEqual([]);
    expect(inputs.some((path) => path.endsWith('console-progress.ts'))).toBe(true);
    expect(inputs.filter((path) => /piscina|core\/src\/pool/.test(path))).toEqual([]);
    expect(inputs.some((path) => path.endsWith('numerical-gradient-async.ts'))).toBe(true);
    expect(text.match(NODE_GLOBALS)).toBeNull();
  });

  it('cannot resolve @descent/core/pool for platform browser; resolves it (with piscina) for platform node', async () => {
    const pool = `import { createGradientPool } from '@descent/core/pool'; (globalThis as any).pool = createGradientPool;`;
    await expect(bundle(pool, 'browser')).rejects.toThrow(/Could not resolve "@descent\/core\/pool"/);
    const { metafile } = await bundle(pool, 'node');
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.some((path) => path.endsWith('packages/core/src/pool/pool.ts'))).toBe(true);
    expect(inputs.some((path) => path.includes('piscina'))).toBe(true);
  });

  it('resolves #terminal-progress to the cli-progress bar for platform node', async () => {
    const { metafile } = await bundle(everything, 'node');
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.some((path) => path.endsWith('terminal-progress.ts'))).toBe(true);
    expect(inputs.some((path) => path.includes('cli-progress'))).toBe(true);
    expect(inputs.some((path) => path.endsWith('console-progress.ts'))).toBe(false);
  });

  it('tree-shakes: an adam-only bundle leaves out train, minimize and the numerical-gradient kernel', async () => {
    const { metafile } = await bundle(`import { adam } from '@descent/optim'; (globalThis as any).adam = adam;`, 'browser');
    const kept = Object.values(metafile.outputs)[0]!.inputs;
    expect(kept['packages/optim/src/transforms/adam.ts']!.bytesInOutput).toBeGreaterThan(200);
    // A module whose code is dropped can still leave one statement of ~16 bytes
    // behind (esbuild keeps the `__toESM(require_x())` of a CommonJS import such
    // as ndarray-ops); a module that is really bundled is kilobytes.
    // No module of the minimize and train layers (whole folders), nor core's differences, is really bundled.
    const left = ['optim/src/train/', 'optim/src/minimize/', 'core/src/kernel/finite-difference', 'core/src/grad-check/'];
    for (const [path, input] of Object.entries(kept)) {
      if (left.some((prefix) => path.startsWith(`packages/${prefix}`))) expect(input.bytesInOutput, path).toBeLessThan(64);
    }
    expect(Object.keys(kept).some((path) => path.startsWith('packages/optim/src/transforms/'))).toBe(true);
  });
});
