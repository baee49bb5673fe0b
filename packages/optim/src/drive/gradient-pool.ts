/**
 * A worker pool as a gradient source, duck-typed: what minimizeAsync needs of
 * `@descent/core/pool`'s `createGradientPool(…)` (that module is Node-only and
 * never imported here, so @descent/optim stays browser-safe).
 */
import type { NdArray } from 'ndarray';
import { InvalidArgumentError, type NumericalGradientIntoOptions } from '@descent/core';

/** The part of core's GradientPool that minimizeAsync uses. */
export interface GradientPoolLike {
  /** Worker threads (also the evaluations in flight for a single coordinate's differences). */
  readonly workers: number;
  /**
   * ∇loss(x, context) by finite differences across the workers, numericalGradient's bits, written into options.out.
   * (`context` is typed `never` so that a pool of any context type fits; the caller passes what the pool's loss expects.)
   */
  gradient(x: NdArray, options: NumericalGradientIntoOptions & { out: NdArray; context?: never; signal?: AbortSignal }): Promise<NdArray>;
  /** loss(x, context) on one worker. */
  evaluate(x: NdArray, context?: never, options?: { signal?: AbortSignal }): Promise<number>;
}

/**
 * Whether `value` looks like a gradient pool of @descent/core/pool (gradient,
 * evaluate, close, workers) rather than a gradient source object `{ gradient(x, out, context) }`.
 * @example
 * isGradientPool({ gradient: async () => undefined }); // → false
 */
export function isGradientPool(value: unknown): value is GradientPoolLike {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Partial<Record<'gradient' | 'evaluate' | 'close' | 'workers', unknown>>;
  return typeof p.gradient === 'function' && typeof p.evaluate === 'function' && typeof p.close === 'function' && typeof p.workers === 'number';
}

/**
 * Split a `gradient` option into its pool (and the pool loss's context) and
 * the numerical options that remain: a pool alone, `{ pool, context, ...options }`,
 * or (no pool) the option unchanged.
 * @param where the public function's name in messages
 * @throws InvalidArgumentError when `pool` is given but is not a pool
 * @example
 * splitPool({ scheme: 'central' }, 'minimizeAsync').pool; // → undefined
 */
export function splitPool<G>(gradient: G, where: string): { pool: { pool: GradientPoolLike; context: unknown } | undefined; rest: unknown } {
  if (isGradientPool(gradient)) return { pool: { pool: gradient, context: undefined }, rest: undefined };
  if (typeof gradient === 'object' && gradient !== null && 'pool' in gradient) {
    const { pool, context, ...numerical } = gradient as { pool: unknown; context?: unknown };
    if (!isGradientPool(pool)) {
      throw new InvalidArgumentError(`${where}: gradient.pool must be a pool of @descent/core/pool (createGradientPool({ module, export, workers })), got ${String(pool)}.`);
    }
    return { pool: { pool, context }, rest: numerical };
  }
  return { pool: undefined, rest: gradient };
}
