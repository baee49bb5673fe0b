/**
 * What the benchmarks share: robust summaries of per-round measurements and
 * a side-by-side pair of tasks timed round after round (ratios, not absolute
 * times, are what a shared machine can compare). Dev-only: benches import it.
 */
import { Bench } from 'tinybench';

/** The median (the mean of the two middle values for an even count). */
export function median(xs: readonly number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The p-quantile by the nearest rank below (p in [0, 1]). */
export function quantile(xs: readonly number[], p: number): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

/** Mean latencies (ms) of two tasks per round, and their ratio second / first. */
export interface PairedRounds {
  first: number[];
  second: number[];
  ratios: number[];
}

/**
 * Time two tasks side by side in `rounds` tinybench runs of `timeMs` a task
 * (warm-up on), so that both see the same machine in each round.
 * @example
 * const { ratios } = await pairedRounds(7, 300, ['sync', () => f()], ['async', () => g()]);
 * median(ratios); // second / first
 */
export async function pairedRounds(
  rounds: number,
  timeMs: number,
  first: [string, () => unknown],
  second: [string, () => unknown],
): Promise<PairedRounds> {
  const result: PairedRounds = { first: [], second: [], ratios: [] };
  for (let r = 0; r < rounds; r++) {
    const bench = new Bench({ time: timeMs, warmup: true });
    bench.add(first[0], first[1]);
    bench.add(second[0], second[1]);
    await bench.run();
    const [a, b] = bench.tasks.map((t) => {
      if (t.result.state !== 'completed') throw new Error(`benchmark task ${t.name} did not complete: ${t.result.state}`);
      return t.result.latency.mean;
    });
    result.first.push(a!);
    result.second.push(b!);
    result.ratios.push(b! / a!);
  }
  return result;
}
