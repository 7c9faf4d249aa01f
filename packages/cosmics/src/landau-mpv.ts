import { OutOfRangeError } from '@nucal/core';
import { densityEffectDelta, physicalConstants } from '@nucal/numeric';
import type { StoppingMaterial } from './lar-material.js';

/** Bichsel's j constant in the Landau-Vavilov most probable energy loss (PDG eq. 34.12). */
const LANDAU_J = 0.2;

/**
 * Landau width parameter xi = (K/2)(Z/A) x / beta^2, MeV, for a singly charged particle crossing
 * `thicknessCm` of material (PDG eq. 34.12). The Landau FWHM is about 4 xi.
 *
 * @example landauXiMeV(liquidArgon(), 3.5, 0.5) // ~ 0.052 MeV
 */
export function landauXiMeV(material: StoppingMaterial, betaGamma: number, thicknessCm: number): number {
  const b2g2 = betaGamma * betaGamma;
  const beta2 = b2g2 / (1 + b2g2);
  return ((0.5 * physicalConstants.betheKMeVCm2PerMol * material.Z) / material.A) * (thicknessCm * material.densityGPerCm3) / beta2;
}

/**
 * Landau-Vavilov most probable energy loss in a layer of `thicknessCm`, MeV (PDG review
 * "Passage of particles through matter", eq. 34.12):
 * Delta_p = xi [ ln(2 m c^2 beta^2 gamma^2 / I) + ln(xi / I) + j - beta^2 - delta(beta gamma) ],
 * j = 0.200. Unlike the mean, it does not depend on W_max, and per unit length it grows with the
 * thickness (about 1.7-1.8 MeV/cm for a minimum-ionising muon over a 0.5 cm wire pitch in LAr).
 *
 * @example mostProbableEnergyLossMeV(liquidArgon(), 3.5, 0.48) / 0.48 // ~ 1.7 MeV/cm
 */
export function mostProbableEnergyLossMeV(material: StoppingMaterial, betaGamma: number, thicknessCm: number): number {
  if (!(thicknessCm > 0)) throw new OutOfRangeError(`layer thickness ${thicknessCm} cm: expected a positive number`);
  if (!(betaGamma > 0)) throw new OutOfRangeError(`beta gamma ${betaGamma}: expected a positive number`);
  const b2g2 = betaGamma * betaGamma;
  const beta2 = b2g2 / (1 + b2g2);
  const iMeV = material.meanExcitationEv * 1e-6;
  const xi = landauXiMeV(material, betaGamma, thicknessCm);
  return (
    xi *
    (Math.log((2 * physicalConstants.electronMassMeV * b2g2) / iMeV) + Math.log(xi / iMeV) + LANDAU_J - beta2 - densityEffectDelta(material.sternheimer, betaGamma))
  );
}

/**
 * Most probable dE/dx over a pitch, MeV/cm: {@link mostProbableEnergyLossMeV} divided by the pitch.
 *
 * @example mostProbableDedxMeVPerCm(liquidArgon(), 3.5, 0.48) // ~ 1.7 MeV/cm
 */
export function mostProbableDedxMeVPerCm(material: StoppingMaterial, betaGamma: number, pitchCm: number): number {
  return mostProbableEnergyLossMeV(material, betaGamma, pitchCm) / pitchCm;
}
