import { ValidationError, type RandomSource } from '@nucal/core';
import { allocateSample, type EventSample } from './event-sample.js';
import { GaussianStream } from './gaussian-stream.js';
import type { ResponseMapLike } from './response-map.js';
import { darkNoiseMeanPe, type ToyConfig } from './toy-config.js';

/** Where the toy puts its vertices: uniform in the LS sphere, or all at the centre. */
export type VertexDistribution = 'uniform' | 'centre';

/**
 * Point-like events (positrons) of one visible energy: vertex, expected PE = E_vis x
 * peMeV(vertex) from the true map, photon statistics and dark noise, single-PE charge
 * resolution, vertex reconstruction. The charge is drawn as one Gaussian,
 * Q ~ Normal(mu_s + mu_d, sqrt((mu_s + mu_d)(1 + s^2))): the Poisson counts are large (mu_s
 * >= ~1,000 PE, mu_d = 185 PE) so their Gaussian approximation is exact to O(1/sqrt(mu)) in
 * the tails, and a Gaussian sum of N single-PE charges of width s adds s^2 N to the
 * variance. The reconstructed vertex is the true one smeared by k / sqrt(E_vis) per
 * coordinate. Writes into typed arrays, no allocation per event.
 *
 * @example
 * const s = simulatePointEvents(map, ToyConfigSchema.parse({}), 4.0, 100_000, 'uniform', rng);
 */
export function simulatePointEvents(
  map: ResponseMapLike,
  c: ToyConfig,
  visibleMeV: number,
  count: number,
  vertices: VertexDistribution,
  rng: RandomSource,
  out: EventSample = allocateSample(count),
): EventSample {
  if (!(visibleMeV > 0)) throw new ValidationError(`visible energy ${visibleMeV} MeV is invalid: expected > 0`);
  if (out.count < count) throw new ValidationError(`output sample holds ${out.count} events: expected at least ${count}`);
  const gauss = new GaussianStream(rng);
  const R = map.lsRadiusCm;
  const R2 = R * R;
  const muD = darkNoiseMeanPe(c);
  const f = 1 + c.speChargeResolution * c.speChargeResolution;
  const smear = c.vertexSmearingCm / Math.sqrt(visibleMeV);
  const { xCm, yCm, zCm, chargePe } = out;
  const uniform = vertices === 'uniform';
  for (let i = 0; i < count; i++) {
    let x = 0;
    let y = 0;
    let z = 0;
    if (uniform) {
      do {
        x = (2 * rng.uniform() - 1) * R;
        y = (2 * rng.uniform() - 1) * R;
        z = (2 * rng.uniform() - 1) * R;
      } while (x * x + y * y + z * z > R2);
    }
    const mu = visibleMeV * map.peMeV(x, y, z) + muD;
    chargePe[i] = mu + Math.sqrt(mu * f) * gauss.next();
    if (smear > 0) {
      xCm[i] = x + smear * gauss.next();
      yCm[i] = y + smear * gauss.next();
      zCm[i] = z + smear * gauss.next();
    } else {
      xCm[i] = x;
      yCm[i] = y;
      zCm[i] = z;
    }
  }
  return out;
}
