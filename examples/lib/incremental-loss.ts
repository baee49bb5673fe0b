/**
 * The tiny network's loss for a numerical gradient: the same number as
 * `net.loss(x, t)`, bit for bit, but a call that finds only a few first-layer
 * weight columns changed since its last full pass recomputes only those
 * columns of the hidden layer.
 *
 * Why that is exact: a1 = x·W1 + b1 is summed by `matmulInto` in the naive
 * order, a1[i,j] = (Σₚ x[i,p]·W1[p,j], p ascending) + b1[j], and column j
 * reads only W1[·,j] and b1[j]. Perturbing W1[p,j] or b1[j] therefore changes
 * column j alone, and recomputing that column in the same order (skipping x's
 * zeros, which leaves a sum started at +0 unchanged when the column is finite)
 * gives the very bits a full pass would. The output layer, softmax and
 * cross-entropy are always recomputed by the network's own functions.
 *
 * Cost per loss on a batch of 100 MNIST digits: the full pass multiplies
 * 100×784 by 784×50; a one-column call sums 100 rows over their ~190 nonzero
 * pixels, then the 100×50·50×10 output layer — plus comparing the 39,760
 * weights with the last pass to find what changed, or only one column of W1
 * after `restrict({ W1Column: j })` (as `chapter4Gradient` does).
 */
import type { NdArray } from 'ndarray';
import { ChangedColumns, checkScope, type ChangeScope } from './changed-columns.js';
import { affineInto, crossEntropy, sigmoidInto, softmaxInto } from './layers.js';
import { batchRows, RowMajorReader } from './row-major.js';
import { SparseRows } from './sparse-rows.js';
import { paramData, type ParamRecord, type TwoLayerNet } from './two-layer-net.js';

/** How the calls so far were computed. */
export interface IncrementalLossStats {
  /** Calls that ran the whole forward pass (the first call, and any with many changes). */
  full: number;
  /** Calls that recomputed only the changed hidden columns (or none) and the output layer. */
  partial: number;
}

/**
 * The loss of `net` on a fixed batch, reusing the last full pass when few
 * first-layer weights changed. x and t are copied at construction, so later
 * changes to the caller's arrays do not affect it; the parameters are read at
 * every call (`net.params` unless others are passed), so it serves as the f of
 * a numerical gradient that perturbs them in place.
 * @example
 * import ndarray from 'ndarray';
 * import { numericalGradients } from '@descent/core';
 * const net = new TwoLayerNet(4, 3, 2, 0.5, 1);
 * const x = ndarray(new Float64Array([1, 0, 2, 0, 0, 3, 0, 4]), [2, 4]);
 * const t = ndarray(new Float64Array([0, 1]));
 * const loss = new IncrementalLoss(net, x, t);
 * loss.value() === net.loss(x, t); // true
 * const g = numericalGradients(() => loss.value(), net.params); // same gradient as with net.loss, faster
 */
export class IncrementalLoss {
  readonly net: TwoLayerNet;
  /** Samples in the batch. */
  readonly rows: number;
  /** Counts of full and partial calls. */
  readonly stats: IncrementalLossStats = { full: 0, partial: 0 };

  private readonly xs: Float64Array;
  private readonly ts: Float64Array;
  /** x's nonzeros, row by row. */
  private readonly sparse: SparseRows;
  /** W1 and b1 as of the last full pass, and that pass's a1 and z1 = σ(a1). */
  private readonly baseW1: Float64Array;
  private readonly baseB1: Float64Array;
  private readonly a1: Float64Array;
  private readonly baseZ1: Float64Array;
  private hasBase = false;
  /** z1 as this call uses it: baseZ1 with the changed columns replaced. */
  private readonly z1: Float64Array;
  private readonly y: Float64Array;
  private readonly changed: ChangedColumns;
  /** Columns of z1 that differ from baseZ1 (restored at the next call). */
  private readonly dirty: Int32Array;
  private dirtyCount = 0;
  /** One column of W1, gathered. */
  private readonly column: Float64Array;
  private scope: ChangeScope = 'any';
  /** The params record of the last full pass (the one the scope is about). */
  private baseParams: ParamRecord | null = null;

  /**
   * @param net the network (its sizes; its params are read at each call)
   * @param x the batch, [n, inputSize] or [inputSize], any layout (copied)
   * @param t labels [n] or one-hot [n, outputSize], any layout (copied)
   * @throws RangeError when x's shape does not fit the network
   */
  constructor(net: TwoLayerNet, x: NdArray, t: NdArray) {
    const { inputSize: I, hiddenSize: H, outputSize: O } = net;
    this.net = net;
    this.rows = batchRows('IncrementalLoss', x, I);
    this.xs = new RowMajorReader().read(x).slice();
    this.ts = new RowMajorReader().read(t).slice();
    this.sparse = new SparseRows(this.xs, this.rows, I);
    this.baseW1 = new Float64Array(I * H);
    this.baseB1 = new Float64Array(H);
    this.a1 = new Float64Array(this.rows * H);
    this.baseZ1 = new Float64Array(this.rows * H);
    this.z1 = new Float64Array(this.rows * H);
    this.y = new Float64Array(this.rows * O);
    this.changed = new ChangedColumns(H);
    this.dirty = new Int32Array(H);
    this.column = new Float64Array(I);
  }

