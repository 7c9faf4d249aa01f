/**
 * @nucal/numeric — seeded randomness, samplers, histograms, a MINUIT-like minimiser with
 * covariance, quadrature, root finding, interpolation and statistics for nucal packages.
 */
// seeded random streams (the only source of randomness in nucal)
export { createRng, type Rng } from './random/rng.js';
// samplers: free functions of any RandomSource
export { uniformIn } from './random/uniform-in.js';
export { normal } from './random/normal.js';
export { exponential } from './random/exponential.js';
export { poisson } from './random/poisson.js';
export { binomial } from './random/binomial.js';
export { gammaVariate } from './random/gamma.js';
export { landau, LANDAU_MPV_STANDARD } from './random/landau.js';
export { weightedIndex } from './random/weighted-index.js';
export { TabulatedSampler, tabulatedSampler } from './random/tabulated-sampler.js';
// special functions
export { logGamma, logFactorial } from './special/log-gamma.js';
// minimiser (MIGRAD + HESSE, MINOS on request) and fit helpers; results are plain data
export { minimize, type ParameterSpec, type MinimizeOptions } from './fit/minimize.js';
export { minos, type MinosError, type MinosOptions } from './fit/minos.js';
export { toFitSummary, LOW_P_VALUE, type FitResult } from './fit/fit-result.js';
export { chi2Fit, type Chi2FitInput } from './fit/chi2-fit.js';
export { poissonBinnedFit, type PoissonBinnedFitInput } from './fit/poisson-binned-fit.js';
export { langauMpv, type LangauMpv, type LangauMpvOptions, type LangauParameter } from './fit/langau-mpv.js';
// histograms: axes (binning) and storages (what each bin keeps), boost-histogram's design
export { type Axis, type AxisOptions, axisTitle } from './histogram/axis.js';
export { regularAxis, RegularAxis } from './histogram/regular-axis.js';
export { variableAxis, VariableAxis } from './histogram/variable-axis.js';
export { integerAxis, IntegerAxis } from './histogram/integer-axis.js';
export type { StorageKind } from './histogram/storage.js';
export type { HistogramOptions, FlowOption, Weights, FillRest, FillArrayRest } from './histogram/fill-arguments.js';
export { Hist1D } from './histogram/hist1d.js';
export { Hist2D, type ProjectionOptions } from './histogram/hist2d.js';
export { binIndices } from './histogram/axis-index.js';
export { splitByBin } from './histogram/split-by-bin.js';
export { highestRunningSum3, type UniformHistogram } from './histogram/peak-start.js';
/** @deprecated use {@link Hist1D} with {@link regularAxis} */
export { Histogram1D } from './histogram/histogram-1d.js';
// plot kit: typed Vega-Lite specs (vega-lite's TopLevelSpec) from plain arrays of numbers
export { plot, withResidualPanel, plotAxisOf, VEGA_LITE_SCHEMA, type PlotFrame, type PanelFrame } from './plot/frame.js';
export { points, type PointsInput } from './plot/points.js';
export { timeAxisOf, timeToX, overTimePlot, type TimeAxis, type OverTimeSeries } from './plot/over-time.js';
export { line, sampleCurve, type LineInput } from './plot/line.js';
export { band, type BandInput } from './plot/band.js';
export { histogramSteps, type HistogramStepsInput } from './plot/histogram-steps.js';
export { density2d, type Density2dInput } from './plot/density-2d.js';
export { referenceLine } from './plot/reference-line.js';
export { xOf, yOf } from './plot/encoding.js';
export { fitQuality, formatNumber } from './plot/fit-quality.js';
export { PLOT_COLORS } from './plot/colors.js';
export type { PlotAxis, PlotLayer, PlotContext, LegendEntry, LegendSymbol, ScaleSettings, VegaLayer, TopLevelSpec } from './plot/types.js';
// physics shared by the detector packages: one set of constants, one density effect
export { physicalConstants, type PhysicalConstants } from './physics/constants.js';
export { densityEffectDelta, sternheimerPeierls, type SternheimerParameters } from './physics/density-effect.js';
// quadrature
export { integrate, integrateWithError, type IntegrateOptions, type IntegralEstimate } from './integrate/gauss-kronrod.js';
export { gaussLegendre, type QuadratureRule } from './integrate/gauss-legendre.js';
// root finding
export { brent, type BrentOptions } from './roots/brent.js';
// interpolation
export { naturalCubicSpline, type CubicSpline } from './interpolate/cubic-spline.js';
export { linearInterpolator, type LinearInterpolator } from './interpolate/linear-interpolator.js';
export type { InterpolatorOptions, OutsideRange } from './interpolate/locate.js';
// descriptive statistics
export { mean, variance, stdDev, type Values } from './stats/moments.js';
export { median, quantile, quantileSorted } from './stats/quantile.js';
export { truncatedMean, type TruncatedMean } from './stats/truncated-mean.js';
export { weightedMean, type WeightedMean } from './stats/weighted-mean.js';
// densities and distribution functions
export { normalPdf, normalCdf, erf, erfc, erfcx } from './density/normal.js';
export { erfcFast, erfcxFast, normalCdfFast } from './density/erfc-fast.js';
export { landauPdf, landauCdf } from './density/landau.js';
export { langauPdf, langauPdfArray } from './density/langau.js';
export { poissonLogPmf } from './density/poisson-pmf.js';
export { chi2Survival, regularizedGammaP, regularizedGammaQ } from './density/gamma-incomplete.js';
