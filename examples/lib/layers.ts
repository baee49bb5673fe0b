/**
 * The building blocks of the tiny network ("Deep Learning from Scratch",
 * chapters 3–5), forward and backward, on contiguous row-major Float64Arrays
 * of `rows` samples. Destinations come first; nothing allocates.
 *
 * Targets `t` of a batch are either one-hot (rows·cols numbers) or class
 * labels (rows integers in [0, cols)); the two forms give the same results.
 */
import { matmulInto, matmulTransAInto, matmulTransBInto } from './matrix.js';

/** The constant added inside the log of the cross-entropy, so log(0) never happens. */
export const CROSS_ENTROPY_DELTA = 1e-7;

function checkSameLength(fn: string, outName: string, out: Float64Array, inName: string, x: Float64Array): void {
  if (out.length !== x.length) {
    throw new RangeError(`${fn}: ${outName} has ${out.length} elements but ${inName} has ${x.length}; pass arrays of the same length`);
  }
}

/**
 * out = x·W + b (b added to every row): x rows×inSize, W inSize×outSize, b outSize.
 * @returns out (rows×outSize)
 * @example
 * const out = new Float64Array(2);
 * affineInto(out, new Float64Array([1, 2]), new Float64Array([1, 0, 0, 1]), new Float64Array([10, 20]), 1, 2, 2);
 * // out = [11, 22]
 */
export function affineInto(
  out: Float64Array,
  x: Float64Array,
  W: Float64Array,
  b: Float64Array,
  rows: number,
  inSize: number,
  outSize: number,
): Float64Array {
  if (b.length < outSize) {
    throw new RangeError(`affineInto: b has ${b.length} elements but outSize is ${outSize}; pass one bias per output`);
  }
  matmulInto(out, x, W, rows, inSize, outSize);
  for (let i = 0; i < rows; i++) {
    const row = i * outSize;
    for (let j = 0; j < outSize; j++) out[row + j]! += b[j]!;
  }
  return out;
}

/**
 * Backward pass of `affineInto`, given dout = ∂L/∂out (rows×outSize):
 * dW = xᵀ·dout, db = Σ_rows dout, and (unless `dx` is null) dx = dout·Wᵀ.
 * @param dx destination rows×inSize, or null when the input gradient is not needed
 * @param dW destination inSize×outSize
 * @param db destination outSize
 * @example
 * const dW = new Float64Array(2), db = new Float64Array(1);
 * affineBackwardInto(null, dW, db, new Float64Array([1, 1]), new Float64Array([1, 2, 3, 4]), new Float64Array([0, 0]), 2, 2, 1);
 * // dW = [4, 6], db = [2]
 */
export function affineBackwardInto(
  dx: Float64Array | null,
  dW: Float64Array,
  db: Float64Array,
  dout: Float64Array,
  x: Float64Array,
  W: Float64Array,
  rows: number,
  inSize: number,
  outSize: number,
): void {
  matmulTransAInto(dW, x, dout, rows, inSize, outSize);
  db.fill(0, 0, outSize);
  for (let i = 0; i < rows; i++) {
    const row = i * outSize;
    for (let j = 0; j < outSize; j++) db[j]! += dout[row + j]!;
  }
  if (dx !== null) matmulTransBInto(dx, dout, W, rows, inSize, outSize);
}

/**
 * out = σ(x) = 1 / (1 + e^(−x)), element-wise (out may be x).
 * @example
 * sigmoidInto(new Float64Array(1), new Float64Array([0])); // [0.5]
 */
export function sigmoidInto(out: Float64Array, x: Float64Array): Float64Array {
  checkSameLength('sigmoidInto', 'out', out, 'x', x);
  for (let i = 0; i < x.length; i++) out[i] = 1 / (1 + Math.exp(-x[i]!));
  return out;
}

/**
 * dx = dout·y·(1 − y), the backward pass of the sigmoid given its output y.
 * @example
 * sigmoidBackwardInto(new Float64Array(1), new Float64Array([1]), new Float64Array([0.5])); // [0.25]
 */
export function sigmoidBackwardInto(dx: Float64Array, dout: Float64Array, y: Float64Array): Float64Array {
  checkSameLength('sigmoidBackwardInto', 'dx', dx, 'dout', dout);
  checkSameLength('sigmoidBackwardInto', 'dx', dx, 'y', y);
  for (let i = 0; i < dx.length; i++) {
    const yi = y[i]!;
    dx[i] = dout[i]! * yi * (1 - yi);
  }
  return dx;
}

/**
 * out = max(0, x), element-wise (out may be x).
 * @example
 * reluInto(new Float64Array(2), new Float64Array([-1, 2])); // [0, 2]
 */
export function reluInto(out: Float64Array, x: Float64Array): Float64Array {
  checkSameLength('reluInto', 'out', out, 'x', x);
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    out[i] = v > 0 ? v : 0;
  }
  return out;
}

/**
 * dx = dout where x > 0, else 0: the backward pass of ReLU given its input x.
 * @example
 * reluBackwardInto(new Float64Array(2), new Float64Array([5, 5]), new Float64Array([-1, 2])); // [0, 5]
 */
export function reluBackwardInto(dx: Float64Array, dout: Float64Array, x: Float64Array): Float64Array {
  checkSameLength('reluBackwardInto', 'dx', dx, 'dout', dout);
  checkSameLength('reluBackwardInto', 'dx', dx, 'x', x);
  for (let i = 0; i < dx.length; i++) dx[i] = x[i]! > 0 ? dout[i]! : 0;
  return dx;
}

