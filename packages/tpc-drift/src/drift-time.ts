import { xAtDriftDistanceCm, type TpcVolume } from '@nucal/geometry';
import { ValidationError } from '@nucal/core';

function checkVd(vdMmPerUs: number): void {
  if (!(vdMmPerUs > 0) || !Number.isFinite(vdMmPerUs)) {
    throw new ValidationError(`drift velocity ${vdMmPerUs} mm/us is invalid: expected a finite number > 0`);
  }
}

/**
 * Distance drifted (cm) in a drift time: d = vd (t - t0). 1 mm/us x 1 us = 0.1 cm.
 *
 * @param driftTimeUs - t - t0, microseconds
 * @param vdMmPerUs - drift velocity, mm/us
 * @example
 * driftDistanceFromTimeCm(1000, 1.6) // 160
 */
export function driftDistanceFromTimeCm(driftTimeUs: number, vdMmPerUs: number): number {
  checkVd(vdMmPerUs);
  return (vdMmPerUs * driftTimeUs) / 10;
}

/**
 * Drift time (us) for a distance from the anode (cm): t - t0 = d / vd.
 *
 * @example
 * driftTimeFromDistanceUs(360, 1.6) // 2250
 */
export function driftTimeFromDistanceUs(distanceCm: number, vdMmPerUs: number): number {
  checkVd(vdMmPerUs);
  return (10 * distanceCm) / vdMmPerUs;
}

/**
 * Position along x (cm) of charge arriving at `hitTimeUs` in `tpc`, for an event at `t0Us`:
 * x = x_anode - driftSign * vd (t - t0) (PHYSICS.md 2.2). Both times on the same clock.
 *
 * @example
 * const tpc = duneFdSpModule().tpcs[0]!;        // anode at x = -725 cm
 * xFromHitTimeCm(tpc, 1250, 0, 1.6)            // -525
 */
export function xFromHitTimeCm(tpc: TpcVolume, hitTimeUs: number, t0Us: number, vdMmPerUs: number): number {
  return xAtDriftDistanceCm(tpc, driftDistanceFromTimeCm(hitTimeUs - t0Us, vdMmPerUs));
}
