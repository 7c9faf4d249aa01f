import { MeasurementSchema, TimeJsonSchema } from '@nucal/core';
import { z } from 'zod';
import { WrittenSchema } from './calibrate-output.js';

/** One positron energy of the resolution scan. */
const EnergyRowSchema = z.object({
  kineticMeV: z.number().describe('positron kinetic energy, MeV'),
  visibleMeV: z.number().describe('its visible energy (electron response + annihilation gammas), MeV'),
  mean: MeasurementSchema.describe('fitted peak of the reconstructed energy, MeV'),
  sigma: MeasurementSchema.describe('fitted Gaussian width, MeV'),
  sigmaOverE: MeasurementSchema.describe('sigma / mean, %'),
  biasPct: z.number().describe('peak of all events over the peak of central events, minus 1, %'),
});

/** The calibration-point study (`--point-study`): a_eff against the number of points. */
const PointStudySchema = z.object({
  anchorsDeg: z.tuple([z.number(), z.number()]).describe('chosen CLS anchors, degrees from +z'),
  reachablePoints: z.number().int().describe('template points the chosen anchors reach'),
  greedy: z.array(z.object({ points: z.number().int().describe('ACU + GT + the first CLS points of the greedy order'), aEff: MeasurementSchema })),
  random: z.array(z.object({ points: z.number().int(), aEff: MeasurementSchema })).describe('random CLS subsets of the largest size'),
  smallest: z.object({
    points: z.number().int().describe('smallest greedy set within the tolerance of the largest set'),
    aEff: MeasurementSchema,
    referencePoints: z.number().int(),
    referenceAEff: MeasurementSchema,
    tolerance: MeasurementSchema.describe('tolerance on a_eff, % (absolute)'),
  }),
  wallTime: MeasurementSchema.describe('s'),
});

/** One scenario of the ladder. */
export const JunoUniformityRowSchema = z.object({
  scenario: z.string(),
  description: z.string(),
  buildsOn: z.string().nullable().describe('the rung it changes one thing of'),
  a: MeasurementSchema.describe('stochastic term a, % sqrt(MeV)'),
  b: MeasurementSchema.describe('constant term b, %'),
  c: MeasurementSchema.describe('noise term c, % MeV'),
  aEff: MeasurementSchema.describe('a_eff = sqrt(a^2 + (1.6 b)^2 + (c/1.6)^2), %'),
  biasPct: z.number().describe('energy scale of events over the whole volume relative to central events, mean over the energies, %'),
  maxAbsBiasPct: z.number().describe('largest |bias| over the energies, %'),
  fit: z.object({ chi2: z.number(), ndof: z.number().int(), pValue: z.number().nullable(), valid: z.boolean() }).describe('the sigma/E fit of (a, b, c)'),
  calibration: z.object({
    kind: z.string().describe('how g was measured: none, ideal, phi-symmetric, single-gamma-source, finite-points'),
    y0PePerMeV: z.number().describe('calibrated light yield at the centre, PE/MeV'),
    darkOffsetPe: z.number().describe('dark-noise offset measured with random triggers, PE'),
    trueCentrePeMeV: z.number().describe('the truth map\'s light yield at the centre, PE/MeV (toy truth, for comparison)'),
    points: z.number().int().optional().describe('calibration points of a finite-points map'),
    voxels: z.number().int().optional().describe('voxels of a voxel map'),
  }),
  energies: z.array(EnergyRowSchema),
  settings: z.object({ seed: z.string(), eventsPerEnergy: z.number().int(), eventsPerPoint: z.number().int() }),
  wallTime: MeasurementSchema.describe('s'),
  plots: z.array(z.string()).describe('SVG files written'),
  written: z
    .object({
      since: TimeJsonSchema,
      payloads: z.array(WrittenSchema),
      summary: z.record(z.string(), MeasurementSchema).describe('the juno.uniformity calibration summary'),
    })
    .optional()
    .describe('with --db: the scenario\'s finite-points map written as a juno.uniformity IOV through the calibration host'),
  pointStudy: PointStudySchema.optional().describe('with --point-study, on the finite-points row'),
});
export type JunoUniformityRow = z.infer<typeof JunoUniformityRowSchema>;

/**
 * JSON output of `nucal juno uniformity --json`: the ladder, one object per scenario run (one
 * for a single scenario), every resolution number with its error and unit.
 */
export const JunoUniformityOutputSchema = z.array(JunoUniformityRowSchema);
export type JunoUniformityOutput = z.infer<typeof JunoUniformityOutputSchema>;
