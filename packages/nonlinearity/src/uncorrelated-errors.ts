import type { GammaPoint } from './chi2.js';
import { effectMagnitudes, type SystematicEffect } from './systematics.js';

/**
 * Relative point-to-point systematic uncertainty of each gamma point: the quadrature sum of
 * the magnitudes of the `uncorrelated` effects concerning it (0 where none does). Correlated
 * effects are ignored here; they enter through the mocks of the systematic band.
 *
 * @example
 * uncorrelatedRel(points, DEFAULT_SYSTEMATICS); // 0.004 for AmC (6.13 MeV n-p recoil), 0 elsewhere
 */
export function uncorrelatedRel(gammas: readonly GammaPoint[], effects: readonly SystematicEffect[]): Float64Array {
  const sum2 = new Float64Array(gammas.length);
  for (const effect of effects) {
    if (effect.mode !== 'uncorrelated') continue;
    const mag = effectMagnitudes(effect, gammas);
    for (let i = 0; i < sum2.length; i++) sum2[i]! += mag[i]! * mag[i]!;
  }
  return sum2.map(Math.sqrt);
}

/**
 * The gamma points with sigma_i = sqrt(stat_i^2 + sum_e (u_e,i M_i)^2) (PHYSICS.md 1.2:
 * uncertainties equal to the bias magnitudes; 1.4: the chi2's sigma_i): `u_e,i` the relative
 * magnitude of each uncorrelated effect e for point i, M_i its measured visible energy (MeV).
 * The statistical error stays available as `statErrorMeV`. Use the result in the nominal fit,
 * the mock fits and the in-family toys alike, so all three weigh the points the same way.
 *
 * @example
 * const points = withUncorrelatedErrors(statOnlyPoints, options.systematics.effects);
 * points[8].errorMeV; // AmC: hypot(0.0003, 0.004 * 6.26) = 0.025 MeV
 */
export function withUncorrelatedErrors(gammas: readonly GammaPoint[], effects: readonly SystematicEffect[]): GammaPoint[] {
  const rel = uncorrelatedRel(gammas, effects);
  return gammas.map((g, i) => {
    const statErrorMeV = g.statErrorMeV ?? g.errorMeV;
    return { ...g, statErrorMeV, errorMeV: Math.hypot(statErrorMeV, rel[i]! * g.measuredMeV) };
  });
}
