import { erfc } from '@nucal/numeric';

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * Fraction of the charge collected in one wire cell that transverse diffusion moves into each
 * neighbouring cell: charge spread uniformly across a cell of width w and smeared by a Gaussian
 * of width sigma leaks f = Q(a) + (phi(0) - phi(a)) / a per side, a = w / sigma (Q the Gaussian
 * tail, phi the density). Next-to-nearest cells are neglected (f < 0.5 needs sigma < w).
 *
 * @example chargeSharingFraction(0.24, 0.479) // ~ 0.19
 */
export function chargeSharingFraction(sigmaCm: number, cellCm: number): number {
  if (!(sigmaCm > 0)) return 0;
  const a = cellCm / sigmaCm;
  const tail = 0.5 * erfc(a / Math.SQRT2);
  return tail + (INV_SQRT_2PI * (1 - Math.exp(-0.5 * a * a))) / a;
}

/**
 * Applies nearest-neighbour charge sharing along consecutive hits in place: hit k keeps
 * (1 - 2 f_k) of its charge and receives f_(k-1) and f_(k+1) of its neighbours'. Charge leaving
 * the first and last hit is lost (it lands on wires without other track charge).
 *
 * @example shareChargeInPlace(Float64Array.of(1, 1, 1), Float64Array.of(0.1, 0.1, 0.1), 0, 3)
 */
export function shareChargeInPlace(charge: Float64Array, fraction: Float64Array, start: number, count: number, scratch: Float64Array = new Float64Array(count)): void {
  for (let k = 0; k < count; k++) scratch[k] = charge[start + k]!;
  for (let k = 0; k < count; k++) {
    const fk = fraction[start + k]!;
    let q = scratch[k]! * (1 - 2 * fk);
    if (k > 0) q += fraction[start + k - 1]! * scratch[k - 1]!;
    if (k < count - 1) q += fraction[start + k + 1]! * scratch[k + 1]!;
    charge[start + k] = q;
  }
}
