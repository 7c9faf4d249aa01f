import { mean, stdDev } from '@nucal/numeric';
import type { DarkNoiseMeasurement } from '../sample.js';

/** Mean dark-noise PE in the event window, with its error. */
export interface DarkNoiseOffset {
  readonly meanPe: number;
  readonly errPe: number;
}

/**
 * Step 1, the dark-noise offset: the mean of the random-trigger PE with its standard error,
 * or the offset given in the sample (0 +- 0 by default).
 *
 * @example
 * darkNoiseOffset({ randomTriggerPe: [150, 152, 148] }); // { meanPe: 150, errPe: 1.15 }
 */
export function darkNoiseOffset(m: DarkNoiseMeasurement): DarkNoiseOffset {
  const triggers = m.randomTriggerPe;
  return triggers
    ? { meanPe: mean(triggers), errPe: stdDev(triggers) / Math.sqrt(triggers.length) } // the schema asks >= 2 triggers
    : { meanPe: m.offsetPe ?? 0, errPe: m.offsetErrPe ?? 0 };
}
