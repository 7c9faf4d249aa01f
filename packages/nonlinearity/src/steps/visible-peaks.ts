import { ValidationError } from '@nucal/core';
import type { PeakFit } from '../peak-fit.js';
import { visibleFromPe, type LightYield } from './light-yield.js';
import type { DarkNoiseOffset } from './dark-noise.js';
import type { SourcePeak } from './source-peaks.js';

/** A source peak in visible energy (MeV, the Y0 scale). */
export interface VisiblePeak {
  readonly source: string;
  readonly gammaMeV: number;
  readonly visibleMeV: number;
  /** Statistical error of the peak position, MeV. */
  readonly visibleErrMeV: number;
  readonly peak?: PeakFit;
}

/**
 * Step 4, the peaks in visible energy: E_vis = (PE - dark offset) / Y0 with error err_PE / Y0
 * (the Y0 error is common to all points and absorbed by p0), or as given.
 *
 * @example
 * const visible = visiblePeaks(peaks, darkNoise, y0);
 */
export function visiblePeaks(peaks: readonly SourcePeak[], dn: DarkNoiseOffset, y0: LightYield | undefined): VisiblePeak[] {
  return peaks.map((r) => {
    const v = r.visible ?? { meanMeV: visibleFromPe(r.pe!.meanPe, dn, y0!), errMeV: r.pe!.errPe / y0!.pePerMeV };
    return { source: r.source, gammaMeV: r.gammaMeV, visibleMeV: v.meanMeV, visibleErrMeV: v.errMeV, ...(r.peak ? { peak: r.peak } : {}) };
  });
}

/**
 * The Ge-68 peak: the visible energy of the two annihilation gammas, which positron
 * reconstruction adds to E f(E). Required.
 *
 * @example
 * annihilationPeak(visible).visibleMeV; // about 0.95 MeV
 */
export function annihilationPeak(peaks: readonly VisiblePeak[]): VisiblePeak {
  const ge68 = peaks.find((p) => p.source === 'Ge-68');
  if (!ge68) throw new ValidationError('sample has no Ge-68 peak: expected it for the annihilation visible energy of positrons');
  return ge68;
}
