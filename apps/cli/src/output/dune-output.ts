import { z } from 'zod';

/** JSON output of `nucal dune stats --json`. */
export const DuneStatsOutputSchema = z.object({
  sample: z.enum(['stopping', 'michel', 'throughgoing']),
  binning: z.enum(['whole', 'tpc']),
  precision: z.number().positive().describe('relative precision wanted'),
  resolution: z.number().positive().describe('relative spread of one event'),
  resolutionSource: z.enum(['user', 'simulated']),
  eventsPerBin: z.number().int(),
  bins: z.number().int(),
  ratePerBinPerDay: z.number().nonnegative().describe('selected events per day in one bin'),
  rateSource: z.enum(['user', 'simulated']),
  daysNeeded: z.number().nonnegative(),
});

/** JSON output of `nucal dune simulate --json`. */
export const DuneSimulateOutputSchema = z.object({
  out: z.string().describe('HDF5 hit file written'),
  days: z.number().positive().describe('live days simulated'),
  seed: z.string(),
  preset: z.enum(['far-detector', 'surface-protodune']),
  generator: z.enum(['nominal', 'birks', 'out-of-family']).describe('what the generator assumes (the hits always carry the nominal response)'),
  belowEnergyGeV: z.number().positive().nullable().describe('only muons below this total energy were simulated, GeV (null: all)'),
  events: z.number().int().nonnegative(),
  hits: z.number().int().nonnegative(),
  views: z.array(z.string()),
});

const ShapeValueSchema = z.object({ value: z.number(), error: z.number().nonnegative(), unit: z.literal('1') });

/** JSON output of `nucal dune dedx-check --json`. */
export const DuneDedxCheckOutputSchema = z.object({
  input: z.string().describe('hit file of the data'),
  reference: z.string().describe('hit file simulated with the nominal model'),
  seed: z.string(),
  dataTracks: z.number().int().nonnegative().describe('stopping muons of the data in the test'),
  referenceTracks: z.number().int().nonnegative(),
  windowCm: z.object({ low: z.number(), high: z.number() }).describe('residual-range window that normalises each sample, cm'),
  replicas: z.number().int().positive().describe('bootstrap replicas over tracks'),
  chi2: z.number().nonnegative(),
  ndof: z.number().int().positive(),
  pValue: z.number().min(0).max(1),
  alpha: z.number().describe('p-value below which the shapes differ'),
  differ: z.boolean().describe('the data do not have the reference shape (recombination, diffusion, noise or gain model)'),
  bins: z.array(
    z.object({
      residualRangeCm: z.object({ low: z.number(), high: z.number() }),
      data: ShapeValueSchema.describe('truncated-mean dE/dx over that of the window'),
      reference: ShapeValueSchema,
      ratio: ShapeValueSchema.describe('data / reference'),
    }),
  ),
});
