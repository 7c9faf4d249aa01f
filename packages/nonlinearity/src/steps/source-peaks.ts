import { type Logger, ValidationError } from '@nucal/core';
import { getSource, totalGammaEnergyMeV } from '@nucal/sources';
import { fitPeak, histogramAroundPeak, type PeakFit } from '../peak-fit.js';
import type { PeakModel, SourceMeasurement } from '../sample.js';

/** A source peak as measured: in PE (fitted here or given) or already in visible energy. */
export interface SourcePeak {
  /** Catalogue id. */
  readonly source: string;
  /** Total gamma energy of the source's main channel, MeV. */
  readonly gammaMeV: number;
  /** The peak in PE (dark noise included) with its statistical error. */
  readonly pe?: { readonly meanPe: number; readonly errPe: number };
  /** The peak in visible energy, when the sample gives it so (needs no Y0). */
  readonly visible?: { readonly meanMeV: number; readonly errMeV: number };
  /** The peak fit, when the sample gives events or a spectrum. */
  readonly peak?: PeakFit;
}

/**
 * Step 2, the source peaks: each source's peak from its events or PE spectrum (Gaussian, or
 * Gaussian plus leakage tail for enclosed sources, see `fitPeak`), or as given. A source may
 * appear once.
 *
 * @example
 * const peaks = sourcePeaks(sample.sources, ctx.logger);
 */
export function sourcePeaks(sources: readonly SourceMeasurement[], log: Logger): SourcePeak[] {
  const seen = new Set<string>();
  return sources.map((s) => {
    if (seen.has(s.source)) throw new ValidationError(`source ${s.source} appears twice in the sample: expected one measurement per source`);
    seen.add(s.source);
    const src = getSource(s.source);
    const gammaMeV = totalGammaEnergyMeV(src.channels[0]!);
    const model: PeakModel = s.peakModel ?? (src.enclosed ? 'gaussian-tail' : 'gaussian');
    if (s.peakVisible) return { source: src.id, gammaMeV, visible: { meanMeV: s.peakVisible.meanMeV, errMeV: s.peakVisible.meanErrMeV } };
    if (s.peakPe) return { source: src.id, gammaMeV, pe: { meanPe: s.peakPe.meanPe, errPe: s.peakPe.meanErrPe } };
    const h = s.spectrum ? { lo: s.spectrum.loPe, hi: s.spectrum.hiPe, counts: s.spectrum.counts } : histogramAroundPeak(s.eventsPe!);
    const peak = fitPeak(h, model);
    if (!peak.result.valid) log.warn(`peak fit of ${src.id} is not valid: ${peak.result.message}`);
    return { source: src.id, gammaMeV, pe: { meanPe: peak.mean, errPe: peak.meanErr }, peak };
  });
}
