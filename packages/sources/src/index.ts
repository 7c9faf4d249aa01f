/**
 * @nucal/sources — calibration sources of the liquid-scintillator detector (PHYSICS.md 1.2):
 * the source catalogue, allowed beta spectra with the Fermi function, the cosmogenic B-12 /
 * N-12 spectrum and the Ge-68 annihilation pair.
 */
// physical constants
export { ELECTRON_MASS_MEV, FINE_STRUCTURE, HBAR_C_MEV_FM, ELECTRON_COMPTON_FM } from './constants.js';
// source catalogue (typed data with its zod schema)
export {
  SOURCE_IDS, SourceIdSchema, GammaChannelSchema, CalibrationSourceSchema, SOURCE_CATALOGUE, NEUTRON_CAPTURE,
  getSource, totalGammaEnergyMeV,
  type SourceId, type GammaChannel, type CalibrationSource,
} from './catalogue.js';
// Fermi function and allowed beta spectra
export { logAbsGammaSquared } from './complex-log-gamma.js';
export { fermiFunction, logFermiFunction, nuclearRadiusFm, type BetaType } from './fermi-function.js';
export { BetaSpectrumOptionsSchema, betaSpectrum, trapezoid, type BetaSpectrum, type BetaSpectrumOptions } from './beta-spectrum.js';
// cosmogenic B-12 with the N-12 admixture
export {
  B12_DECAY, N12_DECAY, C12_RMS_CHARGE_RADIUS_FM, B12SpectrumOptionsSchema, b12Spectrum,
  type B12SpectrumOptions, type BetaBranch, type BetaComponent, type MixedBetaSpectrum,
} from './b12.js';
// sampling lepton energies
export { sampleBeta, betaMixtureSampler } from './sample-beta.js';
// Ge-68 annihilation pair and isotropic directions
export { GE68_ANNIHILATION_GAMMAS_MEV, isotropicDirection, ge68AnnihilationDirections } from './ge68.js';
// calibration campaigns: schema (JSON files), built-in programmes, the planner (travel, data, live-time share)
export {
  CampaignSchema, CampaignRowSchema, CampaignPointSchema, CampaignPointsSchema, CampaignSourceSchema,
  type Campaign, type CampaignInput, type CampaignRow, type CampaignPoint, type CampaignPoints, type CampaignSource,
} from './campaign/campaign-schema.js';
export { CampaignPlanSchema, CampaignPlanRowSchema, type CampaignPlan, type CampaignPlanRow } from './campaign/plan-schema.js';
export { planCampaign, parseCampaign, LASER_PULSE_RATE_HZ } from './campaign/plan.js';
export { builtinCampaign, PROGRAMMES, type ProgrammeName } from './campaign/programmes.js';
export { representativePoints } from './campaign/representative.js';
