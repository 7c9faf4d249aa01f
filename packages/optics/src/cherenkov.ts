import { ValidationError } from '@nucal/core';
import { physicalConstants } from '@nucal/numeric';
import type { Material } from './material.js';
import { collisionStoppingPower } from './stopping-power.js';

const ELECTRON_MASS_MEV: number = physicalConstants.electronMassMeV;
const FINE_STRUCTURE: number = physicalConstants.fineStructure;

/**
 * Kinetic energy (MeV) above which a particle of mass `massMeV` emits Cherenkov light in a
 * medium of refractive index n: beta > 1/n, i.e. T > m (1 / sqrt(1 - 1/n^2) - 1).
 * For electrons in n = 1.50: 0.1746 MeV.
 * @example cherenkovThresholdMeV(1.5) // 0.17458
 */
export function cherenkovThresholdMeV(refractiveIndex: number, massMeV: number = ELECTRON_MASS_MEV): number {
  if (!(refractiveIndex > 1)) throw new ValidationError(`cherenkovThresholdMeV: refractive index ${refractiveIndex}; expected > 1`);
  return massMeV * (1 / Math.sqrt(1 - 1 / (refractiveIndex * refractiveIndex)) - 1);
}

/**
 * Cherenkov photons emitted per cm by a singly charged particle between two wavelengths
 * (Frank-Tamm, constant n): dN/dx = 2 pi alpha (1/lambda1 - 1/lambda2) (1 - 1/(beta^2 n^2)).
 * @example cherenkovPhotonsPerCm(0.99, 1.5, 300, 600) // about 420
 */
export function cherenkovPhotonsPerCm(beta: number, refractiveIndex: number, lambdaMinNm: number, lambdaMaxNm: number): number {
  if (!(lambdaMaxNm > lambdaMinNm && lambdaMinNm > 0)) {
    throw new ValidationError(`cherenkovPhotonsPerCm: window [${lambdaMinNm}, ${lambdaMaxNm}] nm; expected 0 < min < max`);
  }
  const s = 1 - 1 / (beta * beta * refractiveIndex * refractiveIndex);
  if (s <= 0) return 0;
  const perCm = 1e7 * (1 / lambdaMinNm - 1 / lambdaMaxNm); // nm^-1 -> cm^-1
  return 2 * Math.PI * FINE_STRUCTURE * perCm * s;
}

/** Cherenkov window and index used for the photon count. */
export interface CherenkovParameters {
  /** Refractive index n (constant over the window; LS about 1.50). */
  readonly refractiveIndex: number;
  /** Lower edge of the counted wavelength window, nm. */
  readonly lambdaMinNm: number;
  /** Upper edge of the counted wavelength window, nm. */
  readonly lambdaMaxNm: number;
}

/**
 * Number of Cherenkov photons of an electron that stops in the medium, N(T) = int dN/dx / (dE/dx) dE
 * from the threshold to T (continuous slowing down with the collision stopping power),
 * cumulative on a log grid of T (same grid convention as the quenching table).
 * @example cherenkovPhotonTable(LAB, { refractiveIndex: 1.5, lambdaMinNm: 300, lambdaMaxNm: 600 }).photons.at(-1)
 */
export function cherenkovPhotonTable(
  material: Material,
  params: CherenkovParameters,
  options: { minMeV?: number; maxMeV?: number; points?: number } = {},
): { kineticEnergyMeV: Float64Array; photons: Float64Array } {
  const minMeV = options.minMeV ?? 1e-3;
  const maxMeV = options.maxMeV ?? 20;
  const points = options.points ?? 3000;
  const e = new Float64Array(points);
  const n = new Float64Array(points);
  const step = Math.log(maxMeV / minMeV) / (points - 1);
  let prev = 0;
  for (let i = 0; i < points; i++) {
    const ei = minMeV * Math.exp(i * step);
    e[i] = ei;
    const gamma = 1 + ei / ELECTRON_MASS_MEV;
    const beta = Math.sqrt(1 - 1 / (gamma * gamma));
    const dNdx = cherenkovPhotonsPerCm(beta, params.refractiveIndex, params.lambdaMinNm, params.lambdaMaxNm);
    const integrand = dNdx > 0 ? (dNdx / (collisionStoppingPower(material, ei) * material.densityGPerCm3)) * ei : 0;
    n[i] = i === 0 ? 0 : (n[i - 1] as number) + 0.5 * step * (integrand + prev);
    prev = integrand;
  }
  return { kineticEnergyMeV: e, photons: n };
}
