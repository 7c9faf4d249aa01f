import { z } from 'zod';
import { ValidationError, formatZodIssues } from '@nucal/core';

/**
 * Defaults of the planner, measured with this package's simulation (DUNE FD module, 4.3 km.w.e.,
 * nominal response): selected-sample rates per day for the whole detector and the relative
 * spread s of one event's estimator.
 * - Rates: 100 seeded days (`classRates`): stopping 47.1 +- 0.7, Michel 31.2 +- 0.6, through-going
 *   1108 +- 3 per day. (The previous 50, 33 and 1130 were 4, 3 and 6 standard errors off.)
 * - Spreads (`relativeSpread` of `perTrackDqdx`, `measureEventSpreads`): stopping and
 *   through-going, RMS / mean between tracks of each track's truncated-mean dQ/dx (MIP window of
 *   100-200 cm residual range for stopping muons), on reconstructed tracks: stopping 0.023 +-
 *   0.002 (2 seeded days, 57 tracks with a Bragg rise; 0.0335 +- 0.0012 on the true tracks, where
 *   tracks that merely seem to stop were not yet possible) and through-going 0.0126 +- 0.00015
 *   (16 true-track days, 14 474 tracks; re-measured on 2 reconstructed days within 3 errors). Michel:
 *   RMS over mean of the visible Michel spectrum of the default response model, 0.3583.
 * `statistics-planner.test.ts` re-measures every number on a seeded simulation and fails when
 * one is more than 3 standard errors of that re-measurement away.
 */
export const DEFAULT_PLANNING = Object.freeze({
  ratesPerDay: Object.freeze({ stopping: 47, michel: 31, throughgoing: 1110 }),
  resolution: Object.freeze({ stopping: 0.023, michel: 0.358, throughgoing: 0.0126 }),
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
