/**
 * Finds every TypeScript snippet a user reads — the ```ts blocks of the READMEs
 * and the `@example`s of doc comments in packages/*\/src — and turns each into
 * a module that can be type-checked and run.
 *
 * Conventions (documented in the root README under "Snippets"):
 * - a README block is a complete module: it has its own imports;
 * - an `@example` may omit imports: names it uses are imported from the
 *   packages' public entries, then from its own source file, and `ndarray` /
 *   `NdArray` from 'ndarray';
 * - a comment states a value the code must produce, checked when it runs
 *   (`expr; // → value`, `expr; // ≈ value`, `// name → value`): see
 *   value-comments.ts, which turns those comments into checks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** One snippet: where it is and its code. */
export interface Snippet {
  /** `README.md:34` — the file (relative to the repository root) and the line of its first code line. */
  readonly id: string;
  /** The file, relative to the repository root. */
  readonly file: string;
  /** 1-based line of the snippet's first code line in `file`. */
  readonly line: number;
  readonly kind: 'readme' | 'example';
  readonly code: string;
}

/** A public entry point whose exports examples may use without importing them. */
export interface ExportSource {
  /** What the import says, e.g. '@descent/optim'. */
  readonly specifier: string;
  /** Exported name → whether it is a type only. */
  readonly names: ReadonlyMap<string, boolean>;
}

