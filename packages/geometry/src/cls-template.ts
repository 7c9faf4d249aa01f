import type { RandomSource } from '@nucal/core';
import type { CalibrationPoint } from './deployment-systems.js';
import type { LsDetector } from './ls-detector.js';

const point = (rCm: number, thetaRad: number): CalibrationPoint => ({ rCm, thetaRad, zCm: rCm * Math.cos(thetaRad) });

/** Radial lines of the regular part of the template and points per line. */
const LINES = 10;
const PER_LINE = 30;
const RANDOM_POINTS = 1000;

/**
 * The 1,300 candidate points of the vertical half-plane from which the CLS (and ROV) point sets
 * are chosen: 300 regular points near the edge, 30 per radial line on 10 lines at polar angles
 * (k + 1/2) pi / 10 from r = 15 m to 17 m inclusive (6.9 cm apart), then 1,000 points uniform in
 * volume (cos theta uniform in [-1, 1], (r/R)^3 uniform in [0, 1), so r < R). The random part is
 * drawn from `rng.fork('cls-template')`: the same seed gives the same points.
 *
 * @example
 * clsTemplatePoints(lsDetector(), createRng('cls')).length // 1300
 */
export function clsTemplatePoints(detector: LsDetector, rng: RandomSource): CalibrationPoint[] {
  const out: CalibrationPoint[] = [];
  for (let k = 0; k < LINES; k++) {
    const theta = ((k + 0.5) * Math.PI) / LINES;
    for (let j = 0; j < PER_LINE; j++) out.push(point(1500 + (200 * j) / (PER_LINE - 1), theta));
  }
  const draw = rng.fork('cls-template');
  const r = detector.lsRadiusCm;
  for (let i = 0; i < RANDOM_POINTS; i++) {
    const cosTheta = 2 * draw.uniform() - 1;
    const v = draw.uniform();
    out.push(point(r * Math.cbrt(v), Math.acos(cosTheta)));
  }
  return out;
}
