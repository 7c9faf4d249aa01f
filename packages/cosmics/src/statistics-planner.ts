import { z } from 'zod';
import { ValidationError, formatZodIssues } from '@nucal/core';

/**
 * Defaults of the planner measured with this package's simulation (DUNE FD module, 4.3 km.w.e.,
 * nominal response; `statistics-planner.test.ts` re-measures them and fails if they drift):
 * selected-sample rates per day for the whole detector and the relative spread s of one event's
 * estimator. Stopping and through-going: relative spread between tracks of the truncated-mean
 * dQ/dx of one track (MIP window of 100-200 cm residual range for stopping muons). Michel: RMS over
 * mean of the visible Michel spectrum (default response model).
 */
export const DEFAULT_PLANNING = Object.freeze({
  ratesPerDay: Object.freeze({ stopping: 50, michel: 33, throughgoing: 1130 }),
  resolution: Object.freeze({ stopping: 0.032, michel: 0.36, throughgoing: 0.012 }),
});

/** Input of {@link planStatistics} (the CLI's `nucal dune stats`). */
export const StatisticsPlanInputSchema = z
  .object({
    sample: z.enum(['stopping', 'michel', 'throughgoing']),
    precision: z.number().gt(0, 'precision must be > 0 (a relative precision such as 0.01)').lt(1, 'precision must be < 1 (relative, e.g. 0.01 for 1%)'),
    efficiency: z.number().gt(0, 'efficiency must be > 0').max(1, 'efficiency must be <= 1').default(1),
    resolution: z.number().positive('resolution (relative spread per event) must be > 0').optional(),
    binning: z.enum(['whole', 'tpc']).default('whole'),
    tpcs: z.number().int().positive().default(4).describe('number of TPCs when binning is per TPC'),
    ratesPerDay: z
      .object({ stopping: z.number().positive(), michel: z.number().positive(), throughgoing: z.number().positive() })
      .partial()
      .optional()
      .describe('selected-class rates for the whole detector, per day; default: simulated'),
  })
  .strict();
export type StatisticsPlanInput = z.input<typeof StatisticsPlanInputSchema>;

/** Output of {@link planStatistics}. */
export interface StatisticsPlan {
  readonly sample: 'stopping' | 'michel' | 'throughgoing';
  readonly binning: 'whole' | 'tpc';
  readonly precision: number;
  readonly resolution: number;
  readonly resolutionSource: 'user' | 'simulated';
  /** Events needed in each bin: (s / p)^2, rounded up. */
  readonly eventsPerBin: number;
  readonly bins: number;
  /** Selected events per day in one bin: rate x efficiency (/ TPCs for per-TPC binning). */
  readonly ratePerBinPerDay: number;
  readonly rateSource: 'user' | 'simulated';
  readonly daysNeeded: number;
}

/**
 * Events and days needed for a relative precision p (PHYSICS.md 2.3): with s the relative
 * spread of one event's estimator, N = (s / p)^2 events per bin; days = N / (rate x efficiency
 * per bin). Per-TPC binning divides the rate by the number of TPCs. Michel rates already include
 * the decay branching (2/3 of stopping muons).
 *
 * @example planStatistics({ sample: 'stopping', precision: 0.01, binning: 'tpc' }).daysNeeded
 */
export function planStatistics(input: StatisticsPlanInput): StatisticsPlan {
  const parsed = StatisticsPlanInputSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError('invalid statistics-planner input', formatZodIssues(parsed.error.issues));
  const p = parsed.data;
  const userRate = p.ratesPerDay?.[p.sample];
  const rate = userRate ?? DEFAULT_PLANNING.ratesPerDay[p.sample];
  const s = p.resolution ?? DEFAULT_PLANNING.resolution[p.sample];
  const bins = p.binning === 'tpc' ? p.tpcs : 1;
  const eventsPerBin = Math.ceil((s / p.precision) ** 2);
  const ratePerBinPerDay = (rate * p.efficiency) / bins;
  return {
    sample: p.sample,
    binning: p.binning,
    precision: p.precision,
    resolution: s,
    resolutionSource: p.resolution === undefined ? 'simulated' : 'user',
    eventsPerBin,
    bins,
    ratePerBinPerDay,
    rateSource: userRate === undefined ? 'simulated' : 'user',
    daysNeeded: eventsPerBin / ratePerBinPerDay,
  };
}
