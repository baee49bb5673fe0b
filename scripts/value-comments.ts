/**
 * The value comments of snippets: each becomes a call of
 * scripts/snippet-check.mjs's snippetCheck on the same line, so a failure names
 * the line a reader sees.
 *
 * - `expr; // → value` — the statement's value (or the one declared name) is exactly `value`;
 * - `expr; // ≈ value` — equal to half a unit of the last digit written
 *   (`≈ 0.0707` is ± 0.00005, `≈ 2` is ± 0.5);
 * - `// name → value` / `// a.b[0] ≈ value`, after a statement or on a line of
 *   its own, several joined by `;`.
 * A value is a literal: number, string, boolean, null, undefined, NaN,
 * Infinity, array, or object (the keys listed must match, others are free);
 * ndarrays compare as nested arrays. Prose may follow after ` — ` or in a
 * closing `(remark)`; `;`-separated clauses without an arrow are prose; a
 * comment without → or ≈ is left alone. A → or ≈ comment that breaks these
 * rules is an error, never skipped.
 */
import ts from 'typescript';
import { parse, type Snippet } from './snippets.js';

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

interface ValueComment {
  /** The comment's text after `//`, trimmed. */
  readonly body: string;
  /** Its offset in the snippet. */
  readonly start: number;
  /** Whether code precedes it on its line. */
  readonly trailing: boolean;
  /** `file:line`, for messages. */
  readonly where: string;
  /** The name of the check function in the generated code. */
  readonly check: string;
}

/** The check calls of one value comment, and the statement to replace by a check of its value (for `expr; // → v`). */
function checksOfComment(sf: ts.SourceFile, c: ValueComment, fail: (why: string) => never): { calls: string[]; replaceStatement: Edit | null } {
  const { check, where } = c;
  const calls: string[] = [];
  let replaceStatement: Edit | null = null;
  for (const clause of splitClauses(c.body)) {
    const m = /^(.*?)\s*([→≈])\s*(.+)$/s.exec(clause.replaceAll('−', '-'));
    if (!m) continue; // prose between the checks
    const [, lhs, arrow, rest] = m as unknown as [string, string, string, string];
    const { valueText, expected } = statedValue(rest.split(' — ')[0]!.trim(), arrow === '≈', fail);
    const call = (expression: string, shown: string): string =>
      `${check}(${expression}, ${expected}, ${JSON.stringify(where)}, ${JSON.stringify(`${shown} ${arrow} ${valueText}`)});`;
    if (lhs !== '') {
      if (parsesAsExpression(lhs) === null) fail(`'${lhs}' is not an expression`);
      calls.push(call(`(${lhs})`, lhs));
      continue;
    }
    if (!c.trailing) fail('a comment on a line of its own must name what it checks, as in // x → 1');
    const statement = statementEndingOn(sf, c.start);
    if (statement === null) return fail('there is no expression or declaration before it on this line');
    if (ts.isExpressionStatement(statement)) {
      const expression = statement.expression.getText(sf);
      replaceStatement = { start: statement.getStart(sf), end: statement.end, text: call(`(${expression})`, expression.split('\n')[0]!) };
    } else {
      const declarations = (statement as ts.VariableStatement).declarationList.declarations;
      const name = declarations.length === 1 && ts.isIdentifier(declarations[0]!.name) ? declarations[0]!.name.text : null;
      if (name === null) return fail('a → after a declaration needs exactly one declared name');
      calls.push(call(name, name));
    }
  }
  return { calls, replaceStatement };
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
  // Brace depths at which a template literal's substitution `${ … }` closes: its `}` resumes the template,
  // which the scanner only knows when told (else the rest of the template would be scanned as code).
  const templates: number[] = [];
  let depth = 0;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.TemplateHead) templates.push(depth);
    else if (token === ts.SyntaxKind.OpenBraceToken) depth++;
    else if (token === ts.SyntaxKind.CloseBraceToken) {
      if (templates.length > 0 && templates[templates.length - 1] === depth) {
        if (scanner.reScanTemplateToken(false) === ts.SyntaxKind.TemplateTail) templates.pop();
      } else depth--;
    }
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
    const { calls, replaceStatement } = checksOfComment(sf, { body, start, trailing, where, check }, fail);
    if (replaceStatement) edits.push(replaceStatement);
    edits.push({ start, end: scanner.getTokenEnd(), text: calls.join(' ') });
  }
  let out = code;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
