/**
 * The pool's workers load the loss module the way the caller's process
 * loads code: a TypeScript loss under tsx (the workers inherit its loader),
 * and built JavaScript under plain node (the package compiled to JavaScript,
 * a .mjs loss). Each runs in a child process; both gradients equal the
 * synchronous one bit for bit.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { numericalGradient } from '@descent/core';
import { weightedSines } from '../fixtures/pool-loss.js';

const core = fileURLToPath(new URL('../..', import.meta.url));
const root = join(core, '..', '..');
const expected = Array.from(numericalGradient((v) => weightedSines(v, { scale: 2 }), ndarray(Float64Array.of(0.5, 1, 1.5, 2), [2, 2])).data as Float64Array);

describe('loss modules in child processes', () => {
  it('TypeScript under tsx', { timeout: 60_000 }, () => {
    const stdout = execFileSync(join(root, 'node_modules/.bin/tsx'), [join(core, 'test/fixtures/pool-child.ts')], { encoding: 'utf8', timeout: 50_000 });
    expect(JSON.parse(stdout.trim())).toEqual(expected);
  });

  it('built JavaScript under plain node', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'descent-pool-'));
    try {
      const src = join(core, 'src');
      await build({ entryPoints: readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join(src, f)), outbase: src, outdir: join(dir, 'dist'), format: 'esm', platform: 'node', logLevel: 'silent' });
      symlinkSync(join(core, 'node_modules'), join(dir, 'node_modules'), 'dir'); // ndarray, piscina
      writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
      writeFileSync(
        join(dir, 'loss.mjs'),
        'export function weightedSines(x, c) { let s = 0; for (let i = 0; i < x.data.length; i++) s += Math.sin(x.data[i]) * (i + 1); return s * c.scale; }\n',
      );
      writeFileSync(
        join(dir, 'main.mjs'),
        [
          "import ndarray from 'ndarray';",
          "import { createGradientPool } from './dist/pool/pool.js';",
          "const pool = createGradientPool({ module: new URL('./loss.mjs', import.meta.url), export: 'weightedSines', workers: 2 });",
          'const g = await pool.gradient(ndarray(Float64Array.of(0.5, 1, 1.5, 2), [2, 2]), { context: { scale: 2 } });',
          'console.log(JSON.stringify(Array.from(g.data)));',
          'await pool.close();',
        ].join('\n'),
      );
      const stdout = execFileSync(process.execPath, [join(dir, 'main.mjs')], { encoding: 'utf8', timeout: 50_000, env: { ...process.env, NODE_OPTIONS: '' } });
      expect(JSON.parse(stdout.trim())).toEqual(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
