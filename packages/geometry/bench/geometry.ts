/**
 * Geometry benchmark: the CLS reachability test (cable statics with its limits) per point, with
 * a baseline in the same run (the plain inside-the-LS test on the same points), and the time of
 * the region polygon, the CLS point set of the 1,300-point template and its travel order.
 * Prints one JSON object. Run: npm run bench -w @nucal/geometry.
 */
import { createRng } from '@nucal/numeric';
import { clsReachable, clsReachableRegion, clsSystem, clsTemplatePoints, deploymentPathM, lsDetector, orderForTravel } from '../src/index.js';

function time<T>(f: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = f();
  return { ms: performance.now() - t0, value };
}

const cd = lsDetector();
const template = clsTemplatePoints(cd, createRng('bench'));
const config = { minTensionFraction: 0.1 };
const rounds = 200;
clsReachable(template[0]!, 45, cd, config);
const reach = time(() => {
  let n = 0;
  for (let k = 0; k < rounds; k++) for (const p of template) if (clsReachable(p, 45, cd, config)) n++;
  return n;
});
const rMax = cd.lsRadiusCm - 10;
const baseline = time(() => {
  let n = 0;
  for (let k = 0; k < rounds; k++) for (const p of template) if (Math.hypot(p.rCm * Math.sin(p.thetaRad), p.rCm * Math.cos(p.thetaRad)) <= rMax) n++;
  return n;
});
const region = time(() => clsReachableRegion(cd, 45));
const system = time(() => clsSystem(cd, [45, 75], template));
const ordered = time(() => orderForTravel(system.value, cd));
const checks = rounds * template.length;
console.log(
  JSON.stringify({
    clsReachablePerSecond: Math.round(checks / (reach.ms / 1000)),
    baselineInsideTestsPerSecond: Math.round(checks / (baseline.ms / 1000)),
    reachableTimeOverInsideTime: Number((reach.ms / baseline.ms).toFixed(1)),
    regionPolygonMs: Number(region.ms.toFixed(1)),
    regionVertices: region.value.length,
    clsSystemOfTemplateMs: Number(system.ms.toFixed(2)),
    clsPoints: system.value.points.length,
    orderForTravelMs: Number(ordered.ms.toFixed(1)),
    pathInputOrderM: Number(deploymentPathM(system.value, cd).toFixed(0)),
    pathOrderedM: Number(deploymentPathM(ordered.value, cd).toFixed(0)),
  }),
);
