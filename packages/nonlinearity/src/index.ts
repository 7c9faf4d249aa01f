/**
 * @nucal/nonlinearity — the LS energy non-linearity calibration after the JUNO calibration
 * strategy (JHEP 03 (2021) 004, arXiv:2011.06405): the 4-parameter electron model, gamma
 * predictions from P(E_e), the B-12 fold, the chi2 fit, peak fitting, positron
 * reconstruction, the systematic band, the `juno.nonlinearity` calibration plugin and the
 * `juno.energy` reconstruction plugin (energy scale, non-linearity and the `juno.uniformity`
 * map at the event's vertex).
 */
// electron non-linearity model f(E) = (p0 + p3/E) / (1 + p1 exp(-p2 E))
export { NONLIN_PARAMETERS, NonlinParams, fNonlin, electronVisibleMeV, electronVisibleInto, gridVisibleInto, paramsToArray, type NonlinParameter } from './model.js';
// quadrature grid and gamma visible-energy predictions from P(E_e)
export { electronGrid, edgesFromCentres, rebinDensity, type ElectronGrid, type ElectronGridOptions } from './electron-grid.js';
export { gammaKernel, predictGammaVisibleMeV, type GammaKernel, type GammaLine, type SecondaryDensity } from './gamma-prediction.js';
export { SecondariesOptions, cachedSecondaryDensity, clearSecondaryCache } from './secondaries.js';
export { sourceKernel } from './source-kernel.js';
// resolution and the B-12 spectrum fold
export { ResolutionModel, resolutionSigmaMeV } from './resolution.js';
export { B12Binning, b12Folder, type B12Folder, type BetaComponent } from './b12-prediction.js';
export { b12FolderFromSources } from './b12-components.js';
// chi2 and fit
export { B12Statistic, nonlinearityChi2, type B12Data, type Chi2Options, type GammaPoint, type NonlinChi2, type NonlinPrediction } from './chi2.js';
export { startValues } from './start-values.js';
export { fitNonlinearity, type NonlinFit, type NonlinFitOptions, type NonlinFitParameter } from './fit.js';
// source peak fitting (Gaussian, or Gaussian plus leakage tail)
export { peakCdf, peakBinContents } from './peak-shape.js';
export { fitPeak, histogramAroundPeak, type PeakFit, type PeakFitOptions, type PeakParameter, type UniformHistogram } from './peak-fit.js';
// positron kinetic energy reconstruction
export { POSITRON_CHECK_ENERGIES_MEV, POSITRON_MAX_KINETIC_MEV, positronKineticMeV, positronsKineticMeV } from './positron.js';
// systematic effects: uncorrelated ones in sigma_i, correlated ones through mocks; bands
export { SystematicEffect, DEFAULT_SYSTEMATICS, effectMagnitudes, effectMagnitudeAt, applySystematics, drawSystematics } from './systematics.js';
export { B12ResidualMap, residualMapFunction, vertexRadiusFraction } from './b12-residual-map.js';
export { shiftedB12Counts } from './b12-systematics.js';
export { uncorrelatedRel, withUncorrelatedErrors } from './uncorrelated-errors.js';
export { ALL_CORRELATED_BAND, FIT_COVARIANCE_BAND, covarianceBandRel, systematicBand, type SystematicBandOptions } from './band.js';
// in-family toys
export { drawModelToy, type ModelToy, type ModelToyTemplate } from './model-toy.js';
// records
export { NonlinBand, NonlinearityV1, EnergyScaleV1, nonlinearityRecord, junoEnergyScaleRecord } from './records.js';
// calibration sample, simulation and calibration
export {
  PeakModel, PeSpectrum, SourceMeasurement, B12Measurement, DarkNoiseMeasurement, LaserScanMeasurement, NonlinearitySample, type NonlinearitySampleInput,
} from './sample.js';
export { sampleFromCsv } from './sample-csv.js';
// instrumental (channel) charge non-linearity: the total-charge response, its simulation and its correction from the laser scan
export { totalChargeResponse, type TotalChargeResponse, type TotalChargeResponseInput } from './total-charge-response.js';
export { InstrumentalSimConfig, simulateInstrumental, measuredRandomTriggers, type InstrumentalTruth, type SimulatedInstrumental } from './simulate-instrumental.js';
export { chargeCorrection, correctedB12, correctedDarkNoise, correctedPeaks, type ChargeCorrection } from './steps/charge-correction.js';
export {
  DEFAULT_SOURCES, NonlinearitySimConfig, simulateNonlinearitySample,
  type NonlinearitySimConfigInput, type NonlinearityTruth, type SimulateContext,
} from './simulate.js';
export {
  NONLINEARITY_PLUGIN_ID, DEFAULT_BAND_ENERGIES_MEV, NonlinearityOptions, calibrateNonlinearity,
  type NonlinearityOptionsInput, type NonlinearityDetails, type MeasuredPeak,
} from './calibrate.js';
// what the calibration steps (src/steps/) return that apps read: curves of the plots, summary keys
export { b12Curve, type NonlinearityCurves } from './steps/curves.js';
export { SUMMARY_UNITS, type SummaryKey } from './steps/summary.js';
// closure (tests, demo): the calibration compared with a simulation's truth, outside the calibration
export { nonlinearityClosure, closureCurves, type ClosureTruth, type ClosureFit, type ClosureOptions, type NonlinearityClosure } from './closure.js';
export { nonlinearityPlots } from './steps/plots.js';
// plots as Vega-Lite data (they draw the curves they are given)
export {
  gammaNonlinearityPlot, b12SpectrumPlot, electronNonlinearityPlot, bandBreakdownPlot, positronBiasPlot,
  type B12PlotInput, type BandBreakdownPlotInput, type ElectronPlotInput, type FitQualityInput, type GammaPlotInput, type PositronPlotInput,
} from './plots.js';
// the electron curve with its band, from the fit or from a stored payload (conditions browser)
export { electronCurve, electronCurveOf } from './electron-curve.js';
// plugins
export { nonlinearityPlugin, type NonlinearityPlugin } from './plugin.js';
export { energyReconstructionPlugin, type EnergyEvent, type EnergyRecoOutput, type Vertex } from './energy-reco-plugin.js';
export { PACKAGE_VERSION } from './version.js';
