import { z } from 'zod';
import { ValidationError } from '@nucal/core';

/**
 * Hits for the lifetime measurement, in columns (one entry per hit). `dQdx` is the charge
 * per unit length before the lifetime correction, in any consistent unit (ADC/cm or
 * electrons/cm): the lifetime only uses ratios.
 */
export const LifetimeSampleSchema = z.object({
  tpc: z.array(z.number().int().nonnegative()),
  driftTimeUs: z.array(z.number()).describe('t - t0 of each hit, us'),
  dQdx: z.array(z.number()).describe('charge per cm before lifetime correction (ADC/cm or electrons/cm)'),
  yCm: z.array(z.number()).optional().describe('hit height, cm (needed for height slices)'),
});
export type LifetimeSample = z.infer<typeof LifetimeSampleSchema>;

/** The same columns as {@link LifetimeSample} but any array-like (typed arrays for speed). */
export interface LifetimeHits {
  readonly tpc: ArrayLike<number>;
  readonly driftTimeUs: ArrayLike<number>;
  readonly dQdx: ArrayLike<number>;
  readonly yCm?: ArrayLike<number>;
}

/** Throws unless every column has the same length; returns that length. */
export function checkLifetimeHits(hits: LifetimeHits): number {
  const n = hits.tpc.length;
  const lengths = [hits.driftTimeUs.length, hits.dQdx.length, ...(hits.yCm ? [hits.yCm.length] : [])];
  if (lengths.some((l) => l !== n)) {
    throw new ValidationError(`lifetime hit columns have lengths ${[n, ...lengths].join(', ')}: expected equal lengths`);
  }
  return n;
}
