import type { RandomSource } from '@nucal/core';
import { physicalConstants } from '@nucal/numeric';

const ELECTRON_MASS_MEV: number = physicalConstants.electronMassMeV;

/**
 * Energies of the Ge-68 source emission: the Ga-68 positron stops in the enclosure and
 * annihilates at rest into two gammas of m_e c^2 each, emitted back to back.
 * @example GE68_ANNIHILATION_GAMMAS_MEV // [0.51099895, 0.51099895]
 */
export const GE68_ANNIHILATION_GAMMAS_MEV: readonly [number, number] = [ELECTRON_MASS_MEV, ELECTRON_MASS_MEV];

/**
 * Writes an isotropic unit vector (x, y, z) into `out` at `offset` (no allocation).
 * @example const d = new Float64Array(3); isotropicDirection(rng, d, 0);
 */
export function isotropicDirection(rng: RandomSource, out: Float64Array, offset: number): void {
  const cosTheta = 2 * rng.uniform() - 1;
  const phi = 2 * Math.PI * rng.uniform();
  const sinTheta = Math.sqrt(Math.max(0, 1 - cosTheta * cosTheta));
  out[offset] = sinTheta * Math.cos(phi);
  out[offset + 1] = sinTheta * Math.sin(phi);
  out[offset + 2] = cosTheta;
}

/**
 * Directions of the two annihilation gammas of one Ge-68 emission: an isotropic unit vector
 * in `out[offset..offset+2]` and its opposite in `out[offset+3..offset+5]`.
 * @example const dirs = new Float64Array(6); ge68AnnihilationDirections(rng, dirs, 0); // dirs[3] === -dirs[0]
 */
export function ge68AnnihilationDirections(rng: RandomSource, out: Float64Array, offset: number): void {
  isotropicDirection(rng, out, offset);
  out[offset + 3] = -(out[offset] as number);
  out[offset + 4] = -(out[offset + 1] as number);
  out[offset + 5] = -(out[offset + 2] as number);
}
