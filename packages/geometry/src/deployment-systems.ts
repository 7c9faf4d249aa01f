import { z } from 'zod';
import { ValidationError } from '@nucal/core';
import type { LsDetector } from './ls-detector.js';

/** A source position in the vertical half-plane of the LS detector: r (cm) and theta (rad, from +z). */
export interface CalibrationPoint {
  readonly rCm: number;
  readonly thetaRad: number;
  /** Height z = r cos(theta), cm. */
  readonly zCm: number;
}

/** A source-deployment system: where it can put a source and how well it knows where. */
export interface DeploymentSystem {
  readonly name: 'ACU' | 'CLS' | 'GT' | 'ROV';
  /** Positioning precision (1 sigma), cm. */
  readonly precisionCm: number;
  /**
   * Where the source parks, as a path length in m (the source moves at ~1 m/min): for the
   * systems entering through the chimney (ACU, CLS, ROV) the distance along the axis from the
   * detector centre up to the parking position; for the GT the length of tube from the parking
   * position to the tube's equator. `deploymentPathM` turns it into travel.
   */
  readonly parkingPathM: number;
  readonly points: readonly CalibrationPoint[];
}

const point = (rCm: number, thetaRad: number): CalibrationPoint => ({ rCm, thetaRad, zCm: rCm * Math.cos(thetaRad) });
const onAxis = (zCm: number): CalibrationPoint => point(Math.abs(zCm), zCm >= 0 ? 0 : Math.PI);

/**
 * ACU (automatic calibration unit) points on the central vertical axis: one every 2 m for
 * |z| < 12 m, one every metre from 12 to 17 m, plus 17.2 m and 17.5 m, on both sides of the
 * centre: 27 points, from the bottom up. Precision 1 cm; it enters through the chimney at the top.
 *
 * @example acuPoints().length // 27
 */
export function acuPoints(): CalibrationPoint[] {
  const zM: number[] = [];
  for (let z = -10; z <= 10; z += 2) zM.push(z);
  for (const z of [12, 13, 14, 15, 16, 17, 17.2, 17.5]) zM.push(z, -z);
  return zM.sort((a, b) => a - b).map((z) => onAxis(Math.round(z * 1000) / 10));
}

/**
 * GT (guide tube) points: the tube runs outside the acrylic along a longitudinal circle, one
 * point near each of the acrylic layers, at the layer's mid polar angle. The source sits
 * outside the LS (its gammas cross the acrylic), `tubeGapCm` beyond the acrylic's outer surface.
 *
 * @example gtPoints(lsDetector()).length // 23
 */
export function gtPoints(detector: LsDetector, tubeGapCm = 3): CalibrationPoint[] {
  if (!(tubeGapCm >= 0)) throw new ValidationError(`guide-tube gap ${tubeGapCm} cm is invalid: expected >= 0`);
  const n = detector.config.acrylicLayers;
  const r = detector.acrylicOuterRadiusCm + tubeGapCm;
  return Array.from({ length: n }, (_, k) => point(r, ((k + 0.5) * Math.PI) / n));
}

/**
 * The default parking path of a system entering through the chimney (ACU, CLS, ROV): from the
 * detector centre to a parking position 2 m above the top of the LS sphere, m.
 *
 * @example chimneyParkingPathM(lsDetector()) // 19.7
 */
export function chimneyParkingPathM(detector: LsDetector): number {
  return detector.lsRadiusCm / 100 + 2;
}

/** The configuration field of a chimney system's parking path (CLS, ROV); unset means `chimneyParkingPathM`. */
export const ChimneyParkingPathSchema = z
  .number()
  .positive()
  .optional()
  .describe('distance of the parking position (top of the chimney) from the detector centre along the axis, m; default LS radius + 2 m');

/**
 * The fixed deployment systems of the LS detector with their point sets (the CLS, whose points
 * depend on its anchor angles, and the ROV are built by their own functions). Parking paths
 * are configuration inputs: the defaults are the distance from a parking position 2 m above
 * the top of the LS sphere (ACU, through the chimney) and half the guide tube's length (GT).
 */
export function fixedDeploymentSystems(detector: LsDetector, opts: { acuParkingPathM?: number; gtParkingPathM?: number } = {}): DeploymentSystem[] {
  return [
    { name: 'ACU', precisionCm: 1, parkingPathM: opts.acuParkingPathM ?? chimneyParkingPathM(detector), points: acuPoints() },
    { name: 'GT', precisionCm: 3, parkingPathM: opts.gtParkingPathM ?? (Math.PI * detector.acrylicOuterRadiusCm) / 200, points: gtPoints(detector) },
  ];
}
