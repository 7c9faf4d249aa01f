import { z } from 'zod';
import { ChimneyParkingPathSchema } from './deployment-systems.js';

const anchorAngle = z.number().gt(0).lt(180).describe('polar angle of a side-cable anchor on the inner acrylic surface, degrees from +z');

/**
 * Configuration of the cable loop system (CLS): two loops in opposite vertical half-planes,
 * each with a central cable through the chimney and a side cable through an anchor on the
 * inner acrylic surface. The source hangs from the two cables; a point is reachable when both
 * cables stay taut with a margin and neither cable is close to horizontal.
 *
 * @example
 * const c = ClsConfigSchema.parse({ minTensionFraction: 0.2 }); // defaults for the rest
 * c.anchorsDeg // [45, 75]
 */
export const ClsConfigSchema = z.object({
  anchorsDeg: z
    .tuple([anchorAngle, anchorAngle])
    .default([45, 75])
    .describe('anchor polar angles of loop 1 and loop 2, degrees from +z'),
  minTensionFraction: z
    .number()
    .min(0)
    .lt(1)
    .default(0.1)
    .describe('minimum tension of each cable, as a fraction of the source weight in the LS (the tension margin)'),
  maxCableAngleDeg: z
    .number()
    .gt(0)
    .lte(90)
    .default(80)
    .describe('largest angle of either cable from the vertical, degrees (a nearly horizontal cable sags and the position is lost)'),
  wallClearanceCm: z.number().nonnegative().default(10).describe('closest approach of the source to the acrylic, cm'),
  precisionCm: z.number().positive().default(3).describe('positioning precision (1 sigma), cm'),
  parkingPathM: ChimneyParkingPathSchema,
});
/** Parsed CLS configuration (defaults filled). */
export type ClsConfig = z.infer<typeof ClsConfigSchema>;
/** CLS configuration as written by a user (every field optional). */
export type ClsConfigInput = z.input<typeof ClsConfigSchema>;
