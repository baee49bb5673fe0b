/**
 * A Jacobian's sparsity pattern — which outputs depend on which inputs — and
 * the grouping of its columns into structurally independent groups (no two
 * columns of a group share a row), so that one perturbation of a whole group
 * gives all its columns at once (Curtis–Powell–Reid; scipy's group_columns,
 * FiniteDiff.jl's colour vectors).
 */
import type { NdArray } from 'ndarray';
import { describe } from '../errors/describe.js';
import { ArgumentRangeError, InvalidArgumentError } from '../errors/error-classes.js';
import { isNdArray } from '../memory/strided.js';

/** A sparsity pattern prepared by sparsityPattern: the structure by column, and the column groups. */
export interface SparsityPattern {
  /** m, the number of outputs (rows). */
  readonly rows: number;
  /** n, the number of inputs (columns), in row-major order of x's elements. */
  readonly columns: number;
  /** The rows of column j are rowIndex[columnStart[j] … columnStart[j+1]), ascending. */
  readonly columnStart: Uint32Array;
  /** Row indices, column by column. */
  readonly rowIndex: Uint32Array;
  /** The group of each column, 0-based: columns of one group share no row. */
  readonly groupOf: Uint32Array;
  /** Number of groups: the evaluations a central Jacobian needs are 2·groupCount. */
  readonly groupCount: number;
}

/** What sparsityPattern accepts: an m×n ndarray (nonzero = may depend) or [row, column] pairs. */
export type SparsityInput = NdArray | ReadonlyArray<readonly [number, number]>;

const PREPARED = new WeakSet<object>();

/** True for a pattern made by sparsityPattern (and not altered since: it is frozen). */
export function isSparsityPattern(value: unknown): value is SparsityPattern {
  return typeof value === 'object' && value !== null && PREPARED.has(value);
}

/** The (row, column) pairs of an m×n ndarray's nonzero (or true) elements, column by column. */
function pairsOfMatrix(a: NdArray, where: string, name: string): { m: number; n: number; rows: number[]; cols: number[] } {
  if (a.shape.length !== 2) throw new ArgumentRangeError(`${where}: ${name} must be a 2-D ndarray m×n (got shape [${a.shape.join(',')}]).`);
  const [m, n] = a.shape as [number, number];
  const rows: number[] = [];
  const cols: number[] = [];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) {
      const value: unknown = a.get(i, j);
      if (typeof value !== 'number' && typeof value !== 'boolean') {
        throw new InvalidArgumentError(`${where}: ${name}[${i},${j}] is ${describe(value)}; a sparsity pattern holds 0/1 (or booleans).`);
      }
      if (value !== 0 && value !== false) {
        if (value !== value) throw new ArgumentRangeError(`${where}: ${name}[${i},${j}] is NaN; a sparsity pattern holds 0/1.`);
        rows.push(i);
        cols.push(j);
      }
    }
  }
  return { m, n, rows, cols };
}

/** The pairs of a list, checked to lie in an m×n matrix. */
function pairsOfList(list: readonly unknown[], m: number, n: number, where: string, name: string): { rows: number[]; cols: number[] } {
  const rows: number[] = [];
  const cols: number[] = [];
  list.forEach((pair, k) => {
    const ok = Array.isArray(pair) && pair.length === 2 && pair.every((v) => Number.isSafeInteger(v));
    if (!ok) throw new InvalidArgumentError(`${where}: ${name}[${k}] must be a pair [row, column] of integers (got ${describe(pair)}).`);
    const [i, j] = pair as [number, number];
    if (i < 0 || i >= m || j < 0 || j >= n) {
      throw new ArgumentRangeError(`${where}: ${name}[${k}] = [${i}, ${j}] is outside the ${m}×${n} Jacobian (rows 0…${m - 1}, columns 0…${n - 1}).`);
    }
    rows.push(i);
    cols.push(j);
  });
  return { rows, cols };
}

/**
 * Group columns greedily in their natural order: each column takes the
 * smallest group none of whose columns shares a row with it (distance-2
 * colouring of the column intersection graph, through the rows).
 */
