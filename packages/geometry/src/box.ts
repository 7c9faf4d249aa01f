import type { PointCm, Vec3 } from './point.js';

/** An axis-aligned box, centimetres. */
export interface BoxCm {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
  readonly zMin: number;
  readonly zMax: number;
}

/** A face of an axis-aligned box, named by axis and side. */
export type BoxFace = 'x-' | 'x+' | 'y-' | 'y+' | 'z-' | 'z+';

/** Where a line enters and leaves a box, as line parameters (`origin + t * direction`). */
export interface LineBoxHit {
  readonly tEnter: number;
  readonly tExit: number;
  /** Face crossed at `tEnter`. */
  readonly enterFace: BoxFace;
  /** Face crossed at `tExit`. */
  readonly exitFace: BoxFace;
}

/**
 * True when the point lies in the closed box.
 *
 * @example
 * boxContains({ xMin: 0, xMax: 1, yMin: 0, yMax: 1, zMin: 0, zMax: 1 }, { x: 0.5, y: 1, z: 0 }) // true
 */
export function boxContains(box: BoxCm, p: PointCm): boolean {
  return p.x >= box.xMin && p.x <= box.xMax && p.y >= box.yMin && p.y <= box.yMax && p.z >= box.zMin && p.z <= box.zMax;
}

/**
 * Intersection of the infinite line `origin + t * direction` with a box (slab method).
 * Returns null when the line misses the box or only grazes it (zero-length chord). The
 * parameters are in cm of path when `direction` is a unit vector. A line lying exactly in
 * a face plane counts as inside it.
 *
 * @example
 * const box = { xMin: -1, xMax: 1, yMin: -1, yMax: 1, zMin: -1, zMax: 1 };
 * lineBoxIntersection({ x: -5, y: 0, z: 0 }, { x: 1, y: 0, z: 0 }, box)
 * // { tEnter: 4, tExit: 6, enterFace: 'x-', exitFace: 'x+' }
 */
export function lineBoxIntersection(origin: PointCm, direction: Vec3, box: BoxCm): LineBoxHit | null {
  let tEnter = -Infinity;
  let tExit = Infinity;
  let enterFace: BoxFace = 'x-';
  let exitFace: BoxFace = 'x+';
  const axes = [
    [origin.x, direction.x, box.xMin, box.xMax, 'x-', 'x+'],
    [origin.y, direction.y, box.yMin, box.yMax, 'y-', 'y+'],
    [origin.z, direction.z, box.zMin, box.zMax, 'z-', 'z+'],
  ] as const;
  for (const [o, d, lo, hi, lowFace, highFace] of axes) {
    if (d === 0) {
      if (o < lo || o > hi) return null;
      continue;
    }
    const tLo = (lo - o) / d;
    const tHi = (hi - o) / d;
    const [tNear, tFar, nearFace, farFace] = d > 0 ? [tLo, tHi, lowFace, highFace] : [tHi, tLo, highFace, lowFace];
    if (tNear > tEnter) {
      tEnter = tNear;
      enterFace = nearFace;
    }
    if (tFar < tExit) {
      tExit = tFar;
      exitFace = farFace;
    }
  }
  if (!(tExit > tEnter)) return null;
  return { tEnter, tExit, enterFace, exitFace };
}
