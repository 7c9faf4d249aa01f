import type { GammaPoint } from '../chi2.js';
import { electronCurve } from '../electron-curve.js';
import type { BandBreakdownPlotInput, B12PlotInput, ElectronPlotInput, FitQualityInput, GammaPlotInput, PositronPlotInput } from '../plots.js';
import type { NonlinBand } from '../records.js';
import { ALL_CORRELATED_BAND } from '../band.js';
import type { B12Spectrum } from './b12-histogram.js';
import type { MeasuredPeak } from './fit-inputs.js';
import type { CurveFit } from './fit-curve.js';
import { logInterpolator } from './log-interpolator.js';
import type { NonlinearityOptions } from './options.js';
import { POSITRON_CHECK_ENERGIES_MEV } from '../positron.js';

/** Every number the plots draw, computed by the calibration (the plots compute nothing). */
export interface NonlinearityCurves {
  readonly gamma: GammaPlotInput;
  /** Absent without B-12 data. */
  readonly b12?: B12PlotInput;
  readonly electron: ElectronPlotInput;
  readonly bandBreakdown: BandBreakdownPlotInput;
  readonly positron: PositronPlotInput;
}

/**
 * Step 11, the curves of the plots: measured and fitted gamma peaks as E_vis/E_γ with sigma_i
 * and the residuals, the B-12 prediction with its pulls, f and its band at the band energies,
 * the band by effect, and the positron band propagated to first order (f higher by x: E_rec
 * lower by x). No truth: a closure report adds it (`closureCurves`).
 *
 * @example
 * const curves = nonlinearityCurves(peaks, gammas, b12, nominal, band, options);
 */
export function nonlinearityCurves(
  peaks: readonly MeasuredPeak[],
  gammas: readonly GammaPoint[],
  b12: B12Spectrum | undefined,
  nominal: CurveFit,
  band: NonlinBand,
  options: Pick<NonlinearityOptions, 'bandEnergyMeV' | 'validityMinMeV' | 'validityMaxMeV'>,
): NonlinearityCurves {
  const pred = nominal.chi2.predict(nominal.params, nominal.fit.norm);
  const r = nominal.fit.result;
  const fit: FitQualityInput = { chi2: r.chi2, ndof: r.ndof, pValue: r.pValue };
  const sigma = gammas.map((g) => g.errorMeV);
  const fitted = Array.from(pred.gammaMeV);
  const gamma: GammaPlotInput = {
    source: peaks.map((p) => p.source),
    gammaMeV: peaks.map((p) => p.gammaMeV),
    measuredRatio: peaks.map((p) => p.visibleMeV / p.gammaMeV),
    sigmaRatio: peaks.map((p, i) => sigma[i]! / p.gammaMeV),
    fittedRatio: peaks.map((p, i) => fitted[i]! / p.gammaMeV),
    residualPercent: peaks.map((p, i) => (100 * (p.visibleMeV - fitted[i]!)) / fitted[i]!),
    residualSigmaPercent: peaks.map((_, i) => (100 * sigma[i]!) / fitted[i]!),
    sigmaPercent: peaks.map((p, i) => (100 * sigma[i]!) / p.visibleMeV),
    statPercent: peaks.map((p) => (100 * p.visibleErrMeV) / p.visibleMeV),
    fit,
  };
  const energies = options.bandEnergyMeV;
  const validity = { validityMinMeV: options.validityMinMeV, validityMaxMeV: options.validityMaxMeV };
  // the band is computed at options.bandEnergyMeV, so this is f at those energies
  const electron = electronCurve(nominal.params, band, validity);
  // all-correlated is left out: it is the total less the fit covariance, indistinguishable
  // from the total at this scale
  const bandBreakdown: BandBreakdownPlotInput = {
    energyMeV: energies,
    effects: band.effects
      .filter((e) => e.name !== ALL_CORRELATED_BAND)
      .map((e) => ({ name: e.name, halfWidthPercent: e.highRel.map((h, i) => 50 * (h - e.lowRel[i]!)) })),
    totalHalfWidthPercent: band.highRel.map((h, i) => 50 * (h - band.lowRel[i]!)),
    ...validity,
  };
  const bandLow = logInterpolator(energies, band.lowRel);
  const bandHigh = logInterpolator(energies, band.highRel);
  const positron: PositronPlotInput = {
    kineticMeV: POSITRON_CHECK_ENERGIES_MEV,
    bandLowPercent: POSITRON_CHECK_ENERGIES_MEV.map((t) => -100 * bandHigh(t)),
    bandHighPercent: POSITRON_CHECK_ENERGIES_MEV.map((t) => -100 * bandLow(t)),
  };
  return { gamma, ...(b12 ? { b12: b12Curve(b12, pred.b12Counts, fit) } : {}), electron, bandBreakdown, positron };
}

/**
 * The B-12 spectrum against its prediction: sqrt N errors, pulls (N - P) / sqrt(N) per bin (the
 * Neyman chi2 terms; empty bins use N = 1) and their sum of squares.
 *
 * @example
 * b12Curve({ folder, counts: Float64Array.of(100, 81) }, Float64Array.of(90, 90), fit).pulls; // [1, -1]
 */
export function b12Curve(
  b12: Pick<B12Spectrum, 'counts'> & { folder: { edgesMeV: ArrayLike<number> } },
  predicted: ArrayLike<number>,
  fit: FitQualityInput,
): B12PlotInput {
  const counts = Array.from(b12.counts);
  const edgesMeV = Array.from(b12.folder.edgesMeV);
  let sumPull2 = 0;
  let events = 0;
  const pulls = counts.map((n, j) => {
    const pull = (n - predicted[j]!) / Math.sqrt(Math.max(n, 1));
    sumPull2 += pull * pull;
    events += n;
    return pull;
  });
  return {
    edgesMeV,
    centresMeV: counts.map((_, j) => 0.5 * (edgesMeV[j]! + edgesMeV[j + 1]!)),
    counts,
    countErrors: counts.map(Math.sqrt),
    predicted: Array.from(predicted),
    pulls,
    sumPull2,
    events,
    fit,
  };
}
