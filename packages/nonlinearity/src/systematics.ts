import { z } from 'zod';
import type { RandomSource } from '@nucal/core';
import { normal } from '@nucal/numeric';
import type { GammaPoint } from './chi2.js';

/**
 * A known bias of the source peaks (PHYSICS.md 1.2; JUNO calibration strategy,
 * arXiv:2011.06405, sect. 4.2). Its uncertainty is taken equal to its magnitude. A
 * `correlated` effect moves every source it concerns together: a mock shifts the peaks by
 * z x magnitude with one standard-normal z. An `uncorrelated` (point-to-point) effect, such as
 * the single-point 6.13 MeV n-p recoil, is independent from source to source: its magnitude
 * is part of each concerned source's sigma_i in the chi2 (`withUncorrelatedErrors`), and a
 * mock shifts each concerned source by its own z_i x magnitude. The magnitude runs linearly
 * in gamma energy from `lowEnergyRel` (lowest-energy source concerned) to `highEnergyRel`
 * (highest).
 */
export const SystematicEffect = z.object({
  name: z.string().min(1),
  mode: z.enum(['correlated', 'uncorrelated']).describe('correlated: one shift for all sources (mocks); uncorrelated: in sigma_i, independent shifts'),
  lowEnergyRel: z.number().nonnegative().describe('relative magnitude at the lowest gamma energy, e.g. 0.002 = 0.2%'),
  highEnergyRel: z.number().nonnegative().describe('relative magnitude at the highest gamma energy'),
  sources: z.array(z.string()).optional().describe('source ids concerned (default: all)'),
});
export type SystematicEffect = z.infer<typeof SystematicEffect>;

/**
 * The effects of PHYSICS.md 1.2. Where a range is given, the larger magnitude goes to the
 * low-energy sources: their gammas interact closer to the source, so shadowing by the
 * enclosure and energy loss in it weigh more (our choice; the brief gives only the range).
 * The 6.13 MeV n-p recoil concerns one source and is uncorrelated (it enters AmC's sigma_i).
 * The instrumental and position-dependent residuals are correlated, as 1.2 states: the
 * residual of the channel-level (dual-calorimetry) correction is a smooth function of the
 * charge that moves all central source peaks the same way, and the position-dependent
 * residual is the one mismatch between the centre, where every source sits, and the volume
 * the physics events fill. Neither scatters from source to source.
 */
export const DEFAULT_SYSTEMATICS: readonly SystematicEffect[] = [
  { name: 'optical-shadowing', mode: 'correlated', lowEnergyRel: 0.002, highEnergyRel: 0.001 },
  { name: 'enclosure-energy-loss', mode: 'correlated', lowEnergyRel: 0.001, highEnergyRel: 0.0005 },
  { name: 'amc-neutron-recoil', mode: 'uncorrelated', lowEnergyRel: 0.004, highEnergyRel: 0.004, sources: ['AmC'] },
  { name: 'instrumental-nonlinearity', mode: 'correlated', lowEnergyRel: 0.003, highEnergyRel: 0.003 },
  { name: 'position-dependent', mode: 'correlated', lowEnergyRel: 0.003, highEnergyRel: 0.003 },
];

/**
 * Relative magnitude of `effect` for each gamma point (0 where it does not apply).
 *
 * @example
 * const rel = effectMagnitudes(DEFAULT_SYSTEMATICS[0]!, points); // 0.002 for Cs-137 ... 0.001 for AmC
 */
export function effectMagnitudes(effect: SystematicEffect, gammas: readonly GammaPoint[]): Float64Array {
  const applies = gammas.map((g) => effect.sources === undefined || effect.sources.includes(g.kernel.id));
  const energies = gammas.filter((_, i) => applies[i]).map((g) => g.kernel.energyMeV);
  const lo = Math.min(...energies);
  const hi = Math.max(...energies);
  return Float64Array.from(gammas, (g, i) => {
    if (!applies[i]) return 0;
    const t = hi > lo ? (g.kernel.energyMeV - lo) / (hi - lo) : 0;
    return effect.lowEnergyRel + t * (effect.highEnergyRel - effect.lowEnergyRel);
  });
}

/**
 * A mock data set: the measured peaks shifted by every effect drawn once (one z for a
 * correlated effect, one z per concerned source for an uncorrelated one). The points keep
 * their errors.
 *
 * @example
 * const mock = applySystematics(points, DEFAULT_SYSTEMATICS, rng.fork('mock-7'));
 */
export function applySystematics(gammas: readonly GammaPoint[], effects: readonly SystematicEffect[], rng: RandomSource): GammaPoint[] {
  const rel = new Float64Array(gammas.length);
  for (const effect of effects) {
    const mag = effectMagnitudes(effect, gammas);
    if (effect.mode === 'correlated') {
      const z = normal(rng);
      for (let i = 0; i < rel.length; i++) rel[i]! += z * mag[i]!;
    } else {
      for (let i = 0; i < rel.length; i++) if (mag[i]! > 0) rel[i]! += normal(rng) * mag[i]!;
    }
  }
  return gammas.map((g, i) => ({ ...g, measuredMeV: g.measuredMeV * (1 + rel[i]!) }));
}