/**
 * Row-wise softmax: out[i,j] = e^(x[i,j] − mᵢ) / Σₖ e^(x[i,k] − mᵢ), mᵢ = maxₖ x[i,k].
 * Subtracting the row max changes nothing mathematically and keeps e^(·) ≤ 1,
 * so large scores never overflow. out may be x.
 * @example
 * softmaxInto(new Float64Array(2), new Float64Array([1000, 1000]), 1, 2); // [0.5, 0.5]
 */
export function softmaxInto(out: Float64Array, x: Float64Array, rows: number, cols: number): Float64Array {
  if (out.length < rows * cols || x.length < rows * cols) {
    throw new RangeError(`softmaxInto: out and x need ${rows}×${cols} = ${rows * cols} elements, got ${out.length} and ${x.length}`);
  }
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    let max = -Infinity;
    for (let j = 0; j < cols; j++) if (x[row + j]! > max) max = x[row + j]!;
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(x[row + j]! - max);
      out[row + j] = e;
      sum += e;
    }
    for (let j = 0; j < cols; j++) out[row + j]! /= sum;
  }
  return out;
}

/** Whether targets `t` hold labels (one per row) rather than one-hot rows; throws when neither fits. */
function targetsAreLabels(fn: string, t: Float64Array, rows: number, cols: number): boolean {
  if (t.length === rows * cols) return false;
  if (t.length === rows) return true;
  throw new RangeError(
    `${fn}: targets have ${t.length} elements; pass ${rows} class labels or ${rows}×${cols} = ${rows * cols} one-hot values`,
  );
}

function label(fn: string, t: Float64Array, i: number, cols: number): number {
  const k = t[i]!;
  if (!Number.isInteger(k) || k < 0 || k >= cols) {
    throw new RangeError(`${fn}: target label ${k} at row ${i} is not an integer in [0, ${cols}); labels are class indices`);
  }
  return k;
}

/**
 * Cross-entropy averaged over the batch: L = −(1/rows)·Σᵢ Σⱼ t[i,j]·ln(y[i,j] + 1e-7).
 * With labels this is −(1/rows)·Σᵢ ln(y[i, tᵢ] + 1e-7).
 * @param y predicted probabilities, rows×cols
 * @param t one-hot targets (rows×cols) or labels (rows)
 * @example
 * crossEntropy(new Float64Array([0.1, 0.9]), new Float64Array([1]), 1, 2); // −ln(0.9 + 1e-7) ≈ 0.10536
 */
export function crossEntropy(y: Float64Array, t: Float64Array, rows: number, cols: number): number {
  if (y.length < rows * cols) {
    throw new RangeError(`crossEntropy: y needs ${rows}×${cols} = ${rows * cols} elements, got ${y.length}`);
  }
  let sum = 0;
  if (targetsAreLabels('crossEntropy', t, rows, cols)) {
    for (let i = 0; i < rows; i++) sum += Math.log(y[i * cols + label('crossEntropy', t, i, cols)]! + CROSS_ENTROPY_DELTA);
  } else {
    for (let i = 0; i < rows * cols; i++) sum += t[i]! * Math.log(y[i]! + CROSS_ENTROPY_DELTA);
  }
  return -sum / rows;
}

/**
 * dx = ∂L/∂x for L = crossEntropy(softmax(x), t): the exact gradient, 1e-7 included.
 *
 * With sⱼ = tⱼ·yⱼ/(yⱼ + 1e-7) on each row, dxₘ = (yₘ·Σⱼ sⱼ − sₘ) / rows.
 * Without the 1e-7 and with Σⱼ tⱼ = 1 this is the book's (y − t) / rows; keeping
 * it makes backprop agree with numerical gradients to rounding error.
 * @param dx destination rows×cols (must not share memory with y)
 * @param y softmax output rows×cols
 * @param t one-hot targets (rows×cols) or labels (rows)
 * @example
 * softmaxCrossEntropyBackwardInto(new Float64Array(2), new Float64Array([0.1, 0.9]), new Float64Array([1]), 1, 2);
 * // ≈ [0.1, −0.1]
 */
export function softmaxCrossEntropyBackwardInto(dx: Float64Array, y: Float64Array, t: Float64Array, rows: number, cols: number): Float64Array {
  if (dx.length < rows * cols || y.length < rows * cols) {
    throw new RangeError(`softmaxCrossEntropyBackwardInto: dx and y need ${rows * cols} elements, got ${dx.length} and ${y.length}`);
  }
  const labels = targetsAreLabels('softmaxCrossEntropyBackwardInto', t, rows, cols);
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    const k = labels ? label('softmaxCrossEntropyBackwardInto', t, i, cols) : -1;
    // dx temporarily holds sⱼ; sum = Σⱼ sⱼ.
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const tij = labels ? (j === k ? 1 : 0) : t[row + j]!;
      const yij = y[row + j]!;
      const sj = (tij * yij) / (yij + CROSS_ENTROPY_DELTA);
      dx[row + j] = sj;
      sum += sj;
    }
    for (let j = 0; j < cols; j++) dx[row + j] = (y[row + j]! * sum - dx[row + j]!) / rows;
  }
  return dx;
}