/** The ```ts / ```typescript fenced blocks of a markdown file. */
export function markdownSnippets(root: string, file: string): Snippet[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const out: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(```+|~~~+)\s*(ts|typescript)\b/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[2]!;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j]!.trimStart().startsWith(fence)) body.push(lines[j++]!.slice(open[1]!.length));
    out.push({ id: `${file}:${i + 2}`, file, line: i + 2, kind: 'readme', code: body.join('\n') });
    i = j;
  }
  return out;
}

/** The `@example` blocks of the doc comments of a TypeScript source file. */
export function exampleSnippets(root: string, file: string): Snippet[] {
  const text = readFileSync(join(root, file), 'utf8');
  const out: Snippet[] = [];
  for (const comment of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const startLine = text.slice(0, comment.index).split('\n').length;
    const lines = comment[0].split('\n').map((l) => l.replace(/^\s*\/?\*\*?\/?\s?/, '').replace(/\s*\*\/$/, ''));
    for (let i = 0; i < lines.length; i++) {
      if (!/^@example\b/.test(lines[i]!)) continue;
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && !/^@\w/.test(lines[j]!)) body.push(lines[j++]!);
      while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();
      let code = body.join('\n');
      let first = startLine + i + 1;
      const fenced = /^```(?:ts|typescript)?\n([\s\S]*?)\n```/m.exec(code);
      if (fenced) {
        first += code.slice(0, fenced.index).split('\n').length;
        code = fenced[1]!;
      }
      out.push({ id: `${file}:${first}`, file, line: first, kind: 'example', code });
      i = j - 1;
    }
  }
  return out;
}

/** Every snippet of the repository: READMEs (root and packages) and the @examples of packages/*\/src. */
export function allSnippets(root: string): Snippet[] {
  const packages = readdirSync(join(root, 'packages')).sort();
  const readmes = ['README.md', ...packages.map((p) => `packages/${p}/README.md`)].filter((f) => exists(join(root, f)));
  const sources = packages.flatMap((p) => listTs(root, `packages/${p}/src`));
  return [...readmes.flatMap((f) => markdownSnippets(root, f)), ...sources.flatMap((f) => exampleSnippets(root, f))];
}

function exists(path: string): boolean {
  try {
    readFileSync(path);
    return true;
  } catch {
    return false;
  }
}

function listTs(root: string, dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(join(root, dir)).sort();
  } catch {
    return [];
  }
  return entries.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => `${dir}/${f}`);
}

/** Parse TypeScript source with parent pointers set. */
export function parse(fileName: string, code: string): ts.SourceFile {
  return ts.createSourceFile(fileName, code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

/** The names a module exports, and whether each is a type only (`export type …`, interfaces, type aliases). */
export function moduleExports(fileName: string, code: string): Map<string, boolean> {
  const names = new Map<string, boolean>();
  const sf = parse(fileName, code);
  for (const s of sf.statements) {
    if (ts.isExportDeclaration(s) && s.exportClause && ts.isNamedExports(s.exportClause)) {
      for (const e of s.exportClause.elements) names.set(e.name.text, s.isTypeOnly || e.isTypeOnly);
      continue;
    }
    const exported = ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) names.set(d.name.text, false);
    } else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) && s.name) {
      names.set(s.name.text, false);
    } else if ((ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name) {
      names.set(s.name.text, true);
    }
  }
  return names;
}

/** The public entries of packages/*: `@scope/name` → exports of its src/index.ts. */
export function packageExportSources(root: string): ExportSource[] {
  return readdirSync(join(root, 'packages'))
    .sort()
    .flatMap((p) => {
      const index = join(root, 'packages', p, 'src', 'index.ts');
      if (!exists(index)) return [];
      const name = JSON.parse(readFileSync(join(root, 'packages', p, 'package.json'), 'utf8')).name as string;
      return [{ specifier: name, names: moduleExports(index, readFileSync(index, 'utf8')) }];
    });
}

/** Identifiers the code reads, and the names it declares anywhere (so those are not imported). */
function usedAndDeclared(sf: ts.SourceFile): { used: Set<string>; declared: Set<string> } {
  const used = new Set<string>();
  const declared = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      if (clause?.name) declared.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) declared.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) declared.add(e.name.text);
      return;
    }
    if (ts.isIdentifier(node)) {
      const p = node.parent;
      const isName =
        (ts.isPropertyAccessExpression(p) && p.name === node) ||
        (ts.isQualifiedName(p) && p.right === node) ||
        ((ts.isPropertyAssignment(p) || ts.isPropertySignature(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isMethodSignature(p)) &&
          p.name === node) ||
        (ts.isBindingElement(p) && p.propertyName === node);
      const isDeclaration =
        ((ts.isVariableDeclaration(p) || ts.isFunctionDeclaration(p) || ts.isClassDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p) ||
          ts.isInterfaceDeclaration(p) || ts.isTypeAliasDeclaration(p) || ts.isTypeParameterDeclaration(p)) &&
          (p as { name?: ts.Node }).name === node);
      if (isDeclaration) declared.add(node.text);
      else if (!isName) used.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { used, declared };
}

/**
 * The import line an @example needs: each name it uses but neither declares nor
 * imports, from the first source that exports it (packages' public entries, then
 * `ownModule`, then 'ndarray' for `ndarray` and its types).
 */
export function autoImports(code: string, sources: readonly ExportSource[]): string {
  const { used, declared } = usedAndDeclared(parse('snippet.ts', code));
  const wanted = [...used].filter((n) => !declared.has(n)).sort();
  const bySource = new Map<string, string[]>();
  let ndarrayDefault = false;
  const ndarrayTypes: string[] = [];
  for (const name of wanted) {
    const source = sources.find((s) => s.names.has(name));
    if (source) {
      const list = bySource.get(source.specifier) ?? [];
      list.push(source.names.get(name) ? `type ${name}` : name);
      bySource.set(source.specifier, list);
    } else if (name === 'ndarray') ndarrayDefault = true;
    else if (name === 'NdArray' || name === 'Data' || name === 'DataType') ndarrayTypes.push(`type ${name}`);
  }
  const parts: string[] = [];
  if (ndarrayDefault || ndarrayTypes.length > 0) {
    const named = ndarrayTypes.length > 0 ? `{ ${ndarrayTypes.join(', ')} }` : '';
    parts.push(`import ${[ndarrayDefault ? 'ndarray' : '', named].filter(Boolean).join(', ')} from 'ndarray';`);
  }
  for (const [specifier, names] of bySource) parts.push(`import { ${names.join(', ')} } from '${specifier}';`);
  return parts.join(' ');
}

/** A file name for a snippet: its id with path separators and colons replaced. */
export function snippetFileName(snippet: Snippet): string {
  return `${snippet.id.replace(/[/:.]/g, '_')}.ts`;
}

/** The path of `to` relative to the directory `fromDir`, as an import specifier. */
export function importPath(fromDir: string, to: string): string {
  const r = relative(fromDir, to).split('\\').join('/');
  return r.startsWith('.') ? r : `./${r}`;
}
