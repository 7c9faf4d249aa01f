import type { RandomSource } from '@nucal/core';
import { ValidationError } from '@nucal/core';

/** Most probable value of the standard Landau density φ(λ) (Kölbig & Schorr, CPC 31 (1984) 97). */
export const LANDAU_MPV_STANDARD = -0.22278298;

const HALF_PI = Math.PI / 2;

/**
 * Landau deviate `location + scale * λ`, where λ follows the standard Landau density
 * φ(λ) = (1/π) ∫₀^∞ exp(-t ln t - λ t) sin(π t) dt (Landau 1944; the CERNLIB/ROOT convention,
 * so `landau(rng, mu, sigma)` matches ROOT's `TRandom::Landau(mu, sigma)` in distribution).
 *
 * `location` is NOT the most probable value: the MPV is `location + scale * LANDAU_MPV_STANDARD`
 * = location - 0.22278 * scale. The mean does not exist; the median is location + 1.3558 * scale.
 *
 * Method: Chambers–Mallows–Stuck (JASA 71 (1976) 340) for the stable law α = 1, β = 1, of which
 * φ is the member with scale π/2 and shift ln(π/2). With V uniform on (-π/2, π/2) and W a unit
 * exponential, λ = (π/2 + V) tan V - ln(W cos V / (π/2 + V)). It is exact (no table, unlike
 * CERNLIB RANLAN's tabulated inverse CDF) and costs two uniforms, a tan, a cos and two logs.
 *
 * @param location - location parameter (same unit as the result)
 * @param scale - scale parameter (> 0)
 * @example
 * const dEdxMeVcm = landau(rng, 1.70, 0.05); // MPV = 1.70 - 0.22278 * 0.05
 */
export function landau(rng: RandomSource, location = 0, scale = 1): number {
  if (!(scale > 0)) throw new ValidationError(`landau: scale ${scale}; expected a number > 0`);
  let u1: number;
  let u2: number;
  do {
    u1 = rng.uniform();
  } while (u1 === 0);
  do {
    u2 = rng.uniform();
  } while (u2 === 0);
  const v = Math.PI * (u1 - 0.5);
  const a = HALF_PI + v;
  const w = -Math.log(u2);
  const lambda = a * Math.tan(v) - Math.log((w * Math.cos(v)) / a);
  return location + scale * lambda;
}
