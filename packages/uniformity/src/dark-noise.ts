import type { RandomSource } from '@nucal/core';
import { normal, poisson } from '@nucal/numeric';
import { darkNoiseMeanPe, type ToyConfig } from './toy-config.js';

/** The dark-noise offset dQ_DR as the calibration measures it (PE), with its statistical error. */
export interface DarkNoiseOffset {
  readonly offsetPe: number;
  readonly errorPe: number;
}

/**
 * Measures the dark-noise charge offset as the mean charge of `randomTriggers` signal-free
 * windows: Poisson(rate x LPMTs x window) PE, each PE with the single-PE charge resolution
 * (the sum of N Gaussian single-PE charges is Normal(N, s sqrt(N))).
 *
 * @example measureDarkNoise(ToyConfigSchema.parse({}), createRng(1)).offsetPe // about 184.9
 */
export function measureDarkNoise(c: ToyConfig, rng: RandomSource): DarkNoiseOffset {
  const mean = darkNoiseMeanPe(c);
  const s = c.speChargeResolution;
  let sum = 0;
  let sum2 = 0;
  for (let i = 0; i < c.randomTriggers; i++) {
    const n = poisson(rng, mean);
    const q = s > 0 && n > 0 ? normal(rng, n, s * Math.sqrt(n)) : n;
    sum += q;
    sum2 += q * q;
  }
  const m = sum / c.randomTriggers;
  const v = c.randomTriggers > 1 ? (sum2 - c.randomTriggers * m * m) / (c.randomTriggers - 1) : mean;
  return { offsetPe: m, errorPe: Math.sqrt(Math.max(v, 0) / c.randomTriggers) };
}
