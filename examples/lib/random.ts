import type { Random } from '@descent/optim';

/** Default seed of every seeded helper in the examples. */
export const DEFAULT_SEED = 42;

/**
 * A standard normal draw from @descent/optim's seeded `Random` (xoshiro128**),
 * by Box–Muller: √(−2 ln u₁)·cos(2π u₂) with u₁ = 1 − nextFloat() ∈ (0, 1] and
 * u₂ = nextFloat() ∈ [0, 1). Uses two draws of the generator. The examples use
 * it for weight init, so a run is reproducible from its seed (never `Math.random`).
 * @param random the generator, advanced by two draws
 * @returns a sample of N(0, 1) (|z| ≤ √(2·32·ln 2) ≈ 6.66, since u₁ ≥ 2⁻³²)
 * @example
 * import { Random } from '@descent/optim';
 * const random = Random.fromSeed(42);
 * normal(random); // the same number for every run with seed 42
 */
export function normal(random: Random): number {
  const u1 = 1 - random.nextFloat();
  const u2 = random.nextFloat();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
