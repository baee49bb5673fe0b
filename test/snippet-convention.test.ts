/**
 * The snippet convention itself (scripts/snippets.ts + scripts/snippet-check.mjs):
 * stated values are checked, with the tolerance the written digits imply, and a
 * malformed value comment is an error rather than silently skipped.
 */
import { describe, expect, it } from 'vitest';
import { snippetCheck } from '../scripts/snippet-check.mjs';
import { autoImports, type Snippet } from '../scripts/snippets.js';
import { halfUnitOfLastDigit, SnippetSyntaxError, withChecks } from '../scripts/value-comments.js';

const snippet = (code: string): Snippet => ({ id: 'X.md:10', file: 'X.md', line: 10, kind: 'readme', code });
/** Run transformed snippet code with snippetCheck as __check (no imports in these snippets). */
const run = (code: string): void => {
  new Function('__check', withChecks(snippet(code)))(snippetCheck);
};

describe('value comments', () => {
  it('→ is exact, ≈ allows half a unit of the last written digit', () => {
    expect(halfUnitOfLastDigit('0.0707')).toBeCloseTo(0.00005, 15);
    expect(halfUnitOfLastDigit('6.1e-10')).toBeCloseTo(5e-12, 25);
    expect(halfUnitOfLastDigit('2')).toBe(0.5);
    expect(() => run('0.1 + 0.2; // → 0.30000000000000004')).not.toThrow();
    expect(() => run('0.1 + 0.2; // → 0.3')).toThrow('X.md:10: the snippet says 0.1 + 0.2 → 0.3, but value: expected 0.3, got 0.30000000000000004');
    expect(() => run('Math.SQRT2; // ≈ 1.414')).not.toThrow(); // |1.41421 − 1.414| = 0.00021 ≤ 0.0005
    expect(() => run('Math.SQRT2; // ≈ 1.4142136')).not.toThrow();
    expect(() => run('Math.SQRT2; // ≈ 1.4143')).toThrow(/expected ≈ 1.4143 \(± 0\.00005/); // off by 0.000086
  });

  it('checks declarations, named clauses on their own line, arrays against ndarray-likes, and object subsets', () => {
    expect(() => run('const a = [1, 2];\n// a → [1, 2]; a.length → 2')).not.toThrow();
    expect(() => run('const a = 3; // → 3')).not.toThrow();
    expect(() => run('const v = { shape: [2, 2], get: (i, j) => 10 * i + j };\nv; // → [[0, 1], [10, 11]]')).not.toThrow();
    expect(() => run("({ passed: true, worstKey: 'W', extra: 1 }); // → { passed: true, worstKey: 'W' }")).not.toThrow();
    expect(() => run("const r = { passed: false };\n// r → { passed: true }")).toThrow('X.md:11: the snippet says r → { passed: true }, but value.passed: expected true, got false');
    expect(() => run('const a = [1, 2, 3];\n// a → [1, 2]')).toThrow('expected 2 elements, got 3');
  });

  it('leaves prose alone, and reports a → comment that does not follow the convention', () => {
    expect(() => run('let n = 1; // n is one; nothing else')).not.toThrow();
    expect(() => run('[1, 2].includes(1); // → true (the first element)')).not.toThrow();
    expect(() => run('[1, 2].includes(3); // → true (the first element)')).toThrow('expected true, got false');
    expect(() => run("const s = 'x'; // → 'x' — prose after an em dash")).not.toThrow();
    expect(() => withChecks(snippet('f(); // → { a, b, … }'))).toThrow(SnippetSyntaxError);
    expect(() => withChecks(snippet('// → 3'))).toThrow('X.md:10: in the comment \'// → 3\': a comment on a line of its own must name what it checks');
    expect(() => withChecks(snippet('const [a, b] = [1, 2]; // → 1'))).toThrow(/exactly one declared name/);
  });

  it('finds the value comments after a template literal with substitutions (nested too)', () => {
    expect(() => run('const n = 2;\nconst s = `a ${n} b ${`c ${n + 1}`} d`;\ns; // → \'a 2 b c 3 d\'\nn; // → 3')).toThrow('X.md:13: the snippet says n → 3');
    // one substitution: scanned without the template's context, its `}: x` would open a template running to the end
    expect(() => run('const n = 4;\nconst e = `request ${n}: 503`;\nn; // → 5')).toThrow('X.md:12: the snippet says n → 5');
    expect(() => run('const o = { k: `${1}` };\no.k; // → \'1\'')).not.toThrow();
  });

  it('keeps line numbers: a failing check names the line of its comment', () => {
    expect(() => run('const a = 1;\nconst b = 2;\nconst c = a + b; // → 4')).toThrow('X.md:12: the snippet says c → 4');
  });
});

describe('auto-imports of @examples', () => {
  it('imports the names used but not declared, types with `type`, ndarray from ndarray', () => {
    const sources = [
      { specifier: '@descent/optim', names: new Map([['adam', false], ['Batch', true], ['sgd', false]]) },
      { specifier: './own.js', names: new Map([['helper', false]]) },
    ];
    const code = 'const sgd = 1;\nconst b: Batch | null = null;\nconst x = ndarray([1]);\nhelper(adam(), x, b, sgd);';
    expect(autoImports(code, sources)).toBe("import ndarray from 'ndarray'; import { type Batch, adam } from '@descent/optim'; import { helper } from './own.js';");
  });
});
