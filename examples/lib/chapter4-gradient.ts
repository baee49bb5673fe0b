/**
 * The book's chapter-4 computation: the numerical gradient of TwoLayerNet's
 * loss over all its weights (39,760 for TwoLayerNet(784, 50, 10)), in this
 * process, timed. It is the body a worker pool would run on its share of the
 * weights: give each worker a copy of the network and the batch, pass its
 * share as `params` (views of the network's arrays), and merge the gradients.
 */
import ndarray, { type NdArray } from 'ndarray';
import { AliasedMemoryError, numericalGradients, numericalGradientsInto, sharesMemory, type GradientOptions } from '@descent/core';
import type { ChangeScope } from './changed-columns.js';
import { IncrementalLoss } from './incremental-loss.js';
import type { TwoLayerNet } from './two-layer-net.js';

/** Options of `chapter4Gradient`: @descent/core's gradient options plus these. */
export interface Chapter4GradientOptions extends GradientOptions {
  /**
   * Evaluate the loss with IncrementalLoss (the same bits as `net.loss`,
   * recomputing only the hidden column a perturbed first-layer weight feeds)
   * instead of a full forward pass per evaluation. The weights are then
   * differentiated one W1 column at a time (then b1, then W2 and b2), each
   * under `restrict`, so a loss compares one column with its base, not all
   * of W1; the gradient is the same.
   * @default true
   */
  incremental?: boolean;
  /**
   * The arrays to differentiate: the network's own, or views of them that share
   * their memory (e.g. `{ W1: net.params.W1.hi(20, 50), b2: net.params.b2 }`,
   * to time a subset or to split the work).
   * @default net.params
   */
  params?: Record<string, NdArray>;
}

/** What `chapter4Gradient` computed and how long it took. */
export interface Chapter4GradientResult {
  /** ∂loss/∂p for every array p of `params`, of its shape. */
  gradient: Record<string, NdArray>;
  /** Weights differentiated (elements of `params`). */
  weights: number;
  /** Loss evaluations (2 per weight for central differences). */
  losses: number;
  /** Wall time of the whole gradient, in milliseconds. */
  ms: number;
  /** ms / weights. */
  msPerWeight: number;
}

/**
 * The numerical gradient of `net.loss(x, t)` with respect to `params` (every
 * element perturbed in place and restored by @descent/core's
 * numericalGradients), timed with performance.now().
 *
 *   ∂L/∂wₖ ≈ (L(w + h·eₖ) − L(w − h·eₖ)) / 2h  (central differences by default)
 * @param net the network; its parameters are perturbed and restored bit for bit
 * @param x the batch, [n, inputSize]
 * @param t labels [n] or one-hot [n, outputSize]
 * @param options step, scheme, … (as numericalGradients), `incremental`, `params`
 * @example
 * import ndarray from 'ndarray';
 * const net = new TwoLayerNet(4, 3, 2, 0.5, 1);
 * const x = ndarray(new Float64Array([1, 0, 2, 0, 0, 3, 0, 4]), [2, 4]);
 * const t = ndarray(new Float64Array([0, 1]));
 * const r = chapter4Gradient(net, x, t, { h: 1e-4 });
 * r.weights; // 4·3 + 3 + 3·2 + 2 = 23; r.losses = 46
 */
export function chapter4Gradient(net: TwoLayerNet, x: NdArray, t: NdArray, options: Chapter4GradientOptions = {}): Chapter4GradientResult {
  const { incremental = true, params = net.params, ...gradientOptions } = options;
  let losses = 0;
  const started = performance.now();
  let gradient: Record<string, NdArray>;
  if (incremental) {
    checkDisjoint(params);
    const loss = new IncrementalLoss(net, x, t);
    const f = (): number => {
      losses++;
      return loss.value();
    };
    gradient = {};
    for (const [key, p] of Object.entries(params)) {
      const out = ndarray(new Float64Array(p.size), p.shape.slice());
      gradient[key] = out;
      for (const [scope, part, outPart] of scopedParts(net, p, out)) {
        loss.restrict(scope);
        numericalGradientsInto({ [key]: outPart }, f, { [key]: part }, gradientOptions);
      }
    }
    loss.restrict('any');
  } else {
    gradient = numericalGradients(() => {
      losses++;
      return net.loss(x, t);
    }, params, gradientOptions);
  }
  const ms = performance.now() - started;
  const weights = Object.values(params).reduce((sum, p) => sum + p.size, 0);
  return { gradient, weights, losses, ms, msPerWeight: ms / weights };
}

/**
 * Refuse params whose arrays share elements, as numericalGradients does (the
 * incremental path hands it one part at a time, so it could not see them).
 */
function checkDisjoint(params: Record<string, NdArray>): void {
  const keys = Object.keys(params);
  for (let a = 0; a < keys.length; a++) {
    for (let b = a + 1; b < keys.length; b++) {
      if (sharesMemory(params[keys[a]!]!, params[keys[b]!]!)) {
        throw new AliasedMemoryError(
          `params.${keys[b]}`,
          [],
          `chapter4Gradient: params.${keys[b]} shares memory with params.${keys[a]}, so perturbing an element of one moves the other ` +
            'and neither partial derivative is defined; pass each weight once',
        );
      }
    }
  }
}

/**
 * Split p (and its gradient destination `out`, of p's shape) into parts that
 * each change only one ChangeScope of the network: a view of W1 whose rows
 * step by whole rows of W1 splits into its columns (each within one column of
 * W1); views of b1, of W2 or b2 are one scope each; anything else is 'any'.
 */
function scopedParts(net: TwoLayerNet, p: NdArray, out: NdArray): [ChangeScope, NdArray, NdArray][] {
  const { W1, b1, W2, b2 } = net.params;
  const H = net.hiddenSize;
  if (p.data === b1.data) return [['b1', p, out]];
  if (p.data === W2.data || p.data === b2.data) return [['outputLayer', p, out]];
  if (p.data !== W1.data) return [['any', p, out]];
  const column = (offset: number): number => ((offset % H) + H) % H;
  if (p.shape.length === 1 && p.stride[0]! % H === 0) return [[{ W1Column: column(p.offset) }, p, out]];
  if (p.shape.length === 2 && p.stride[0]! % H === 0) {
    return Array.from({ length: p.shape[1]! }, (_, q): [ChangeScope, NdArray, NdArray] => [
      { W1Column: column(p.offset + q * p.stride[1]!) },
      p.pick(null, q),
      out.pick(null, q),
    ]);
  }
  if (p.shape.length === 2 && p.stride[1]! % H === 0) {
    return Array.from({ length: p.shape[0]! }, (_, q): [ChangeScope, NdArray, NdArray] => [
      { W1Column: column(p.offset + q * p.stride[0]!) },
      p.pick(q, null),
      out.pick(q, null),
    ]);
  }
  return [['any', p, out]];
}
