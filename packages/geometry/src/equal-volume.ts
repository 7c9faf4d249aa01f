import { ValidationError } from '@nucal/core';

/**
 * Equal-volume coordinates of a sphere of radius R: u = cos(theta) in [-1, 1] and
 * v = (r / R)^3 in [0, 1]. Equal steps in u and v enclose equal volumes, which is why
 * non-uniformity maps and voxel grids are built in them (the response changes fastest near
 * the edge, where equal-volume bins are thinnest in r).
 *
 * @example toEqualVolume(1770, Math.PI / 2, 1770) // { u: 0, v: 1 }
 */
export function toEqualVolume(rCm: number, thetaRad: number, radiusCm: number): { u: number; v: number } {
  if (!(radiusCm > 0)) throw new ValidationError(`sphere radius ${radiusCm} cm is invalid: expected > 0`);
  if (!(rCm >= 0)) throw new ValidationError(`radius ${rCm} cm is invalid: expected >= 0`);
  const q = rCm / radiusCm;
  return { u: Math.cos(thetaRad), v: q * q * q };
}

/** Inverse of {@link toEqualVolume}: r (cm) and theta (rad). */
export function fromEqualVolume(u: number, v: number, radiusCm: number): { rCm: number; thetaRad: number } {
  if (!(u >= -1 && u <= 1)) throw new ValidationError(`u = cos(theta) ${u} is invalid: expected -1..1`);
  if (!(v >= 0)) throw new ValidationError(`v = (r/R)^3 ${v} is invalid: expected >= 0`);
  return { rCm: radiusCm * Math.cbrt(v), thetaRad: Math.acos(u) };
}
