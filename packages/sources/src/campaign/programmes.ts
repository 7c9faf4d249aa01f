import { ValidationError } from '@nucal/core';
import { parseCampaign } from './plan.js';
import type { Campaign, CampaignInput } from './campaign-schema.js';

/** Names of the built-in calibration programmes. */
export const PROGRAMMES = ['comprehensive', 'weekly', 'monthly'] as const;
export type ProgrammeName = (typeof PROGRAMMES)[number];

/** Events per point of the non-linearity sources at the centre (K-40, at ~1 Hz: 6,000). */
export const NONLINEARITY_EVENTS = 100_000;
export const K40_EVENTS = 6_000;
/** Am-C events per point in the comprehensive map (100 s at 100 Hz). */
export const AMC_EVENTS_COMPREHENSIVE = 10_000;
/** Am-C events per point in the monthly map (1 minute at 100 Hz). */
export const AMC_EVENTS_MONTHLY = 6_000;
/** Laser intensity settings of a scan, and minutes per setting. */
export const LASER_INTENSITIES = 10;
export const LASER_MINUTES_COMPREHENSIVE = 2;
export const LASER_MINUTES_ROUTINE = 1;
/** Heights of the weekly Am-C axis scan, cm. */
export const WEEKLY_AXIS_Z_CM = [-1500, -800, 0, 800, 1500] as const;
/** Representative CLS points of the comprehensive and the monthly programmes. */
export const CLS_POINTS_COMPREHENSIVE = 200;
export const CLS_POINTS_MONTHLY = 40;

const centre = (source: 'Cs-137' | 'Mn-54' | 'Co-60' | 'Ge-68' | 'AmBe' | 'AmC', eventsPerPoint = NONLINEARITY_EVENTS) =>
  ({ system: 'ACU', source, points: 'centre', eventsPerPoint }) as const;

const PROGRAMME_INPUTS: Record<ProgrammeName, CampaignInput> = {
  comprehensive: {
    name: 'comprehensive',
    cadence: 'once',
    rows: [
      centre('Cs-137'),
      centre('Mn-54'),
      centre('Co-60'),
      { system: 'ACU', source: 'K-40', points: 'centre', eventsPerPoint: K40_EVENTS },
      centre('Ge-68'),
      centre('AmBe'),
      centre('AmC'),
      { system: 'ACU', source: 'nH', via: 'AmC', points: 'centre', eventsPerPoint: NONLINEARITY_EVENTS },
      { system: 'ACU', source: 'laser', points: 'centre', intensities: LASER_INTENSITIES, minutesPerPoint: LASER_MINUTES_COMPREHENSIVE },
      { system: 'ACU', source: 'AmC', points: 'all', eventsPerPoint: AMC_EVENTS_COMPREHENSIVE },
      { system: 'CLS', source: 'AmC', points: { representative: CLS_POINTS_COMPREHENSIVE }, eventsPerPoint: AMC_EVENTS_COMPREHENSIVE },
      { system: 'GT', source: 'AmC', points: 'all', eventsPerPoint: AMC_EVENTS_COMPREHENSIVE },
    ],
  },
  weekly: {
    name: 'weekly',
    cadence: 'weekly',
    rows: [
      { system: 'ACU', source: 'AmC', points: WEEKLY_AXIS_Z_CM.map((zCm) => ({ zCm })), minutesPerPoint: 1 },
      { system: 'ACU', source: 'laser', points: 'centre', intensities: LASER_INTENSITIES, minutesPerPoint: LASER_MINUTES_ROUTINE },
    ],
  },
  monthly: {
    name: 'monthly',
    cadence: 'monthly',
    rows: [
      { system: 'ACU', source: 'AmC', points: 'all', eventsPerPoint: AMC_EVENTS_MONTHLY },
      { system: 'ACU', source: 'laser', points: 'all', minutesPerPoint: LASER_MINUTES_ROUTINE },
      { system: 'CLS', source: 'AmC', points: { representative: CLS_POINTS_MONTHLY }, eventsPerPoint: AMC_EVENTS_MONTHLY },
      { system: 'GT', source: 'AmC', points: 'all', eventsPerPoint: AMC_EVENTS_MONTHLY },
    ],
  },
};

/**
 * A built-in calibration programme as a campaign:
 * - `comprehensive` (once): the non-linearity sources at the centre (Cs-137, Mn-54, Co-60, Ge-68,
 *   Am-Be, Am-C: 100,000 events each; K-40: 6,000; n-H from the Am-C deployment), the laser at
 *   the centre (10 intensities, 2 min each), Am-C at the ACU's 27 points, 200 CLS points and the
 *   GT's 23 points (10,000 events per point);
 * - `weekly`: Am-C at 5 axis points (z = 0, +-8, +-15 m), 1 minute each; the laser's 10-intensity
 *   scan at the centre, 1 minute each;
 * - `monthly`: Am-C at the 27 ACU points, the laser at the same points (1 minute each), Am-C at 40
 *   representative CLS points and the 23 GT points (6,000 events per point).
 *
 * @throws ValidationError for an unknown name, listing the programmes
 * @example planCampaign(builtinCampaign('monthly')).liveTimeShare
 */
export function builtinCampaign(name: string): Campaign {
  if (!(PROGRAMMES as readonly string[]).includes(name)) {
    throw new ValidationError(`unknown calibration programme "${name}": expected one of ${PROGRAMMES.join(', ')}`);
  }
  return parseCampaign(PROGRAMME_INPUTS[name as ProgrammeName]);
}
