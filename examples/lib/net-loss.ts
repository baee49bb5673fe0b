/**
 * The chapter-4 loss as a pool loss module (chapter4-pool.ts, used by the
 * digits example and examples/bench/pool.bench.ts): loss(w, context) is
 * TwoLayerNet(I, H, O)'s cross-entropy on the batch in
 * `context`, at the weights `context.weights` with the elements listed in
 * `context.indices` replaced by w's — so a pool can differentiate any subset
 * of its weights (all 39,760 of TwoLayerNet(784, 50, 10), or a timed sample).
 *
 * Evaluated by IncrementalLoss (the same bits as net.loss), restricted like
 * chapter4Gradient to the one W1 column (or b1, or the output layer) that the
 * perturbed weight feeds. A numerical gradient perturbs one coordinate of w
 * at a time and restores it before the next, so the call finds that one
 * coordinate by comparing w with its base values, starting where the last
 * call found one (coordinates come in ascending chunks): a few comparisons
 * per call. It therefore assumes w differs from its base in at most one
 * element — true of every call a numerical gradient makes, not of arbitrary
 * points; list W1's weights column by column in `indices` so that a worker
 * rarely changes scope (each change costs one full forward pass).
 */
import ndarray, { type NdArray } from 'ndarray';
import type { ChangeScope } from '../lib/changed-columns.js';
import { IncrementalLoss } from '../lib/incremental-loss.js';
import { TwoLayerNet } from '../lib/two-layer-net.js';

/** What a gradient call sends each worker once. */
export interface NetLossContext {
  /** Sizes of TwoLayerNet(inputSize, hiddenSize, outputSize). */
  sizes: [number, number, number];
  /** The batch, rows × inputSize, row-major. */
  x: Float64Array;
  /** Labels, one per row. */
  t: Float64Array;
  /** All weights, W1 (row-major), b1, W2 (row-major), b2 in that order. */
  weights: Float64Array;
  /** Position in `weights` of each element of w. */
  indices: Int32Array;
}

interface Prepared {
  context: NetLossContext;
  loss: IncrementalLoss;
  weights: Float64Array;
  params: Record<'W1' | 'b1' | 'W2' | 'b2', NdArray>;
  /** w's unperturbed values: weights[indices[k]]. */
  base: Float64Array;
  /** The coordinate of w perturbed at the last call, or -1. */
  last: number;
  /** The scope in force: a W1 column j ≥ 0, -1 for b1, -2 for the output layer, -3 for none yet ('any'). */
  scope: number;
}

let prepared: Prepared | null = null;

/** The loss and its arrays, rebuilt once per context (once per gradient call per worker). */
function prepare(context: NetLossContext): Prepared {
  if (prepared?.context === context) return prepared;
  const [I, H, O] = context.sizes;
  const net = new TwoLayerNet(I, H, O);
  const rows = context.t.length;
  const loss = new IncrementalLoss(net, ndarray(context.x, [rows, I]), ndarray(context.t, [rows]));
  const weights = context.weights.slice();
  const at = [0, I * H, I * H + H, I * H + H + H * O];
  const params = {
    W1: ndarray(weights.subarray(at[0], at[1]), [I, H]),
    b1: ndarray(weights.subarray(at[1], at[2]), [H]),
    W2: ndarray(weights.subarray(at[2], at[3]), [H, O]),
    b2: ndarray(weights.subarray(at[3]), [O]),
  };
  const base = Float64Array.from(context.indices, (i) => weights[i]!);
  prepared = { context, loss, weights, params, base, last: -1, scope: -3 };
  return prepared;
}

/** The coordinate where `data` differs from `base`, searched from `from` on (wrapping), or -1. */
function changed(data: Float64Array, base: Float64Array, from: number): number {
  const n = data.length;
  for (let k = from; k < n; k++) if (data[k] !== base[k]) return k;
  for (let k = 0; k < from; k++) if (data[k] !== base[k]) return k;
  return -1;
}

/**
 * The mean cross-entropy of the batch with weights[indices[k]] = w[k] (w
 * differing from those base values in at most one element).
 * @example
 * netLoss(w, context); // = net.loss(x, t) for the net holding those weights
 */
export function netLoss(w: NdArray, context: NetLossContext): number {
  const p = prepare(context);
  const data = w.data as Float64Array;
  const { indices } = context;
  const [I, H] = context.sizes;
  if (p.last >= 0) p.weights[indices[p.last]!] = p.base[p.last]!;
  const k = changed(data, p.base, Math.max(p.last, 0));
  p.last = k;
  if (k >= 0) {
    const i = indices[k]!;
    const scope = i < I * H ? i % H : i < I * H + H ? -1 : -2;
    if (scope !== p.scope) {
      const s: ChangeScope = scope >= 0 ? { W1Column: scope } : scope === -1 ? 'b1' : 'outputLayer';
      p.loss.restrict(s); // every weight is at its base here, as restrict requires
      p.scope = scope;
    }
    p.weights[i] = data[k]!;
  }
  return p.loss.value(p.params);
}
