/**
 * The packages as a user gets them. Builds, `pnpm pack`s every package of
 * packages/*, installs the tarballs with npm into a fresh folder outside the
 * repository (with only typescript and @types/node beside them), then:
 *   1. runs every README snippet as plain Node ESM (type-stripped, no tsx),
 *      printing each value its comments state and checking it;
 *   2. runs the same snippets as CommonJS through require();
 *   3. type-checks them, and every public declaration file, with tsc under
 *      strict + exactOptionalPropertyTypes + noUncheckedIndexedAccess and
 *      skipLibCheck off, for moduleResolution nodenext, bundler and node10;
 *   4. bundles a file importing every runtime export of every package with
 *      esbuild --platform=browser: no Node built-in, no Node global; prints its
 *      size (minified, gzipped) and an adam-only bundle's, which tree-shaking
 *      must make much smaller; `@descent/core/pool` must not resolve there;
 *   5. runs a worker pool from `@descent/core/pool` under plain Node (a .mjs
 *      loss module, two worker threads): its gradient must equal
 *      numericalGradient's bit for bit.
 * Any failure exits non-zero. Usage: `pnpm consumer-check` (KEEP=1 keeps the folder).
 */
import { execFile, execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import ts from 'typescript';
import { allSnippets, type Snippet } from './snippets.js';
import { withChecks } from './value-comments.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const PNPM = ['-y', 'pnpm@12.4.2'];
/** Node globals a browser lacks, as a bundle would reference them. */
const NODE_GLOBALS = /\bprocess\s*\.|\bBuffer\s*\.|\b__dirname\b|\b__filename\b|\brequire\s*\(|\bsetImmediate\b/;
/** The adam-only bundle must be at most this fraction of the everything bundle (gzipped). */
const MAX_ADAM_FRACTION = 0.6;

let stepStarted = Date.now();
function step(title: string): void {
  const now = Date.now();
  console.log(`(${((now - stepStarted) / 1000).toFixed(1)} s)\n\n== consumer check: ${title}`);
  stepStarted = now;
}

function run(command: string, args: string[], options: ExecFileSyncOptions = {}): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options }) as string;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`.trim());
  }
}

function runAsync(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed:\n${stdout}${stderr}`.trim()));
      else resolve(stdout);
    });
  });
}

function versionOf(pkg: string): string {
  return JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version as string;
}

interface Packed {
  readonly name: string;
  readonly tarball: string;
}

function buildAndPack(dir: string): Packed[] {
  step('build');
  run(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  step('pack');
  const tarballs = join(dir, 'tarballs');
  mkdirSync(tarballs);
  const packed: Packed[] = [];
  for (const name of readdirSync(join(root, 'packages')).sort()) {
    const manifest = JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'));
    if (manifest.private === true) continue;
    const before = new Set(readdirSync(tarballs));
    run('npx', [...PNPM, 'pack', '--pack-destination', tarballs], { cwd: join(root, 'packages', name) });
    const tarball = readdirSync(tarballs).find((f) => !before.has(f))!;
    const files = run('tar', ['tzf', join(tarballs, tarball)]).trim().split('\n');
    const stray = files.filter((f) => !/^package\/(dist\/.*\.(js|d\.ts|js\.map)|package\.json|README\.md|LICENSE)$/.test(f));
    if (stray.length > 0) throw new Error(`${tarball} contains files other than dist, README, LICENSE: ${stray.join(', ')}`);
    console.log(`${manifest.name}: ${tarball} (${files.length} files)`);
    packed.push({ name: manifest.name as string, tarball: join(tarballs, tarball) });
  }
  return packed;
}

function install(dir: string, packed: Packed[]): void {
  step('npm install of the tarballs (+ typescript, @types/node) outside the workspace');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'descent-consumer', private: true, type: 'module' }, null, 2));
  const deps = [...packed.map((p) => p.tarball), `typescript@${versionOf('typescript')}`, `@types/node@${versionOf('@types/node')}`];
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...deps], { cwd: dir });
  console.log(`installed in ${dir}: ${readdirSync(join(dir, 'node_modules')).filter((n) => !n.startsWith('.')).join(' ')}`);
}

