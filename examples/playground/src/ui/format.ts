/**
 * Numbers as the page shows them: short in the text, exact in data attributes.
 */

/**
 * A number in `digits` significant digits for reading: plain between 1e-3 and
 * 1e6, otherwise as 1.234e-7; −0 as 0; ±Infinity as ±∞; NaN as 'not a number'
 * (the page never shows a NaN as if it were a value).
 * @example
 * formatNumber(-0.000012346); // → '−1.235e-5'
 * formatNumber(-1.2e300 * 1e10); // → '−∞'
 */
export function formatNumber(x: number, digits = 4): string {
  if (Number.isNaN(x)) return 'not a number';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  if (x === 0) return '0';
  const magnitude = Math.abs(x);
  const text =
    magnitude < 1e-3 || magnitude >= 1e6 ? x.toExponential(digits - 1).replace(/\.?0+e/, 'e').replace('e+', 'e') : String(Number(x.toPrecision(digits)));
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

/**
 * The exact text of a number for a data attribute: JavaScript's shortest
 * round-trip form, so `Number(attribute)` gives back the same double.
 * @example
 * exactNumber(0.1 + 0.2); // → '0.30000000000000004'
 */
export function exactNumber(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

/**
 * A point as '(x0, x1)' in `digits` significant digits.
 * @example
 * formatPoint([1, -0.5]); // → '(1, −0.5)'
 */
export function formatPoint(p: readonly [number, number], digits = 4): string {
  return `(${formatNumber(p[0], digits)}, ${formatNumber(p[1], digits)})`;
}
