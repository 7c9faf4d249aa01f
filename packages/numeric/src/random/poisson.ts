import type { RandomSource } from '@nucal/core';
import { ValidationError } from '@nucal/core';
import { logFactorial } from '../special/log-gamma.js';

/** Below this mean, sequential-search inversion (about mean + 1 steps) beats PTRS. */
const INVERSION_MAX_MEAN = 10;

/**
 * Poisson deviate, exact for every mean.
 * - mean < 10: inversion by sequential search from k = 0 (W. Hörmann, J. Leydold, G. Derflinger,
 *   "Automatic Nonuniform Random Variate Generation", Springer 2004, sect. 10.1).
 * - mean >= 10: PTRS, transformed rejection with squeeze (W. Hörmann, "The transformed rejection
 *   method for generating Poisson random variables", Insurance: Math. Econ. 12 (1993) 39),
 *   O(1) expected uniforms (~2.3) for any mean.
 *
 * @param mean - expected count (>= 0, finite); mean 0 gives 0
 * @example
 * const photoelectrons = poisson(rng, 1350 * energyMeV);
 */
export function poisson(rng: RandomSource, mean: number): number {
  if (!(mean >= 0) || !Number.isFinite(mean)) {
    throw new ValidationError(`poisson: mean ${mean}; expected a finite number >= 0`);
  }
  if (mean === 0) return 0;
  return mean < INVERSION_MAX_MEAN ? poissonInversion(rng, mean) : poissonPtrs(rng, mean);
}

function poissonInversion(rng: RandomSource, mean: number): number {
  // Restart on the (2^-32-rare) round-off where u exceeds the summed probabilities.
  for (;;) {
    let u = rng.uniform();
    let p = Math.exp(-mean);
    let k = 0;
    while (u > p) {
      u -= p;
      k += 1;
      p *= mean / k;
      if (k > 1000) break;
    }
    if (k <= 1000) return k;
  }
}

function poissonPtrs(rng: RandomSource, mean: number): number {
  const sqrtMean = Math.sqrt(mean);
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * sqrtMean;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.uniform() - 0.5;
    const v = rng.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    const lhs = Math.log(v * invAlpha / (a / (us * us) + b));
    if (lhs <= -mean + k * logMean - logFactorial(k)) return k;
  }
}
