import { fNonlin, type NonlinParams } from './model.js';
import type { ElectronPlotInput } from './plots.js';
import type { NonlinBand, NonlinearityV1 } from './records.js';

/**
 * The electron non-linearity curve the plot draws: f(E) = E_vis/E_e at the band's energies
 * (MeV) with the band's edges f (1 + low), f (1 + high) and the same edges in percent. The
 * calibration draws it from its fit; a stored `juno.nonlinearity` payload gives the same curve
 * (`electronCurveOf`), so the conditions browser shows what the calibration showed.
 *
 * @example
 * electronNonlinearityPlot(electronCurve(fit.params, band, { validityMinMeV: 0.5, validityMaxMeV: 8 }));
 */
export function electronCurve(params: NonlinParams, band: NonlinBand, validity: Pick<NonlinearityV1, 'validityMinMeV' | 'validityMaxMeV'>): ElectronPlotInput {
  const f = band.energyMeV.map((e) => fNonlin(e, params));
  return {
    energyMeV: band.energyMeV,
    fitted: f,
    low: f.map((v, i) => v * (1 + band.lowRel[i]!)),
    high: f.map((v, i) => v * (1 + band.highRel[i]!)),
    lowPercent: band.lowRel.map((l) => 100 * l),
    highPercent: band.highRel.map((h) => 100 * h),
    validityMinMeV: validity.validityMinMeV,
    validityMaxMeV: validity.validityMaxMeV,
  };
}

/**
 * The electron curve of a stored `juno.nonlinearity` v1 payload.
 *
 * @example
 * const plot = electronNonlinearityPlot(electronCurveOf((await conditions.resolve(nonlinearityRecord, at)).payload));
 */
export function electronCurveOf(payload: NonlinearityV1): ElectronPlotInput {
  return electronCurve(payload.parameters, payload.band, payload);
}
