import type { GammaPoint } from '../chi2.js';
import { fNonlin } from '../model.js';
import type { B12PlotInput, ElectronPlotInput, GammaPlotPoint, PositronPlotInput } from '../plots.js';
import type { NonlinBand } from '../records.js';
import type { B12Spectrum } from './b12-histogram.js';
import type { MeasuredPeak } from './fit-inputs.js';
import type { CurveFit } from './fit-curve.js';
import { logInterpolator } from './log-interpolator.js';
import type { NonlinearityOptions } from './options.js';
import { POSITRON_CHECK_ENERGIES_MEV, type TruthComparison } from './truth-check.js';

/** Every number the four plots draw, computed by the calibration (the plots compute nothing). */
export interface NonlinearityCurves {
  readonly gamma: readonly GammaPlotPoint[];
  /** Absent without B-12 data. */
  readonly b12?: B12PlotInput;
  readonly electron: ElectronPlotInput;
  readonly positron: PositronPlotInput;
}

/**
 * Step 11, the curves of the plots: the fitted gamma predictions next to the measured peaks,
 * the B-12 prediction with its pulls, f and its band (and the truth) at the band energies, and
 * the positron bias with the band propagated to first order (f higher by x: E_rec lower by x).
 *
 * @example
 * const curves = nonlinearityCurves(peaks, gammas, b12, nominal, band, truth, options);
 */
export function nonlinearityCurves(
  peaks: readonly MeasuredPeak[],
  gammas: readonly GammaPoint[],
  b12: B12Spectrum | undefined,
  nominal: CurveFit,
  band: NonlinBand,
  truth: TruthComparison | undefined,
  options: Pick<NonlinearityOptions, 'bandEnergyMeV' | 'validityMinMeV' | 'validityMaxMeV'>,
): NonlinearityCurves {
  const pred = nominal.chi2.predict(nominal.params, nominal.fit.norm);
  const gamma: GammaPlotPoint[] = peaks.map((p, i) => ({
    source: p.source,
    gammaMeV: p.gammaMeV,
    measuredMeV: p.visibleMeV,
    errorMeV: gammas[i]!.errorMeV,
    statErrorMeV: p.visibleErrMeV,
    fittedMeV: pred.gammaMeV[i]!,
  }));
  const energies = options.bandEnergyMeV;
  const electron: ElectronPlotInput = {
    energyMeV: energies,
    fitted: energies.map((e) => fNonlin(e, nominal.params)),
    lowRel: band.lowRel,
    highRel: band.highRel,
    ...(truth ? { truth: truth.fTrueAtBand } : {}),
    effects: band.effects,
    validityMinMeV: options.validityMinMeV,
    validityMaxMeV: options.validityMaxMeV,
  };
  const bandLow = logInterpolator(energies, band.lowRel);
  const bandHigh = logInterpolator(energies, band.highRel);
  const positron: PositronPlotInput = {
    kineticMeV: POSITRON_CHECK_ENERGIES_MEV,
    ...(truth ? { biasPercent: truth.positronBias.map((b) => 100 * b) } : {}),
    bandLowPercent: POSITRON_CHECK_ENERGIES_MEV.map((t) => -100 * bandHigh(t)),
    bandHighPercent: POSITRON_CHECK_ENERGIES_MEV.map((t) => -100 * bandLow(t)),
  };
  return { gamma, ...(b12 ? { b12: b12Curve(b12, pred.b12Counts) } : {}), electron, positron };
}

/**
 * The B-12 spectrum against its prediction: pulls (N - P) / sqrt(N) per bin (the Neyman chi2
 * terms; empty bins use N = 1) and their sum of squares.
 *
 * @example
 * b12Curve({ folder, counts: Float64Array.of(100, 81) }, Float64Array.of(90, 90)).pulls; // [1, -1]
 */
export function b12Curve(b12: Pick<B12Spectrum, 'counts'> & { folder: { edgesMeV: Float64Array } }, predicted: Float64Array): B12PlotInput {
  const counts = b12.counts;
  let sumPull2 = 0;
  let events = 0;
  const pulls = Array.from(counts, (n, j) => {
    const pull = (n - predicted[j]!) / Math.sqrt(Math.max(n, 1));
    sumPull2 += pull * pull;
    events += n;
    return pull;
  });
  return { edgesMeV: Array.from(b12.folder.edgesMeV), counts: Array.from(counts), predicted: Array.from(predicted), pulls, sumPull2, events };
}
