import { ValidationError } from '@nucal/core';
import type { CalibrationPoint, DeploymentSystem } from './deployment-systems.js';
import type { LsDetector } from './ls-detector.js';

/** One stop of a route: a calibration point, or the parking position (null). */
type Stop = CalibrationPoint | null;

interface Route {
  /** Path between two stops, cm. */
  leg(a: Stop, b: Stop): number;
}

const loopOf = (p: CalibrationPoint): number | undefined => (p as { loop?: number }).loop;

function axisRoute(system: DeploymentSystem, detector: LsDetector, points: readonly CalibrationPoint[]): Route {
  const parkZ = chimneyParkingZ(system, detector);
  for (const p of points) {
    const off = Math.abs(p.rCm * Math.sin(p.thetaRad));
    if (off > 0.5) throw new ValidationError(`ACU point (r ${p.rCm} cm, theta ${p.thetaRad} rad) is ${off.toFixed(1)} cm off the axis: expected a point on the central axis`);
  }
  const z = (s: Stop) => (s === null ? parkZ : s.rCm * Math.cos(s.thetaRad));
  return { leg: (a, b) => Math.abs(z(a) - z(b)) };
}

function tubeRoute(system: DeploymentSystem, points: readonly CalibrationPoint[]): Route {
  const rTube = points.length ? points.reduce((s, p) => s + p.rCm, 0) / points.length : 0;
  const parkS = (rTube * Math.PI) / 2 - 100 * system.parkingPathM;
  const s = (p: Stop) => (p === null ? parkS : rTube * p.thetaRad);
  return { leg: (a, b) => Math.abs(s(a) - s(b)) };
}

function chimneyParkingZ(system: DeploymentSystem, detector: LsDetector): number {
  const z = 100 * system.parkingPathM;
  if (!(z >= detector.lsRadiusCm)) {
    throw new ValidationError(`${system.name} parking path ${system.parkingPathM} m is invalid: expected at least the LS radius (${detector.lsRadiusCm / 100} m), the parking position is above the top of the LS`);
  }
  return z;
}

function cableRoute(system: DeploymentSystem, detector: LsDetector): Route {
  const parkZ = chimneyParkingZ(system, detector);
  const r = detector.lsRadiusCm;
  const toPole = (p: CalibrationPoint) => Math.hypot(p.rCm * Math.sin(p.thetaRad), r - p.rCm * Math.cos(p.thetaRad));
  return {
    leg(a, b) {
      if (a === null && b === null) return 0;
      if (a === null || b === null) return parkZ - r + toPole((a ?? b)!);
      if (loopOf(a) !== loopOf(b)) return toPole(a) + toPole(b);
      return Math.hypot(a.rCm * Math.sin(a.thetaRad) - b.rCm * Math.sin(b.thetaRad), a.rCm * Math.cos(a.thetaRad) - b.rCm * Math.cos(b.thetaRad));
    },
  };
}

function routeOf(system: DeploymentSystem, detector: LsDetector, points: readonly CalibrationPoint[]): Route {
  switch (system.name) {
    case 'ACU':
      return axisRoute(system, detector, points);
    case 'GT':
      return tubeRoute(system, points);
    case 'CLS':
    case 'ROV':
      return cableRoute(system, detector);
  }
}

/**
 * Travel path length in metres for visiting `points` (default: the system's points) in order,
 * starting from the parking position and coming back to it. The routes:
 * - ACU: along the axis; the parking position is on the axis `parkingPathM` above the centre;
 * - GT: along the tube (the circle through the points, arc length r * theta); the parking
 *   position is `parkingPathM` of tube before the tube's equator (the default, a quarter of the
 *   acrylic's outer circle, puts it at the tube's north end);
 * - CLS: down the chimney from `parkingPathM` above the centre to the north pole, along the
 *   central cable (a straight line) to the first point, straight between points of one loop,
 *   back up through the pole when the next point is on the other loop, and home the same way;
 * - ROV: as the CLS, every leg a straight line (points without a loop label form one group).
 * No points: no trip, 0 m.
 *
 * @example
 * deploymentPathM(fixedDeploymentSystems(lsDetector())[0]!, lsDetector())
 * // 74.4: from 19.7 m down to -17.5 m, up to 17.5 m, back to 19.7 m
 */
export function deploymentPathM(system: DeploymentSystem, detector: LsDetector, points: readonly CalibrationPoint[] = system.points): number {
  if (points.length === 0) return 0;
  const route = routeOf(system, detector, points);
  let cm = route.leg(null, points[0]!);
  for (let i = 1; i < points.length; i++) cm += route.leg(points[i - 1]!, points[i]!);
  cm += route.leg(points[points.length - 1]!, null);
  return cm / 100;
}

/**
 * The system with its points reordered for a short trip: each loop's points (CLS; all points
 * for the others) visited greedily, always to the nearest unvisited point along the system's
 * route (see {@link deploymentPathM}), starting from the parking position; loop 1 before loop 2.
 * Not the optimal tour, but never longer than visiting the points in a random order by much and
 * exact for points on a line (ACU, GT).
 *
 * @example
 * deploymentPathM(orderForTravel(cls, cd), cd) <= deploymentPathM(cls, cd) // true for the template
 */
export function orderForTravel<S extends DeploymentSystem>(system: S, detector: LsDetector): S {
  const route = routeOf(system, detector, system.points);
  const groups = new Map<number | undefined, CalibrationPoint[]>();
  for (const p of system.points) {
    const k = loopOf(p);
    const g = groups.get(k);
    if (g) g.push(p);
    else groups.set(k, [p]);
  }
  const keys = [...groups.keys()].sort((a, b) => (a ?? 0) - (b ?? 0));
  const ordered: CalibrationPoint[] = [];
  for (const k of keys) {
    const left = [...groups.get(k)!];
    let at: Stop = null;
    while (left.length) {
      let best = 0;
      let bestCm = Infinity;
      for (let i = 0; i < left.length; i++) {
        const d = route.leg(at, left[i]!);
        if (d < bestCm) {
          bestCm = d;
          best = i;
        }
      }
      at = left.splice(best, 1)[0]!;
      ordered.push(at);
    }
  }
  return { ...system, points: ordered };
}
