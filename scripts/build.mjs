#!/usr/bin/env node
// Clean build of every publishable package: removes each packages/*/dist (so a
// renamed or deleted source file leaves nothing stale behind), then compiles
// them all with `tsc -b` (project references build @descent/core before
// @descent/optim). Output per package: dist/*.js (ESM), *.d.ts, *.js.map with
// the sources inlined.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const projects = readdirSync(join(root, 'packages'))
  .map((name) => join(root, 'packages', name))
  .filter((dir) => existsSync(join(dir, 'tsconfig.build.json')));
for (const dir of projects) rmSync(join(dir, 'dist'), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-b', ...projects.map((dir) => join(dir, 'tsconfig.build.json'))], { stdio: 'inherit', cwd: root });
console.log(`built ${projects.map((dir) => dir.slice(root.length)).join(', ')}`);
