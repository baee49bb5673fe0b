/** Default seed of every seeded helper in the examples. */
export const DEFAULT_SEED = 42;

/**
 * A small seeded pseudo-random number generator (mulberry32: a 32-bit state
 * advanced by a Weyl increment and mixed by two multiply-xorshift rounds).
 * The examples use it for every random choice — weight init, shuffles,
 * splits — so a run is reproducible from its seed (never `Math.random`).
 * @example
 * const rng = new Rng(42);
 * rng.uniform(); // a number in [0, 1), the same for every run with seed 42
 */
export class Rng {
  private state: number;

  /**
   * @param seed any finite number; its low 32 bits select the stream
   * @throws TypeError when seed is not a finite number
   */
  constructor(seed: number = DEFAULT_SEED) {
    if (!Number.isFinite(seed)) {
      throw new TypeError(`Rng: seed must be a finite number, got ${String(seed)}; pass an integer such as 42`);
    }
    this.state = seed >>> 0;
  }

  /** A uniform number in [0, 1) with 32 random bits. */
  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  }

  /** A standard normal number (Box–Muller: √(−2 ln u₁)·cos(2π u₂), u₁ ∈ (0, 1]). */
  normal(): number {
    const u1 = 1 - this.uniform();
    const u2 = this.uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Shuffle `values` in place (Fisher–Yates) and return it. */
  shuffle<T extends { length: number; [i: number]: number }>(values: T): T {
    for (let i = values.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = values[i]!;
      values[i] = values[j]!;
      values[j] = tmp;
    }
    return values;
  }
}
