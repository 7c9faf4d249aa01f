/**
 * @nucal/cosmics — cosmic muons at depth for LArTPC calibration (PHYSICS.md 2.3): energy loss
 * in LAr, the Mei-Hime flux at depth, a hit-level simulation of a DUNE-like module, track
 * classes, the `dune.cosmics` calibration plugin (t0, vd, lifetime, energy scale) and the
 * statistics planner.
 */
// the LAr stopping material (physical constants and the density effect are numeric's physicalConstants and densityEffectDelta)
export { StoppingMaterialSchema, type StoppingMaterial, PDG_LAR_DENSITY_G_PER_CM3, liquidArgon } from './lar-material.js';
// muon energy loss: Bethe with density effect, Landau-Vavilov MPV, CSDA range
export {
  BETHE_MIN_BETA_GAMMA,
  maxEnergyTransferMeV,
  betheMassStoppingPower,
  betheDedxMeVPerCm,
  betaGammaFromKineticEnergy,
  kineticEnergyFromBetaGamma,
} from './bethe.js';
export { landauXiMeV, mostProbableEnergyLossMeV, mostProbableDedxMeVPerCm } from './landau-mpv.js';
export { csdaRangeTable, type CsdaRangeTable } from './csda-range.js';
// muons at depth (Mei & Hime 2006) and the generator
export {
  MEI_HIME_VERTICAL,
  MEI_HIME_TOTAL,
  MEI_HIME_SPECTRUM,
  MEI_HIME_VALID_DEPTH_KMWE,
  DUNE_FD_DEPTH_KMWE,
  MUON_MASS_GEV,
  meiHimeVerticalIntensity,
  meiHimeIntensity,
  meiHimeTotalFlux,
  meiHimeIntegratedFlux,
  meiHimeSpectrumScaleGeV,
  meiHimeEnergyPdf,
  meiHimeMeanEnergyGeV,
  meiHimeEnergyQuantileGeV,
} from './mei-hime.js';
export {
  MuonFluxConfigSchema,
  type MuonFluxConfig,
  type MuonFluxConfigInput,
  type MuonSet,
  type MuonFluxModel,
  muonFluxModel,
  generateMuons,
} from './muon-generator.js';
// Michel electrons
export {
  michelPdf,
  michelCdf,
  sampleMichelEnergyMeV,
  MichelResponseSchema,
  type MichelResponse,
  type MichelResponseInput,
  visibleMichelEnergyMeV,
  michelVisibleSpectrum,
} from './michel.js';
// simulation: configuration, injected truth, sample layout, track classes
export { TpcTruthInputSchema, type TpcTruthInput, InjectSchema, type Inject, type InjectInput, type TpcTruth, resolveInject, lifetimeAtHeightMs } from './inject.js';
export { CosmicSimulationConfigSchema, type CosmicSimulationConfig, type CosmicSimulationConfigInput } from './simulation-config.js';
export { SpaceChargeConfigSchema, type SpaceChargeConfig, spaceChargeDisplacement, spaceChargeOff, PROTODUNE_MODULE, SURFACE_PROTODUNE } from './space-charge.js';
export {
  SegmentEnd,
  TrackTableSchema,
  SegmentTableSchema,
  HitTableSchema,
  MichelTableSchema,
  CosmicSampleSchema,
  ReconstructedSampleSchema,
  ReconstructionInfoSchema,
  type ReconstructedSample,
  type ReconstructionInfo,
  type TrackTable,
  type SegmentTable,
  type HitTable,
  type MichelTable,
  type CosmicSample,
} from './cosmic-sample.js';
// what the detector records: hits per channel grouped by trigger, no truth (the calibration's only input)
export {
  HitCollectionSchema,
  HitEventTableSchema,
  HitRowsSchema,
  ReadoutViewSchema,
  HIT_COLLECTION_FIELDS,
  type HitCollection,
  type HitEventTable,
  type HitRows,
  type ReadoutView,
} from './hit-collection.js';
export { readoutViews, pitchDirection, wireCentreCm } from './readout-views.js';
export { HIT_FILE_LAYOUT, readHitFile, writeHitFile } from './hit-file.js';
export { ChannelState, channelStatus, type ChannelStatus } from './channel-status.js';
export { TrackClass, APA_ANY, TRACK_CLASS_NAMES, type TrackClassName, classifyTrack } from './track-classes.js';
export { chargeSharingFraction, shareChargeInPlace } from './charge-sharing.js';
export { simulateCosmics, type CosmicSimulation, type CosmicTruth } from './simulate-cosmics.js';
export { classRates, type ClassRates } from './class-rates.js';
// pattern recognition from hits (no truth): clusters, robust 2D lines, 3D segments, stitching, classes
export { reconstructCosmics, ReconstructionOptionsSchema, type ReconstructionOptions } from './reco/reconstruct-cosmics.js';
export { clusterHits } from './reco/cluster-2d.js';
export { fitLine2D, type Line2D, type LineFitOptions } from './reco/line-fit-2d.js';
export { buildSegment, type Segment3D, type Point3 } from './reco/segment-3d.js';
// closure code (reads the truth): class efficiency and purity
export { classClosure, type ClassClosure } from './reco/class-closure.js';
// calibrations: t0, vd, lifetime, energy scale, Michel test
export { segmentEndTimes, type SegmentEndTimes } from './segment-end-time.js';
export { t0FromCosmics, vdFromCosmics, type DriftCalibrationOptions } from './calibrate-drift.js';
// dQ/dx from groups of consecutive wires (insensitive to diffusion) and their diffusion response
export { DEFAULT_WIRES_PER_GROUP, wireGroups, type WireGroups, type WireGroupOptions } from './wire-groups.js';
export { wireChargeModel, type WireChargeModel } from './wire-charge-model.js';
export { sharingResponse, type SharingResponseOptions } from './sharing-response.js';
export { lifetimeLookup, type LifetimeLookup } from './lifetime-lookup.js';
export {
  DEFAULT_TRUNCATION,
  lifetimeFromCosmics,
  lifetimeFitCurve,
  type LifetimeCalibration,
  type LifetimeCalibrationOptions,
  type LifetimeProfileFit,
  type LifetimeCurve,
} from './calibrate-lifetime.js';
export {
  energyScaleFromStoppingMuons,
  stoppingMuonHits,
  calibratedDedx,
  expectedMpvDedxAtResidualRange,
  type EnergyScaleOptions,
  type StoppingMuonHits,
} from './calibrate-energy-scale.js';
export { michelScaleFromCosmics, michelSpectrum, type MichelScaleResult, type MichelSpectrum } from './calibrate-michel.js';
export { spaceChargeFromCosmics, type SpaceChargeOptions } from './calibrate-space-charge.js';
export { driftMapFromFullCrossers, type DriftMap, type DriftMapBin, type DriftMapOptions } from './drift-map.js';
// stopping-muon dE/dx vs residual range: data and nominal-model expectation through one estimator (for the plot)
export { DEFAULT_DEDX_PROFILE_BINS_CM, stoppingMuonDedxProfile, type DedxProfile, type DedxProfileOptions } from './dedx-profile.js';
export {
  compareDedxProfile,
  dedxWindowFitSummary,
  dedxHitDensity,
  type DedxComparison,
  type DedxWindowAgreement,
  type DedxHitDensity,
} from './dedx-comparison.js';
export { dedxShapeTest, DEFAULT_DEDX_SHAPE_BINS_CM, type DedxShapeTest, type DedxShapeTestOptions } from './dedx-shape-test.js';
export { calibratedDedxProfile, dedxCheck } from './dedx-check.js';
// the calibration plugin, plots, provenance hash
export { cosmicsPlugin, type CosmicsPluginOptions } from './cosmics-plugin.js';
export { OUT_OF_FAMILY_GENERATOR } from './out-of-family.js';
export { COSMICS_VERSION } from './version.js';
export { lifetimePlot, dedxVsResidualRangePlot, classRatesPlot, michelPlot, type LifetimePlotOptions, type DedxPlotInput } from './plots.js';
export { cosmicSampleHash, hitCollectionHash } from './sample-hash.js';
// statistics planner
export { DEFAULT_PLANNING, StatisticsPlanInputSchema, type StatisticsPlanInput, type StatisticsPlan, planStatistics } from './statistics-planner.js';
export { measureEventSpreads, perTrackDqdx, relativeSpread, michelRelativeSpread } from './event-spread.js';
