/**
 * Which hidden columns of the tiny network a change of first-layer weights
 * touches: W1[p,j] and b1[j] feed hidden column j alone. Compares the current
 * W1 and b1 with a copy taken at the last full pass (the base), everywhere or
 * only where a declared scope allows changes.
 */
import { InvalidArgumentError, InvalidStateError } from '@descent/core';

/** More changed first-layer columns than this since the last full pass: run a full pass instead. */
export const MAX_INCREMENTAL_COLUMNS = 4;

/**
 * What may change between the losses that follow an `IncrementalLoss.restrict`:
 * anything ('any'), only column j of W1 ({ W1Column: j }), only b1 ('b1'), or
 * only W2 and b2 ('outputLayer'). A narrower scope spares comparing all of W1.
 */
export type ChangeScope = 'any' | 'b1' | 'outputLayer' | { W1Column: number };

/**
 * Check that `scope` is a ChangeScope for `hidden` hidden units.
 * @throws InvalidArgumentError naming `fn` when it is not (e.g. a W1Column outside [0, hidden))
 * @example
 * checkScope('demo', { W1Column: 2 }, 50); // fine; { W1Column: 50 } throws
 */
export function checkScope(fn: string, scope: ChangeScope, hidden: number): void {
  const column = typeof scope === 'object' && scope !== null ? scope.W1Column : undefined;
  const ok = scope === 'any' || scope === 'b1' || scope === 'outputLayer' || (Number.isInteger(column) && column! >= 0 && column! < hidden);
  if (!ok) {
    throw new InvalidArgumentError(`${fn}: scope must be 'any', 'b1', 'outputLayer' or { W1Column: j } with j in [0, ${hidden}), got ${JSON.stringify(scope)}`);
  }
}

/**
 * The columns j (at most MAX_INCREMENTAL_COLUMNS + 1) whose W1[·,j] or b1[j]
 * differ from the base, looked for only where `scope` allows changes. A NaN
 * weight always counts as changed (NaN !== NaN), so it is always recomputed.
 * @example
 * const c = new ChangedColumns(2);
 * c.find('any', new Float64Array([1, 5]), new Float64Array(2), new Float64Array([1, 2]), new Float64Array(2)); // true
 * c.count; // 1, and c.list[0] = 1: W1[0,1] changed
 */
export class ChangedColumns {
  /** The changed columns, list[0 … count). */
  readonly list: Int32Array;
  count = 0;
  private readonly hidden: number;
  private readonly mark: Uint8Array;

  constructor(hidden: number) {
    this.hidden = hidden;
    this.list = new Int32Array(hidden);
    this.mark = new Uint8Array(hidden);
  }

  /** Fill `list`; false once more than MAX_INCREMENTAL_COLUMNS changed (then a full pass is cheaper). */
  find(scope: ChangeScope, W1: Float64Array, b1: Float64Array, baseW1: Float64Array, baseB1: Float64Array): boolean {
    const H = this.hidden;
    const { list, mark } = this;
    let count = 0;
    let ok = true;
    if (scope === 'any') {
      // The common case (nothing or one weight changed) is a tight compare loop; marking happens off its path.
      for (let at = 0, n = W1.length; at < n && ok; at++) {
        if (W1[at] !== baseW1[at] && mark[at % H] === 0) {
          mark[at % H] = 1;
          list[count++] = at % H;
          ok = count <= MAX_INCREMENTAL_COLUMNS;
        }
      }
    } else if (typeof scope === 'object') {
      const j = scope.W1Column;
      for (let at = j; at < W1.length && count === 0; at += H) if (W1[at] !== baseW1[at]) list[count++] = j;
    }
    if (scope === 'any' || scope === 'b1') {
      for (let j = 0; j < H && ok; j++) {
        if (b1[j] !== baseB1[j] && mark[j] === 0) {
          mark[j] = 1;
          list[count++] = j;
          ok = count <= MAX_INCREMENTAL_COLUMNS;
        }
      }
    }
    for (let c = 0; c < count; c++) mark[list[c]!] = 0;
    this.count = count;
    return ok;
  }

  /**
   * Throw when W1 or b1 differ from the base outside `scope` (W2 and b2 are
   * never compared: they may always change).
   * @throws InvalidStateError naming the first such weight
   */
  verify(fn: string, scope: ChangeScope, W1: Float64Array, b1: Float64Array, baseW1: Float64Array, baseB1: Float64Array): void {
    if (scope === 'any') return;
    const H = this.hidden;
    const column = typeof scope === 'object' ? scope.W1Column : -1;
    let where = '';
    for (let at = 0; at < W1.length && where === ''; at++) {
      if (W1[at] !== baseW1[at] && at % H !== column) where = `W1[${Math.floor(at / H)},${at % H}]`;
    }
    for (let j = 0; j < H && where === '' && scope !== 'b1'; j++) if (b1[j] !== baseB1[j]) where = `b1[${j}]`;
    if (where !== '') {
      throw new InvalidStateError(
        `${fn}: ${where} changed while the scope was ${JSON.stringify(scope)}, so the losses since may be wrong; ` +
          `call restrict('any') before changing weights outside the scope`,
      );
    }
  }
}
