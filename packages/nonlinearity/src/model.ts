import { z } from 'zod';
import { ValidationError } from '@nucal/core';

/** Names of the four non-linearity parameters, in fit and covariance order. */
export const NONLIN_PARAMETERS = ['p0', 'p1', 'p2', 'p3'] as const;
/** One of {@link NONLIN_PARAMETERS}. */
export type NonlinParameter = (typeof NONLIN_PARAMETERS)[number];

/**
 * Parameters of the electron non-linearity model
 * `f(E) = (p0 + p3/E) / (1 + p1 exp(-p2 E))`, E the electron kinetic energy in MeV
 * (JUNO calibration strategy, JHEP 03 (2021) 004, arXiv:2011.06405, eq. 4.1).
 * p0 is dimensionless, p1 dimensionless, p2 in 1/MeV, p3 in MeV.
 */
export const NonlinParams = z.object({
  p0: z.number().finite().describe('asymptotic visible/true ratio, dimensionless'),
  p1: z.number().finite().describe('quenching amplitude, dimensionless'),
  p2: z.number().finite().describe('quenching slope, 1/MeV'),
  p3: z.number().finite().describe('Cherenkov-threshold-like term, MeV'),
});
export type NonlinParams = z.infer<typeof NonlinParams>;

/**
 * Electron non-linearity f = E_vis / E_e at kinetic energy `energyMeV`.
 *
 * @example
 * fNonlin(2, { p0: 1.02, p1: 0.1, p2: 1.2, p3: -0.01 }) // ~0.99
 */
export function fNonlin(energyMeV: number, p: NonlinParams): number {
  if (!(energyMeV > 0)) throw new ValidationError(`electron energy ${energyMeV} MeV is invalid: expected > 0`);
  return (p.p0 + p.p3 / energyMeV) / (1 + p.p1 * Math.exp(-p.p2 * energyMeV));
}

/**
 * Electron visible energy g(E) = f(E) E in MeV. Unlike f it stays finite at E -> 0, so it
 * is what the quadratures integrate.
 *
 * @example
 * electronVisibleMeV(2, { p0: 1.02, p1: 0.1, p2: 1.2, p3: -0.01 }) // ~1.98
 */
export function electronVisibleMeV(energyMeV: number, p: NonlinParams): number {
  return (p.p0 * energyMeV + p.p3) / (1 + p.p1 * Math.exp(-p.p2 * energyMeV));
}

/**
 * Fills `out[k] = g(E_k) = f(E_k) E_k` (MeV) for every energy of `energiesMeV`; the hot loop
 * of the fit, so no allocation and no checks.
 *
 * @example
 * const out = new Float64Array(grid.length); electronVisibleInto(grid, p, out);
 */
export function electronVisibleInto(energiesMeV: Float64Array, p: NonlinParams, out: Float64Array): Float64Array {
  const { p0, p1, p2, p3 } = p;
  for (let k = 0; k < energiesMeV.length; k++) {
    const e = energiesMeV[k]!;
    out[k] = (p0 * e + p3) / (1 + p1 * Math.exp(-p2 * e));
  }
  return out;
}

/**
 * {@link electronVisibleInto} on the bin centres of an electron grid, with exp(-p2 E) advanced
 * by one multiplication per bin inside each run of equal-width bins (two exp calls per grid
 * instead of one per bin; the accumulated rounding stays near 1e-13 relative).
 *
 * @example
 * const g = gridVisibleInto(grid, p, new Float64Array(grid.centresMeV.length));
 */
export function gridVisibleInto(
  grid: { readonly centresMeV: Float64Array; readonly segments: readonly { first: number; count: number; centre0MeV: number; widthMeV: number }[] },
  p: NonlinParams,
  out: Float64Array,
): Float64Array {
  const { p0, p1, p2, p3 } = p;
  const e = grid.centresMeV;
  for (const s of grid.segments) {
    let x = Math.exp(-p2 * s.centre0MeV);
    const step = Math.exp(-p2 * s.widthMeV);
    const end = s.first + s.count;
    for (let k = s.first; k < end; k++) {
      out[k] = (p0 * e[k]! + p3) / (1 + p1 * x);
      x *= step;
    }
  }
  return out;
}

/** Parameters as a plain array in {@link NONLIN_PARAMETERS} order. */
export function paramsToArray(p: NonlinParams): [number, number, number, number] {
  return [p.p0, p.p1, p.p2, p.p3];
}
