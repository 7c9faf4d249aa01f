import type { RandomSource } from '@nucal/core';
import { createRng } from '@nucal/numeric';
import { defaultCalibrationPoints } from './default-points.js';
import type { SourcePoint } from './calibration-point.js';

/**
 * The random streams of a scenario run, named in one place: `runScenario` draws from them and
 * so does anyone who must redraw part of a run (the CLI writes the map a scenario calibrated by
 * drawing its calibration sample again). Same seed and name, same streams.
 *
 * - `detector`: the truth detector (QE spread, dead PMTs); independent of the scenario, so every
 *   scenario of one seed sees the same PMTs;
 * - `scenario`: the scenario's own stream, forked into `dark-noise`, `calibration` (then `points`
 *   for finite-point runs), `physics` and `central`.
 *
 * @example
 * const s = scenarioStreams('qe-variation', '7');
 * const dark = measureDarkNoise(toy, s.scenario.fork('dark-noise'));
 */
export function scenarioStreams(name: string, seed: string): { readonly detector: RandomSource; readonly scenario: RandomSource } {
  return { detector: createRng(seed).fork('detector'), scenario: createRng(seed).fork(`scenario/${name}`) };
}

/**
 * The default calibration points of the finite-point scenarios (27 ACU + 23 GT + 200 CLS from a
 * template drawn from a fixed stream, so that the point set does not change with the seed).
 *
 * @example scenarioCalibrationPoints().length // 250
 */
export function scenarioCalibrationPoints(): SourcePoint[] {
  return defaultCalibrationPoints(clsTemplateStream());
}

/**
 * The fixed stream the CLS template is drawn from (not the seed's): the scenarios' points and
 * the optimiser's candidates come from the same template.
 *
 * @example clsTemplatePoints(lsDetector(), clsTemplateStream())
 */
export function clsTemplateStream(): RandomSource {
  return createRng('uniformity.cls-template');
}
