import type { RandomSource } from '@nucal/core';
import { physicalConstants } from '@nucal/numeric';

const ELECTRON_MASS_MEV: number = physicalConstants.electronMassMeV;
/** Classical electron radius r_e, cm (numeric's physicalConstants, CODATA 2018). */
const CLASSICAL_ELECTRON_RADIUS_CM: number = physicalConstants.classicalElectronRadiusCm;

/**
 * Klein-Nishina total cross section per free electron, cm2 (O. Klein, Y. Nishina, Z. Phys. 52
 * (1929) 853; e.g. Evans, The Atomic Nucleus, ch. 23):
 * sigma = 2 pi r_e^2 { (1+k)/k^2 [2(1+k)/(1+2k) - ln(1+2k)/k] + ln(1+2k)/(2k) - (1+3k)/(1+2k)^2 },
 * k = E / m_e c^2; the Thomson limit 8 pi r_e^2 / 3 (1 - 2k + 26k^2/5) below k = 1e-4.
 * @example kleinNishinaCrossSectionCm2(0.662) // 2.566e-25
 */
export function kleinNishinaCrossSectionCm2(energyMeV: number): number {
  const k = energyMeV / ELECTRON_MASS_MEV;
  const re2 = CLASSICAL_ELECTRON_RADIUS_CM * CLASSICAL_ELECTRON_RADIUS_CM;
  if (k < 1e-4) return ((8 * Math.PI * re2) / 3) * (1 - 2 * k + 5.2 * k * k);
  const l = Math.log(1 + 2 * k);
  const a = 1 + 2 * k;
  return (
    2 * Math.PI * re2 * (((1 + k) / (k * k)) * ((2 * (1 + k)) / a - l / k) + l / (2 * k) - (1 + 3 * k) / (a * a))
  );
}

/**
 * Klein-Nishina differential cross section in eps = E'/E (cm2 per unit eps, per electron):
 * d sigma / d eps = pi r_e^2 / k (1/eps + eps) [1 - eps sin^2(theta) / (1 + eps^2)],
 * 1 - cos(theta) = (1 - eps) / (k eps), eps in [1 / (1 + 2k), 1] (Geant4 Physics Reference Manual, sect. Compton).
 * @example kleinNishinaDifferential(0.662, 0.5)
 */
export function kleinNishinaDifferential(energyMeV: number, eps: number): number {
  const k = energyMeV / ELECTRON_MASS_MEV;
  const eps0 = 1 / (1 + 2 * k);
  if (eps < eps0 || eps > 1) return 0;
  const oneMinusCos = (1 - eps) / (k * eps);
  const sin2 = oneMinusCos * (2 - oneMinusCos);
  return ((Math.PI * CLASSICAL_ELECTRON_RADIUS_CM * CLASSICAL_ELECTRON_RADIUS_CM) / k) * (1 / eps + eps) * (1 - (eps * sin2) / (1 + eps * eps));
}

/**
 * Samples eps = E'/E of a Compton scattering on a free electron from the Klein-Nishina
 * distribution by the Butcher & Messel composition-rejection method (J.C. Butcher and
 * H. Messel, Nucl. Phys. 20 (1960) 15; as in EGS4 and Geant4's G4KleinNishinaCompton).
 * The electron takes E (1 - eps); cos(theta) = 1 - (1 - eps) / (k eps).
 *
 * @param k - photon energy in units of m_e c^2
 * @example const eps = sampleKleinNishinaEpsilon(rng, 0.662 / 0.511);
 */
export function sampleKleinNishinaEpsilon(rng: RandomSource, k: number): number {
  const eps0 = 1 / (1 + 2 * k);
  const eps0sq = eps0 * eps0;
  const alpha1 = -Math.log(eps0);
  const alpha2 = alpha1 + 0.5 * (1 - eps0sq);
  for (;;) {
    let eps: number;
    let epsSq: number;
    if (alpha1 > alpha2 * rng.uniform()) {
      eps = Math.exp(-alpha1 * rng.uniform()); // 1/eps part: eps = eps0^u
      epsSq = eps * eps;
    } else {
      epsSq = eps0sq + (1 - eps0sq) * rng.uniform(); // eps part
      eps = Math.sqrt(epsSq);
    }
    const oneMinusCos = (1 - eps) / (k * eps);
    const sin2 = oneMinusCos * (2 - oneMinusCos);
    const g = 1 - (eps * sin2) / (1 + epsSq);
    if (g >= rng.uniform()) return eps;
  }
}

/**
 * Compton edge: the largest kinetic energy a Compton electron can take, 2E^2 / (m c^2 + 2E), MeV.
 * @example comptonEdgeMeV(0.662) // 0.4774
 */
export function comptonEdgeMeV(energyMeV: number): number {
  return (2 * energyMeV * energyMeV) / (ELECTRON_MASS_MEV + 2 * energyMeV);
}
