import { CampaignPlanSchema } from '@nucal/sources';

/**
 * JSON output of `nucal juno plan --json`: the campaign plan of `@nucal/sources` as it is
 * (rows with durations in minutes, totals, live-time share at the cadence).
 */
export const JunoPlanOutputSchema = CampaignPlanSchema;