function transpile(code: string, module: ts.ModuleKind): string {
  return ts.transpileModule(code, {
    compilerOptions: { module, target: ts.ScriptTarget.ES2022, esModuleInterop: true, verbatimModuleSyntax: false },
  }).outputText;
}

/** Whether the snippet awaits at its top level (an ES module only: CommonJS and `module: commonjs` refuse it). */
function topLevelAwait(code: string): boolean {
  const visit = (node: ts.Node): boolean =>
    ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined) || (!ts.isFunctionLike(node) && !ts.isClassLike(node) && ts.forEachChild(node, visit) === true);
  return ts.forEachChild(ts.createSourceFile('snippet.ts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS), visit) === true;
}

function runReadmes(dir: string, snippets: Snippet[], kind: 'esm' | 'cjs'): void {
  step(kind === 'esm' ? '1. README snippets as plain Node ESM' : '2. README snippets as CommonJS (require)');
  for (const [i, snippet] of snippets.entries()) {
    const ts_ = `import { snippetCheck as __check } from './snippet-check.mjs';\n${withChecks(snippet)}\n`;
    const file = `readme-${i}.${kind === 'esm' ? 'mjs' : 'cjs'}`;
    let js = transpile(ts_, kind === 'esm' ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS);
    // CommonJS has no top-level await: the body runs in an async function, as a CommonJS user would write it
    if (kind === 'cjs' && topLevelAwait(snippet.code)) js = `(async () => {\n${js}\n})().catch((error) => {\n  console.error(error);\n  process.exitCode = 1;\n});\n`;
    if (kind === 'cjs' && !/require\("@descent\//.test(js)) throw new Error(`${file}: no require() of a @descent package in the CommonJS build of ${snippet.id}`);
    writeFileSync(join(dir, file), js);
    console.log(`-- ${snippet.id} (${file})`);
    process.stdout.write(run(process.execPath, [file], { cwd: dir, env: { ...process.env, SNIPPET_PRINT: '1' } }));
  }
}

async function typecheck(dir: string, snippets: Snippet[], packed: Packed[]): Promise<void> {
  step('3. tsc --noEmit: strict, exactOptionalPropertyTypes, skipLibCheck false');
  const src = join(dir, 'src');
  mkdirSync(src);
  // snippets with a top-level await go to esm/, which node10 (module commonjs) does not include
  mkdirSync(join(dir, 'esm'));
  for (const [i, snippet] of snippets.entries()) writeFileSync(join(dir, topLevelAwait(snippet.code) ? 'esm' : 'src', `readme-${i}.ts`), `export {};\n${snippet.code}\n`);
  writeFileSync(
    join(src, 'all-exports.ts'),
    packed.map((p, i) => `import * as p${i} from '${p.name}';\nexport const keys${i}: string[] = Object.keys(p${i});\n`).join(''),
  );
  // the Node-only subpath (node10 finds it through typesVersions)
  writeFileSync(
    join(src, 'pool.ts'),
    "import { createGradientPool, type GradientPool } from '@descent/core/pool';\n" +
      'export const open = (module: URL): GradientPool<{ scale: number }> => createGradientPool({ module, export: \'loss\', workers: 1 });\n',
  );
  // skipLibCheck off checks the packages' .d.ts (and @types/ndarray, @types/node) under these flags;
  // skipDefaultLibCheck only skips TypeScript's own lib.*.d.ts, which is slow and not ours.
  const strict = {
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    skipDefaultLibCheck: true,
    noEmit: true,
    target: 'ES2022',
    lib: ['ES2022', 'DOM'],
  };
  // A CommonJS module of an ESM project: `import … = require()` of the packages (require of ESM, nodenext only).
  mkdirSync(join(dir, 'cjs'));
  writeFileSync(
    join(dir, 'cjs', 'require.cts'),
    packed.map((p, i) => `import p${i} = require('${p.name}');\nexport const keys${i}: string[] = Object.keys(p${i});\n`).join(''),
  );
  const configs: Record<string, [object, string[]]> = {
    nodenext: [{ module: 'nodenext', moduleResolution: 'nodenext' }, ['src', 'esm', 'cjs']],
    bundler: [{ module: 'esnext', moduleResolution: 'bundler' }, ['src', 'esm']],
    node10: [{ module: 'commonjs', moduleResolution: 'node10', esModuleInterop: true }, ['src']],
  };
  // The three runs are independent: run them side by side.
  const checks = Object.entries(configs).map(([name, [options, include]]) => {
    writeFileSync(join(dir, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions: { ...strict, ...options }, include }, null, 2));
    return runAsync(process.execPath, [join(dir, 'node_modules/typescript/bin/tsc'), '-p', `tsconfig.${name}.json`], dir);
  });
  const outcomes = await Promise.allSettled(checks);
  for (const [k, [name, [, include]]] of Object.entries(configs).entries()) {
    const outcome = outcomes[k]!;
    if (outcome.status === 'rejected') throw new Error(`moduleResolution ${name}: ${(outcome.reason as Error).message}`);
    const count = include.includes('esm') ? snippets.length : snippets.filter((sn) => !topLevelAwait(sn.code)).length;
    const what = `${count} README snippets${count < snippets.length ? ' (those without top-level await)' : ''} + every export of ${packed.map((p) => p.name).join(', ')}${include.includes('cjs') ? ' + a .cts require' : ''}`;
    console.log(`moduleResolution ${name}: 0 errors (${what})`);
  }
}

async function bundle(dir: string, entry: string): Promise<{ min: number; gzip: number; text: string }> {
  const result = await build({
    entryPoints: [join(dir, entry)],
    absWorkingDir: dir,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  const imported = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
  const nodeImports = imported.filter((path) => builtins.has(path));
  if (nodeImports.length > 0) throw new Error(`${entry}: the browser bundle imports Node built-ins: ${nodeImports.join(', ')}`);
  const inputs = Object.keys(result.metafile.inputs);
  const nodeOnly = inputs.filter((path) => /cli-progress|terminal-progress/.test(path));
  if (nodeOnly.length > 0) throw new Error(`${entry}: the browser bundle contains Node-only modules: ${nodeOnly.join(', ')}`);
  const text = result.outputFiles[0]!.text;
  const global = NODE_GLOBALS.exec(text);
  if (global) throw new Error(`${entry}: the browser bundle uses the Node global '${global[0]}' near …${text.slice(Math.max(0, global.index - 80), global.index + 40)}…`);
  return { min: Buffer.byteLength(text), gzip: gzipSync(text, { level: 9 }).length, text };
}

async function browserBundles(dir: string, packed: Packed[]): Promise<void> {
  step('4. esbuild --platform=browser');
  const lines: string[] = [];
  const all: string[] = [];
  for (const [i, p] of packed.entries()) {
    const names = JSON.parse(run(process.execPath, ['--input-type=module', '-e', `console.log(JSON.stringify(Object.keys(await import('${p.name}'))))`], { cwd: dir })) as string[];
    lines.push(`import { ${names.map((n) => `${n} as p${i}_${n}`).join(', ')} } from '${p.name}';`);
    all.push(...names.map((n) => `p${i}_${n}`));
    console.log(`${p.name}: ${names.length} runtime exports`);
  }
  writeFileSync(join(dir, 'browser-all.mjs'), `${lines.join('\n')}\nglobalThis.descent = [${all.join(', ')}];\n`);
  writeFileSync(join(dir, 'browser-adam.mjs'), `import { adam } from '@descent/optim';\nglobalThis.descent = adam;\n`);
  const everything = await bundle(dir, 'browser-all.mjs');
  const adamOnly = await bundle(dir, 'browser-adam.mjs');
  const kb = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`every export: ${kb(everything.min)} minified, ${kb(everything.gzip)} min+gzip`);
  console.log(`adam only:    ${kb(adamOnly.min)} minified, ${kb(adamOnly.gzip)} min+gzip (${((100 * adamOnly.gzip) / everything.gzip).toFixed(0)}% of every export)`);
  if (adamOnly.gzip > MAX_ADAM_FRACTION * everything.gzip) {
    throw new Error(`tree-shaking failed: the adam-only bundle is more than ${MAX_ADAM_FRACTION * 100}% of the whole`);
  }
  for (const marker of ['train:', 'minimize:', 'gradCheck']) {
    if (adamOnly.text.includes(marker)) throw new Error(`tree-shaking failed: the adam-only bundle contains '${marker}'`);
  }
  writeFileSync(join(dir, 'browser-pool.mjs'), `import { createGradientPool } from '@descent/core/pool';\nglobalThis.descent = createGradientPool;\n`);
  const refused = await bundle(dir, 'browser-pool.mjs').then(
    () => false,
    (error: unknown) => /Could not resolve "@descent\/core\/pool"/.test(String((error as Error).message ?? error)),
  );
  if (!refused) throw new Error('a browser bundle could resolve @descent/core/pool (it must be Node-only)');
  console.log('@descent/core/pool: not resolvable for the browser (Node only), as intended');
}

function poolFromNode(dir: string): void {
  step('5. @descent/core/pool under plain Node (2 worker threads, a .mjs loss)');
  writeFileSync(join(dir, 'loss.mjs'), 'export const loss = (x, c) => c.scale * x.data.reduce((s, t, i) => s + Math.sin(t) * (i + 1), 0);\n');
  writeFileSync(
    join(dir, 'pool-check.mjs'),
    [
      "import ndarray from 'ndarray';",
      "import { numericalGradient } from '@descent/core';",
      "import { createGradientPool } from '@descent/core/pool';",
      "import { loss } from './loss.mjs';",
      "const pool = createGradientPool({ module: new URL('./loss.mjs', import.meta.url), export: 'loss', workers: 2 });",
      'const x = ndarray(Float64Array.from({ length: 40 }, (_, i) => i / 9), [8, 5]);',
      'const g = await pool.gradient(x, { context: { scale: 2 } });',
      'await pool.close();',
      'const reference = numericalGradient((v) => loss(v, { scale: 2 }), x);',
      'if (!Array.from(g.data).every((v, i) => Object.is(v, reference.data[i]))) throw new Error(`pool gradient differs: ${g.data} vs ${reference.data}`);',
      "console.log('pool gradient of 40 coordinates on 2 workers = numericalGradient, bit for bit');",
    ].join('\n'),
  );
  process.stdout.write(run(process.execPath, ['pool-check.mjs'], { cwd: dir }));
}

async function main(): Promise<void> {
  const started = Date.now();
  const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
  if (major < 20 || (major === 20 && minor < 19)) throw new Error(`Node ${process.versions.node}: the consumer check needs Node ≥ 20.19 (require of ES modules)`);
  const dir = mkdtempSync(join(tmpdir(), 'descent-consumer-'));
  if (dir.startsWith(root)) throw new Error(`the temporary folder ${dir} is inside the workspace`);
  try {
    const packed = buildAndPack(dir);
    install(dir, packed);
    copyFileSync(join(root, 'scripts/snippet-check.mjs'), join(dir, 'snippet-check.mjs'));
    const snippets = allSnippets(root).filter((s) => s.kind === 'readme');
    if (snippets.length === 0) throw new Error('no README snippet found');
    runReadmes(dir, snippets, 'esm');
    runReadmes(dir, snippets, 'cjs');
    await typecheck(dir, snippets, packed);
    await browserBundles(dir, packed);
    poolFromNode(dir);
    step('done');
    console.log(`consumer check passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    if (process.env['KEEP'] === '1') console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`\nconsumer check FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
