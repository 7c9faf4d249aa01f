import { z } from 'zod';

/**
 * Energy resolution sigma/E = sqrt((a/sqrt(E))^2 + b^2 + (c/E)^2), E visible energy in MeV,
 * a, b, c in percent (the parametrisation of PHYSICS.md 1.5 and JUNO, arXiv:2011.06405).
 * Default 3%/sqrt(E), the JUNO design figure.
 */
export const ResolutionModel = z.object({
  aPercent: z.number().nonnegative().default(3).describe('stochastic term, % sqrt(MeV)'),
  bPercent: z.number().nonnegative().default(0).describe('constant term, %'),
  cPercent: z.number().nonnegative().default(0).describe('noise term, % MeV'),
});
export type ResolutionModel = z.infer<typeof ResolutionModel>;

/**
 * Absolute resolution sigma (MeV) at visible energy `energyMeV` (MeV).
 *
 * @example
 * resolutionSigmaMeV(4, { aPercent: 3, bPercent: 0, cPercent: 0 }) // 0.06
 */
export function resolutionSigmaMeV(energyMeV: number, r: ResolutionModel): number {
  const e = Math.max(energyMeV, 1e-6);
  const a = r.aPercent / 100;
  const b = r.bPercent / 100;
  const c = r.cPercent / 100;
  return Math.sqrt(a * a * e + b * b * e * e + c * c);
}
