/**
 * @nucal/optics — light production and detector response of the liquid-scintillator detector
 * (PHYSICS.md 1.3): LS material and electron stopping power, Birks quenching and Cherenkov
 * light (the electron "true" response), the gamma transport toy giving P(E_e), the PMT event
 * toy with dark noise, and the channel-level LPMT charge non-linearity with its dual-
 * calorimetry laser calibration.
 */
// materials: LAB, Bragg-rule I, Sternheimer density effect
export {
  DensityEffectSchema, MaterialSchema, BONDED_I_VALUES_EV, LAB, WATER_ESTAR,
  zOverA, braggMeanExcitationEv, sternheimerPeierls, makeMaterial,
  type DensityEffect, type Material,
} from './material.js';
// electron collision stopping power (Bethe / Rohrlich-Carlson)
export { collisionStoppingPower, stoppingPowerTable, type StoppingPowerTable } from './stopping-power.js';
// Birks quenching and Cherenkov light
export { quenchFactor, quenchedScintillationTable, type BirksParameters, type SlowingDownTable } from './birks.js';
export { cherenkovThresholdMeV, cherenkovPhotonsPerCm, cherenkovPhotonTable, type CherenkovParameters } from './cherenkov.js';
// the electron true response (visible energy vs kinetic energy)
export {
  NormalisationSchema, ElectronResponseConfigSchema, electronResponse,
  type Normalisation, type ElectronResponseConfig, type ElectronResponseSettings, type ElectronResponse,
} from './electron-response.js';
// photon cross sections: Klein-Nishina and XCOM (photoelectric, pair)
export {
  kleinNishinaCrossSectionCm2, kleinNishinaDifferential, sampleKleinNishinaEpsilon, comptonEdgeMeV,
} from './klein-nishina.js';
export { XCOM_ENERGY_MEV, XCOM_H, XCOM_C, interpolateXcom, type XcomElement } from './xcom-data.js';
export { massAttenuation, attenuationTable, type MassAttenuation, type AttenuationTable } from './attenuation.js';
// gamma transport toy and P(E_e)
export {
  transportGammas, transportSource, secondaryElectronDensity, GammaTransporter,
  type TransportMedium, type TransportGammasOptions, type TransportSourceOptions, type TransportResult, type SecondaryElectronDensity,
} from './gamma-transport.js';
// visible energy of transported events (gamma sources through the electron response)
export { visibleEnergyPerEvent } from './visible-energy-per-event.js';
// PMT event toy: Poisson PE, dark noise and its subtraction, single-PE charge resolution
export { EventToyConfigSchema, simulateEvents, type EventToyConfig, type SimulatedEvents } from './event-toy.js';
// instrumental (channel-level) charge non-linearity and the dual-calorimetry laser scan
export {
  ChargeNonlinearityFormSchema, LpmtChannelsConfigSchema, LaserScanConfigSchema,
  measuredCharge, trueChargeFromMeasured, expectedMeasuredCharge,
  createLpmtChannels, simulateLaserScan, fitChannelNonlinearity, eventLevelResidual,
  type ChargeNonlinearityForm, type LpmtChannelsConfig, type LpmtChannels, type LaserScanConfig, type LaserScan,
  type ChannelNonlinearityFit, type EventLevelResidual,
} from './instrumental-nonlinearity.js';
// position response map of the LS detector: expected PE/MeV at a vertex (ray tracing, tabulated)
export {
  ResponseMapConfigSchema, ResponseMapGridSchema, ResponseMapRaysSchema, ResponseMapCoverageSchema,
  type ResponseMapConfig, type ResponseMapConfigInput,
} from './response-map/config.js';
export { buildResponseMap, responseAtVertex, parseResponseMapConfig, type ResponseMap } from './response-map/build-response-map.js';
export { pmtEfficiencies, type PmtEfficiencies, type PmtEfficiencySettings } from './response-map/pmt-efficiencies.js';
export { fresnelTransmission } from './response-map/fresnel.js';
export { traceRay, type RayPath, type SphereOptics } from './response-map/ray-trace.js';
