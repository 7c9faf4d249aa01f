import { ValidationError } from '@nucal/core';
import type { NonlinearitySample } from '../sample.js';
import type { DarkNoiseOffset } from './dark-noise.js';
import type { SourcePeak } from './source-peaks.js';

/** Y0, the light yield at the centre, PE/MeV. */
export interface LightYield {
  readonly pePerMeV: number;
  readonly errPePerMeV: number;
}

/**
 * Step 3, Y0 from the n-H capture peak at the centre (PHYSICS.md 1.3):
 * Y0 = (PE_nH - dark offset) / 2.2232 MeV, unless the sample gives Y0. A sample of
 * visible-energy peaks only needs none (and then yields no `juno.energy-scale` payload).
 *
 * @example
 * const y0 = lightYield(sample, peaks, darkNoise); // { pePerMeV: 1345.3, errPePerMeV: 0.41 }
 */
export function lightYield(sample: NonlinearitySample, peaks: readonly SourcePeak[], dn: DarkNoiseOffset): LightYield | undefined {
  let y0: LightYield | undefined;
  if (sample.y0) y0 = { pePerMeV: sample.y0.y0PePerMeV, errPePerMeV: sample.y0.y0ErrPePerMeV };
  else {
    const nh = peaks.find((r) => r.source === 'nH');
    if (nh?.pe) y0 = { pePerMeV: (nh.pe.meanPe - dn.meanPe) / nh.gammaMeV, errPePerMeV: Math.hypot(nh.pe.errPe, dn.errPe) / nh.gammaMeV };
  }
  const needsY0 = peaks.some((r) => r.pe) || sample.b12?.eventsPe !== undefined;
  if (needsY0 && y0 === undefined) throw new ValidationError('sample has PE data but no nH peak in PE and no y0: expected one of them to fix Y0');
  if (y0 !== undefined && !(y0.pePerMeV > 0)) throw new ValidationError(`Y0 = ${y0.pePerMeV} PE/MeV: expected > 0`);
  return y0;
}

/** Visible energy (MeV) of a PE value: (PE - dark offset) / Y0. */
export function visibleFromPe(pe: number, dn: DarkNoiseOffset, y0: LightYield): number {
  return (pe - dn.meanPe) / y0.pePerMeV;
}
