import { z } from 'zod';
import { createRng } from '@nucal/numeric';
import { secondaryElectronDensity } from '@nucal/optics';
import type { SecondaryDensity } from './gamma-prediction.js';

/**
 * How P(E_e) tables are produced: transported gammas per line, the seed and the bin width.
 * 1 keV bins keep the bin-centre error of the steep low-energy part well below 1e-4 on the
 * normalisation I (5 keV bins gave I - 1 = -0.7% for Cs-137, from the binning alone).
 */
export const SecondariesOptions = z.object({
  events: z.number().int().min(1000).default(50_000).describe('gammas transported per line'),
  seed: z.string().default('nucal.nonlinearity.secondaries'),
  binWidthMeV: z.number().positive().max(0.05).default(0.001),
});
export type SecondariesOptions = z.infer<typeof SecondariesOptions>;

const cache = new Map<string, SecondaryDensity>();

/**
 * P(E_e) of a gamma line at the detector centre from the `@nucal/optics` transport toy,
 * computed once per (energy, options) and cached for the process: the fit and every mock or
 * toy reuse it. The tables' root stream is `createRng(options.seed)` (a configured seed, kept
 * in provenance) and each line draws from its own fork `root.fork(String(gammaMeV))`, so a
 * table does not depend on which other lines were asked for first.
 *
 * @example
 * const p = cachedSecondaryDensity(2.223247, SecondariesOptions.parse({}));
 */
export function cachedSecondaryDensity(gammaMeV: number, options: SecondariesOptions): SecondaryDensity {
  const key = `${gammaMeV}|${options.events}|${options.seed}|${options.binWidthMeV}`;
  let p = cache.get(key);
  if (p === undefined) {
    p = secondaryElectronDensity(gammaMeV, {
      events: options.events,
      rng: createRng(options.seed).fork(String(gammaMeV)),
      bins: Math.max(10, Math.round(gammaMeV / options.binWidthMeV)),
    });
    cache.set(key, p);
  }
  return p;
}

/** Empties the P(E_e) cache (tests, memory). */
export function clearSecondaryCache(): void {
  cache.clear();
}
