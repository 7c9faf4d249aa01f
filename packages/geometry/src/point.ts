import { ValidationError } from '@nucal/core';

/** A point in detector coordinates, centimetres. */
export interface PointCm {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

/** A direction (any length unless a function says it needs a unit vector). */
export interface Vec3 {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

/**
 * The unit vector along `v`; throws when `v` has zero or non-finite length.
 *
 * @example
 * unitVector({ x: 0, y: -3, z: 4 }) // { x: 0, y: -0.6, z: 0.8 }
 */
export function unitVector(v: Vec3): Vec3 {
  const n = Math.hypot(v.x, v.y, v.z);
  if (!(n > 0) || !Number.isFinite(n)) {
    throw new ValidationError(`direction (${v.x}, ${v.y}, ${v.z}) cannot be normalised: expected a finite non-zero vector`);
  }
  return { x: v.x / n, y: v.y / n, z: v.z / n };
}

/**
 * `origin + t * direction`, centimetres when `direction` is a unit vector and `t` is in cm.
 *
 * @example
 * pointAlong({ x: 0, y: 0, z: 0 }, { x: 1, y: 0, z: 0 }, 5) // { x: 5, y: 0, z: 0 }
 */
export function pointAlong(origin: PointCm, direction: Vec3, t: number): PointCm {
  return { x: origin.x + t * direction.x, y: origin.y + t * direction.y, z: origin.z + t * direction.z };
}
