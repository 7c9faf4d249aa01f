import { OutOfRangeError, ValidationError } from '@nucal/core';
import { physicalConstants } from '@nucal/numeric';
import { logAbsGammaSquared } from './complex-log-gamma.js';

const ELECTRON_COMPTON_FM: number = physicalConstants.electronComptonFm;
const ELECTRON_MASS_MEV: number = physicalConstants.electronMassMeV;
const FINE_STRUCTURE: number = physicalConstants.fineStructure;

/** Sign of the emitted lepton's charge: beta-minus (electron) or beta-plus (positron). */
export type BetaType = 'minus' | 'plus';

/**
 * Nuclear charge radius used by the Fermi function, in fm: the radius of the uniformly
 * charged sphere with the same rms radius, R = sqrt(5/3) r_rms, with Elton's empirical rms
 * fit r_rms = 0.836 A^(1/3) + 0.570 fm unless a measured rms radius is given
 * (the parametrisation quoted by L. Hayen et al., Rev. Mod. Phys. 90 (2018) 015008, for
 * A > 5; it gives 2.484 fm for A = 12 against the measured 2.4829 fm).
 *
 * @param massNumber - A of the daughter nucleus
 * @param rmsRadiusFm - measured rms charge radius (fm), if known (C-12: 2.4829 fm)
 * @example nuclearRadiusFm(12, 2.4829) // 3.205
 */
export function nuclearRadiusFm(massNumber: number, rmsRadiusFm?: number): number {
  if (!(massNumber >= 1)) throw new ValidationError(`nuclearRadiusFm: massNumber ${massNumber}; expected >= 1`);
  const rms = rmsRadiusFm ?? 0.836 * Math.cbrt(massNumber) + 0.57;
  if (!(rms > 0)) throw new ValidationError(`nuclearRadiusFm: rmsRadiusFm ${rmsRadiusFm}; expected > 0`);
  return Math.sqrt(5 / 3) * rms;
}

/**
 * ln of the relativistic point-charge Fermi function evaluated at the nuclear radius R
 * (finite-size form F0 of Hayen et al., Rev. Mod. Phys. 90 (2018) 015008, Eq. (6); also
 * Behrens & Jaenecke, Landolt-Boernstein I/4, 1969):
 *
 *   F0(Z, W) = 2 (gamma + 1) / Gamma(2 gamma + 1)^2 (2 p R)^(2 (gamma - 1)) exp(pi eta) |Gamma(gamma + i eta)|^2
 *
 * with gamma = sqrt(1 - (alpha Z)^2), eta = +- alpha Z W / p (+ for electrons, - for positrons),
 * W and p the lepton total energy and momentum in units of m_e c^2 and m_e c, R in units of
 * hbar / (m_e c). Screening, the L0 finite-size and radiative corrections are not included.
 *
 * @param daughterZ - charge number of the daughter nucleus (> 0)
 * @param kineticEnergyMeV - lepton kinetic energy (> 0)
 * @param betaType - 'minus' (electron) or 'plus' (positron)
 * @param radiusFm - nuclear radius R in fm (see {@link nuclearRadiusFm})
 * @example Math.exp(logFermiFunction(6, 5, 'minus', 3.2))
 */
export function logFermiFunction(daughterZ: number, kineticEnergyMeV: number, betaType: BetaType, radiusFm: number): number {
  if (!(daughterZ > 0) || daughterZ * FINE_STRUCTURE >= 1) {
    throw new OutOfRangeError(`fermiFunction: daughter Z = ${daughterZ}; expected 0 < Z < 137`);
  }
  if (!(kineticEnergyMeV > 0) || !Number.isFinite(kineticEnergyMeV)) {
    throw new OutOfRangeError(`fermiFunction: kinetic energy ${kineticEnergyMeV} MeV; expected a finite value > 0`);
  }
  if (!(radiusFm > 0)) throw new ValidationError(`fermiFunction: radius ${radiusFm} fm; expected > 0`);
  const aZ = FINE_STRUCTURE * daughterZ;
  const g = Math.sqrt(1 - aZ * aZ);
  const w = 1 + kineticEnergyMeV / ELECTRON_MASS_MEV;
  const p = Math.sqrt(w * w - 1);
  const eta = ((betaType === 'minus' ? 1 : -1) * aZ * w) / p;
  const r = radiusFm / ELECTRON_COMPTON_FM;
  return (
    Math.log(2 * (g + 1)) -
    2 * logGammaReal(2 * g + 1) +
    2 * (g - 1) * Math.log(2 * p * r) +
    Math.PI * eta +
    logAbsGammaSquared(g, eta)
  );
}

/**
 * The Fermi function F0(Z, W) (see {@link logFermiFunction} for the formula and references).
 * @example fermiFunction(6, 5, 'minus', nuclearRadiusFm(12, 2.4829)) // about 1.18
 */
export function fermiFunction(daughterZ: number, kineticEnergyMeV: number, betaType: BetaType, radiusFm: number): number {
  return Math.exp(logFermiFunction(daughterZ, kineticEnergyMeV, betaType, radiusFm));
}

/** ln Gamma(x) for real x >= 0.5 (half of the complex form at y = 0). */
function logGammaReal(x: number): number {
  return 0.5 * logAbsGammaSquared(x, 0);
}
