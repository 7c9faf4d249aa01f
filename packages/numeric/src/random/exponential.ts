import type { RandomSource } from '@nucal/core';

/**
 * Exponential deviate with the given mean (inversion: -mean * ln(1 - u), never infinite).
 *
 * @param mean - mean (= decay time, attenuation length, ...) in any unit; the result has that unit
 * @example
 * const decayTimeNs = exponential(rng, 2197); // muon lifetime
 */
export function exponential(rng: RandomSource, mean: number): number {
  return -mean * Math.log(1 - rng.uniform());
}
