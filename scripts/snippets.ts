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
 * - a comment states a value the code must produce, checked when it runs:
 *   `expr; // → value` (exactly), `expr; // ≈ value` (to half a unit of the
 *   last digit written, e.g. `≈ 0.0707` is ± 0.00005), and on a statement's line
 *   or on a line of its own `// name → value` / `// a.b[0] ≈ value` (several
 *   joined by `;`). A value is a literal: number, string, boolean, null, array,
 *   object (object keys listed must match, others are free); prose may follow
 *   after ` — ` or in a closing `(remark)`, and `;`-separated clauses without an arrow are prose. A comment
 *   without → or ≈ is left alone.
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

function parse(fileName: string, code: string): ts.SourceFile {
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

/** An error in a snippet's value comments, with its location. */
export class SnippetSyntaxError extends Error {
  override name = 'SnippetSyntaxError';
}

type Expected = { n: string; tol: number } | { s: string } | { b: boolean } | { null: true } | { undef: true } | { a: Expected[] } | { o: [string, Expected][] };

/** Half a unit of the last digit of a numeric literal: `0.0707` → 0.00005, `6.1e-10` → 5e-12, `2` → 0.5. */
export function halfUnitOfLastDigit(literal: string): number {
  const m = /^(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(literal);
  if (!m) return 0;
  const decimals = m[2]?.length ?? 0;
  const exponent = Number(m[3] ?? 0);
  return 0.5 * 10 ** (exponent - decimals);
}

function expectedOf(node: ts.Expression, approx: boolean, fail: (why: string) => never): Expected {
  if (ts.isParenthesizedExpression(node)) return expectedOf(node.expression, approx, fail);
  if (ts.isNumericLiteral(node)) return { n: node.text, tol: approx ? halfUnitOfLastDigit(node.getText()) * (1 + 1e-9) : 0 };
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) {
    const inner = expectedOf(node.operand, approx, fail);
    if (!('n' in inner)) fail('a minus sign must precede a number');
    return { n: inner.n.startsWith('-') ? inner.n.slice(1) : `-${inner.n}`, tol: inner.tol };
  }
  if (ts.isIdentifier(node) && (node.text === 'NaN' || node.text === 'Infinity')) return { n: node.text, tol: 0 };
  if (ts.isIdentifier(node) && node.text === 'undefined') return { undef: true };
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { s: node.text };
  if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) return { b: node.kind === ts.SyntaxKind.TrueKeyword };
  if (node.kind === ts.SyntaxKind.NullKeyword) return { null: true };
  if (ts.isArrayLiteralExpression(node)) return { a: node.elements.map((e) => expectedOf(e, approx, fail)) };
  if (ts.isObjectLiteralExpression(node)) {
    return {
      o: node.properties.map((p): [string, Expected] => {
        if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name))) {
          fail('object values must be written as { key: literal }');
        }
        return [p.name.text, expectedOf(p.initializer, approx, fail)];
      }),
    };
  }
  return fail(`'${node.getText()}' is not a literal (number, string, boolean, null, array or object of literals)`);
}

function parsesAsExpression(text: string): ts.Expression | null {
  const result = ts.transpileModule(`(${text}\n);`, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022 } });
  if ((result.diagnostics ?? []).length > 0) return null;
  const statement = parse('value.ts', `(${text}\n);`).statements[0];
  if (statement === undefined || !ts.isExpressionStatement(statement) || !ts.isParenthesizedExpression(statement.expression)) return null;
  return statement.expression.expression;
}

/**
 * The value a comment states, as the JSON of its Expected: the whole text, or
 * (when that is no literal) the text before a closing parenthetical remark, as
 * in `// → true (the first element)`.
 */
function statedValue(text: string, approx: boolean, fail: (why: string) => never): { valueText: string; expected: string } {
  const remark = /^(.*?)\s+\([^()]*\)$/s.exec(text);
  const candidates = remark ? [text, remark[1]!.trim()] : [text];
  let firstProblem = '';
  for (const candidate of candidates) {
    const value = parsesAsExpression(candidate);
    if (value === null) {
      firstProblem ||= `'${candidate}' is not a value`;
      continue;
    }
    try {
      const expected = expectedOf(value, approx, (why) => {
        throw new SnippetSyntaxError(why);
      });
      return { valueText: candidate, expected: JSON.stringify(expected) };
    } catch (error) {
      if (!(error instanceof SnippetSyntaxError)) throw error;
      firstProblem ||= error.message;
    }
  }
  return fail(firstProblem);
}

