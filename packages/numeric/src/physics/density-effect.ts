import { ValidationError } from '@nucal/core';
import { physicalConstants } from './constants.js';

/**
 * Sternheimer's density-effect parameters of a material (R.M. Sternheimer, M.J. Berger and
 * S.M. Seltzer, At. Data Nucl. Data Tables 30 (1984) 261; the PDG tables' "Sternheimer coef"
 * line: a, k, x0, x1, Cbar, delta0), with x = log10(βγ).
 */
export interface SternheimerParameters {
  readonly a: number;
  /** The exponent (k in the PDG tables, m in Sternheimer's papers and Geant4). */
  readonly k: number;
  readonly x0: number;
  readonly x1: number;
  readonly cBar: number;
  /** Conductors' delta at x0 (0 for insulators). */
  readonly delta0: number;
}

/**
 * The density-effect correction δ(βγ) of the Bethe formula (PDG review "Passage of particles
 * through matter", eq. 34.7), x = log10(βγ):
 *   x >= x1:      2 ln10 x - Cbar
 *   x0 <= x < x1: 2 ln10 x - Cbar + a (x1 - x)^k
 *   x < x0:       delta0 10^(2(x - x0))   (0 for insulators)
 *
 * @throws ValidationError for βγ not > 0
 * @example densityEffectDelta({ a: 0.1956, k: 3, x0: 0.2, x1: 3, cBar: 5.2146, delta0: 0 }, 1000) // liquid argon, 8.6
 */
export function densityEffectDelta(material: SternheimerParameters, betaGamma: number): number {
  if (!(betaGamma > 0) || !Number.isFinite(betaGamma)) throw new ValidationError(`densityEffectDelta: βγ = ${betaGamma}; expected a finite number > 0`);
  const { a, k, x0, x1, cBar, delta0 } = material;
  const x = Math.log10(betaGamma);
  if (x >= x1) return 2 * Math.LN10 * x - cBar;
  if (x >= x0) return 2 * Math.LN10 * x - cBar + a * (x1 - x) ** k;
  return delta0 > 0 ? delta0 * 10 ** (2 * (x - x0)) : 0;
}

/**
 * Sternheimer–Peierls' general parameters for a condensed material without tabulated ones
 * (R.M. Sternheimer and R.F. Peierls, Phys. Rev. B 3 (1971) 3681, as in ICRU Report 37):
 * Cbar = 2 ln(I/ħω_p) + 1 with ħω_p = 28.816 √(ρ ⟨Z/A⟩) eV; I < 100 eV: x1 = 2, x0 = 0.2 for
 * Cbar < 3.681, else 0.326 Cbar - 1; I >= 100 eV: x1 = 3, x0 = 0.2 for Cbar < 5.215, else
 * 0.326 Cbar - 1.5; k = 3, a = (Cbar - 2 ln10 x0) / (x1 - x0)³ (2 ln10 where the papers print
 * 4.606, so that δ is continuous at x0), delta0 = 0.
 *
 * @example sternheimerPeierls(59.2, 0.86, 0.5600).cBar // LAB, about 3.17
 */
export function sternheimerPeierls(meanExcitationEv: number, densityGPerCm3: number, zOverA: number): SternheimerParameters {
  if (!(meanExcitationEv > 0) || !(densityGPerCm3 > 0) || !(zOverA > 0)) {
    throw new ValidationError(`sternheimerPeierls: I = ${meanExcitationEv} eV, ρ = ${densityGPerCm3} g/cm³, Z/A = ${zOverA}; expected positive numbers`);
  }
  const plasmaEv = physicalConstants.plasmaEnergyCoefficientEv * Math.sqrt(densityGPerCm3 * zOverA);
  const cBar = 2 * Math.log(meanExcitationEv / plasmaEv) + 1;
  const low = meanExcitationEv < 100;
  const x1 = low ? 2 : 3;
  const x0 = low ? (cBar < 3.681 ? 0.2 : 0.326 * cBar - 1) : cBar < 5.215 ? 0.2 : 0.326 * cBar - 1.5;
  const k = 3;
  return { a: (cBar - 2 * Math.LN10 * x0) / (x1 - x0) ** k, k, x0, x1, cBar, delta0: 0 };
}
