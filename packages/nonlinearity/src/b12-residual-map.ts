import { z } from 'zod';
import { ValidationError } from '@nucal/core';
import { linearInterpolator } from '@nucal/numeric';

/**
 * The position dependence of the energy-scale residual seen by B-12 events: after the
 * uniformity correction, true g / calibrated g - 1 at radius r of the fiducial volume, in units
 * of the position-dependent effect's magnitude (a mock multiplies it by z x magnitude).
 * - `power` (default, power 3): s(rho) = sqrt(2p/3 + 1) rho^p with rho = r / R_fiducial, zero at
 *   the centre (where the map is anchored to the sources) and growing outwards, normalised so its
 *   RMS over the uniformly filled fiducial volume is 1: the 0.3% effect is then a 0.3% RMS
 *   residual over the B-12 events;
 * - `table`: s at given rho, linear in between (taken as given, not normalised).
 */
export const B12ResidualMap = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('power'), power: z.number().positive().default(3) }),
  z.object({
    kind: z.literal('table'),
    radiusFraction: z.array(z.number().min(0).max(1)).min(2).describe('r / R_fiducial, increasing'),
    residual: z.array(z.number()).min(2).describe('residual at each radius, in units of the effect magnitude'),
  }),
]);
export type B12ResidualMap = z.infer<typeof B12ResidualMap>;

/**
 * The residual map as a function of rho = r / R_fiducial in [0, 1].
 *
 * @example
 * const s = residualMapFunction({ kind: 'power', power: 3 });
 * s(1); // sqrt(3)
 */
export function residualMapFunction(map: B12ResidualMap): (rho: number) => number {
  if (map.kind === 'power') {
    const norm = Math.sqrt((2 * map.power) / 3 + 1);
    return (rho) => norm * Math.pow(rho, map.power);
  }
  if (map.radiusFraction.length !== map.residual.length) {
    throw new ValidationError(`B-12 residual map: ${map.radiusFraction.length} radii and ${map.residual.length} residuals: expected as many of each`);
  }
  const table = linearInterpolator(Float64Array.from(map.radiusFraction), Float64Array.from(map.residual), { outside: 'clamp' });
  return (rho) => table.at(rho);
}

/**
 * Vertex radius fraction rho = r / R of a decay uniform in the sphere, from a uniform u in [0, 1).
 *
 * @example
 * vertexRadiusFraction(0.125); // 0.5
 */
export function vertexRadiusFraction(u: number): number {
  return Math.cbrt(u);
}
