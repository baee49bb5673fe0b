/**
 * Every TypeScript snippet a user reads — README blocks and doc-comment
 * @examples, found automatically (scripts/snippets.ts) — type-checks under
 * strict + exactOptionalPropertyTypes and runs, and every value its comments
 * state (`// → value`, `// ≈ value`) is what the code produces.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { allSnippets, autoImports, importPath, moduleExports, packageExportSources, snippetFileName, type Snippet } from '../scripts/snippets.js';
import { withChecks } from '../scripts/value-comments.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, '.snippets');
const snippets = allSnippets(root);
const sources = packageExportSources(root);

interface Prepared {
  readonly snippet: Snippet;
  readonly checkFile: string;
  readonly runFile: string;
  readonly problem: Error | null;
}

function prepare(snippet: Snippet): Prepared {
  const checkFile = join(outDir, 'check', snippetFileName(snippet));
  const runFile = join(outDir, 'run', snippetFileName(snippet));
  let imports = '';
  if (snippet.kind === 'example') {
    const own = join(root, snippet.file);
    const ownSource = { specifier: importPath(dirname(checkFile), own).replace(/\.ts$/, '.js'), names: moduleExports(own, readFileSync(own, 'utf8')) };
    imports = autoImports(snippet.code, [...sources, ownSource]);
  }
  // Line 1 is the header, so snippet line k is file line k + 1.
  writeFileSync(checkFile, `export {}; ${imports}\n${snippet.code}\n`);
  const check = `import { snippetCheck as __check } from '${importPath(dirname(runFile), join(root, 'scripts/snippet-check.mjs'))}';`;
  try {
    writeFileSync(runFile, `export {}; ${check} ${imports}\n${withChecks(snippet)}\n`);
    return { snippet, checkFile, runFile, problem: null };
  } catch (error) {
    return { snippet, checkFile, runFile, problem: error as Error };
  }
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(join(outDir, 'check'), { recursive: true });
mkdirSync(join(outDir, 'run'), { recursive: true });
const prepared = snippets.map(prepare);
const typeErrors = new Map<string, string[]>();

beforeAll(() => {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const options: ts.CompilerOptions = { ...config!.options, exactOptionalPropertyTypes: true, noEmit: true };
  const program = ts.createProgram(prepared.map((p) => p.checkFile), options);
  for (const p of prepared) {
    const sf = program.getSourceFile(p.checkFile)!;
    const diagnostics = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    typeErrors.set(
      p.snippet.id,
      diagnostics.map((d) => {
        const line = d.start === undefined ? 0 : sf.getLineAndCharacterOfPosition(d.start).line;
        return `${p.snippet.file}:${p.snippet.line + line - 1}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      }),
    );
  }
}, 120_000);

describe('snippets (README blocks and @examples)', () => {
  it('finds the README tour and the @examples of both packages', () => {
    expect(snippets.some((s) => s.file === 'README.md')).toBe(true);
    expect(snippets.filter((s) => s.file.startsWith('packages/core/src/')).length).toBeGreaterThan(5);
    expect(snippets.filter((s) => s.file.startsWith('packages/optim/src/')).length).toBeGreaterThan(20);
  });

  for (const p of prepared) {
    it(`${p.snippet.id} type-checks and runs`, async () => {
      if (p.problem) throw p.problem;
      const errors = typeErrors.get(p.snippet.id) ?? [];
      if (errors.length > 0) throw new Error(`type errors:\n${errors.join('\n')}`);
      await import(pathToFileURL(p.runFile).href);
    });
  }
});
