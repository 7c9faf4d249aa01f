import { z } from 'zod';
import { ChargeNonlinearityFormSchema } from '@nucal/optics';
import { B12Binning } from '../b12-prediction.js';
import { B12ResidualMap } from '../b12-residual-map.js';
import { B12Statistic } from '../chi2.js';
import { SecondariesOptions } from '../secondaries.js';
import { DEFAULT_SYSTEMATICS, SystematicEffect } from '../systematics.js';

/** Energies (MeV) of the stored band: 0.25 to 12 MeV, 40 log-spaced points. */
export const DEFAULT_BAND_ENERGIES_MEV: readonly number[] = Array.from({ length: 40 }, (_, i) => 0.25 * Math.pow(12 / 0.25, i / 39));

/** Options of the non-linearity calibration (the plugin factory's argument). */
export const NonlinearityOptions = z.object({
  secondaries: SecondariesOptions.prefault({}),
  b12Binning: B12Binning.prefault({}),
  statistic: B12Statistic.default('neyman'),
  floatNormalisation: z.boolean().default(false).describe('float the B-12 normalisation instead of normalising to the data'),
  systematics: z
    .object({
      effects: z
        .array(SystematicEffect)
        .default([...DEFAULT_SYSTEMATICS])
        .describe('effects of PHYSICS.md 1.2: uncorrelated ones enter sigma_i of the fit (always), correlated ones the mocks'),
      mocks: z.number().int().min(0).default(100).describe('mock data sets per effect and for the correlated ones together; 0 = fit-covariance band only'),
    })
    .prefault({}),
  instrumental: z
    .object({
      correct: z.boolean().default(true).describe('fit the channel non-linearity from the sample\'s laser scan and correct the charges (false: take them as linear)'),
      form: ChargeNonlinearityFormSchema.default('quadratic').describe('channel non-linearity model fitted to the laser scan'),
    })
    .prefault({}),
  b12ResidualMap: B12ResidualMap.prefault({ kind: 'power' }).describe('residual of the uniformity map at a B-12 vertex for the position-dependent effect (units of its magnitude): power (default 3, RMS 1 over the fiducial volume) or a table'),
  bandEnergyMeV: z.array(z.number().positive()).min(2).default([...DEFAULT_BAND_ENERGIES_MEV]),
  validityMinMeV: z.number().nonnegative().default(0.5),
  validityMaxMeV: z.number().positive().default(8),
});
export type NonlinearityOptions = z.infer<typeof NonlinearityOptions>;
export type NonlinearityOptionsInput = z.input<typeof NonlinearityOptions>;
