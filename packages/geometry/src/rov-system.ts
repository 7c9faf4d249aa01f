import { z } from 'zod';
import { ValidationError, formatZodIssues } from '@nucal/core';
import { ChimneyParkingPathSchema, chimneyParkingPathM, type CalibrationPoint, type DeploymentSystem } from './deployment-systems.js';
import type { LsDetector } from './ls-detector.js';

/**
 * Configuration of the remotely operated vehicle (ROV): it drives a source almost anywhere in
 * the LS, except within `wallMarginCm` of the acrylic (its own size and the clearance it keeps).
 *
 * @example RovConfigSchema.parse({}) // { wallMarginCm: 50, precisionCm: 3 }
 */
export const RovConfigSchema = z.object({
  wallMarginCm: z.number().nonnegative().default(50).describe('closest approach of the source to the acrylic, cm'),
  precisionCm: z.number().positive().default(3).describe('positioning precision (1 sigma), cm'),
  parkingPathM: ChimneyParkingPathSchema,
});
export type RovConfig = z.infer<typeof RovConfigSchema>;
export type RovConfigInput = z.input<typeof RovConfigSchema>;

/**
 * The ROV as a deployment system: the points of `points` with r <= R - wallMarginCm (and
 * theta in [0, pi]), in their input order.
 *
 * @example
 * rovSystem(lsDetector(), [{ rCm: 1700, thetaRad: 1, zCm: 918 }]).points.length // 1
 */
export function rovSystem(detector: LsDetector, points: readonly CalibrationPoint[], config?: RovConfigInput): DeploymentSystem {
  const r = RovConfigSchema.safeParse(config ?? {});
  if (!r.success) throw new ValidationError('ROV configuration is invalid', formatZodIssues(r.error.issues));
  const c = r.data;
  const rMax = detector.lsRadiusCm - c.wallMarginCm;
  return {
    name: 'ROV',
    precisionCm: c.precisionCm,
    parkingPathM: c.parkingPathM ?? chimneyParkingPathM(detector),
    points: points.filter((p) => p.rCm >= 0 && p.rCm <= rMax && p.thetaRad >= 0 && p.thetaRad <= Math.PI),
  };
}
