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
  energyScaleRecord,
  type EnergyScalePayload,
} from './records.js';
