/**
 * @nucal/uniformity — position non-uniformity of the JUNO-like LS detector and the energy
 * resolution it leaves: the resolution model and its fit (a, b, c, a_eff), fast positron and
 * gamma toys on a response map, non-uniformity corrections g(r, theta, phi) measured from
 * events, gamma sources or finite calibration points, the scenario ladder, the
 * calibration-point optimiser and the `juno.uniformity` record and calibration plugin.
 */
// resolution model sigma/E = sqrt((a/sqrt(E))^2 + b^2 + (c/E)^2), a_eff and the fit of (a, b, c)
export { A_EFF_REFERENCE_MEV, sigmaOverEPercent, aEffective, type ResolutionTerms, type ValueError } from './resolution-model.js';
export { fitResolution, type ResolutionFit, type ResolutionPoints } from './resolution-fit.js';
// Gaussian peak fits (binned Poisson likelihood in a +-3 sigma window)
export { fitGaussianPeak, fitGaussianHistogram, histogramAroundPeak, type GaussianPeak, type UniformHistogram } from './gaussian-peak-fit.js';
// event toys: response map contract, settings, dark noise, positron visible energy, positrons and gammas
export type { ResponseMapLike } from './response-map.js';
export { ToyConfigSchema, darkNoiseMeanPe, type ToyConfig, type ToyConfigInput } from './toy-config.js';
export { measureDarkNoise, type DarkNoiseOffset } from './dark-noise.js';
export { positronVisibleMeV, annihilationVisibleMeV } from './positron-visible-energy.js';
export { allocateSample, truncateSample, type EventSample } from './event-sample.js';
export { simulatePointEvents, type VertexDistribution } from './point-event-toy.js';
export { NH_GAMMA_MEV, DEFAULT_GAMMA_SHAPE, simulateGammaEvents, type GammaDepositShape, type GammaOrigin } from './gamma-event-toy.js';
// corrections g(x, y, z): voxel maps, the 2-D smoothing spline, calibration points and the map built from them
export { uniformCalibration, type EnergyCalibration } from './energy-calibration.js';
export { VoxelMap, type VoxelGridShape } from './voxel-map.js';
export { VoxelAccumulator, measureVoxelMap, type CalibrationSample, type MeasuredVoxelMap, type VoxelWindow } from './measure-voxel-map.js';
export { CubicBSplineBasis } from './bspline-basis.js';
export { fitSmoothingSpline2D, splineEvaluator, evaluateSpline2D, type SmoothingSpline2DOptions, type SplineSurface, type SurfacePoint } from './smoothing-spline-2d.js';
export { UvTable } from './uv-table.js';
export { DeploymentSystemName, SourcePoint, sourcePosition, type SourcePointInput } from './calibration-point.js';
export { DEFAULT_CLS_ANCHORS_DEG, acuSourcePoints, gtSourcePoints, clsSourcePoints, defaultCalibrationPoints } from './default-points.js';
export { PointData, simulatePointData } from './point-data.js';
export { DEFAULT_U_BREAKPOINTS, DEFAULT_V_BREAKPOINTS, calibrateFromPoints, measurePointPeaks, surfaceFromPeaks, type PointMapOptions, type PointMapCalibration, type PointPeak } from './point-map.js';
// resolution measurement and the scenario ladder
export { DEFAULT_KINETIC_ENERGIES_MEV, measureResolution, reconstructEnergies, type EnergyPoint } from './measure-resolution.js';
export { SCENARIOS, SCENARIO_NAMES, type ScenarioDefinition, type CorrectionKind, type ResponseOverrides } from './scenarios.js';
export { opticsMapFactory, type MapFactory } from './map-factory.js';
export { IDEAL_VOXELS, PHI_SYMMETRIC_VOXELS, runScenario, type RunScenarioOptions, type ScenarioResult } from './run-scenario.js';
export { runLadder, type LadderResult } from './run-ladder.js';
export { scenarioStreams, scenarioCalibrationPoints } from './scenario-streams.js';
// plots (Vega-Lite specs as data)
export { gMapPlot, peVersusRadiusPlot, resolutionPlot, aEffVersusPointsPlot, type MapPlotPoint } from './plots.js';
// the juno.uniformity record, its evaluator for the reconstruction, and the calibration plugin
export { UniformityV1, UniformityPointV1, uniformityRecord } from './records.js';
export { uniformityCorrection, type UniformityCorrection } from './uniformity-correction.js';
export {
  UNIFORMITY_PLUGIN_ID, UniformitySample, UniformityOptions, UniformitySimConfig, uniformityPlugin, simulateUniformitySample, calibrateUniformity,
  type UniformityPlugin, type UniformitySampleInput, type UniformityOptionsInput, type UniformitySimConfigInput, type UniformityTruth,
} from './plugin.js';
export { fastResponseTable, type SphericalResponseMap, type FastTableOptions } from './fast-map.js';
export { PACKAGE_VERSION } from './version.js';
// calibration-point optimisation (CLS anchors and points) and the a_eff-versus-points study
export { optimiseCalibrationPoints, type OptimiseOptions, type OptimiseResult } from './optimiser.js';
export { pointStudy, type PointStudyOptions, type PointStudyResult } from './point-study.js';
