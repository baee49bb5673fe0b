/** The value a snippet's comment states (see snippet-check.mjs). */
export type Expected =
  | { n: string; tol: number }
  | { s: string }
  | { b: boolean }
  | { null: true }
  | { undef: true }
  | { a: Expected[] }
  | { o: [string, Expected][] };

/** Throw unless `actual` matches the value a snippet's comment states. */
export function snippetCheck(actual: unknown, expected: Expected, where: string, text: string): void;
