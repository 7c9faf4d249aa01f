import { OutOfRangeError } from '@nucal/core';

/** Temperature range of {@link larDensityGPerCm3}: liquid argon from the triple point (83.8 K) to 94 K. */
export const LAR_DENSITY_VALIDITY_K = Object.freeze({ min: 83.8, max: 94 });

/**
 * Liquid argon density versus temperature, rho = -0.00615 T + 1.928 g/cm3 (T in K), the
 * linear fit used by LArSoft's `DetectorPropertiesStandard::Density` (about 0.5% accuracy
 * near the normal boiling point; PHYSICS.md section 5).
 *
 * @param temperatureK - temperature, K (83.8..94)
 * @returns density, g/cm3
 * @example
 * larDensityGPerCm3(87) // 1.39295
 */
export function larDensityGPerCm3(temperatureK: number): number {
  const r = LAR_DENSITY_VALIDITY_K;
  if (!(temperatureK >= r.min && temperatureK <= r.max)) {
    throw new OutOfRangeError(`LAr temperature ${temperatureK} K is outside the density fit: expected ${r.min} <= T <= ${r.max} K`);
  }
  return -0.00615 * temperatureK + 1.928;
}
