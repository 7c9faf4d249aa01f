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
 *
 * A correlated effect may act on the B-12 events too (`b12`): `scale` shifts every event's
 * visible energy by the same z x magnitude (at the event's energy, by the same linear rule,
 * held constant beyond the sources' range), `vertex` by z x magnitude x the residual map at the
 * event's vertex (`b12-residual-map.ts`: B-12 decays fill the fiducial volume, and the
 * uniformity correction leaves a position-dependent residual). Without `b12` the B-12 events
 * stay as measured.
 */
export const SystematicEffect = z
  .object({
    name: z.string().min(1),
    mode: z.enum(['correlated', 'uncorrelated']).describe('correlated: one shift for all sources (mocks); uncorrelated: in sigma_i, independent shifts'),
    lowEnergyRel: z.number().nonnegative().describe('relative magnitude at the lowest gamma energy, e.g. 0.002 = 0.2%'),
    highEnergyRel: z.number().nonnegative().describe('relative magnitude at the highest gamma energy'),
    sources: z.array(z.string()).optional().describe('source ids concerned (default: all)'),
    b12: z.enum(['scale', 'vertex']).optional().describe('how a correlated effect moves the B-12 events: scale (all alike) or vertex (times the residual map at the vertex); absent: not at all'),
  })
  .refine((e) => e.mode === 'correlated' || e.b12 === undefined, { message: 'expected b12 only on a correlated effect (one z shared with the gamma peaks)' });
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
 * Both act on the B-12 events as well: the instrumental residual is a function of the charge,
 * so it moves the B-12 events like the gamma peaks (`b12: 'scale'`); the position residual
 * moves each B-12 event by the residual of the uniformity map at its vertex
 * (`b12: 'vertex'`). Shadowing and energy loss in the enclosure concern the sources only.
 */
export const DEFAULT_SYSTEMATICS: readonly SystematicEffect[] = [
  { name: 'optical-shadowing', mode: 'correlated', lowEnergyRel: 0.002, highEnergyRel: 0.001 },
  { name: 'enclosure-energy-loss', mode: 'correlated', lowEnergyRel: 0.001, highEnergyRel: 0.0005 },
  { name: 'amc-neutron-recoil', mode: 'uncorrelated', lowEnergyRel: 0.004, highEnergyRel: 0.004, sources: ['AmC'] },
  { name: 'instrumental-nonlinearity', mode: 'correlated', lowEnergyRel: 0.003, highEnergyRel: 0.003, b12: 'scale' },
  { name: 'position-dependent', mode: 'correlated', lowEnergyRel: 0.003, highEnergyRel: 0.003, b12: 'vertex' },
];

/**
 * Relative magnitude of `effect` for each gamma point (0 where it does not apply).
 *
 * @example
 * const rel = effectMagnitudes(DEFAULT_SYSTEMATICS[0]!, points); // 0.002 for Cs-137 ... 0.001 for AmC
 */
export function effectMagnitudes(effect: SystematicEffect, gammas: readonly GammaPoint[]): Float64Array {
  const applies = gammas.map((g) => effect.sources === undefined || effect.sources.includes(g.kernel.id));
  const at = effectMagnitudeAt(effect, gammas);
  return Float64Array.from(gammas, (g, i) => (applies[i] ? at(g.kernel.energyMeV) : 0));
}

/**
 * The relative magnitude of `effect` as a function of energy (MeV): linear from `lowEnergyRel`
 * at the lowest concerned gamma energy to `highEnergyRel` at the highest, constant beyond them
 * (the rule of {@link effectMagnitudes}, for B-12 events at any energy).
 *
 * @example
 * effectMagnitudeAt(DEFAULT_SYSTEMATICS[0]!, points)(12); // 0.001, the high-energy end
 */
export function effectMagnitudeAt(effect: SystematicEffect, gammas: readonly GammaPoint[]): (energyMeV: number) => number {
  const energies = gammas.filter((g) => effect.sources === undefined || effect.sources.includes(g.kernel.id)).map((g) => g.kernel.energyMeV);
  const lo = energies.length > 0 ? Math.min(...energies) : 0;
  const hi = energies.length > 0 ? Math.max(...energies) : 0;
  return (e) => {
    const t = hi > lo ? Math.min(1, Math.max(0, (e - lo) / (hi - lo))) : 0;
    return effect.lowEnergyRel + t * (effect.highEnergyRel - effect.lowEnergyRel);
  };
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
  return drawSystematics(gammas, effects, rng).gammas;
}

/**
 * {@link applySystematics} with the draws it made: `z[e]` is the standard-normal z of
 * correlated effect e (NaN for an uncorrelated one), for moving the B-12 events with the same z.
 *
 * @example
 * const { gammas, z } = drawSystematics(points, DEFAULT_SYSTEMATICS, rng);
 */
export function drawSystematics(gammas: readonly GammaPoint[], effects: readonly SystematicEffect[], rng: RandomSource): { gammas: GammaPoint[]; z: number[] } {
  const rel = new Float64Array(gammas.length);
  const zs: number[] = [];
  for (const effect of effects) {
    const mag = effectMagnitudes(effect, gammas);
    if (effect.mode === 'correlated') {
      const z = normal(rng);
      zs.push(z);
      for (let i = 0; i < rel.length; i++) rel[i]! += z * mag[i]!;
    } else {
      zs.push(Number.NaN);
      for (let i = 0; i < rel.length; i++) if (mag[i]! > 0) rel[i]! += normal(rng) * mag[i]!;
    }
  }
  return { gammas: gammas.map((g, i) => ({ ...g, measuredMeV: g.measuredMeV * (1 + rel[i]!) })), z: zs };
}
