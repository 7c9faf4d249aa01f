import { z } from 'zod';
import { ClsConfigSchema } from '@nucal/geometry';
import { SOURCE_IDS } from '../catalogue.js';

/** What a campaign row deploys: a catalogued source or the laser (light injection, no peak energy). */
export const CampaignSourceSchema = z.enum([...SOURCE_IDS, 'laser']);
export type CampaignSource = z.infer<typeof CampaignSourceSchema>;

/** One position: (r, theta) in the vertical half-plane, or a height on the central axis. */
export const CampaignPointSchema = z.union([
  z.strictObject({
    rCm: z.number().nonnegative().describe('distance from the centre, cm'),
    thetaRad: z.number().min(0).max(Math.PI).describe('polar angle from +z, rad'),
  }),
  z.strictObject({ zCm: z.number().describe('height on the central axis, cm') }),
]);
export type CampaignPoint = z.infer<typeof CampaignPointSchema>;

/**
 * Where a row takes data: `centre`; `all` the system's points (ACU 27, GT 23, CLS and ROV: the
 * 1,300-point template points they reach); `{ representative: n }` n of those spread out
 * (farthest-point selection); or a list of positions.
 */
export const CampaignPointsSchema = z.union([
  z.enum(['centre', 'all']),
  z.strictObject({ representative: z.number().int().positive().describe('how many of the system points, spread out') }),
  z.array(CampaignPointSchema).min(1),
]);
export type CampaignPoints = z.infer<typeof CampaignPointsSchema>;

/**
 * One row of a campaign: a source deployed by one system at a set of points, with the amount
 * of data per point given as events, minutes or a wanted statistical precision on the peak
 * (exactly one of them).
 */
export const CampaignRowSchema = z
  .strictObject({
    system: z.enum(['ACU', 'CLS', 'GT', 'ROV']),
    source: CampaignSourceSchema,
    via: z
      .enum(SOURCE_IDS)
      .optional()
      .describe('the measurement comes with the previous row, which deploys this source with the same system at the same points (e.g. n-H captures of Am-C neutrons): no travel, data time only beyond that row'),
    points: CampaignPointsSchema,
    intensities: z.number().int().positive().default(1).describe('laser only: intensity settings, data taken at each one at every point'),
    eventsPerPoint: z.number().int().positive().optional().describe('events per point (per intensity)'),
    minutesPerPoint: z.number().positive().optional().describe('minutes of data per point (per intensity)'),
    precision: z
      .number()
      .gt(0)
      .lt(1)
      .optional()
      .describe('wanted relative statistical precision of the peak position per point, e.g. 0.001'),
    rateHz: z.number().positive().optional().describe('events per second; default: the catalogue rate (laser: 100 Hz)'),
  })
  .superRefine((row, ctx) => {
    const given = (['eventsPerPoint', 'minutesPerPoint', 'precision'] as const).filter((k) => row[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['eventsPerPoint'], message: `give exactly one of eventsPerPoint, minutesPerPoint, precision (got ${given.length ? given.join(', ') : 'none'})` });
    }
    if (row.source === 'laser' && row.precision !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['precision'], message: 'the laser has no peak energy: give eventsPerPoint or minutesPerPoint' });
    }
    if (row.source !== 'laser' && row.intensities !== 1) {
      ctx.addIssue({ code: 'custom', path: ['intensities'], message: 'only the laser has intensity settings' });
    }
  });
export type CampaignRow = z.infer<typeof CampaignRowSchema>;

/**
 * A calibration campaign (a JSON file or a built-in programme): its cadence, the source speed,
 * the CLS anchors and template seed, and its rows. One schema gives the runtime check and the type.
 *
 * @example
 * CampaignSchema.parse({ name: 'quick', cadence: 'weekly',
 *   rows: [{ system: 'ACU', source: 'AmC', points: 'centre', minutesPerPoint: 5 }] });
 */
export const CampaignSchema = z.strictObject({
  name: z.string().min(1),
  cadence: z.enum(['weekly', 'monthly', 'once']).describe('how often the campaign runs (once: a comprehensive calibration)'),
  speedMPerMin: z.number().positive().default(1).describe('source travel speed, m/min'),
  resolutionAt1MeV: z
    .number()
    .positive()
    .default(0.03)
    .describe('stochastic energy resolution sigma/E at 1 MeV (3%/sqrt(E)), for rows given by precision'),
  cls: z
    .strictObject({
      config: ClsConfigSchema.prefault({}),
      templateSeed: z.string().min(1).default('nucal-cls-template').describe('seed of the 1,300-point template'),
    })
    .prefault({}),
  rows: z.array(CampaignRowSchema).min(1),
});
/** A parsed campaign (defaults filled). */
export type Campaign = z.infer<typeof CampaignSchema>;
/** A campaign as written in a JSON file. */
export type CampaignInput = z.input<typeof CampaignSchema>;