  /**
   * The mean cross-entropy of the batch at `params`: equal bit for bit to
   * `net.loss(x, t, params)` for the x and t given at construction.
   * @throws TypeError / RangeError when params lack W1, b1, W2, b2 of the network's shapes or are not contiguous Float64
   */
  value(params: ParamRecord = this.net.params): number {
    const fn = 'IncrementalLoss.value';
    const { inputSize: I, hiddenSize: H, outputSize: O } = this.net;
    const W1 = paramData(fn, params, 'W1', I, H);
    const b1 = paramData(fn, params, 'b1', H, 0);
    for (let d = 0; d < this.dirtyCount; d++) this.restoreColumn(this.dirty[d]!);
    this.dirtyCount = 0;
    // A scope speaks of the params record it began with: another record gets a full pass.
    const scoped = this.scope !== 'any';
    if (!this.hasBase || (scoped && params !== this.baseParams) || !this.changed.find(this.scope, W1, b1, this.baseW1, this.baseB1)) {
      this.fullPass(W1, b1, params);
    } else {
      const { list, count } = this.changed;
      for (let c = 0; c < count; c++) this.recomputeColumn(list[c]!, W1, b1);
      this.dirty.set(list.subarray(0, count));
      this.dirtyCount = count;
      this.stats.partial++;
    }
    affineInto(this.y, this.z1, paramData(fn, params, 'W2', H, O), paramData(fn, params, 'b2', O, 0), this.rows, H, O);
    softmaxInto(this.y, this.y, this.rows, O);
    return crossEntropy(this.y, this.ts, this.rows, O);
  }

  /**
   * Promise that until the next `restrict`, between calls of `value` only the
   * parameters of `scope` change (W2 and b2 may always change), so a call
   * compares only those with its base. The next call runs a full pass. Before
   * switching, checks that nothing outside the previous scope changed since the
   * last full pass, and throws if something did (the losses since may be wrong).
   * @throws InvalidArgumentError when scope is not a ChangeScope (a W1Column outside [0, hiddenSize))
   * @throws InvalidStateError when a weight outside the previous scope changed
   * @example
   * loss.restrict({ W1Column: 3 }); // numerical gradient of column 3 of W1 …
   * loss.restrict('any');           // … and back to comparing everything
   */
  restrict(scope: ChangeScope): void {
    const fn = 'IncrementalLoss.restrict';
    const { inputSize: I, hiddenSize: H } = this.net;
    checkScope(fn, scope, H);
    if (this.hasBase && this.baseParams !== null) {
      const W1 = paramData(fn, this.baseParams, 'W1', I, H);
      this.changed.verify(fn, this.scope, W1, paramData(fn, this.baseParams, 'b1', H, 0), this.baseW1, this.baseB1);
    }
    this.scope = scope;
    this.hasBase = false;
  }

  /** The first-layer forward pass, as `TwoLayerNet` runs it; becomes the new base. */
  private fullPass(W1: Float64Array, b1: Float64Array, params: ParamRecord): void {
    this.baseParams = params;
    const { inputSize: I, hiddenSize: H } = this.net;
    affineInto(this.a1, this.xs, W1, b1, this.rows, I, H);
    sigmoidInto(this.baseZ1, this.a1);
    this.z1.set(this.baseZ1);
    this.baseW1.set(W1);
    this.baseB1.set(b1);
    this.hasBase = true;
    this.stats.full++;
  }

  /** z1[·,j] = σ(x·W1[·,j] + b1[j]), summed in matmulInto's order. */
  private recomputeColumn(j: number, W1: Float64Array, b1: Float64Array): void {
    const { inputSize: I, hiddenSize: H } = this.net;
    const { rows, sparse, xs, z1 } = this;
    // Gather the column once (then every read below hits this small buffer); w − w is NaN for ±∞ and NaN.
    const w = this.column;
    let check = 0;
    for (let p = 0; p < I; p++) {
      const v = W1[p * H + j]!;
      w[p] = v;
      check += v - v;
    }
    const finite = check === 0;
    const bias = b1[j]!;
    for (let i = 0; i < rows; i++) {
      let s = 0;
      if (finite) {
        s = sparse.dot(i, w);
      } else {
        // 0·∞ = NaN must not be skipped: the naive sum over every pixel
        for (let p = 0; p < I; p++) s += xs[i * I + p]! * w[p]!;
      }
      const a = s + bias;
      z1[i * H + j] = 1 / (1 + Math.exp(-a));
    }
  }

  private restoreColumn(j: number): void {
    const H = this.net.hiddenSize;
    for (let i = 0; i < this.rows; i++) this.z1[i * H + j] = this.baseZ1[i * H + j]!;
  }
}
