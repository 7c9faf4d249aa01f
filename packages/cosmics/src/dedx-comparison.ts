import type { FitSummary } from '@nucal/core';
import { chi2Survival, Hist2D, regularAxis } from '@nucal/numeric';
import type { DedxProfile } from './dedx-profile.js';

/** Data / expectation in the MIP window of the energy-scale fit. */
export interface DedxWindowAgreement {
  /** Inverse-variance weighted mean of the bins' data / expected ratios, and its error. */
  readonly ratio: number;
  readonly error: number;
  /** chi2 of the bins' ratios against 1, with `bins` degrees of freedom (nothing fitted), and its p-value. */
  readonly chi2: number;
  readonly bins: number;
  readonly pValue: number;
  /** Largest |ratio - 1| / error of a bin. */
  readonly maxPull: number;
  /** Mean over the bins of Landau-Vavilov MPV / expected MPV. */
  readonly landauVavilovRatio: number;
}

/** The dE/dx profile's data against its expectation, per bin and in the MIP window. */
export interface DedxComparison {
  /** Data MPV / expected MPV per bin of the profile, and its error (both MPV errors in quadrature). */
  readonly ratio: Float64Array;
  readonly ratioError: Float64Array;
  /** Landau-Vavilov MPV / expected MPV per bin (the textbook curve relative to the expectation). */
  readonly landauVavilovRatio: Float64Array;
  /** The MIP window, cm, and which bins lie inside it. */
  readonly window: readonly [number, number];
  readonly inWindow: Uint8Array;
  /** Null when no fitted bin lies inside the window. */
  readonly windowAgreement: DedxWindowAgreement | null;
  /** chi2 of every bin's ratio against 1, bins and p-value (null without bins). */
  readonly chi2: number;
  readonly bins: number;
  readonly pValue: number | null;
}

/**
 * Compares the profile's data with its expectation: per bin data / expected with the two MPV
 * errors in quadrature, Landau-Vavilov / expected, and in the MIP window (bins entirely inside
 * it) the weighted mean ratio, chi2 against 1, largest pull and mean Landau-Vavilov ratio.
 *
 * @example compareDedxProfile(profile, [100, 200]).windowAgreement?.ratio // ~ 1
 */
export function compareDedxProfile(profile: DedxProfile, window: readonly [number, number]): DedxComparison {
  const n = profile.nHits.length;
  const ratio = new Float64Array(n);
  const ratioError = new Float64Array(n);
  const landauVavilovRatio = new Float64Array(n);
  const inWindow = new Uint8Array(n);
  let chi2 = 0;
  let sw = 0;
  let swr = 0;
  let wChi2 = 0;
  let wBins = 0;
  let maxPull = 0;
  let lv = 0;
  for (let i = 0; i < n; i++) {
    const d = profile.dataMpvMeVPerCm[i]!;
    const e = profile.expectedMpvMeVPerCm[i]!;
    ratio[i] = d / e;
    ratioError[i] = ratio[i]! * Math.hypot(profile.dataMpvErrorMeVPerCm[i]! / d, profile.expectedMpvErrorMeVPerCm[i]! / e);
    landauVavilovRatio[i] = profile.landauVavilovMpvMeVPerCm[i]! / e;
    const pull = (ratio[i]! - 1) / ratioError[i]!;
    chi2 += pull * pull;
    if (profile.binLowCm[i]! < window[0] || profile.binHighCm[i]! > window[1]) continue;
    inWindow[i] = 1;
    const w = 1 / (ratioError[i]! * ratioError[i]!);
    sw += w;
    swr += w * ratio[i]!;
    wChi2 += pull * pull;
    maxPull = Math.max(maxPull, Math.abs(pull));
    lv += landauVavilovRatio[i]!;
    wBins++;
  }
  return {
    ratio,
    ratioError,
    landauVavilovRatio,
    window: [window[0], window[1]],
    inWindow,
    windowAgreement:
      wBins > 0
        ? { ratio: swr / sw, error: 1 / Math.sqrt(sw), chi2: wChi2, bins: wBins, pValue: chi2Survival(wChi2, wBins), maxPull, landauVavilovRatio: lv / wBins }
        : null,
    chi2,
    bins: n,
    pValue: n > 0 ? chi2Survival(chi2, n) : null,
  };
}

/**
 * The MIP-window agreement as a fit summary (parameter `ratio`: the weighted mean data /
 * expected; chi2 of the bins against 1 with one degree of freedom per bin), for
 * `result.fits['dedx.mipWindow']`; null without bins in the window.
 */
export function dedxWindowFitSummary(c: DedxComparison): FitSummary | null {
  const a = c.windowAgreement;
  if (!a) return null;
  return {
    parameters: ['ratio'],
    values: { ratio: a.ratio },
    errors: { ratio: a.error },
    covariance: [[a.error * a.error]],
    chi2: a.chi2,
    ndof: a.bins,
    valid: Number.isFinite(a.ratio) && a.error > 0,
    pValue: a.pValue,
    lowPValue: a.pValue < 1e-3,
  };
}

/** Hits per cell of residual range x calibrated dE/dx (a 2D histogram's edges and contents, x-major). */
export interface DedxHitDensity {
  readonly residualRangeEdgesCm: Float64Array;
  readonly dedxEdgesMeVPerCm: Float64Array;
  /** Hits per cell, cell (i, j) at i * (dE/dx bins) + j. */
  readonly hits: Float64Array;
  readonly rrCellCm: number;
  readonly dedxCellMeVPerCm: number;
}

/**
 * The profile's hits as a 2D histogram: residual range from 0 to `rangeMaxCm` (rounded up to
 * whole cells) in cells of `rrCellCm`, dE/dx over `dedxRangeMeVPerCm` in cells of
 * `dedxCellMeVPerCm`; hits outside are not counted.
 *
 * @example dedxHitDensity(profile, { rangeMaxCm: 300 }) // 5 cm x 0.1 MeV/cm cells, 1-6 MeV/cm
 */
export function dedxHitDensity(
  profile: DedxProfile,
  options: { rangeMaxCm: number; rrCellCm?: number; dedxRangeMeVPerCm?: readonly [number, number]; dedxCellMeVPerCm?: number },
): DedxHitDensity {
  const rrCell = options.rrCellCm ?? 5;
  const [yMin, yMax] = options.dedxRangeMeVPerCm ?? [1, 6];
  const dedxCell = options.dedxCellMeVPerCm ?? 0.1;
  const nx = Math.max(1, Math.ceil(options.rangeMaxCm / rrCell));
  const ny = Math.max(1, Math.round((yMax - yMin) / dedxCell));
  const h = new Hist2D(regularAxis(nx, 0, nx * rrCell, { label: 'residual range', unit: 'cm' }), regularAxis(ny, yMin, yMax, { label: 'dE/dx', unit: 'MeV/cm' }));
  h.fillArray(profile.hits.residualRangeCm, profile.hits.dedxMeVPerCm);
  return { residualRangeEdgesCm: h.xAxis.edges(), dedxEdgesMeVPerCm: h.yAxis.edges(), hits: h.values(), rrCellCm: rrCell, dedxCellMeVPerCm: dedxCell };
}
