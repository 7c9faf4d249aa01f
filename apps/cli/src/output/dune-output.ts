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
