import { z } from 'zod';
import { OutOfRangeError } from '@nucal/core';
import { larDensityGPerCm3 } from '@nucal/tpc-drift';

/**
 * The stopping-power description of a material: composition, mean excitation energy and the
 * Sternheimer density-effect parameters.
 */
export const StoppingMaterialSchema = z.object({
  name: z.string(),
  /** Atomic number. */
  Z: z.number().positive(),
  /** Atomic mass, g/mol. */
  A: z.number().positive(),
  /** Mean excitation energy, eV. */
  meanExcitationEv: z.number().positive(),
  /** Density, g/cm^3. */
  densityGPerCm3: z.number().positive(),
  /** Sternheimer density-effect parameters (PDG convention, x = log10(beta gamma); numeric's SternheimerParameters, for its densityEffectDelta). */
  sternheimer: z.object({
    a: z.number(),
    k: z.number(),
    x0: z.number(),
    x1: z.number(),
    cBar: z.number(),
    delta0: z.number().nonnegative(),
  }),
});
export type StoppingMaterial = z.infer<typeof StoppingMaterialSchema>;

/** PDG's liquid-argon density at its normal boiling point, g/cm^3 (PDG Atomic and Nuclear Properties, "Liquid argon (Ar)"). */
export const PDG_LAR_DENSITY_G_PER_CM3 = 1.396;

/**
 * Liquid argon for energy loss, PDG Atomic and Nuclear Properties ("Liquid argon (Ar)"):
 * Z = 18, A = 39.948 g/mol, I = 188.0 eV, Sternheimer a = 0.1956, k = 3.0, x0 = 0.2, x1 = 3.0,
 * Cbar = 5.2146, delta0 = 0. The density defaults to PDG's 1.396 g/cm^3; give a temperature to
 * take it from `@nucal/tpc-drift`'s `larDensityGPerCm3`, or a density directly.
 *
 * @example const lar = liquidArgon({ temperatureK: 87 }); // densityGPerCm3 = 1.393
 */
export function liquidArgon(options: { temperatureK?: number; densityGPerCm3?: number } = {}): StoppingMaterial {
  const densityGPerCm3 =
    options.densityGPerCm3 ??
    (options.temperatureK !== undefined ? larDensityGPerCm3(options.temperatureK) : PDG_LAR_DENSITY_G_PER_CM3);
  if (!(densityGPerCm3 > 0)) throw new OutOfRangeError(`LAr density ${densityGPerCm3} g/cm^3: expected a positive number`);
  return {
    name: 'liquid argon',
    Z: 18,
    A: 39.948,
    meanExcitationEv: 188.0,
    densityGPerCm3,
    sternheimer: { a: 0.1956, k: 3.0, x0: 0.2, x1: 3.0, cBar: 5.2146, delta0: 0 },
  };
}
