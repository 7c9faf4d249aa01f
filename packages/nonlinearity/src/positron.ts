import { OutOfRangeError, ValidationError } from '@nucal/core';
import { brent } from '@nucal/numeric';
import { electronVisibleMeV, type NonlinParams } from './model.js';

/** Kinetic energies (MeV) of the mono-energetic positrons of the positron check (plot, closure): 1 to 8 MeV in 0.5 MeV steps. */
export const POSITRON_CHECK_ENERGIES_MEV: readonly number[] = [1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8];

/** Largest positron kinetic energy the solver searches, MeV (reactor positrons end near 8 MeV). */
export const POSITRON_MAX_KINETIC_MEV = 20;

/**
 * Positron kinetic energy (MeV) from the prompt visible energy: solves
 * E_vis_prompt = E_vis_anni + E f(E) for E with Brent's method (PHYSICS.md 1.4). A prompt
 * energy below what a zero-kinetic positron gives returns 0 (resolution can push events there).
 *
 * @example
 * const eRec = positronKineticMeV(4.0, 1.0, params); // about 3 MeV
 */
export function positronKineticMeV(promptVisibleMeV: number, annihilationVisibleMeV: number, p: NonlinParams): number {
  if (!Number.isFinite(promptVisibleMeV)) throw new ValidationError(`prompt visible energy ${promptVisibleMeV} MeV is invalid: expected a finite number`);
  const target = promptVisibleMeV - annihilationVisibleMeV;
  const g = (e: number): number => electronVisibleMeV(e, p) - target;
  const lo = 1e-6;
  if (g(lo) >= 0) return 0;
  if (g(POSITRON_MAX_KINETIC_MEV) < 0) {
    throw new OutOfRangeError(`prompt visible energy ${promptVisibleMeV} MeV is beyond the reconstruction range: expected a kinetic energy below ${POSITRON_MAX_KINETIC_MEV} MeV`);
  }
  // bracket tightly around the linear guess, widening to the full range only if needed
  const guess = target / p.p0;
  let a = Math.max(lo, 0.9 * guess - 0.05);
  let b = Math.min(POSITRON_MAX_KINETIC_MEV, 1.1 * guess + 0.05);
  if (g(a) > 0) a = lo;
  if (g(b) < 0) b = POSITRON_MAX_KINETIC_MEV;
  return brent(g, a, b, { tol: 1e-10 });
}

/**
 * {@link positronKineticMeV} for many events.
 *
 * @example
 * const eRec = positronsKineticMeV(new Float64Array([2, 4, 6]), 1.0, params);
 */
export function positronsKineticMeV(promptVisibleMeV: ArrayLike<number>, annihilationVisibleMeV: number, p: NonlinParams): Float64Array {
  const out = new Float64Array(promptVisibleMeV.length);
  for (let i = 0; i < out.length; i++) out[i] = positronKineticMeV(promptVisibleMeV[i]!, annihilationVisibleMeV, p);
  return out;
}
