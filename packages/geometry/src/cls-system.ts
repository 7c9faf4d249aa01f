import type { ClsConfigInput } from './cls-config.js';
import { clsCableStatics, clsReachableParsed, parseClsConfig } from './cls-reach.js';
import { chimneyParkingPathM, type CalibrationPoint, type DeploymentSystem } from './deployment-systems.js';
import type { LsDetector } from './ls-detector.js';

/** A CLS point: which loop holds the source there (1: first anchor, 2: second). */
export interface ClsPoint extends CalibrationPoint {
  readonly loop: 1 | 2;
}

/** The CLS as a deployment system, its points labelled with their loop. */
export interface ClsDeploymentSystem extends DeploymentSystem {
  readonly name: 'CLS';
  readonly points: readonly ClsPoint[];
}

/**
 * The CLS as a deployment system: the points of `points` that either loop can reach (see
 * {@link clsReachable}), in their input order, each labelled with its loop. A point both loops
 * reach goes to the loop whose slacker cable is tighter (the steadier position). The two loops
 * hang in opposite vertical half-planes; by azimuthal symmetry both map onto this half-plane.
 * Precision and parking path from the configuration (3 cm; LS radius + 2 m from the centre).
 *
 * @example
 * const cd = lsDetector();
 * const cls = clsSystem(cd, [45, 75], clsTemplatePoints(cd, createRng('cls')));
 * cls.name // 'CLS'
 */
export function clsSystem(
  detector: LsDetector,
  anchorsDeg: readonly [number, number],
  points: readonly CalibrationPoint[],
  config?: ClsConfigInput,
): ClsDeploymentSystem {
  const c = parseClsConfig({ ...config, anchorsDeg: [anchorsDeg[0], anchorsDeg[1]] });
  const kept: ClsPoint[] = [];
  const slack = (p: CalibrationPoint, a: number) => {
    const s = clsCableStatics(p, a, detector);
    return s ? Math.min(s.centralTension, s.sideTension) : -Infinity;
  };
  for (const p of points) {
    const in1 = clsReachableParsed(p, c.anchorsDeg[0], detector, c);
    const in2 = clsReachableParsed(p, c.anchorsDeg[1], detector, c);
    if (!in1 && !in2) continue;
    const loop: 1 | 2 = in1 && in2 ? (slack(p, c.anchorsDeg[0]) >= slack(p, c.anchorsDeg[1]) ? 1 : 2) : in1 ? 1 : 2;
    kept.push({ rCm: p.rCm, thetaRad: p.thetaRad, zCm: p.rCm * Math.cos(p.thetaRad), loop });
  }
  return { name: 'CLS', precisionCm: c.precisionCm, parkingPathM: c.parkingPathM ?? chimneyParkingPathM(detector), points: kept };
}
