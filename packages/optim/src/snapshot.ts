/**
 * A copy of a record of parameter arrays, kept to restore them later (the last
 * finite parameters, or the best epoch's). One Float64Array per array, allocated
 * once; saving and restoring allocate nothing.
 */
import ndarray, { type NdArray } from 'ndarray';
import ops from 'ndarray-ops';

/**
 * Saved values of a fixed set of parameter arrays (any views).
 * @example
 * import ndarray from 'ndarray';
 * const W = ndarray(new Float64Array([1, 2]));
 * const saved = new ParamSnapshot({ W }); // holds [1, 2]
 * W.set(0, 5);
 * saved.restore({ W });                   // W → [1, 2] — again
 */
export class ParamSnapshot {
  private readonly copies: Record<string, NdArray> = {};

  /** Allocate one contiguous copy per array and save the current values. */
  constructor(params: Readonly<Record<string, NdArray>>) {
    for (const key of Object.keys(params)) {
      const p = params[key]!;
      this.copies[key] = ndarray(new Float64Array(p.size), p.shape.slice());
    }
    this.save(params);
  }

  /** Overwrite the saved values with the current values of `params` (same keys and shapes). */
  save(params: Readonly<Record<string, NdArray>>): void {
    for (const key of Object.keys(this.copies)) ops.assign(this.copies[key]!, params[key]!);
  }

  /** Write the saved values back into `params`, bit for bit. */
  restore(params: Readonly<Record<string, NdArray>>): void {
    for (const key of Object.keys(this.copies)) ops.assign(params[key]!, this.copies[key]!);
  }
}
