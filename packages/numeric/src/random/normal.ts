import type { RandomSource } from '@nucal/core';
import { isSeededRng } from './rng.js';

/**
 * Gaussian deviate by Marsaglia's polar method (Marsaglia & Bray, SIAM Review 6 (1964) 260).
 * Each accepted pair gives two deviates; with a stream from `createRng` the second one is
 * kept on the stream and returned by the next call, which halves the cost.
 *
 * @param mean - mean of the distribution
 * @param sigma - standard deviation (>= 0)
 * @example
 * const smearedMeV = normal(rng, energyMeV, 0.03 * Math.sqrt(energyMeV));
 */
export function normal(rng: RandomSource, mean = 0, sigma = 1): number {
  if (isSeededRng(rng)) {
    const spare = rng.normalSpare;
    if (spare === spare) {
      rng.normalSpare = Number.NaN;
      return mean + sigma * spare;
    }
  }
  let u: number;
  let v: number;
  let s: number;
  do {
    u = 2 * rng.uniform() - 1;
    v = 2 * rng.uniform() - 1;
    s = u * u + v * v;
  } while (s >= 1 || s === 0);
  const f = Math.sqrt((-2 * Math.log(s)) / s);
  if (isSeededRng(rng)) rng.normalSpare = v * f;
  return mean + sigma * u * f;
}
