import { ValidationError } from '@nucal/core';
import {
  scenarioCalibrationPoints, scenarioStreams, measureDarkNoise, opticsMapFactory, SCENARIOS, SCENARIO_NAMES, simulatePointData, ToyConfigSchema, UniformitySample, type ResponseMapLike,
} from '@nucal/uniformity';

/**
 * Scenarios whose calibrated map can be stored as `juno.uniformity` v1: the finite-points
 * family (a spline in (cos theta, (r/R)^3) through source peaks). `central` has no map (g = 1),
 * and the voxel maps of `ideal`, `phi-symmetric` and `single-gamma-source` are measured with
 * physics-like events over the whole volume, which the record does not describe.
 */
export const WRITABLE_SCENARIOS: readonly string[] = SCENARIO_NAMES.filter((n) => SCENARIOS[n]!.correction === 'finite-points');

/**
 * The calibration sample (source peaks at the default 250 points, dark-noise offset) a
 * finite-points scenario of `runScenario` calibrated its map from, drawn again from the same
 * streams (`scenarioStreams` of @nucal/uniformity: the truth detector, then the scenario's
 * `dark-noise` and `calibration`/`points` forks), so the juno.uniformity plugin calibrates the
 * very map the scenario's resolution was measured with (a test compares their Y0).
 *
 * @example const sample = scenarioCalibrationSample('qe-variation', { seed: '1', eventsPerPoint: 20_000 });
 */
export function scenarioCalibrationSample(name: string, o: { seed: string; eventsPerPoint: number }): UniformitySample {
  const def = SCENARIOS[name];
  if (!def || def.correction !== 'finite-points') throw new ValidationError(`scenario "${name}" has no map the juno.uniformity record can hold: expected one of ${WRITABLE_SCENARIOS.join(', ')}`);
  const toy = ToyConfigSchema.parse(def.toy);
  const map = scenarioTruthMap(name, o.seed);
  const rng = scenarioStreams(name, o.seed).scenario;
  const dark = measureDarkNoise(toy, rng.fork('dark-noise'));
  const points = scenarioCalibrationPoints();
  const data = simulatePointData(map, toy, points, o.eventsPerPoint, rng.fork('calibration').fork('points'));
  return UniformitySample.parse({
    description: `scenario ${name} (seed ${o.seed}): n-H source runs at ${points.length} ACU, GT and CLS points, ${o.eventsPerPoint} events each`,
    lsRadiusCm: map.lsRadiusCm,
    darkNoise: { offsetPe: dark.offsetPe, errorPe: dark.errorPe },
    points: data,
  });
}

/**
 * The truth map of a scenario's detector (the one `runScenario` builds from `<seed>/detector`;
 * cached within the process). For closure displays only, such as the demo's events: a
 * calibration never sees it.
 *
 * @example scenarioTruthMap('qe-variation', '13').peMeV(0, 0, 1500)
 */
export function scenarioTruthMap(name: string, seed: string): ResponseMapLike {
  const def = SCENARIOS[name];
  if (!def) throw new ValidationError(`scenario "${name}" is unknown: expected one of ${SCENARIO_NAMES.join(', ')}`);
  return opticsMapFactory(def.response, scenarioStreams(name, seed).detector);
}
