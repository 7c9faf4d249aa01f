import { z } from 'zod';
import { ValidationError, formatZodIssues } from '@nucal/core';
import { sternheimerPeierls as generalSternheimerPeierls } from '@nucal/numeric';

/**
 * Sternheimer density-effect parameters (R.M. Sternheimer, M.J. Berger, S.M. Seltzer,
 * At. Data Nucl. Data Tables 30 (1984) 261): delta(x) with x = log10(beta gamma).
 * @example DensityEffectSchema.parse({ cBar: 3.5017, x0: 0.24, x1: 2.8004, a: 0.09116, m: 3.4773 })
 */
export const DensityEffectSchema = z.object({
  cBar: z.number().positive(),
  x0: z.number(),
  x1: z.number(),
  a: z.number().nonnegative(),
  m: z.number().positive(),
  delta0: z.number().nonnegative().default(0),
});
/** Sternheimer density-effect parameters. */
export type DensityEffect = z.infer<typeof DensityEffectSchema>;

/**
 * A homogeneous material for electron and photon transport: elemental composition (atoms per
 * formula unit), density, mean excitation energy and density-effect parameters.
 * @example MaterialSchema.parse(LAB)
 */
export const MaterialSchema = z.object({
  name: z.string().min(1),
  densityGPerCm3: z.number().positive(),
  elements: z
    .array(z.object({ symbol: z.enum(['H', 'C', 'N', 'O']), z: z.number().int().positive(), atomicMass: z.number().positive(), atoms: z.number().positive() }))
    .min(1),
  meanExcitationEnergyEv: z.number().positive().describe('I, eV'),
  densityEffect: DensityEffectSchema,
});
/** A material. */
export type Material = z.infer<typeof MaterialSchema>;

/**
 * I-values of atoms bound in condensed compounds for the Bragg additivity rule, eV:
 * H 19.2, C 81, N 82, O 106 (ICRU Report 37, 1984, sect. 2.4 / Table 2.11; S.M. Seltzer and
 * M.J. Berger, Int. J. Appl. Radiat. Isot. 33 (1982) 1189).
 */
export const BONDED_I_VALUES_EV: Readonly<Record<'H' | 'C' | 'N' | 'O', number>> = { H: 19.2, C: 81, N: 82, O: 106 };

/**
 * <Z/A> of a material (electrons per atomic mass unit), mass-weighted over its elements.
 * @example zOverA(LAB) // 0.5600
 */
export function zOverA(m: Pick<Material, 'elements'>): number {
  let zSum = 0;
  let aSum = 0;
  for (const e of m.elements) {
    zSum += e.atoms * e.z;
    aSum += e.atoms * e.atomicMass;
  }
  return zSum / aSum;
}

/**
 * Mean excitation energy by the Bragg additivity rule,
 * ln I = sum_j w_j (Z/A)_j ln I_j / sum_j w_j (Z/A)_j (ICRU Report 37, Eq. 2.22),
 * with the bonded-atom I_j of {@link BONDED_I_VALUES_EV}.
 * @example braggMeanExcitationEv([{ symbol: 'C', z: 6, atomicMass: 12.011, atoms: 18 }, { symbol: 'H', z: 1, atomicMass: 1.008, atoms: 30 }]) // about 59
 */
export function braggMeanExcitationEv(elements: Material['elements']): number {
  let num = 0;
  let den = 0;
  for (const e of elements) {
    const electrons = e.atoms * e.z; // w_j (Z/A)_j is proportional to the electrons of element j
    num += electrons * Math.log(BONDED_I_VALUES_EV[e.symbol]);
    den += electrons;
  }
  return Math.exp(num / den);
}

/**
 * Density-effect parameters from Sternheimer & Peierls' general formulas for condensed media
 * (R.M. Sternheimer and R.F. Peierls, Phys. Rev. B 3 (1971) 3681; ICRU Report 37): numeric's
 * `sternheimerPeierls` (which uses 2 ln10 for the papers' rounded 4.606, so that delta is
 * continuous at x0), in this package's {@link DensityEffect} shape (exponent named m).
 * @example sternheimerPeierls(59, 0.86, 0.56).cBar // about 3.17
 */
export function sternheimerPeierls(meanExcitationEv: number, densityGPerCm3: number, zOverAValue: number): DensityEffect {
  const p = generalSternheimerPeierls(meanExcitationEv, densityGPerCm3, zOverAValue);
  return { cBar: p.cBar, x0: p.x0, x1: p.x1, a: p.a, m: p.k, delta0: p.delta0 };
}

/**
 * Builds a material from its composition: I by the Bragg rule and the density effect from
 * Sternheimer-Peierls unless given.
 * @example const lab = makeMaterial({ name: 'LAB', densityGPerCm3: 0.86, elements: [...] });
 */
export function makeMaterial(input: {
  name: string;
  densityGPerCm3: number;
  elements: Material['elements'];
  meanExcitationEnergyEv?: number;
  densityEffect?: z.input<typeof DensityEffectSchema>;
}): Material {
  const i = input.meanExcitationEnergyEv ?? braggMeanExcitationEv(input.elements);
  const invalid = (issues: z.core.$ZodIssue[]) => new ValidationError(`material ${input.name} is invalid`, formatZodIssues(issues));
  // the composition first, so that a bad density is named as such before the density effect needs it
  const base = MaterialSchema.omit({ densityEffect: true }).safeParse({ name: input.name, densityGPerCm3: input.densityGPerCm3, elements: input.elements, meanExcitationEnergyEv: i });
  if (!base.success) throw invalid(base.error.issues);
  const r = MaterialSchema.safeParse({ ...base.data, densityEffect: input.densityEffect ?? sternheimerPeierls(i, base.data.densityGPerCm3, zOverA(base.data)) });
  if (!r.success) throw invalid(r.error.issues);
  return r.data;
}

/**
 * Linear alkylbenzene (LAB) approximated as dodecylbenzene C18H30 (C6H5-C12H25), density
 * 0.86 g/cm3 (PHYSICS.md 1.3); I = 59.2 eV by the Bragg rule; density effect from
 * Sternheimer-Peierls. The fluors (PPO, bis-MSB at g/L level) are neglected.
 * @example LAB.meanExcitationEnergyEv // 59.2
 */
export const LAB: Material = makeMaterial({
  name: 'LAB (C18H30)',
  densityGPerCm3: 0.86,
  elements: [
    { symbol: 'C', z: 6, atomicMass: 12.011, atoms: 18 },
    { symbol: 'H', z: 1, atomicMass: 1.008, atoms: 30 },
  ],
});

/**
 * Liquid water as defined by NIST ESTAR (I = 75 eV, Sternheimer 1984 density-effect
 * parameters), used to validate the stopping-power code against ESTAR.
 * @example WATER_ESTAR.meanExcitationEnergyEv // 75
 */
export const WATER_ESTAR: Material = makeMaterial({
  name: 'water (ESTAR)',
  densityGPerCm3: 1,
  elements: [
    { symbol: 'H', z: 1, atomicMass: 1.00794, atoms: 2 },
    { symbol: 'O', z: 8, atomicMass: 15.9994, atoms: 1 },
  ],
  meanExcitationEnergyEv: 75,
  densityEffect: { cBar: 3.5017, x0: 0.24, x1: 2.8004, a: 0.09116, m: 3.4773, delta0: 0 },
});