function colour(m: number, n: number, columnStart: Uint32Array, rowIndex: Uint32Array): { groupOf: Uint32Array; groupCount: number } {
  // rows → columns (CSR), to find the columns sharing a row with column j
  const rowStart = new Uint32Array(m + 1);
  for (let k = 0; k < rowIndex.length; k++) rowStart[rowIndex[k]! + 1] = rowStart[rowIndex[k]! + 1]! + 1;
  for (let i = 0; i < m; i++) rowStart[i + 1] = rowStart[i + 1]! + rowStart[i]!;
  const columnIndex = new Uint32Array(rowIndex.length);
  const fill = rowStart.slice(0, m);
  for (let j = 0; j < n; j++) for (let k = columnStart[j]!; k < columnStart[j + 1]!; k++) {
    const r = rowIndex[k]!;
    columnIndex[fill[r]!] = j;
    fill[r] = fill[r]! + 1;
  }
  const groupOf = new Uint32Array(n);
  const stamp = new Int32Array(n + 1).fill(-1); // stamp[g] = j: group g is taken by a neighbour of column j
  let groupCount = 0;
  for (let j = 0; j < n; j++) {
    for (let k = columnStart[j]!; k < columnStart[j + 1]!; k++) {
      const r = rowIndex[k]!;
      for (let q = rowStart[r]!; q < rowStart[r + 1]!; q++) {
        const c = columnIndex[q]!;
        if (c < j) stamp[groupOf[c]!] = j;
      }
    }
    let g = 0;
    while (stamp[g] === j) g++;
    groupOf[j] = g;
    if (g + 1 > groupCount) groupCount = g + 1;
  }
  return { groupOf, groupCount };
}

/**
 * Prepare a Jacobian sparsity pattern: the rows of each column and a grouping
 * of the columns into structurally independent groups, by greedy colouring
 * in column order (for a banded pattern of bandwidth b, b groups; a
 * tridiagonal one: 3). Prepare once and pass the result as `sparsity` to
 * every jacobian call with that structure.
 *
 * @param pattern - an m×n ndarray (any storage or view; nonzero or true = output i may depend on input j),
 *   or a list of [row, column] pairs (duplicates allowed)
 * @param shape - [m, n]; required with a list of pairs, checked against an ndarray's shape when given
 * @returns the prepared pattern (frozen)
 * @throws InvalidArgumentError for a pattern of the wrong kind; ArgumentRangeError for a pair outside [m, n] or a shape mismatch
 * @example
 * // tridiagonal 5×5: columns 0, 3 | 1, 4 | 2 share no row
 * const pairs: [number, number][] = [];
 * for (let i = 0; i < 5; i++) for (let j = Math.max(0, i - 1); j <= Math.min(4, i + 1); j++) pairs.push([i, j]);
 * const pattern = sparsityPattern(pairs, [5, 5]);
 * pattern.groupCount; // → 3
 * Array.from(pattern.groupOf); // → [0, 1, 2, 0, 1]
 */
export function sparsityPattern(pattern: SparsityInput, shape?: readonly [number, number], where = 'sparsityPattern', name = 'pattern'): SparsityPattern {
  let m: number;
  let n: number;
  let rows: number[];
  let cols: number[];
  if (shape !== undefined && !(Array.isArray(shape) && shape.length === 2 && shape.every((v) => Number.isSafeInteger(v) && v >= 0))) {
    throw new InvalidArgumentError(`${where}: shape must be [m, n], two non-negative integers (got ${describe(shape)}).`);
  }
  if (isNdArray(pattern)) {
    ({ m, n, rows, cols } = pairsOfMatrix(pattern, where, name));
    if (shape !== undefined && (shape[0] !== m || shape[1] !== n)) {
      throw new ArgumentRangeError(`${where}: ${name} is ${m}×${n} but the Jacobian is ${shape[0]}×${shape[1]} (outputs × inputs).`);
    }
  } else if (Array.isArray(pattern)) {
    if (shape === undefined) throw new InvalidArgumentError(`${where}: a list of [row, column] pairs needs the shape [m, n].`);
    [m, n] = shape;
    ({ rows, cols } = pairsOfList(pattern, m, n, where, name));
  } else {
    throw new InvalidArgumentError(`${where}: ${name} must be an m×n ndarray of 0/1 or a list of [row, column] pairs (got ${describe(pattern)}).`);
  }
  // CSC, rows ascending and unique within each column
  const order = Array.from(rows.keys()).sort((a, b) => cols[a]! - cols[b]! || rows[a]! - rows[b]!);
  const columnStart = new Uint32Array(n + 1);
  const unique: number[] = [];
  let last = -1;
  for (const k of order) {
    const key = cols[k]! * m + rows[k]!;
    if (key === last) continue;
    last = key;
    unique.push(rows[k]!);
    columnStart[cols[k]! + 1] = columnStart[cols[k]! + 1]! + 1;
  }
  for (let j = 0; j < n; j++) columnStart[j + 1] = columnStart[j + 1]! + columnStart[j]!;
  const rowIndex = Uint32Array.from(unique);
  const { groupOf, groupCount } = colour(m, n, columnStart, rowIndex);
  const prepared: SparsityPattern = Object.freeze({ rows: m, columns: n, columnStart, rowIndex, groupOf, groupCount });
  PREPARED.add(prepared);
  return prepared;
}
