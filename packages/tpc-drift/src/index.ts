/**
 * @nucal/tpc-drift — LArTPC drift and charge: drift velocity, density, lifetime,
 * recombination, response parameters, the four DUNE calibration records, calibration
 * methods (t0, vd, lifetime) and the `dune.hits` reconstruction plugin.
 */
// drift velocity and LAr density
export { driftVelocityMmPerUs, DRIFT_VELOCITY_VALIDITY } from './drift-velocity.js';
export { larDensityGPerCm3, LAR_DENSITY_VALIDITY_K } from './lar-density.js';
// drift time <-> position, electron lifetime
export { driftDistanceFromTimeCm, driftTimeFromDistanceUs, xFromHitTimeCm } from './drift-time.js';
export { lifetimeAttenuation, correctLifetimeInPlace } from './electron-lifetime.js';
// recombination and the dE/dx <-> dQ/dx conversion
export {
  W_ION_MEV,
  MODIFIED_BOX_ARGONEUT,
  BIRKS_ICARUS,
  RecombinationModelSchema,
  type RecombinationModel,
  type RecombinationMedium,
  recombinationFactor,
  recombinationMinimumdEdxMeVPerCm,
  dQdxFromdEdx,
  dEdxFromdQdx,
  dQdxFromdEdxArray,
  dEdxFromdQdxArray,
} from './recombination.js';
// response model parameters (diffusion, gain, shaping, noise)
export {
  ResponseModelSchema,
  type ResponseModel,
  type ResponseModelInput,
  type DriftConditions,
  responseModel,
  diffusionSigmaCm,
  longitudinalDiffusionSigmaUs,
} from './response-model.js';
// calibration records
export {
  T0TpcSchema,
  T0PayloadSchema,
  t0Record,
  type T0Tpc,
  type T0Payload,
  DriftVelocityTpcSchema,
  DriftVelocityPayloadSchema,
  driftVelocityRecord,
  type DriftVelocityTpc,
  type DriftVelocityPayload,
  LifetimeEstimatorSchema,
  LifetimeEntrySchema,
  LifetimePayloadSchema,
  lifetimeRecord,
  type LifetimeEstimator,
  type LifetimeEntry,
  type LifetimePayload,
  EnergyScalePayloadSchema,
  duneEnergyScaleRecord,
  type EnergyScalePayload,
} from './records.js';
// the space-charge map (dune.space-charge) and its evaluation at a point
export {
  SpaceChargeFaceSchema,
  SpaceChargeBinSchema,
  SpaceChargePayloadSchema,
  spaceChargeRecord,
  spaceChargeDisplacementCm,
  spaceChargeEvaluator,
  type SpaceChargeEvaluator,
  type SpaceChargeFace,
  type SpaceChargeBin,
  type SpaceChargePayload,
} from './space-charge-map.js';
// calibration methods: t0 from anode crossers, <vd> from cathode crossers
export { clippedMean, clippedMeanFitSummary, type ClippedMean } from './robust-mean.js';
export { AnodeCrosserSampleSchema, type AnodeCrosserSample, type T0Options, t0FromAnodeCrossers } from './t0-anode-crossers.js';
export { CathodeCrosserSampleSchema, type CathodeCrosserSample, type VdOptions, vdFromCathodeCrossers } from './vd-cathode-crossers.js';
// calibration methods: electron lifetime (per-bin robust estimators, exponential fit)
export { LifetimeSampleSchema, type LifetimeSample, type LifetimeHits } from './lifetime-sample.js';
export {
  lifetimeProfile,
  fitLifetimeProfile,
  fitLifetimes,
  type LifetimeFitOptions,
  type LifetimesOptions,
  type LifetimeProfile,
  type LifetimeFitResult,
} from './lifetime-fit.js';
export { estimatorDriftResponse, type EstimatorDriftResponse } from './estimator-drift-response.js';
// seeded toys of the calibration inputs (closure tests, demos)
export { simulateAnodeCrossers, simulateCathodeCrossers, type CrosserToyConfig, type CrosserToyTruth } from './crosser-toys.js';
export { simulateLifetimeHits, type LifetimeToyConfig, type LifetimeToyTruth } from './lifetime-toy.js';
// the constants versus time (one point per IOV and TPC), for the conditions browser and scripts
export { lifetimeOverTimePlot, t0OverTimePlot, driftVelocityOverTimePlot, type PayloadAt } from './plots-over-time.js';
// reconstruction: raw hits -> (x, dQ/dx, dE/dx) with the constants valid at the event time
export { hitsPlugin, RawHitSchema, type RawHit, type HitsEvent, type CorrectedHit, type HitsPluginOptions } from './hits-plugin.js';
export { TPC_DRIFT_VERSION } from './version.js';
