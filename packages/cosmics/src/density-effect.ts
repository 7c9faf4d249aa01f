import type { StoppingMaterial } from './lar-material.js';

/**
 * Sternheimer density-effect correction delta(beta gamma) (PDG review "Passage of particles
 * through matter", eq. 34.7 and Sternheimer, Berger & Seltzer, At. Data Nucl. Data Tables 30
 * (1984) 261), with x = log10(beta gamma):
 * 2 ln10 x - Cbar above x1, plus a (x1 - x)^k between x0 and x1, delta0 10^(2(x - x0)) below x0.
 *
 * @example densityEffect(liquidArgon(), 1000) // ~ 2 ln(1000) - 5.2146 = 8.60
 */
export function densityEffect(material: StoppingMaterial, betaGamma: number): number {
  const { a, k, x0, x1, cBar, delta0 } = material.sternheimer;
  const x = Math.log10(betaGamma);
  if (x >= x1) return 2 * Math.LN10 * x - cBar;
  if (x >= x0) return 2 * Math.LN10 * x - cBar + a * (x1 - x) ** k;
  return delta0 > 0 ? delta0 * 10 ** (2 * (x - x0)) : 0;
}