/** Split at `;` outside brackets and strings. */
function splitClauses(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ';' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The innermost statement that ends on `line` before column `column` (the statement a trailing comment belongs to). */
function statementEndingOn(sf: ts.SourceFile, pos: number): ts.Statement | null {
  const line = sf.getLineAndCharacterOfPosition(pos).line;
  let found: ts.Statement | null = null;
  const visit = (node: ts.Node): void => {
    if (
      (ts.isExpressionStatement(node) || ts.isVariableStatement(node)) &&
      node.end <= pos &&
      sf.getLineAndCharacterOfPosition(node.end).line === line
    ) {
      found = node;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/**
 * The snippet with each value comment turned into a call of `check`
 * (scripts/snippet-check.mjs's snippetCheck), line numbers unchanged.
 * @throws SnippetSyntaxError when a → / ≈ comment does not follow the convention
 */
export function withChecks(snippet: Snippet, check = '__check'): string {
  const code = snippet.code;
  const sf = parse('snippet.ts', code);
  const edits: Edit[] = [];
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, code);
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token !== ts.SyntaxKind.SingleLineCommentTrivia) continue;
    const start = scanner.getTokenStart();
    const body = scanner.getTokenText().slice(2).trim();
    if (!/[→≈]/.test(body)) continue;
    const line = sf.getLineAndCharacterOfPosition(start).line;
    const where = `${snippet.file}:${snippet.line + line}`;
    const fail = (why: string): never => {
      throw new SnippetSyntaxError(`${where}: in the comment '// ${body}': ${why}. Write 'expr; // → value', 'expr; // ≈ value' or '// name → value'.`);
    };
    const trailing = code.slice(code.lastIndexOf('\n', start - 1) + 1, start).trim() !== '';
    const calls: string[] = [];
    let replaceStatement: Edit | null = null;
    for (const clause of splitClauses(body)) {
      const m = /^(.*?)\s*([→≈])\s*(.+)$/s.exec(clause.replaceAll('−', '-'));
      if (!m) continue; // prose between the checks
      const [, lhs, arrow, rest] = m as unknown as [string, string, string, string];
      const { valueText, expected } = statedValue(rest.split(' — ')[0]!.trim(), arrow === '≈', fail);
      const label = JSON.stringify(`${lhs === '' ? '' : `${lhs} `}${arrow} ${valueText}`);
      if (lhs !== '') {
        if (parsesAsExpression(lhs) === null) fail(`'${lhs}' is not an expression`);
        calls.push(`${check}((${lhs}), ${expected}, ${JSON.stringify(where)}, ${label});`);
        continue;
      }
      if (!trailing) fail('a comment on a line of its own must name what it checks, as in // x → 1');
      const statement = statementEndingOn(sf, start);
      if (statement === null) fail('there is no expression or declaration before it on this line');
      if (ts.isExpressionStatement(statement!)) {
        const expression = statement.expression.getText(sf);
        replaceStatement = {
          start: statement.getStart(sf),
          end: statement.end,
          text: `${check}((${expression}), ${expected}, ${JSON.stringify(where)}, ${JSON.stringify(`${expression.split('\n')[0]} ${arrow} ${valueText}`)});`,
        };
      } else {
        const declarations = (statement as ts.VariableStatement).declarationList.declarations;
        const name = declarations.length === 1 && ts.isIdentifier(declarations[0]!.name) ? declarations[0]!.name.text : null;
        if (name === null) fail('a → after a declaration needs exactly one declared name');
        calls.push(`${check}(${name}, ${expected}, ${JSON.stringify(where)}, ${JSON.stringify(`${name} ${arrow} ${valueText}`)});`);
      }
    }
    if (replaceStatement) edits.push(replaceStatement);
    edits.push({ start, end: scanner.getTokenEnd(), text: calls.join(' ') });
  }
  let out = code;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
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
