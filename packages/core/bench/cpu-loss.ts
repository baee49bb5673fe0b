/**
 * The CPU-bound loss of async.bench.ts, in its own module so that the pool's
 * workers can load it (under tsx, which they inherit) and the benchmark can
 * call the very same function in process.
 */
import type { NdArray } from 'ndarray';

/** How much arithmetic one call does. */
export interface CpuLossContext {
  /** Rounds of the inner recurrence per call (calibrated to ~1 ms by the benchmark). */
  rounds: number;
}

/**
 * Σᵢ xᵢ² plus a damped recurrence seeded by it, iterated `rounds` times, so that
 * one call costs ~rounds × (a multiply-add and a sine) and depends on every xᵢ.
 * The recurrence term is scaled by 1e-30: the loss is Σ x² to double precision.
 * @example
 * cpuLoss(ndarray(new Float64Array([3, 4]), [2]), { rounds: 10 }); // ≈ 25
 */
export function cpuLoss(x: NdArray, context: CpuLossContext): number {
  const data = x.data as Float64Array;
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i]! * data[i]!;
  let r = s;
  for (let k = 0; k < context.rounds; k++) r = 0.999 * r + Math.sin(r + k);
  return s + 1e-30 * r;
}
