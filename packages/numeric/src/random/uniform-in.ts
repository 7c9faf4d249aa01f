import type { RandomSource } from '@nucal/core';

/**
 * Uniform deviate in [lo, hi).
 *
 * @example
 * const cosTheta = uniformIn(rng, -1, 1);
 */
export function uniformIn(rng: RandomSource, lo: number, hi: number): number {
  return lo + (hi - lo) * rng.uniform();
}
