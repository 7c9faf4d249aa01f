import { ValidationError, formatZodIssues } from '@nucal/core';
import { ClsConfigSchema, type ClsConfig, type ClsConfigInput } from './cls-config.js';
import type { LsDetector } from './ls-detector.js';

/** A position in the vertical half-plane: r (cm) from the centre and theta (rad) from +z. */
export interface HalfPlanePoint {
  readonly rCm: number;
  readonly thetaRad: number;
}

/**
 * Statics of a source hanging from the two cables of one CLS loop, tensions as fractions of
 * the source's weight in the LS (cable weight and buoyancy of the cables neglected).
 */
export interface ClsCableStatics {
  /** Tension of the central cable (to the north pole, up the chimney) / weight. */
  readonly centralTension: number;
  /** Tension of the side cable (to the anchor on the acrylic) / weight. */
  readonly sideTension: number;
  /** Angle of the central cable from the upward vertical, degrees. */
  readonly centralAngleDeg: number;
  /** Angle of the side cable from the upward vertical, degrees (> 90: it pulls down). */
  readonly sideAngleDeg: number;
}

/** Parses a CLS configuration, naming the bad field. */
export function parseClsConfig(config: ClsConfigInput | ClsConfig = {}): ClsConfig {
  const r = ClsConfigSchema.safeParse(config);
  if (!r.success) throw new ValidationError('CLS configuration is invalid', formatZodIssues(r.error.issues));
  return r.data;
}

/** Anchor position (x, z) in cm on the inner acrylic surface of the half-plane. */
export function clsAnchorCm(anchorThetaDeg: number, detector: LsDetector): { xCm: number; zCm: number } {
  if (!(anchorThetaDeg > 0 && anchorThetaDeg < 180)) {
    throw new ValidationError(`CLS anchor angle ${anchorThetaDeg} deg is invalid: expected 0 < theta < 180 degrees`);
  }
  const t = (anchorThetaDeg * Math.PI) / 180;
  return { xCm: detector.lsRadiusCm * Math.sin(t), zCm: detector.lsRadiusCm * Math.cos(t) };
}

/**
 * Tensions of the two cables of one loop holding the source at `point` (Lami's theorem:
 * T_central u_central + T_side u_side = weight, solved in the vertical plane). Returns null where
 * the statics has no solution (the point on a cable's line, at the pole or at the anchor).
 * A negative tension means that cable would have to push: the point cannot be held.
 *
 * @example
 * const s = clsCableStatics({ rCm: 800, thetaRad: 2 }, 60, lsDetector());
 * s && s.centralTension > 0 && s.sideTension > 0 // true
 */
export function clsCableStatics(point: HalfPlanePoint, anchorThetaDeg: number, detector: LsDetector): ClsCableStatics | null {
  const k = clsAnchorCm(anchorThetaDeg, detector);
  const x = point.rCm * Math.sin(point.thetaRad);
  const z = point.rCm * Math.cos(point.thetaRad);
  const r = detector.lsRadiusCm;
  // unit vectors from the source along each cable
  const l1 = Math.hypot(-x, r - z);
  const l2 = Math.hypot(k.xCm - x, k.zCm - z);
  if (!(l1 > 0 && l2 > 0)) return null;
  const u1x = -x / l1;
  const u1z = (r - z) / l1;
  const u2x = (k.xCm - x) / l2;
  const u2z = (k.zCm - z) / l2;
  const cross = u1x * u2z - u1z * u2x;
  if (Math.abs(cross) < 1e-12) return null;
  const deg = 180 / Math.PI;
  return {
    centralTension: -u2x / cross,
    sideTension: u1x / cross,
    centralAngleDeg: Math.acos(Math.min(1, Math.max(-1, u1z))) * deg,
    sideAngleDeg: Math.acos(Math.min(1, Math.max(-1, u2z))) * deg,
  };
}

/** {@link clsReachable} on a parsed configuration (no parsing in the hot loop). */
export function clsReachableParsed(point: HalfPlanePoint, anchorThetaDeg: number, detector: LsDetector, c: ClsConfig): boolean {
  const { rCm, thetaRad } = point;
  if (!(rCm >= 0 && thetaRad >= 0 && thetaRad <= Math.PI)) return false;
  if (rCm > detector.lsRadiusCm - c.wallClearanceCm) return false;
  const k = clsAnchorCm(anchorThetaDeg, detector);
  if (!(rCm * Math.cos(thetaRad) < k.zCm)) return false;
  const s = clsCableStatics(point, anchorThetaDeg, detector);
  if (s === null) return false;
  const tMin = Math.max(c.minTensionFraction, Number.MIN_VALUE);
  return s.centralTension >= tMin && s.sideTension >= tMin && s.centralAngleDeg <= c.maxCableAngleDeg && s.sideAngleDeg <= c.maxCableAngleDeg;
}

/**
 * Whether one CLS loop with its side-cable anchor at `anchorThetaDeg` can hold the source at
 * `point` of the vertical half-plane: inside the LS (with the wall clearance), below the anchor,
 * both cables taut with at least `minTensionFraction` of the source weight, and neither cable
 * more than `maxCableAngleDeg` from the vertical. Ideally (zero margin) this is the area between
 * the axis and the vertical line under the anchor; the margin cuts wedges along both lines.
 *
 * @example
 * const cd = lsDetector();
 * clsReachable({ rCm: 800, thetaRad: 2 }, 60, cd)   // true
 * clsReachable({ rCm: 1000, thetaRad: 0.3 }, 60, cd) // false: above the anchor
 */
export function clsReachable(point: HalfPlanePoint, anchorThetaDeg: number, detector: LsDetector, config?: ClsConfigInput): boolean {
  return clsReachableParsed(point, anchorThetaDeg, detector, parseClsConfig(config));
}
