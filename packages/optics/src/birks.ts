import { ValidationError } from '@nucal/core';
import type { Material } from './material.js';
import { collisionStoppingPower } from './stopping-power.js';

/**
 * Birks quenching parameters: dL/dx = S dE/dx / (1 + kB dE/dx + kC (dE/dx)^2), with dE/dx
 * the mass collision stopping power in MeV cm2/g.
 */
export interface BirksParameters {
  /** Birks constant kB, g/(cm2 MeV) (LAB: about 6.5e-3). */
  readonly kBGPerCm2MeV: number;
  /** Second-order constant kC, (g/(cm2 MeV))^2 (often 0; about 1.5e-6 when used). */
  readonly kCG2PerCm4MeV2: number;
}

/**
 * Quench factor 1 / (1 + kB S + kC S^2) at a given mass stopping power S (MeV cm2/g).
 * @example quenchFactor(2, { kBGPerCm2MeV: 6.5e-3, kCG2PerCm4MeV2: 0 }) // 0.987
 */
export function quenchFactor(massStoppingPower: number, birks: BirksParameters): number {
  return 1 / (1 + birks.kBGPerCm2MeV * massStoppingPower + birks.kCG2PerCm4MeV2 * massStoppingPower * massStoppingPower);
}

/** Cumulative integrals over the slowing down of an electron, on a log grid of kinetic energy. */
export interface SlowingDownTable {
  /** Kinetic energies, MeV, log-spaced from `minMeV` to `maxMeV`. */
  readonly kineticEnergyMeV: Float64Array;
  /** Quenched scintillation integral L(T) = int_0^T dE / (1 + kB S + kC S^2), MeV. */
  readonly quenchedMeV: Float64Array;
}

/**
 * Quenched scintillation integral L(T) = int_0^T dE q(E) of an electron that stops in the
 * medium (continuous slowing down, collision stopping power), tabulated cumulatively on a
 * log grid by the trapezoidal rule in ln E. Below `minMeV` the quench factor is frozen at its
 * value at `minMeV` (the Bethe formula is not valid there; the contribution is < minMeV).
 *
 * @example const t = quenchedScintillationTable(LAB, { kBGPerCm2MeV: 6.5e-3, kCG2PerCm4MeV2: 0 }); t.quenchedMeV.at(-1)
 */
export function quenchedScintillationTable(
  material: Material,
  birks: BirksParameters,
  options: { minMeV?: number; maxMeV?: number; points?: number } = {},
): SlowingDownTable {
  const minMeV = options.minMeV ?? 1e-3;
  const maxMeV = options.maxMeV ?? 20;
  const points = options.points ?? 3000;
  if (!(minMeV > 0 && maxMeV > minMeV && points >= 2)) {
    throw new ValidationError(`quenchedScintillationTable: range [${minMeV}, ${maxMeV}] MeV, ${points} points; expected 0 < min < max, points >= 2`);
  }
  if (!(birks.kBGPerCm2MeV >= 0) || !(birks.kCG2PerCm4MeV2 >= 0)) {
    throw new ValidationError(`Birks constants kB = ${birks.kBGPerCm2MeV}, kC = ${birks.kCG2PerCm4MeV2}; expected >= 0`);
  }
  const e = new Float64Array(points);
  const l = new Float64Array(points);
  const step = Math.log(maxMeV / minMeV) / (points - 1);
  let prevIntegrand = 0;
  for (let i = 0; i < points; i++) {
    const ei = minMeV * Math.exp(i * step);
    e[i] = ei;
    // integrand in ln E: q(E) E
    const integrand = quenchFactor(collisionStoppingPower(material, ei), birks) * ei;
    if (i === 0) l[0] = integrand; // q(min) * min: frozen quench factor below min
    else l[i] = (l[i - 1] as number) + 0.5 * step * (integrand + prevIntegrand);
    prevIntegrand = integrand;
  }
  return { kineticEnergyMeV: e, quenchedMeV: l };
}
