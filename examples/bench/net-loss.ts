/**
 * The chapter-4 loss as a pool loss module (examples/bench/pool.bench.ts):
 * loss(w, context) is TwoLayerNet(784, 50, 10)'s cross-entropy on the batch in
 * `context` at the weights `context.weights` with the elements listed in
 * `context.indices` replaced by w's — so a pool can differentiate any subset
 * of the 39,760 weights (all of them, or a timed sample). Evaluated by
 * IncrementalLoss (same bits as net.loss; a call that finds one hidden column
 * changed recomputes that column only), with scope 'any': a worker takes
 * coordinates in any order, so each call compares all of W1 and b1 with the
 * last full pass instead of one column.
 */
import ndarray, { type NdArray } from 'ndarray';
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
}

let prepared: Prepared | null = null;

/** The loss, its arrays rebuilt once per context (once per gradient call per worker). */
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
  prepared = { context, loss, weights, params };
  return prepared;
}

/**
 * The mean cross-entropy of the batch with weights[indices[k]] = w[k].
 * @example
 * netLoss(w, context); // = net.loss(x, t) for the net holding those weights
 */
export function netLoss(w: NdArray, context: NetLossContext): number {
  const p = prepare(context);
  const data = w.data as Float64Array;
  const { indices } = context;
  for (let k = 0; k < indices.length; k++) p.weights[indices[k]!] = data[k]!;
  return p.loss.value(p.params);
}
