import { z } from 'zod';
import { CampaignSourceSchema } from './campaign-schema.js';

/** One planned row: what it deploys, where, and how long travel and data taking take. */
export const CampaignPlanRowSchema = z.object({
  system: z.enum(['ACU', 'CLS', 'GT', 'ROV']),
  source: CampaignSourceSchema,
  deployedSource: CampaignSourceSchema.describe('the source in the detector (differs from source for a row taken "via" another)'),
  energyMeV: z.number().positive().nullable().describe('total gamma energy of one emission, MeV; null for the laser'),
  points: z.number().int().nonnegative().describe('calibration points of the row'),
  intensities: z.number().int().positive().describe('laser intensity settings per point (1 for sources)'),
  eventsPerPoint: z.number().nonnegative().describe('events per point and intensity'),
  rateHz: z.number().positive().describe('events per second'),
  pathM: z.number().nonnegative().describe('travel path from parking through the points and back, m (0 when shared)'),
  travelMin: z.number().nonnegative().describe('travel time, minutes'),
  dataMin: z.number().nonnegative().describe('data-taking time, minutes (for a shared row: only beyond the row it shares)'),
  totalMin: z.number().nonnegative().describe('travelMin + dataMin'),
  sharedDeployment: z.boolean().describe('taken with the previous row\'s deployment (no travel of its own)'),
});
export type CampaignPlanRow = z.infer<typeof CampaignPlanRowSchema>;

/**
 * The plan of a campaign: rows, totals and the share of the detector's live time it takes at
 * its cadence (weekly: of a week; monthly: of a 30-day month; once: of a 30-day month).
 */
export const CampaignPlanSchema = z.object({
  name: z.string(),
  cadence: z.enum(['weekly', 'monthly', 'once']),
  speedMPerMin: z.number().positive().describe('source travel speed, m/min'),
  rows: z.array(CampaignPlanRowSchema),
  travelMin: z.number().nonnegative().describe('total travel time, minutes'),
  dataMin: z.number().nonnegative().describe('total data-taking time, minutes'),
  totalMin: z.number().nonnegative().describe('campaign duration, minutes'),
  totalHours: z.number().nonnegative().describe('campaign duration, hours'),
  periodMin: z.number().positive().describe('the period the share refers to, minutes (week: 10,080; 30-day month: 43,200)'),
  liveTimeShare: z.number().nonnegative().describe('totalMin / periodMin: fraction of the live time spent on this calibration'),
});
export type CampaignPlan = z.infer<typeof CampaignPlanSchema>;
