import type { ClsConfigInput } from './cls-config.js';
import { clsReachableParsed, parseClsConfig, type HalfPlanePoint } from './cls-reach.js';
import type { LsDetector } from './ls-detector.js';

/**
 * Boundary polygon of the area one CLS loop can reach, as (r, theta) vertices for plots.
 * Every point it reaches is seen from the north pole (where the central cable enters) along a
 * straight line: the region is traced ray by ray from the pole (the central-cable angle), taking
 * the nearest and farthest reachable points of each ray (found on a 1 cm grid along the ray and
 * refined by bisection), then closing the polygon. Empty when nothing is reachable.
 *
 * @example
 * const poly = clsReachableRegion(lsDetector(), 60);
 * poly.length > 100 // true
 */
export function clsReachableRegion(detector: LsDetector, anchorThetaDeg: number, config?: ClsConfigInput, rays = 360): HalfPlanePoint[] {
  const c = parseClsConfig(config);
  const r = detector.lsRadiusCm;
  const toPoint = (beta: number, t: number): HalfPlanePoint => {
    const x = t * Math.sin(beta);
    const z = r - t * Math.cos(beta);
    return { rCm: Math.hypot(x, z), thetaRad: Math.atan2(x, z) };
  };
  const ok = (beta: number, t: number) => clsReachableParsed(toPoint(beta, t), anchorThetaDeg, detector, c);
  const refine = (beta: number, inside: number, outside: number) => {
    for (let i = 0; i < 40; i++) {
      const mid = 0.5 * (inside + outside);
      if (ok(beta, mid)) inside = mid;
      else outside = mid;
    }
    return inside;
  };
  const near: HalfPlanePoint[] = [];
  const far: HalfPlanePoint[] = [];
  const betaMax = (c.maxCableAngleDeg * Math.PI) / 180;
  for (let i = 0; i < rays; i++) {
    const beta = ((i + 0.5) / rays) * betaMax;
    const chord = 2 * r * Math.cos(beta);
    const steps = Math.max(2, Math.ceil(chord));
    let first = -1;
    let last = -1;
    for (let j = 1; j <= steps; j++) {
      if (ok(beta, (j * chord) / steps)) {
        if (first < 0) first = j;
        last = j;
      }
    }
    if (first < 0) continue;
    near.push(toPoint(beta, refine(beta, (first * chord) / steps, ((first - 1) * chord) / steps)));
    far.push(toPoint(beta, refine(beta, (last * chord) / steps, Math.min(chord, ((last + 1) * chord) / steps))));
  }
  return [...near, ...far.reverse()];
}
