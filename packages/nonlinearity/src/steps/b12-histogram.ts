import { ValidationError } from '@nucal/core';
import { Hist1D, regularAxis, type RegularAxis } from '@nucal/numeric';
import { b12FolderFromSources } from '../b12-components.js';
import type { B12Binning, B12Folder } from '../b12-prediction.js';
import type { ElectronGrid } from '../electron-grid.js';
import { ResolutionModel } from '../resolution.js';
import type { B12Measurement } from '../sample.js';
import type { DarkNoiseOffset } from './dark-noise.js';
import { visibleFromPe, type LightYield } from './light-yield.js';
import type { NonlinearityOptions } from './options.js';

/** The measured B-12 spectrum in the fit binning with its prediction folder. */
export interface B12Spectrum {
  readonly folder: B12Folder;
  /** Events per bin of the fit binning. */
  readonly counts: Float64Array;
  /** Visible energy of every selected event (inside the window or not), MeV, when the sample gives events. */
  readonly eventsMeV?: Float64Array;
}

/**
 * The fit binning of the B-12 spectrum as an axis of numeric's histograms.
 *
 * @example
 * b12Axis(B12Binning.parse({})).bins; // 90 bins of 0.1 MeV over [3, 12) MeV
 */
export function b12Axis(binning: B12Binning): RegularAxis {
  return regularAxis(binning.bins, binning.loMeV, binning.hiMeV, { label: 'visible energy', unit: 'MeV' });
}

/**
 * Step 6, the B-12 spectrum: the folder of the predicted spectrum (P(E_e) kernels of the
 * N-12 gammas, resolution of the sample) and the measured counts, either the sample's
 * histogram (it must have the fit binning) or the events' visible energies filled into a
 * `Hist1D` on {@link b12Axis}.
 *
 * @example
 * const b12 = sample.b12 && b12Histogram(sample.b12, sample.resolution, options, grid, darkNoise, y0);
 */
export function b12Histogram(
  m: B12Measurement,
  resolutionIn: ResolutionModel | undefined,
  options: Pick<NonlinearityOptions, 'secondaries' | 'b12Binning'>,
  grid: ElectronGrid,
  dn: DarkNoiseOffset,
  y0: LightYield | undefined,
): B12Spectrum {
  const binning = options.b12Binning;
  const resolution = resolutionIn ?? ResolutionModel.parse({});
  const folder = b12FolderFromSources(grid, options.secondaries, resolution, binning, m.n12Fraction);
  if (m.histogram) {
    const hh = m.histogram;
    if (hh.counts.length !== binning.bins || Math.abs(hh.loMeV - binning.loMeV) > 1e-9 || Math.abs(hh.hiMeV - binning.hiMeV) > 1e-9) {
      throw new ValidationError(
        `B-12 histogram [${hh.loMeV}, ${hh.hiMeV}) MeV in ${hh.counts.length} bins does not match the fit binning: expected [${binning.loMeV}, ${binning.hiMeV}) in ${binning.bins}`,
      );
    }
    return { folder, counts: Float64Array.from(hh.counts) };
  }
  const h = new Hist1D(b12Axis(binning));
  const eventsMeV = Float64Array.from(m.eventsPe!, (pe) => visibleFromPe(pe, dn, y0!));
  h.fillArray(eventsMeV);
  return { folder, counts: h.values(), eventsMeV };
}
