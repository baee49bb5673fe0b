// The run-time half of the snippet convention (see scripts/snippets.ts): each
// `// → value` or `// ≈ value` comment of a README snippet or doc-comment
// @example becomes a call of snippetCheck. Plain JavaScript with no imports so
// that the consumer check can run it with bare `node` (ESM and require) outside
// the workspace. With SNIPPET_PRINT=1 in the environment it prints each value.

/**
 * @typedef {{ n: string, tol: number } | { s: string } | { b: boolean } | { null: true } | { undef: true }
 *   | { a: Expected[] } | { o: [string, Expected][] }} Expected
 */

/** ndarray views become nested arrays, typed arrays plain arrays; the rest is left as is. */
function plain(value) {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(/** @type {ArrayLike<unknown>} */ (value));
  if (value !== null && typeof value === 'object' && Array.isArray(value.shape) && typeof value.get === 'function') {
    const shape = value.shape;
    const at = (prefix) =>
      prefix.length === shape.length ? value.get(...prefix) : Array.from({ length: shape[prefix.length] }, (_, i) => at([...prefix, i]));
    return at([]);
  }
  return value;
}

function show(value) {
  const v = plain(value);
  if (typeof v === 'number' || typeof v === 'bigint' || v === undefined) return String(v);
  if (typeof v === 'function') return `[function ${v.name}]`;
  try {
    return JSON.stringify(v, (_, x) => {
      const p = plain(x);
      return typeof p === 'number' && !Number.isFinite(p) ? String(p) : p;
    });
  } catch {
    return String(v);
  }
}

/** Where `actual` differs from `expected`, as a path and a reason; null when it matches. */
function mismatch(actual, expected, path) {
  const a = plain(actual);
  if ('n' in expected) {
    const want = Number(expected.n);
    if (typeof a !== 'number') return `${path}: expected the number ${expected.n}, got ${show(a)}`;
    if (Number.isNaN(want)) return Number.isNaN(a) ? null : `${path}: expected NaN, got ${a}`;
    const ok = expected.tol === 0 ? a === want : Math.abs(a - want) <= expected.tol;
    return ok ? null : `${path}: expected ${expected.tol === 0 ? '' : '≈ '}${expected.n}${expected.tol === 0 ? '' : ` (± ${expected.tol})`}, got ${a}`;
  }
  if ('s' in expected) return a === expected.s ? null : `${path}: expected ${JSON.stringify(expected.s)}, got ${show(a)}`;
  if ('b' in expected) return a === expected.b ? null : `${path}: expected ${expected.b}, got ${show(a)}`;
  if ('null' in expected) return a === null ? null : `${path}: expected null, got ${show(a)}`;
  if ('undef' in expected) return a === undefined ? null : `${path}: expected undefined, got ${show(a)}`;
  if ('a' in expected) {
    if (!Array.isArray(a)) return `${path}: expected an array of ${expected.a.length}, got ${show(a)}`;
    if (a.length !== expected.a.length) return `${path}: expected ${expected.a.length} elements, got ${a.length}: ${show(a)}`;
    for (let i = 0; i < a.length; i++) {
      const m = mismatch(a[i], expected.a[i], `${path}[${i}]`);
      if (m !== null) return m;
    }
    return null;
  }
  // Objects match when every key the comment lists matches (other keys are free).
  if (a === null || typeof a !== 'object') return `${path}: expected an object, got ${show(a)}`;
  for (const [key, value] of expected.o) {
    const m = mismatch(a[key], value, `${path}.${key}`);
    if (m !== null) return m;
  }
  return null;
}

/**
 * Throw unless `actual` matches the value a snippet's comment states.
 * @param {unknown} actual the value the code produced
 * @param {Expected} expected the stated value (numbers carry their tolerance: 0 for →, half a unit of the last written digit for ≈)
 * @param {string} where `file:line` of the comment
 * @param {string} text what the comment says, for messages
 */
export function snippetCheck(actual, expected, where, text) {
  const m = mismatch(actual, expected, 'value');
  const env = globalThis.process?.env;
  if (env?.SNIPPET_PRINT === '1') console.log(`${where}  ${text}  ${m === null ? 'ok' : 'MISMATCH'}: ${show(actual)}`);
  if (m !== null) throw new Error(`${where}: the snippet says ${text}, but ${m}`);
}
