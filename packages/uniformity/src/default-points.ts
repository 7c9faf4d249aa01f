import type { RandomSource } from '@nucal/core';
import { acuPoints, clsSystem, clsTemplatePoints, gtPoints, lsDetector, type CalibrationPoint, type LsDetector } from '@nucal/geometry';
import type { SourcePoint } from './calibration-point.js';

/** Default CLS anchor polar angles, degrees from +z (geometry's default). */
export const DEFAULT_CLS_ANCHORS_DEG: readonly [number, number] = [45, 75];

/** ACU points on the axis (phi 0). */
export function acuSourcePoints(): SourcePoint[] {
  return acuPoints().map((p) => ({ system: 'ACU', rCm: p.rCm, thetaRad: p.thetaRad, phiRad: 0 }));
}

/** Guide-tube points, in the calibration plane on the phi = pi side. */
export function gtSourcePoints(detector: LsDetector = lsDetector()): SourcePoint[] {
  return gtPoints(detector).map((p) => ({ system: 'GT', rCm: p.rCm, thetaRad: p.thetaRad, phiRad: Math.PI }));
}

/** CLS points: loop 1 hangs in the phi = 0 half-plane, loop 2 in phi = pi. */
export function clsSourcePoints(detector: LsDetector, anchorsDeg: readonly [number, number], candidates: readonly CalibrationPoint[]): SourcePoint[] {
  return clsSystem(detector, anchorsDeg, candidates).points.map((p) => ({ system: 'CLS', rCm: p.rCm, thetaRad: p.thetaRad, phiRad: p.loop === 1 ? 0 : Math.PI }));
}

/**
 * The default point set of the finite-points scenarios: 27 ACU + 23 GT + `clsCount` CLS points
 * (the template points both loops can reach with the default anchors, thinned evenly to
 * `clsCount`; the optimiser chooses better ones).
 *
 * @example defaultCalibrationPoints(createRng('points')).length // 250
 */
export function defaultCalibrationPoints(rng: RandomSource, clsCount = 200, detector: LsDetector = lsDetector()): SourcePoint[] {
  const cls = clsSourcePoints(detector, DEFAULT_CLS_ANCHORS_DEG, clsTemplatePoints(detector, rng));
  const step = cls.length / Math.min(clsCount, cls.length);
  const thinned = Array.from({ length: Math.min(clsCount, cls.length) }, (_, k) => cls[Math.floor(k * step)]!);
  return [...acuSourcePoints(), ...gtSourcePoints(detector), ...thinned];
}
