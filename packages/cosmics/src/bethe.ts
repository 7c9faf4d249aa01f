import { OutOfRangeError } from '@nucal/core';
import { densityEffectDelta, physicalConstants } from '@nucal/numeric';
import type { StoppingMaterial } from './lar-material.js';

const BETHE_K: number = physicalConstants.betheKMeVCm2PerMol;
const ELECTRON_MASS_MEV: number = physicalConstants.electronMassMeV;
const MUON_MASS_MEV: number = physicalConstants.muonMassMeV;

/** Lowest beta gamma the Bethe formula is used at here (about 0.5 MeV kinetic for a muon); below it shell corrections dominate. */
export const BETHE_MIN_BETA_GAMMA = 0.1;

/**
 * Largest energy transfer to a free electron in one collision, MeV (PDG eq. 34.4):
 * W_max = 2 m_e c^2 beta^2 gamma^2 / (1 + 2 gamma m_e / M + (m_e / M)^2).
 *
 * @example maxEnergyTransferMeV(3.5) // ~ 12.1 MeV for a muon at beta gamma 3.5
 */
export function maxEnergyTransferMeV(betaGamma: number, massMeV = MUON_MASS_MEV): number {
  const gamma = Math.sqrt(1 + betaGamma * betaGamma);
  const r = ELECTRON_MASS_MEV / massMeV;
  return (2 * ELECTRON_MASS_MEV * betaGamma * betaGamma) / (1 + 2 * gamma * r + r * r);
}

/**
 * Mean ionisation energy loss of a singly charged heavy particle, MeV cm^2/g: the Bethe
 * formula with the density effect (PDG review "Passage of particles through matter", eq. 34.5):
 * K (Z/A) / beta^2 [ 1/2 ln(2 m_e c^2 beta^2 gamma^2 W_max / I^2) - beta^2 - delta/2 ].
 * Radiative losses (important above a few hundred GeV in argon) are not included.
 * Valid for beta gamma from about 0.1 to 1000 for muons.
 *
 * @example betheMassStoppingPower(liquidArgon(), 3.5) // ~ 1.51 MeV cm^2/g (minimum ionisation)
 */
export function betheMassStoppingPower(material: StoppingMaterial, betaGamma: number, massMeV = MUON_MASS_MEV): number {
  if (!(betaGamma >= BETHE_MIN_BETA_GAMMA)) {
    throw new OutOfRangeError(`beta gamma ${betaGamma} is below the Bethe formula's range: expected >= ${BETHE_MIN_BETA_GAMMA}`);
  }
  const b2g2 = betaGamma * betaGamma;
  const beta2 = b2g2 / (1 + b2g2);
  const iMeV = material.meanExcitationEv * 1e-6;
  const wMax = maxEnergyTransferMeV(betaGamma, massMeV);
  const log = 0.5 * Math.log((2 * ELECTRON_MASS_MEV * b2g2 * wMax) / (iMeV * iMeV));
  return ((BETHE_K * material.Z) / material.A / beta2) * (log - beta2 - densityEffectDelta(material.sternheimer, betaGamma) / 2);
}

/**
 * Mean ionisation energy loss per unit length, MeV/cm (the mass stopping power times the density).
 *
 * @example betheDedxMeVPerCm(liquidArgon(), 3.5) // ~ 2.11 MeV/cm
 */
export function betheDedxMeVPerCm(material: StoppingMaterial, betaGamma: number, massMeV = MUON_MASS_MEV): number {
  return betheMassStoppingPower(material, betaGamma, massMeV) * material.densityGPerCm3;
}

/**
 * beta gamma = p / (M c) of a particle of kinetic energy `kineticEnergyMeV`.
 *
 * @example betaGammaFromKineticEnergy(300) // muon: ~ 3.73
 */
export function betaGammaFromKineticEnergy(kineticEnergyMeV: number, massMeV = MUON_MASS_MEV): number {
  return Math.sqrt(kineticEnergyMeV * (kineticEnergyMeV + 2 * massMeV)) / massMeV;
}

/**
 * Kinetic energy, MeV, of a particle with the given beta gamma.
 *
 * @example kineticEnergyFromBetaGamma(3.5) // muon: ~ 279 MeV
 */
export function kineticEnergyFromBetaGamma(betaGamma: number, massMeV = MUON_MASS_MEV): number {
  return massMeV * (Math.sqrt(1 + betaGamma * betaGamma) - 1);
}
